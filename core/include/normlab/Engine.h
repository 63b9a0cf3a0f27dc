#pragma once
// The engine's torch-free front door: load a dataset, train on it, report progress.
// Safe to include from headers that moc reads (no torch, no Qt).

#include "normlab/Config.h"
#include "normlab/Errors.h"
#include "normlab/Results.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace normlab {

struct DataSplits; // decoded images and labels; defined in core/Dataset.h (torch)

/// What a loaded dataset holds, for display.
struct DatasetSummary
{
    std::string description; // "Built-in synthetic shapes", "CIFAR-10 (/data/cifar)"
    std::vector<std::string> classNames;
    int64_t trainSize = 0, valSize = 0, testSize = 0;
    int channels = 3, height = 0, width = 0;
    std::vector<std::string> warnings; // e.g. skipped unreadable files
    double loadSeconds = 0;
};

/// One decoded image, RGB interleaved, for sample grids.
struct SampleImage
{
    int width = 0, height = 0;
    std::vector<uint8_t> rgb; // width * height * 3
    int label = 0;
};

/// Progress of a long load: done of total units ("images decoded").
using LoadProgress = std::function<void(int64_t done, int64_t total)>;

/// Loads the dataset the config names, split into train/validation/test, with --limit applied.
/// Throws InputError for bad input. `cancel` may be null.
std::shared_ptr<const DataSplits> loadData(const ExperimentConfig &config,
                                           const LoadProgress &progress = {},
                                           const std::atomic<bool> *cancel = nullptr);

/// What tells loaded datasets apart: two configurations with the same key load the same splits,
/// so runs (a sweep's, the window's queue) can share one loaded dataset.
std::string dataKey(const ExperimentConfig &config);

DatasetSummary summarize(const DataSplits &data);

/// Up to `perClass` training images of every class, class by class.
std::vector<SampleImage> sampleImages(const DataSplits &data, int perClass);

/// Receives progress from a training run, on the training thread.
class TrainingObserver
{
public:
    virtual ~TrainingObserver() = default;
    virtual void runStarted(const RunInfo &) {}
    virtual void batchFinished(const BatchProgress &) {}
    virtual void epochFinished(const EpochMetrics &) {}
    virtual void message(const std::string &) {}
    /// Layer statistics on the probe batch: at step 0 and every config.statsEvery steps.
    virtual void layerStatsRecorded(const LayerStatsSample &) {}
    /// Per-layer gradient norms, after every training step (when recording is on).
    virtual void gradientNormsRecorded(const GradientNormSample &) {}
};

/// Images of the split a run evaluated ("validation" or "test"), by index into that split as the
/// trainer saw it (config's cross-validation fold applied), for the confusion matrix and the
/// prediction grid. Throws InputError for an unknown split or an index out of range.
std::vector<SampleImage> splitImages(const ExperimentConfig &config, const DataSplits &data,
                                     const std::string &split, const std::vector<int64_t> &indices);

/// Training image `index` through the augmentation pipeline `count` times (the first image is
/// the original, unaugmented), deterministic for `seed`. Does not touch torch's global RNG.
std::vector<SampleImage> augmentationPreview(const DataSplits &data, int64_t index, int count,
                                             uint64_t seed);

/// Trains the configured model on `data`. Always returns a result: bad settings, divergence and
/// cancellation are statuses with a message, not exceptions. `cancel` is checked between batches.
RunResult runExperiment(const ExperimentConfig &config, const DataSplits &data,
                        TrainingObserver *observer = nullptr,
                        const std::atomic<bool> *cancel = nullptr);

/// Raises glibc's mmap and trim thresholds so large tensor buffers are reused rather than
/// returned to the OS on every free (that churn halves training throughput). Call at start-up.
/// Set NORMLAB_MALLOC=default to keep glibc's defaults (the benchmark compares both).
void tuneAllocator();
/// True when tuneAllocator changed the allocator's settings in this process.
bool allocatorTuned();

} // namespace normlab
