// The commands of normlab-cli: train (one run or k-fold cross-validation), sweep and bench.

#include "cli/CliCommands.h"

#include "normlab/Benchmark.h"
#include "cli/CliOptions.h"
#include "normlab/CrossValidation.h"
#include "normlab/Engine.h"
#include "normlab/ResultsCsv.h"
#include "normlab/Statistics.h"
#include "normlab/Sweep.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <algorithm>
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

// Display width of UTF-8 text ("±" is one column, two bytes).
size_t columns(const std::string &text)
{
    size_t count = 0;
    for (unsigned char ch : text)
        count += (ch & 0xC0) != 0x80;
    return count;
}

std::string padded(const std::string &text, size_t width)
{
    const size_t used = columns(text);
    return text + std::string(used < width ? width - used : 1, ' ');
}

std::string oneLineResult(const normlab::RunResult &r)
{
    return normlab::toKey(r.status) + ", val loss " + normlab::formatMetric(r.bestValLoss) +
           " acc " + normlab::formatMetric(r.bestValAcc) + ", test loss " +
           normlab::formatMetric(r.testLoss) + " acc " + normlab::formatMetric(r.testAcc) + " (" +
           fixed(r.seconds, 1) + " s)" + (r.message.empty() ? "" : ": " + r.message);
}

// Mean ± std with the 95% CI of every slide metric, one group per line, then Welch's tests.
void printGroupTable(const std::vector<normlab::GroupSummary> &groups,
                     const std::vector<normlab::GroupComparison> &comparisons, size_t baseline,
                     const std::string &samples = "repeats")
{
    size_t nameWidth = 6;
    for (const auto &group : groups)
        nameWidth = std::max(nameWidth, columns(group.name) + 2);
    constexpr size_t kCell = 21; // "0.8768 ± 0.0100" and "[0.8500, 0.9000]" with room
    auto header = [&](const std::string &first) {
        std::cout << padded(first, nameWidth) << padded("n", 4);
        for (normlab::Metric metric : normlab::kSlideMetrics)
            std::cout << padded(normlab::metricLabel(metric), kCell);
        std::cout << "\n";
    };
    std::cout << "\nGrouped results: mean ± sample std over the " << samples << "\n";
    header("Model");
    for (const auto &group : groups) {
        std::cout << padded(group.name, nameWidth) << padded(std::to_string(group.n), 4);
        for (normlab::Metric metric : normlab::kSlideMetrics)
            std::cout << padded(normlab::formatMeanStd(group.metric(metric)), kCell);
        std::cout << "\n";
    }
    std::cout << "\n95% confidence intervals of the mean (Student's t, n - 1 degrees of freedom)\n";
    header("Model");
    for (const auto &group : groups) {
        std::cout << padded(group.name, nameWidth) << padded(std::to_string(group.n), 4);
        for (normlab::Metric metric : normlab::kSlideMetrics)
            std::cout << padded(normlab::formatInterval(group.metric(metric)), kCell);
        std::cout << "\n";
    }
    if (groups.size() < 2)
        return;
    std::cout << "\nWelch's t-test (two-sided) against \"" << groups[baseline].name
              << "\": p-value, and better/worse where p < " << normlab::kSignificanceLevel << "\n";
    header("Model");
    for (size_t g = 0; g < groups.size(); ++g) {
        std::cout << padded(groups[g].name, nameWidth) << padded(std::to_string(groups[g].n), 4);
        for (normlab::Metric metric : normlab::kSlideMetrics) {
            const auto &c = comparisons[g].metric(metric);
            std::string cell;
            switch (c.mark) {
            case normlab::Significance::Baseline: cell = "baseline"; break;
            case normlab::Significance::Untestable: cell = "n < 2"; break;
            default: {
                char p[32];
                std::snprintf(p, sizeof p, "p=%.3g", c.test.pValue);
                cell = p;
                if (c.mark == normlab::Significance::Better)
                    cell += " better";
                else if (c.mark == normlab::Significance::Worse)
                    cell += " worse";
            }
            }
            std::cout << padded(cell, kCell);
        }
        std::cout << "\n";
    }
}

void printReference(const normlab::ReferenceTable &reference)
{
    if (reference.empty())
        return;
    std::cout << "\n" << (reference.title.empty() ? "Reference values" : reference.title)
              << (reference.dataset.empty() ? "" : " [" + reference.dataset + "]")
              << " - the lecture's numbers, not measured here\n";
    size_t nameWidth = 6;
    for (const auto &row : reference.rows)
        nameWidth = std::max(nameWidth, columns(row.model) + 2);
    std::cout << padded("Model", nameWidth);
    for (normlab::Metric metric : normlab::kSlideMetrics)
        std::cout << padded(normlab::metricLabel(metric), 21);
    std::cout << "\n";
    for (const auto &row : reference.rows) {
        std::cout << padded(row.model, nameWidth);
        for (normlab::Metric metric : normlab::kSlideMetrics)
            std::cout << padded(normlab::formatMetric(row.value(metric)), 21);
        std::cout << "\n";
    }
}

