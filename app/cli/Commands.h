#pragma once
// normlab-cli's commands, one .cpp each; each returns the exit status (see ExitStatus.h).

#include "cli/CliOptions.h"

#include <string>
#include <vector>

namespace normlab::cli {

/// `train`: one run, or k-fold cross-validation with --folds K (TrainCommand.cpp).
int train(const CliOptions &options);

/// `sweep`: a sweep file's or preset's runs one after another (or in worker processes with
/// --jobs / --listen, ParallelSweep.cpp), then the grouped table (SweepCommand.cpp).
int sweep(const CliOptions &options);

/// `bench`: training throughput, then the same in a child process with glibc's default malloc;
/// `args` are the command line to run it with (BenchCommand.cpp).
int bench(const CliOptions &options, const std::vector<std::string> &args);

/// `get cifar10`: downloads, checks and unpacks CIFAR-10 into the user's data folder or --dir
/// (GetCommand.cpp).
int get(const CliOptions &options);

/// `worker`: trains the runs a coordinator (sweep --jobs / --listen) hands out until its sweep is
/// over (WorkerCommand.cpp).
int worker(const CliOptions &options);

/// `predict`: the top classes of images with a model file (PredictCommand.cpp).
int predict(const CliOptions &options);

/// train --dataset cifar10 without --data: the folder `get cifar10` fills, when it holds the
/// batches (GetCommand.cpp).
void useDownloadedData(CliOptions &options);

} // namespace normlab::cli
