// Splits, channel statistics, normalization and the dataset front door (loadData, summarize,
// sampleImages). The individual loaders live in SyntheticDataset.cpp, Cifar10Dataset.cpp and
// ImageFolderDataset.cpp.

#include "data/Dataset.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <sstream>

namespace normlab {
namespace {

// Elements converted to int32 at a time in channelStats: bounds the working copy to ~16 MB.
constexpr int64_t kStatsChunkElements = int64_t{1} << 22;
// A constant channel has std 0; dividing by this instead keeps normalized values finite.
constexpr float kMinStddev = 1e-3f;

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

// Fisher-Yates with an explicit modulo draw: unlike std::shuffle, the same on every standard
// library.
void shuffleInPlace(std::vector<int64_t> &values, std::mt19937_64 &rng)
{
    for (size_t i = values.size(); i > 1; --i)
        std::swap(values[i - 1], values[rng() % i]);
}

torch::Tensor toIndexTensor(std::vector<int64_t> values)
{
    std::sort(values.begin(), values.end());
    auto tensor = torch::empty({static_cast<int64_t>(values.size())}, torch::kLong);
    if (!values.empty())
        std::memcpy(tensor.data_ptr<int64_t>(), values.data(), values.size() * sizeof(int64_t));
    return tensor;
}

// Positions of every label value, classes in ascending order, positions ascending.
std::map<int64_t, std::vector<int64_t>> positionsByClass(const torch::Tensor &labels)
{
    if (!labels.defined() || labels.dim() != 1)
        throw InputError("labels must be a 1-D tensor");
    const auto flat = labels.to(torch::kCPU, torch::kLong).contiguous();
    const int64_t *values = flat.data_ptr<int64_t>();
    std::map<int64_t, std::vector<int64_t>> byClass;
    for (int64_t i = 0; i < flat.size(0); ++i)
        byClass[values[i]].push_back(i);
    return byClass;
}

IndexSplit assemble(std::vector<int64_t> first, std::vector<int64_t> second)
{
    return {toIndexTensor(std::move(first)), toIndexTensor(std::move(second))};
}

int64_t classesPresent(const Dataset &split)
{
    return split.size() == 0 ? 0 : static_cast<int64_t>(positionsByClass(split.labels).size());
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
    if (!(value >= 0.0 && value < 1.0)) {
        std::ostringstream message;
        message << what << " " << value << " must be in [0, 1)";
        throw InputError(message.str());
    }
}

void checkCancel(const std::atomic<bool> *cancel)
{
    if (cancel && cancel->load())
        throw InputError("loading cancelled");
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
    return data;
}

std::string limitNote(const DataSplits &data, int64_t fullTrainSize)
{
    if (data.train.size() >= fullTrainSize)
        return "";
    return ", limited to " + std::to_string(data.train.size()) + " of " +
           std::to_string(fullTrainSize) + " training images";
}

} // namespace

Dataset subset(const Dataset &data, const torch::Tensor &indices)
{
    const auto index = indices.to(torch::kLong);
    return {data.images.index_select(0, index).contiguous(),
            data.labels.index_select(0, index).contiguous()};
}

IndexSplit stratifiedSplit(const torch::Tensor &labels, double secondFraction, uint64_t seed)
{
    if (!(secondFraction >= 0.0 && secondFraction <= 1.0)) {
        std::ostringstream message;
        message << "split fraction " << secondFraction << " must be in [0, 1]";
        throw InputError(message.str());
    }
    std::mt19937_64 rng(seed);
    std::vector<int64_t> first, second;
    for (auto &[label, positions] : positionsByClass(labels)) {
        shuffleInPlace(positions, rng);
        const auto classSize = static_cast<int64_t>(positions.size());
        int64_t take = std::llround(secondFraction * static_cast<double>(classSize));
        if (take == 0 && classSize >= 2 && secondFraction > 0.0)
            take = 1;
        take = std::min(take, classSize);
        second.insert(second.end(), positions.begin(), positions.begin() + take);
        first.insert(first.end(), positions.begin() + take, positions.end());
    }
    return assemble(std::move(first), std::move(second));
}

IndexSplit stratifiedSplitCount(const torch::Tensor &labels, int64_t secondCount, uint64_t seed)
{
    auto byClass = positionsByClass(labels);
    const int64_t total = labels.size(0);
    const int64_t count = std::clamp<int64_t>(secondCount, 0, total);

    // Largest-remainder apportionment: floor shares first, then the biggest remainders get +1.
    struct Share
    {
        int64_t classSize, quota, remainder;
    };
    std::vector<Share> shares;
    int64_t assigned = 0;
    for (const auto &entry : byClass) {
        const auto classSize = static_cast<int64_t>(entry.second.size());
        const int64_t scaled = count * classSize; // product of two counts: fits int64
        shares.push_back(
            {classSize, total == 0 ? 0 : scaled / total, total == 0 ? 0 : scaled % total});
        assigned += shares.back().quota;
    }
    std::vector<size_t> order(shares.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return shares[a].remainder > shares[b].remainder; });
    for (size_t k = 0; assigned < count && k < order.size(); ++k, ++assigned)
        ++shares[order[k]].quota;

