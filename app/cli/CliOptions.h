#pragma once
// Command line of normlab-cli: `train`, `sweep`, `bench`, `get` and `worker`, with the
// configuration keys as options.

#include "normlab/Config.h"

#include <string>
#include <utility>
#include <vector>

namespace normlab {

enum class CliCommand
{
    Help,
    Train,
    Bench,
    Sweep,
    Get,
    Worker,
    Predict
};

struct CliOptions
{
    CliCommand command = CliCommand::Help;
    ExperimentConfig config;
    std::string configFile;    // --config
    std::string resultsPath;   // --results: one row appended per run
    std::string historyPath;   // --history: one row per epoch
    std::string statsPath;     // train --stats: layer statistics, gradient norms, loss gap
    std::string confusionPath; // train --confusion: test confusion matrix, best weights
    bool quiet = false;        // --quiet: no per-epoch progress lines
    // Every configuration key given on the command line, in order ({"epochs", "1"}): a sweep
    // applies them over its file.
    std::vector<std::pair<std::string, std::string>> configOverrides;
    std::string summaryPath; // --summary: grouped table (mean, std, CI, test vs baseline)
    // sweep
    std::string sweepFile; // the sweep file (first argument after `sweep`)
    std::string preset;    // --preset NAME (or a path)
    std::string baseline;  // --baseline NAME: the group the others are tested against
    int sweepRepeats = 0;  // --repeats: seeds per configuration (0: the file's)
    int jobs = 0;          // --jobs N: local worker processes (0: not given)
    std::string listen;    // --listen HOST:PORT: wait for workers there (docs/distributed.md)
    // sweep --listen and worker
    std::string token; // --token T: the sweep's shared secret (default: $NORMLAB_TOKEN)
    // worker
    std::string connect;               // --connect HOST:PORT: the coordinator
    std::string keepFilesDir;          // worker --keep-files DIR: model files, checkpoints
    double connectTimeoutSeconds = 10; // --connect-timeout S: how long to try to reach it
    // bench
    int repeats = 5;              // --repeats: timed repetitions (median reported)
    int64_t benchImages = 4096;   // --images: training images per timed epoch
    bool compareAllocator = true; // --no-compare: skip the default-malloc child run
    // get
    std::string getDataset; // the dataset to get (first argument after `get`: cifar10)
    std::string getDir;     // --dir: the folder to unpack into (default: the user's data folder)
    std::string getUrl;     // --url: where to download from (default: the dataset's page)
    std::string getMd5;     // --md5: the archive's checksum (default: the published one)
    // train: model files and checkpoints (docs/models.md)
    std::string saveModelPath;  // --save-model: the model file written after the run
    std::string checkpointPath; // --checkpoint: a checkpoint after every epoch (DIR or FILE)
    std::string resumePath;     // --resume: the checkpoint the run continues
    // train: one run on several processes (docs/distributed.md, "One run on several processes")
    int world = 0;               // --world N: ranks (0: not given, one process)
    int rank = -1;               // --rank R: this process's rank (-1: not given, start them all)
    std::string master;          // --master HOST:PORT: rank 0's rendezvous store
    bool syncBatchNorm = false;  // --sync-bn: BatchNorm statistics over every rank's rows
    std::string batchLossesPath; // train --batch-losses: every step's loss (step,epoch,batch,loss)
    // predict
    std::string modelPath;                // --model: the model file predicting
    std::vector<std::string> predictions; // the images and folders to predict (positional)
    int top = 3;                          // --top: classes shown per image
    std::string predictCsv;               // --csv: one row per image
};

/// Parses the arguments after the program name. --config FILE is applied first, whatever its
/// position, so the other options override it. Throws InputError naming the bad option or value.
CliOptions parseCli(const std::vector<std::string> &args);

/// The text of `normlab-cli --help`.
std::string cliHelp();

} // namespace normlab
