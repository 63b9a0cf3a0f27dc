// normlab-cli bench: training throughput of the bare step against whole engine epochs, and the
// cost of recording inside the network; then the same with glibc's default malloc.

#include "cli/Commands.h"

#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"

#include "normlab/Benchmark.h"
#include "normlab/Engine.h"
#include "normlab/NumberFormat.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace normlab::cli {
namespace {

void printBenchSetup(const ExperimentConfig &config)
{
    const std::string allocator =
        allocatorTuned() ? "tuned malloc (raised mmap/trim thresholds)" : "glibc default malloc";
    std::cout << "NormLab benchmark: " << toKey(config.arch) << " CNN, norm " << toKey(config.norm)
              << (config.augment ? ", augmentation" : "") << ", batch " << config.batchSize
              << ", 32x32 images, "
              << (config.threads > 0 ? std::to_string(config.threads) : std::string("all"))
              << " threads, " << allocator << "\n";
}

void printThroughput(const BenchFigures &figures, int repeats)
{
    const double ratio = 100.0 * figures.epochImagesPerSecond / figures.bareStepImagesPerSecond;
    std::cout << "  bare step:     " << static_cast<long>(figures.bareStepImagesPerSecond)
              << " images/s (median of " << repeats << ")\n"
              << "  engine epochs: " << static_cast<long>(figures.epochImagesPerSecond)
              << " images/s (median of " << repeats << "), " << formatFixed(ratio, 1)
              << "% of the bare step\n";
}

void printRecordingCost(const BenchFigures &figures, int repeats)
{
    std::cout << "  recording:     " << static_cast<long>(figures.recordingOffImagesPerSecond)
              << " images/s off, " << static_cast<long>(figures.recordingOnImagesPerSecond)
              << " images/s on (stats-every " << figures.recordingStatsEvery << "): overhead "
              << formatFixed(figures.recordingOverheadPercent, 1) << "% by the clock, "
              << formatFixed(figures.recordingCpuOverheadPercent, 1) << "% by CPU time (median of "
              << repeats << " pairs)\n"
              << "                 bare step with recording: "
              << (figures.recordingStepOverheadPercent >= 0 ? "+" : "")
              << formatFixed(figures.recordingStepOverheadPercent, 1)
              << "% time (interleaved blocks, median of " << repeats << ")\n";
}

// Runs this benchmark again in a child process with glibc's default malloc settings.
void benchWithDefaultMalloc(const std::vector<std::string> &args)
{
    // Resolve our own path here: inside std::system, /proc/self/exe would be the shell.
    std::error_code error;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe", error).string();
    if (error) {
        printError("cannot find the running executable: " + error.message());
        return;
    }
    std::string command = "NORMLAB_MALLOC=default '" + self + "'";
    for (const auto &arg : args)
        command += " '" + arg + "'";
    command += " --no-compare";
    std::cout.flush();
    if (std::system(command.c_str()) != 0)
        printError("the default-malloc benchmark run failed");
}

} // namespace

int bench(const CliOptions &options, const std::vector<std::string> &args)
{
    const ExperimentConfig &config = options.config;
    if (printConfigProblems(config))
        return kExitBadInput;
    printBenchSetup(config);
    std::ostringstream log;
    const BenchFigures figures = runBenchmark(config, options.repeats, options.benchImages, log);
    std::cout << log.str();
    printThroughput(figures, options.repeats);
    if (figures.recordingStatsEvery > 0)
        printRecordingCost(figures, options.repeats);
    if (options.compareAllocator && allocatorTuned()) {
        std::cout << "\nThe same with glibc's default malloc, for comparison:\n";
        benchWithDefaultMalloc(args);
    }
    return kExitOk;
}

} // namespace normlab::cli