    // Every class at least one when the count allows: take from the class with the largest quota.
    if (count >= static_cast<int64_t>(shares.size())) {
        for (auto &share : shares) {
            if (share.quota > 0)
                continue;
            auto largest =
                std::max_element(shares.begin(), shares.end(),
                                 [](const Share &a, const Share &b) { return a.quota < b.quota; });
            --largest->quota;
            share.quota = 1;
        }
    }

    std::mt19937_64 rng(seed);
    std::vector<int64_t> first, second;
    size_t classIndex = 0;
    for (auto &entry : byClass) {
        auto &positions = entry.second;
        shuffleInPlace(positions, rng);
        const int64_t take = shares[classIndex++].quota;
        second.insert(second.end(), positions.begin(), positions.begin() + take);
        first.insert(first.end(), positions.begin() + take, positions.end());
    }
    return assemble(std::move(first), std::move(second));
}

void channelStats(const torch::Tensor &images, std::vector<float> &mean, std::vector<float> &stddev)
{
    if (!images.defined() || images.dim() != 4)
        throw InputError("channel statistics need an N x C x H x W image tensor");
    const int64_t count = images.size(0), channels = images.size(1);
    const int64_t pixelsPerImage = images.size(2) * images.size(3);
    mean.assign(static_cast<size_t>(channels), 0.0f);
    stddev.assign(static_cast<size_t>(channels), 1.0f); // neutral for an empty split
    if (count == 0 || pixelsPerImage == 0)
        return;

    // Exact integer sums (255^2 fits int32; the totals need int64), chunked to bound memory.
    const int64_t chunkImages =
        std::max<int64_t>(1, kStatsChunkElements / (channels * pixelsPerImage));
    auto sum = torch::zeros({channels}, torch::kLong);
    auto sumSquares = torch::zeros({channels}, torch::kLong);
    const auto source = images.to(torch::kCPU);
    for (int64_t start = 0; start < count; start += chunkImages) {
        const auto chunk =
            source.narrow(0, start, std::min(chunkImages, count - start)).to(torch::kInt);
        sum += chunk.sum({0, 2, 3}, false, torch::kLong);
        sumSquares += chunk.mul(chunk).sum({0, 2, 3}, false, torch::kLong);
    }
    const double samples = static_cast<double>(count * pixelsPerImage);
    for (int64_t c = 0; c < channels; ++c) {
        const double channelMean = static_cast<double>(sum[c].item<int64_t>()) / samples / 255.0;
        const double meanSquare =
            static_cast<double>(sumSquares[c].item<int64_t>()) / samples / (255.0 * 255.0);
        mean[c] = static_cast<float>(channelMean);
        stddev[c] =
            static_cast<float>(std::sqrt(std::max(0.0, meanSquare - channelMean * channelMean)));
    }
}

torch::Tensor normalizeImages(const torch::Tensor &images, const std::vector<float> &mean,
                              const std::vector<float> &stddev)
{
    if (!images.defined() || images.dim() != 4)
        throw InputError("normalizeImages needs an N x C x H x W image tensor");
    const int64_t channels = images.size(1);
    if (static_cast<int64_t>(mean.size()) != channels ||
        static_cast<int64_t>(stddev.size()) != channels) {
        throw InputError("normalizeImages: " + std::to_string(channels) + " channels but " +
                         std::to_string(mean.size()) + " means and " +
                         std::to_string(stddev.size()) + " standard deviations");
    }
    // (x / 255 - m) / s folded into one multiply and one subtract over the float copy.
    std::vector<float> scale(channels), shift(channels);
    for (int64_t c = 0; c < channels; ++c) {
        const float s = std::max(stddev[c], kMinStddev);
        scale[c] = 1.0f / (255.0f * s);
        shift[c] = mean[c] / s;
    }
    const auto options = images.options().dtype(torch::kFloat);
    const auto scaleTensor = torch::tensor(scale).to(options).view({1, channels, 1, 1});
    const auto shiftTensor = torch::tensor(shift).to(options).view({1, channels, 1, 1});
    auto result = images.to(torch::kFloat);
    result.mul_(scaleTensor).sub_(shiftTensor);
    return result;
}