// Progress of a sweep: one line per run on stderr, plus the epoch lines of ProgressPrinter.
class SweepPrinter : public normlab::SweepObserver
{
public:
    explicit SweepPrinter(bool quiet) : epochs_(quiet) {}

    void sweepRunStarting(const normlab::SweepRun &run, int total) override
    {
        prefix_ = "[" + std::to_string(run.index + 1) + "/" + std::to_string(total) + "] ";
        std::cerr << prefix_ << normlab::runName(run.config) << ", seed " << run.config.seed
                  << "\n";
    }
    void sweepRunFinished(const normlab::SweepRun &run, const normlab::RunResult &r) override
    {
        std::cerr << prefix_ << r.name << ", seed " << run.config.seed << ": " << oneLineResult(r)
                  << "\n";
    }
    void runStarted(const normlab::RunInfo &info) override { epochs_.runStarted(info); }
    void batchFinished(const normlab::BatchProgress &p) override { epochs_.batchFinished(p); }
    void epochFinished(const normlab::EpochMetrics &m) override { epochs_.epochFinished(m); }
    void message(const std::string &) override {} // the run's line says it

private:
    ProgressPrinter epochs_;
    std::string prefix_;
};

// Results, history and summary files; false (after a message) when one cannot be written.
bool writeOutputs(const normlab::CliOptions &options,
                  const std::vector<normlab::RunResult> &results,
                  const std::vector<normlab::GroupSummary> &groups,
                  const std::vector<normlab::GroupComparison> &comparisons)
{
    try {
        if (!options.historyPath.empty())
            normlab::writeSweepHistoryCsv(options.historyPath, results);
        if (!options.summaryPath.empty())
            normlab::writeSummaryCsv(options.summaryPath, groups, comparisons);
    } catch (const normlab::InputError &error) {
        std::cerr << "normlab-cli: " << error.what() << "\n";
        return false;
    }
    return true;
}

// train --stats / --confusion; false (after a message) when one cannot be written.
bool writeInsightFiles(const normlab::CliOptions &options, const normlab::RunResult &result,
                       const std::vector<std::string> &classNames)
{
    try {
        if (!options.statsPath.empty())
            normlab::writeInsightCsv(options.statsPath, result);
        if (!options.confusionPath.empty()) {
            if (result.insight.test.empty())
                std::cerr << "normlab-cli: no epoch finished, so " << options.confusionPath
                          << " holds an empty confusion matrix\n";
            normlab::writeConfusionCsv(options.confusionPath, result.insight.test, classNames);
        }
    } catch (const normlab::InputError &error) {
        std::cerr << "normlab-cli: " << error.what() << "\n";
        return false;
    }
    return true;
}

int exitStatus(const std::vector<normlab::RunResult> &results)
{
    if (interrupted)
        return kExitInterrupted;
    for (const auto &result : results)
        if (result.status == normlab::RunStatus::Failed)
            return kExitFailed;
    return kExitOk;
}

// train --folds K: one run per fold, then the mean ± std over the folds.
int crossValidate(const normlab::CliOptions &options, const normlab::DataSplits &data)
{
    const normlab::ExperimentConfig &config = options.config;
    ProgressPrinter printer(options.quiet);
    normlab::CrossValidationResult cv;
    try {
        cv = normlab::runCrossValidation(config, data, &printer, &interrupted, [](int fold, int k) {
            std::cerr << "fold " << fold << "/" << k << "\n";
        });
    } catch (const normlab::InputError &error) {
        std::cerr << "normlab-cli: " << error.what() << "\n";
        return kExitBadInput;
    }
    for (const auto &fold : cv.folds) {
        std::cout << fold.name << ": " << oneLineResult(fold) << "\n";
        if (!options.resultsPath.empty()) {
            try {
                normlab::appendResultsCsv(options.resultsPath, fold);
            } catch (const normlab::InputError &error) {
                std::cerr << "normlab-cli: " << error.what() << "\n";
                return kExitBadInput;
            }
        }
    }
    std::cout << "\n" << config.folds << "-fold cross-validation of " << cv.summary.name
              << " (validation = the held-out fold; test split unchanged)\n";
    printGroupTable({cv.summary}, {}, 0, "folds");
    if (!writeOutputs(options, cv.folds, {cv.summary}, {}))
        return kExitBadInput;
    // --stats/--confusion come with --fold I only (checked when parsing): one fold's run.
    if (!cv.folds.empty() &&
        !writeInsightFiles(options, cv.folds.back(), normlab::summarize(data).classNames))
        return kExitBadInput;
    return exitStatus(cv.folds);
}

