#pragma once
// Command line of normlab-cli: `train` and `bench`, with the configuration keys as options.

#include "core/Config.h"

#include <string>
#include <vector>

namespace normlab {

enum class CliCommand { Help, Train, Bench };

struct CliOptions
{
    CliCommand command = CliCommand::Help;
    ExperimentConfig config;
    std::string configFile;  // --config
    std::string resultsPath; // --results: one row appended per run
    std::string historyPath; // --history: one row per epoch
    bool quiet = false;      // --quiet: no per-epoch progress lines
    // bench
    int repeats = 5;             // --repeats: timed repetitions (median reported)
    int64_t benchImages = 4096;  // --images: training images per timed epoch
    bool compareAllocator = true; // --no-compare: skip the default-malloc child run
};

/// Parses the arguments after the program name. --config FILE is applied first, whatever its
/// position, so the other options override it. Throws InputError naming the bad option or value.
CliOptions parseCli(const std::vector<std::string> &args);

/// The text of `normlab-cli --help`.
std::string cliHelp();

} // namespace normlab
