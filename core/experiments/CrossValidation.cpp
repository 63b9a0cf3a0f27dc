#include "normlab/CrossValidation.h"

#include "data/Dataset.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <random>

namespace normlab {
namespace {

// Mixed into the split seed so the folds do not repeat the train/validation split's shuffle.
constexpr uint64_t kFoldStream = 0x666f6c6473ULL; // "folds"

torch::Tensor indexTensor(const std::vector<int64_t> &positions)
{
    auto tensor = torch::empty({static_cast<int64_t>(positions.size())}, torch::kLong);
    if (!positions.empty())
        std::memcpy(tensor.data_ptr<int64_t>(), positions.data(),
                    positions.size() * sizeof(int64_t));
    return tensor;
}

std::vector<int64_t> labelVector(const torch::Tensor &labels)
{
    const torch::Tensor flat = labels.to(torch::kCPU, torch::kLong).contiguous();
    const int64_t *values = flat.data_ptr<int64_t>();
    return std::vector<int64_t>(values, values + flat.numel());
}

// Fold `heldOut` of `pooled` validates; the other folds train. Statistics from the training part.
DataSplits foldSplits(const DataSplits &data, const Dataset &pooled,
                      const std::vector<std::vector<int64_t>> &folds, size_t heldOut)
{
    std::vector<int64_t> trainPositions;
    for (size_t f = 0; f < folds.size(); ++f)
        if (f != heldOut)
            trainPositions.insert(trainPositions.end(), folds[f].begin(), folds[f].end());
    std::sort(trainPositions.begin(), trainPositions.end());

    DataSplits split;
    split.train = subset(pooled, indexTensor(trainPositions));
    split.val = subset(pooled, indexTensor(folds[heldOut]));
    split.test = data.test;
    split.classNames = data.classNames;
    split.description = data.description;
    channelStats(split.train.images, split.mean, split.stddev);
    return split;
}

} // namespace

std::vector<std::vector<int64_t>> stratifiedFolds(const std::vector<int64_t> &labels, int k,
                                                  uint64_t seed)
{
    const auto count = static_cast<int64_t>(labels.size());
    if (k < 2 || k > count)
        throw InputError("folds " + std::to_string(k) +
                         " must be between 2 and the number of "
                         "training and validation images (" +
                         std::to_string(count) + ")");
    std::map<int64_t, std::vector<int64_t>> byClass;
    for (int64_t i = 0; i < count; ++i)
        byClass[labels[static_cast<size_t>(i)]].push_back(i);

    std::mt19937_64 rng(seed ^ kFoldStream);
    std::vector<std::vector<int64_t>> folds(static_cast<size_t>(k));
    size_t next = 0; // dealing goes on across classes, so the fold sizes stay within 1
    for (auto &[label, positions] : byClass) {
        // Fisher-Yates with an explicit modulo draw: the same folds on every standard library.
        for (size_t i = positions.size(); i > 1; --i)
            std::swap(positions[i - 1], positions[rng() % i]);
        for (int64_t position : positions) {
            folds[next].push_back(position);
            next = (next + 1) % folds.size();
        }
    }
    for (auto &fold : folds)
        std::sort(fold.begin(), fold.end());
    return folds;
}

const DataSplits &selectFold(const ExperimentConfig &config, const DataSplits &data,
                             DataSplits &storage)
{
    if (config.folds < 2 || config.fold < 1)
        return data;
    // Training and validation images pooled: cross-validation replaces the fixed validation split.
    Dataset pooled;
    pooled.images = torch::cat({data.train.images, data.val.images}, 0);
    pooled.labels = torch::cat({data.train.labels, data.val.labels}, 0);
    const auto folds = stratifiedFolds(labelVector(pooled.labels), config.folds, config.splitSeed);
    storage = foldSplits(data, pooled, folds, static_cast<size_t>(config.fold - 1));
    return storage;
}

CrossValidationResult runCrossValidation(const ExperimentConfig &config, const DataSplits &data,
                                         TrainingObserver *observer,
                                         const std::atomic<bool> *cancel,
                                         const FoldStarted &foldStarted)
{
    // Fails early, with the message, when the folds cannot be formed.
    stratifiedFolds(labelVector(torch::cat({data.train.labels, data.val.labels}, 0)), config.folds,
                    config.splitSeed);
    CrossValidationResult out;
    for (int fold = 1; fold <= config.folds; ++fold) {
        if (config.fold >= 1 && fold != config.fold)
            continue; // --fold I: only that one
        if (cancel && cancel->load()) {
            out.cancelled = true;
            break;
        }
        if (foldStarted)
            foldStarted(fold, config.folds);
        ExperimentConfig foldConfig = config;
        foldConfig.fold = fold; // the trainer cuts the fold; runName says "(fold i/k)"
        out.folds.push_back(runExperiment(foldConfig, data, observer, cancel));
        if (out.folds.back().status == RunStatus::Cancelled)
            out.cancelled = true;
    }
    ExperimentConfig whole = config;
    whole.fold = 0;
    out.summary = summarizeRuns(out.folds);
    out.summary.name = runName(whole);
    out.summary.config = whole;
    out.summary.key = groupKey(whole);
    return out;
}

} // namespace normlab