int sweep(const normlab::CliOptions &options)
{
    normlab::SweepSpec spec;
    std::vector<normlab::SweepRun> runs;
    try {
        spec = options.preset.empty() ? normlab::loadSweepFile(options.sweepFile)
                                      : normlab::loadPreset(options.preset);
        normlab::applyOverrides(spec, options.configOverrides);
        if (options.sweepRepeats > 0)
            spec.repeats = options.sweepRepeats;
        runs = normlab::expandSweep(spec);
    } catch (const normlab::InputError &error) {
        std::cerr << "normlab-cli: " << error.what() << "\n";
        return kExitBadInput;
    }
    const auto missing = normlab::missingDataPaths(runs);
    if (!missing.empty()) {
        std::string list;
        for (const auto &path : missing)
            list += (list.empty() ? "" : ", ") + path;
        const int moved = normlab::useBuiltInDataWhereMissing(runs);
        std::cerr << "normlab-cli: data not found (" << list << "); " << moved
                  << " runs use the built-in synthetic dataset instead and their names end in \""
                  << normlab::kBuiltInDataSuffix << "\". Pass --data PATH to use the real data.\n";
    }
    if (const auto problems = normlab::validateSweep(runs); !problems.empty()) {
        for (const auto &problem : problems)
            std::cerr << "normlab-cli: " << problem << "\n";
        return kExitBadInput;
    }
    const int groupCount = runs.empty() ? 0 : runs.back().group + 1;
    std::cerr << (spec.name.empty() ? "Sweep " + spec.path : spec.name) << ": " << runs.size()
              << " runs of " << groupCount << " configurations\n";

    std::signal(SIGINT, onInterrupt);
    // Results rows are appended as runs finish, so an interrupted sweep keeps what it did.
    struct Appender : SweepPrinter
    {
        using SweepPrinter::SweepPrinter;
        void sweepRunFinished(const normlab::SweepRun &run, const normlab::RunResult &r) override
        {
            SweepPrinter::sweepRunFinished(run, r);
            if (path.empty() || !writeError.empty())
                return;
            try {
                normlab::appendResultsCsv(path, r);
            } catch (const normlab::InputError &error) {
                writeError = error.what();
            }
        }
        std::string path, writeError;
    } observer(options.quiet);
    observer.path = options.resultsPath;
    const std::vector<normlab::RunResult> results =
        normlab::runSweep(runs, &observer, &interrupted);

    const auto groups = normlab::groupResults(results);
    size_t baseline = 0;
    if (!options.baseline.empty()) {
        const int found = normlab::findGroup(groups, options.baseline);
        if (found < 0)
            std::cerr << "normlab-cli: --baseline '" << options.baseline
                      << "' names no single group; testing against the first\n";
        else
            baseline = static_cast<size_t>(found);
    }
    const auto comparisons = normlab::compareWithBaseline(groups, baseline);
    if (!groups.empty())
        printGroupTable(groups, comparisons, baseline);
    printReference(spec.reference);
    bool written = writeOutputs(options, results, groups, comparisons);
    if (!observer.writeError.empty()) {
        std::cerr << "normlab-cli: " << observer.writeError << "\n";
        written = false;
    }
    return written ? exitStatus(results) : kExitBadInput;
}

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

    if (config.folds >= 2)
        return crossValidate(options, *data);

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
    if (!writeInsightFiles(options, result, summary.classNames))
        status = kExitBadInput;
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
    // Resolve our own path here: inside std::system, /proc/self/exe would be the shell.
    std::error_code error;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe", error).string();
    if (error) {
        std::cerr << "normlab-cli: cannot find the running executable: " << error.message() << "\n";
        return;
    }
    std::string command = "NORMLAB_MALLOC=default '" + self + "'";
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
    const double ratio = 100.0 * figures.epochImagesPerSecond / figures.bareStepImagesPerSecond;
    std::cout << "  bare step:     " << static_cast<long>(figures.bareStepImagesPerSecond)
              << " images/s (median of " << options.repeats << ")\n"
              << "  engine epochs: " << static_cast<long>(figures.epochImagesPerSecond)
              << " images/s (median of " << options.repeats << "), " << fixed(ratio, 1)
              << "% of the bare step\n";
    if (figures.recordingStatsEvery > 0)
        std::cout << "  recording:     " << static_cast<long>(figures.recordingOffImagesPerSecond)
                  << " images/s off, " << static_cast<long>(figures.recordingOnImagesPerSecond)
                  << " images/s on (stats-every " << figures.recordingStatsEvery
                  << "): overhead " << fixed(figures.recordingOverheadPercent, 1)
                  << "% by the clock, " << fixed(figures.recordingCpuOverheadPercent, 1)
                  << "% by CPU time (median of " << options.repeats << " pairs)\n"
                  << "                 bare step with recording: "
                  << (figures.recordingStepOverheadPercent >= 0 ? "+" : "")
                  << fixed(figures.recordingStepOverheadPercent, 1)
                  << "% time (interleaved blocks, median of " << options.repeats << ")\n";
    if (options.compareAllocator && normlab::allocatorTuned()) {
        std::cout << "\nThe same with glibc's default malloc, for comparison:\n";
        benchWithDefaultMalloc(args);
    }
    return kExitOk;
}

} // namespace

namespace normlab {

int runCli(const std::vector<std::string> &args)
{
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
    case normlab::CliCommand::Sweep: return sweep(options);
    case normlab::CliCommand::Bench: return bench(options, args);
    }
    return kExitFailed;
}

} // namespace normlab
