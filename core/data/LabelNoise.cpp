#include "data/LabelNoise.h"

#include "normlab/NumberFormat.h"

#include <cmath>
#include <random>

namespace normlab {
namespace {

// Mixed into the training seed so the noise draw does not mirror torch's own use of the seed.
constexpr uint64_t kLabelNoiseStream = 0x6c6162656c6e6f69ULL; // "labelnoi"

} // namespace

int64_t labelNoiseCount(int64_t count, double percent)
{
    return std::llround(percent / 100.0 * static_cast<double>(count));
}

torch::Tensor noisyLabels(const torch::Tensor &labels, int64_t numClasses, double percent,
                          uint64_t seed)
{
    if (!(percent >= 0 && percent <= 100))
        throw InputError("label-noise " + formatPlain(percent) + " must be in [0, 100]");
    torch::Tensor noisy = labels.to(torch::kCPU, torch::kLong).clone().contiguous();
    const int64_t count = noisy.numel();
    const int64_t corrupted = labelNoiseCount(count, percent);
    if (corrupted == 0)
        return noisy;
    if (numClasses < 2)
        throw InputError("label noise needs at least 2 classes");

    // Fisher-Yates with an explicit modulo draw: the same choice on every standard library.
    std::mt19937_64 rng(seed ^ kLabelNoiseStream);
    std::vector<int64_t> order(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i)
        order[static_cast<size_t>(i)] = i;
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[rng() % i]);

    int64_t *values = noisy.data_ptr<int64_t>();
    const auto others = static_cast<uint64_t>(numClasses - 1);
    for (int64_t k = 0; k < corrupted; ++k) {
        int64_t &label = values[order[static_cast<size_t>(k)]];
        // Uniform over the other classes: draw from numClasses - 1 and skip the true label.
        const auto draw = static_cast<int64_t>(rng() % others);
        label = draw >= label ? draw + 1 : draw;
    }
    return noisy;
}

const DataSplits &withLabelNoise(const ExperimentConfig &config, const DataSplits &data,
                                 DataSplits &storage)
{
    if (config.labelNoise <= 0)
        return data;
    storage = data; // tensors are shared handles: only the training labels get a new tensor
    storage.train.labels =
        noisyLabels(data.train.labels, data.numClasses(), config.labelNoise, config.seed);
    return storage;
}

} // namespace normlab
