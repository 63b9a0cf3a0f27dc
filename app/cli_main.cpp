// normlab-cli: runs one experiment or a benchmark headless and exits.

#include "core/Benchmark.h"
#include "core/CliOptions.h"
#include "core/Engine.h"
#include "core/ResultsCsv.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInterrupted = 130;

std::atomic<bool> interrupted{false};

void onInterrupt(int) { interrupted.store(true); }

std::string fixed(double value, int decimals)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

// One progress line per epoch on stderr.
class ProgressPrinter : public normlab::TrainingObserver
{
public:
    explicit ProgressPrinter(bool quiet) : quiet_(quiet) {}

    void runStarted(const normlab::RunInfo &info) override
    {
        epochs_ = info.epochs;
        if (!quiet_)
            std::cerr << info.name << ": " << info.trainSize << " training, " << info.valSize
                      << " validation, " << info.testSize << " test images; " << info.parameters
                      << " parameters\n";
    }
    void batchFinished(const normlab::BatchProgress &p) override { imagesPerSecond_ = p.imagesPerSecond; }
    void epochFinished(const normlab::EpochMetrics &m) override
    {
        if (quiet_)
            return;
        std::cerr << "epoch " << m.epoch << "/" << epochs_ << "  train loss "
                  << fixed(m.trainLoss, 4) << " acc " << fixed(m.trainAcc, 4) << "  val loss "
                  << fixed(m.valLoss, 4) << " acc " << fixed(m.valAcc, 4) << "  test loss "
                  << fixed(m.testLoss, 4) << " acc " << fixed(m.testAcc, 4) << "  "
                  << fixed(m.seconds, 1) << " s, " << static_cast<long>(imagesPerSecond_)
                  << " img/s\n";
    }
    void message(const std::string &text) override { std::cerr << text << "\n"; }

private:
    bool quiet_;
    int epochs_ = 0;
    double imagesPerSecond_ = 0;
};

int train(const normlab::CliOptions &options)
{
    const normlab::ExperimentConfig &config = options.config;
    if (const auto errors = normlab::validate(config); !errors.empty()) {
        for (const auto &error : errors)
            std::cerr << "normlab-cli: " << error << "\n";
        return kExitBadInput;
    }
    std::signal(SIGINT, onInterrupt);
    std::shared_ptr<const normlab::DataSplits> data;
    try {
        data = normlab::loadData(config, {}, &interrupted);
    } catch (const normlab::InputError &error) {
        std::cerr << "normlab-cli: " << error.what() << "\n";
        return interrupted ? kExitInterrupted : kExitBadInput;
    }
    const normlab::DatasetSummary summary = normlab::summarize(*data);
    if (!options.quiet) {
        const int64_t total = summary.trainSize + summary.valSize + summary.testSize;
        std::cerr << summary.description << ": " << summary.classNames.size() << " classes, "
                  << summary.width << "x" << summary.height << "; loaded " << total
                  << " images in " << fixed(summary.loadSeconds, 2) << " s ("
                  << static_cast<long>(total / std::max(summary.loadSeconds, 1e-9))
                  << " images/s)\n";
    }
    for (const auto &warning : summary.warnings)
        std::cerr << "warning: " << warning << "\n";

    ProgressPrinter printer(options.quiet);
    const normlab::RunResult result = normlab::runExperiment(config, *data, &printer, &interrupted);

    int status = kExitOk;
    try {
        if (!options.resultsPath.empty())
            normlab::appendResultsCsv(options.resultsPath, result);
        if (!options.historyPath.empty())
            normlab::writeHistoryCsv(options.historyPath, result);
    } catch (const normlab::InputError &error) {
        std::cerr << "normlab-cli: " << error.what() << "\n";
        status = kExitBadInput;
    }
    // The result row, as the slides' table shows it, on stdout.
    const auto header = normlab::resultsCsvHeader();
    const auto row = normlab::resultsCsvRow(result);
    for (size_t i = 0; i < header.size(); ++i)
        std::cout << std::left << std::setw(22) << header[i] << row[i] << "\n";

    if (status != kExitOk)
        return status;
    switch (result.status) {
    case normlab::RunStatus::Failed: return kExitFailed;
    case normlab::RunStatus::Cancelled: return kExitInterrupted;
    default: return kExitOk;
    }
}

// Runs this benchmark again in a child process with glibc's default malloc settings.
void benchWithDefaultMalloc(const std::vector<std::string> &args)
{
    std::string command = "NORMLAB_MALLOC=default /proc/self/exe";
    for (const auto &arg : args)
        command += " '" + arg + "'";
    command += " --no-compare";
    std::cout.flush();
    if (std::system(command.c_str()) != 0)
        std::cerr << "normlab-cli: the default-malloc benchmark run failed\n";
}

int bench(const normlab::CliOptions &options, const std::vector<std::string> &args)
{
    const normlab::ExperimentConfig &config = options.config;
    if (const auto errors = normlab::validate(config); !errors.empty()) {
        for (const auto &error : errors)
            std::cerr << "normlab-cli: " << error << "\n";
        return kExitBadInput;
    }
    const std::string allocator = normlab::allocatorTuned()
                                      ? "tuned malloc (raised mmap/trim thresholds)"
                                      : "glibc default malloc";
    std::cout << "NormLab benchmark: " << normlab::toKey(config.arch) << " CNN, norm "
              << normlab::toKey(config.norm) << (config.augment ? ", augmentation" : "")
              << ", batch " << config.batchSize << ", 32x32 images, "
              << (config.threads > 0 ? std::to_string(config.threads) : std::string("all"))
              << " threads, " << allocator << "\n";
    std::ostringstream log;
    const normlab::BenchFigures figures =
        normlab::runBenchmark(config, options.repeats, options.benchImages, log);
    std::cout << log.str();
    const double overhead =
        100.0 * (1.0 - figures.epochImagesPerSecond / figures.bareStepImagesPerSecond);
    std::cout << "  bare step:     " << static_cast<long>(figures.bareStepImagesPerSecond)
              << " images/s (median of " << options.repeats << ")\n"
              << "  engine epochs: " << static_cast<long>(figures.epochImagesPerSecond)
              << " images/s (median of " << options.repeats << "), " << fixed(overhead, 1)
              << "% below the bare step\n";
    if (options.compareAllocator && normlab::allocatorTuned()) {
        std::cout << "\nThe same with glibc's default malloc, for comparison:\n";
        benchWithDefaultMalloc(args);
    }
    return kExitOk;
}

} // namespace

int main(int argc, char **argv)
{
    normlab::tuneAllocator();
    const std::vector<std::string> args(argv + 1, argv + argc);
    normlab::CliOptions options;
    try {
        options = normlab::parseCli(args);
    } catch (const normlab::InputError &error) {
        std::cerr << "normlab-cli: " << error.what() << "\n";
        return kExitBadInput;
    }
    switch (options.command) {
    case normlab::CliCommand::Help:
        std::cout << normlab::cliHelp();
        return args.empty() ? kExitBadInput : kExitOk;
    case normlab::CliCommand::Train: return train(options);
    case normlab::CliCommand::Bench: return bench(options, args);
    }
    return kExitFailed;
}
