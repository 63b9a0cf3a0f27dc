// The dataset front door: loadData picks the loader the configuration names, applies --limit and
// computes the channel statistics; dataKey tells which configurations load the same data.

#include "data/Dataset.h"
#include "normlab/NumberFormat.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace normlab {
namespace {

// Built-in synthetic dataset sizes at full size (the limit shrinks all three proportionally).
constexpr int64_t kSyntheticTrain = 10000;
constexpr int64_t kSyntheticVal = 1000;
constexpr int64_t kSyntheticTest = 1000;
// The synthetic generator's class count: the smallest val/test split that still shows every class.
constexpr int64_t kSyntheticClasses = 10;

// Image folders: below this the three 2x2 max-pools of the slide CNN leave nothing.
constexpr int kMinImageSize = 8;
// Image folders: above this one decoded dataset easily exceeds memory.
constexpr int kMaxImageSize = 512;

// Streams of the split seed, so the training subset and the val/test cuts draw independently.
constexpr uint64_t kTrainLimitStream = 1;
constexpr uint64_t kValLimitStream = 2;
constexpr uint64_t kTestLimitStream = 3;

// Enough significant digits that distinct doubles never share a key.
constexpr int kKeyDigits = 17;

uint64_t splitMix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t streamSeed(uint64_t seed, uint64_t stream)
{
    return splitMix64(splitMix64(seed) ^ stream);
}

int64_t classesPresent(const Dataset &split)
{
    if (split.size() == 0)
        return 0;
    const auto labels = split.labels.to(torch::kCPU, torch::kLong).contiguous();
    const int64_t *values = labels.data_ptr<int64_t>();
    return static_cast<int64_t>(std::set<int64_t>(values, values + labels.size(0)).size());
}

// Keeps `fraction` of a validation or test split, stratified, at least one image per class.
void cutSplit(Dataset &split, double fraction, uint64_t seed)
{
    const int64_t size = split.size();
    if (size == 0)
        return;
    const int64_t keep = std::max<int64_t>(std::llround(fraction * static_cast<double>(size)),
                                           classesPresent(split));
    if (keep < size)
        split = subset(split, stratifiedSplitCount(split.labels, keep, seed).second);
}

// --limit for loaders that decode everything: a stratified training subset of exactly `limit`
// images, and validation/test cut to the same fraction.
void applyLimit(DataSplits &data, int64_t limit, uint64_t seed)
{
    const int64_t trainSize = data.train.size();
    if (limit <= 0 || limit >= trainSize)
        return;
    const double fraction = static_cast<double>(limit) / static_cast<double>(trainSize);
    const int64_t trainClasses = classesPresent(data.train);
    data.train = subset(
        data.train,
        stratifiedSplitCount(data.train.labels, limit, streamSeed(seed, kTrainLimitStream)).second);
    cutSplit(data.val, fraction, streamSeed(seed, kValLimitStream));
    cutSplit(data.test, fraction, streamSeed(seed, kTestLimitStream));
    if (limit < trainClasses) {
        data.warnings.push_back("limit " + std::to_string(limit) +
                                " is below the number of classes (" + std::to_string(trainClasses) +
                                "): some classes have no training images");
    }
}

void checkFraction(double value, const std::string &what)
{
    if (!(value >= 0.0 && value < 1.0))
        throw InputError(what + " " + formatPlain(value) + " must be in [0, 1)");
}

void checkCancel(const std::atomic<bool> *cancel)
{
    if (cancel && cancel->load())
        throw InputError("loading cancelled");
}

std::string limitNote(const DataSplits &data, int64_t fullTrainSize)
{
    if (data.train.size() >= fullTrainSize)
        return "";
    return ", limited to " + std::to_string(data.train.size()) + " of " +
           std::to_string(fullTrainSize) + " training images";
}

DataSplits loadSynthetic(const ExperimentConfig &config)
{
    int64_t trainCount = kSyntheticTrain, valCount = kSyntheticVal, testCount = kSyntheticTest;
    if (config.limit > 0 && config.limit < kSyntheticTrain) {
        // The generator is prefix-stable, so "fewer" is the same as a subset of the full dataset.
        const double fraction = static_cast<double>(config.limit) / kSyntheticTrain;
        trainCount = config.limit;
        valCount = std::max<int64_t>(kSyntheticClasses, std::llround(fraction * kSyntheticVal));
        testCount = std::max<int64_t>(kSyntheticClasses, std::llround(fraction * kSyntheticTest));
    }
    // The split seed, not the training seed: the data stay fixed while training seeds vary.
    DataSplits data = makeSynthetic(trainCount, valCount, testCount, config.splitSeed);
    data.description = "Built-in synthetic shapes";
    data.description += limitNote(data, kSyntheticTrain);
    return data;
}

void checkCifarSettings(const ExperimentConfig &config)
{
    if (config.dataPath.empty())
        throw InputError(
            "CIFAR-10 needs the folder with data_batch_1.bin ... (data path is empty)");
    if (config.cifarValidation < 0) {
        throw InputError("CIFAR-10 validation count " + std::to_string(config.cifarValidation) +
                         " must be >= 0");
    }
}

DataSplits loadCifar(const ExperimentConfig &config, const std::atomic<bool> *cancel)
{
    DataSplits data = loadCifar10(config.dataPath, config.cifarValidation, config.splitSeed);
    const int64_t fullTrain = data.train.size();
    checkCancel(cancel);
    applyLimit(data, config.limit, config.splitSeed);
    data.description = "CIFAR-10 (" + config.dataPath + ")" + limitNote(data, fullTrain);
    return data;
}

void checkFolderSettings(const ExperimentConfig &config)
{
    if (config.dataPath.empty())
        throw InputError("the image-folder dataset needs a root folder (data path is empty)");
    if (config.imageSize < kMinImageSize || config.imageSize > kMaxImageSize) {
        throw InputError("image size " + std::to_string(config.imageSize) + " must be in [" +
                         std::to_string(kMinImageSize) + ", " + std::to_string(kMaxImageSize) +
                         "]");
    }
    checkFraction(config.valFraction, "validation fraction");
    checkFraction(config.testFraction, "test fraction");
    if (config.valFraction + config.testFraction >= 1.0) {
        throw InputError("validation fraction " + formatPlain(config.valFraction) +
                         " + test fraction " + formatPlain(config.testFraction) +
                         " must be below 1");
    }
}

DataSplits loadFolder(const ExperimentConfig &config, const LoadProgress &progress,
                      const std::atomic<bool> *cancel)
{
    checkFolderSettings(config);
    DataSplits data = loadImageFolder(config.dataPath, config.imageSize, config.valFraction,
                                      config.testFraction, config.splitSeed, progress, cancel);
    const int64_t fullTrain = data.train.size();
    checkCancel(cancel);
    applyLimit(data, config.limit, config.splitSeed);
    data.description += limitNote(data, fullTrain);
    return data;
}

// The splits of the configured dataset, --limit applied. The one-step loaders report 0 of 1 before
// and 1 of 1 after; the image folders report every decoded file.
DataSplits loadSplits(const ExperimentConfig &config, const LoadProgress &progress,
                      const std::atomic<bool> *cancel)
{
    if (config.dataset == DatasetKind::Folder)
        return loadFolder(config, progress, cancel);
    if (config.dataset == DatasetKind::Cifar10)
        checkCifarSettings(config); // before any progress: a bad setting is no load
    if (progress)
        progress(0, 1);
    DataSplits data =
        config.dataset == DatasetKind::Cifar10 ? loadCifar(config, cancel) : loadSynthetic(config);
    if (progress)
        progress(1, 1);
    return data;
}

} // namespace

