#pragma once
// k-fold cross-validation as a run mode: the training and validation images are pooled and cut
// into k stratified folds; fold i trains on the other k - 1 folds and validates on fold i. The test
// split is the same for every fold. No torch, no Qt: the GUI includes it.

#include "normlab/Engine.h"
#include "normlab/Statistics.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace normlab {

/// Seeded stratified folds of the positions 0..N-1 of `labels`: every class's positions are
/// shuffled and dealt round-robin, continuing across classes, so fold sizes differ by at most 1 and
/// every class is spread evenly. Disjoint, covering, each sorted ascending. Throws InputError when
/// k < 2 or k > N.
std::vector<std::vector<int64_t>> stratifiedFolds(const std::vector<int64_t> &labels, int k,
                                                  uint64_t seed);

/// The splits of fold config.fold of config.folds (train: the other folds of train+validation,
/// validation: this fold, test unchanged, statistics from the training part), built in `storage`;
/// `data` itself when config.fold is 0. How the GUI runs cross-validation: one queued run a fold.
const DataSplits &selectFold(const ExperimentConfig &config, const DataSplits &data,
                             DataSplits &storage);

struct CrossValidationResult
{
    std::vector<RunResult> folds; // one per fold run, named "<run name> (fold i/k)"
    GroupSummary summary;         // mean ± std and CI over the folds (name: the run's name)
    bool cancelled = false;       // stopped before every fold ran
};

/// Called before fold `fold` (1-based) of `k` trains.
using FoldStarted = std::function<void(int fold, int k)>;

/// Runs config.folds-fold cross-validation on `data` (folds from config.splitSeed, so they stay
/// fixed while the training seed varies). Each fold's normalization statistics come from its own
/// training part. Label noise, if any, touches only each fold's training part. A failed fold is a
/// result; throws InputError only when the folds cannot be formed (config.folds < 2 or larger than
/// the pooled data).
CrossValidationResult runCrossValidation(const ExperimentConfig &config, const DataSplits &data,
                                         TrainingObserver *observer = nullptr,
                                         const std::atomic<bool> *cancel = nullptr,
                                         const FoldStarted &foldStarted = {});

} // namespace normlab