std::shared_ptr<const DataSplits> loadData(const ExperimentConfig &config,
                                           const LoadProgress &progress,
                                           const std::atomic<bool> *cancel)
{
    const auto started = std::chrono::steady_clock::now();
    checkCancel(cancel);
    if (config.limit < 0)
        throw InputError("limit " + std::to_string(config.limit) + " must be >= 0 (0: all images)");

    auto data = std::make_shared<DataSplits>();
    switch (config.dataset) {
    case DatasetKind::Synthetic: {
        if (progress)
            progress(0, 1);
        *data = loadSynthetic(config);
        data->description += limitNote(*data, kSyntheticTrain);
        if (progress)
            progress(1, 1);
        break;
    }
    case DatasetKind::Cifar10: {
        if (config.dataPath.empty())
            throw InputError(
                "CIFAR-10 needs the folder with data_batch_1.bin ... (data path is empty)");
        if (config.cifarValidation < 0) {
            throw InputError("CIFAR-10 validation count " + std::to_string(config.cifarValidation) +
                             " must be >= 0");
        }
        if (progress)
            progress(0, 1);
        *data = loadCifar10(config.dataPath, config.cifarValidation, config.splitSeed);
        const int64_t fullTrain = data->train.size();
        checkCancel(cancel);
        applyLimit(*data, config.limit, config.splitSeed);
        data->description = "CIFAR-10 (" + config.dataPath + ")" + limitNote(*data, fullTrain);
        if (progress)
            progress(1, 1);
        break;
    }
    case DatasetKind::Folder: {
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
            std::ostringstream message;
            message << "validation fraction " << config.valFraction << " + test fraction "
                    << config.testFraction << " must be below 1";
            throw InputError(message.str());
        }
        *data = loadImageFolder(config.dataPath, config.imageSize, config.valFraction,
                                config.testFraction, config.splitSeed, progress, cancel);
        const int64_t fullTrain = data->train.size();
        checkCancel(cancel);
        applyLimit(*data, config.limit, config.splitSeed);
        data->description += limitNote(*data, fullTrain);
        break;
    }
    }
    checkCancel(cancel);
    if (data->train.size() == 0)
        throw InputError("the training split of " + data->description + " is empty");

    // Statistics from the (limited) training split only: validation and test stay unseen.
    channelStats(data->train.images, data->mean, data->stddev);
    data->loadSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return data;
}

DatasetSummary summarize(const DataSplits &data)
{
    DatasetSummary summary;
    summary.description = data.description;
    summary.classNames = data.classNames;
    summary.trainSize = data.train.size();
    summary.valSize = data.val.size();
    summary.testSize = data.test.size();
    for (const Dataset *split : {&data.train, &data.val, &data.test}) {
        if (split->images.defined() && split->images.dim() == 4) {
            summary.channels = static_cast<int>(split->images.size(1));
            summary.height = static_cast<int>(split->images.size(2));
            summary.width = static_cast<int>(split->images.size(3));
            break;
        }
    }
    summary.warnings = data.warnings;
    summary.loadSeconds = data.loadSeconds;
    return summary;
}

SampleImage toSampleImage(const torch::Tensor &image, int label)
{
    // C x H x W -> H x W x 3 (a single channel is repeated as grey).
    const int height = static_cast<int>(image.size(1));
    const int width = static_cast<int>(image.size(2));
    torch::Tensor rgb = image.to(torch::kCPU, torch::kUInt8);
    rgb = image.size(0) == 1 ? rgb.expand({3, height, width}) : rgb.narrow(0, 0, 3);
    const auto interleaved = rgb.permute({1, 2, 0}).contiguous();
    SampleImage sample;
    sample.width = width;
    sample.height = height;
    sample.label = label;
    sample.rgb.resize(static_cast<size_t>(width) * height * 3);
    std::memcpy(sample.rgb.data(), interleaved.data_ptr<uint8_t>(), sample.rgb.size());
    return sample;
}

std::vector<SampleImage> sampleImages(const DataSplits &data, int perClass)
{
    std::vector<SampleImage> samples;
    const auto &train = data.train;
    if (perClass <= 0 || train.size() == 0 || train.images.dim() != 4)
        return samples;
    const auto labels = train.labels.to(torch::kCPU, torch::kLong).contiguous();
    const int64_t *labelValues = labels.data_ptr<int64_t>();
    for (int64_t cls = 0; cls < data.numClasses(); ++cls) {
        int taken = 0;
        for (int64_t i = 0; i < labels.size(0) && taken < perClass; ++i) {
            if (labelValues[i] != cls)
                continue;
            samples.push_back(toSampleImage(train.images[i], static_cast<int>(cls)));
            ++taken;
        }
    }
    return samples;
}

} // namespace normlab