std::shared_ptr<const DataSplits> loadData(const ExperimentConfig &config,
                                           const LoadProgress &progress,
                                           const std::atomic<bool> *cancel)
{
    const auto started = std::chrono::steady_clock::now();
    checkCancel(cancel);
    if (config.limit < 0)
        throw InputError("limit " + std::to_string(config.limit) + " must be >= 0 (0: all images)");
    auto data = std::make_shared<DataSplits>(loadSplits(config, progress, cancel));
    checkCancel(cancel);
    if (data->train.size() == 0)
        throw InputError("the training split of " + data->description + " is empty");

    // Statistics from the (limited) training split only: validation and test stay unseen.
    channelStats(data->train.images, data->mean, data->stddev);
    data->loadSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return data;
}

std::string dataKey(const ExperimentConfig &c)
{
    // Exactly what loadData reads, each only for the datasets that read it. Label noise and the
    // cross-validation fold are not here: the trainer applies them to the loaded splits. The path
    // comes last, so no text in it can pass for another field.
    std::string key =
        toKey(c.dataset) + '|' + std::to_string(c.limit) + '|' + std::to_string(c.splitSeed);
    if (c.dataset == DatasetKind::Cifar10)
        key += '|' + std::to_string(c.cifarValidation);
    if (c.dataset == DatasetKind::Folder)
        key += '|' + std::to_string(c.imageSize) + '|' +
               formatSignificant(c.valFraction, kKeyDigits) + '|' +
               formatSignificant(c.testFraction, kKeyDigits);
    if (c.dataset != DatasetKind::Synthetic)
        key += '|' + c.dataPath;
    return key;
}

} // namespace normlab
