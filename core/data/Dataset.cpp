// Splits, channel statistics, normalization, summaries and sample images. The front door (loadData,
// dataKey) is LoadData.cpp; the individual loaders live in SyntheticDataset.cpp, Cifar10Dataset.cpp
// and ImageFolderDataset.cpp.

#include "data/Dataset.h"
#include "normlab/NumberFormat.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <random>

namespace normlab {
namespace {

// Elements converted to int32 at a time in channelStats: bounds the working copy to ~16 MB.
constexpr int64_t kStatsChunkElements = int64_t{1} << 22;
// A constant channel has std 0; dividing by this instead keeps normalized values finite.
constexpr float kMinStddev = 1e-3f;

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

} // namespace

Dataset subset(const Dataset &data, const torch::Tensor &indices)
{
    const auto index = indices.to(torch::kLong);
    return {data.images.index_select(0, index).contiguous(),
            data.labels.index_select(0, index).contiguous()};
}

IndexSplit stratifiedSplit(const torch::Tensor &labels, double secondFraction, uint64_t seed)
{
    if (!(secondFraction >= 0.0 && secondFraction <= 1.0))
        throw InputError("split fraction " + formatPlain(secondFraction) + " must be in [0, 1]");
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
