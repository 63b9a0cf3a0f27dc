#pragma once
// Small in-memory datasets for engine tests.

#include "data/Dataset.h"

namespace normlab::fixtures {

/// Two classes that a CNN separates in a few epochs: dark (0) and bright (1) noisy images.
inline Dataset brightDark(int64_t count, uint64_t seed, int64_t size = 16)
{
    torch::Generator generator = at::detail::createCPUGenerator(seed);
    const torch::Tensor labels = torch::arange(count, torch::kLong).remainder(2);
    const torch::Tensor base =
        labels.to(torch::kFloat).mul(120.0f).add(60.0f).view({count, 1, 1, 1});
    const torch::Tensor noise = torch::randn({count, 3, size, size}, generator).mul(30.0f);
    const torch::Tensor images = (base + noise).clamp(0, 255).to(torch::kUInt8);
    return {images.contiguous(), labels};
}

inline DataSplits brightDarkSplits(int64_t train, int64_t val, int64_t test, int64_t size = 16)
{
    DataSplits data;
    data.train = brightDark(train, 1, size);
    data.val = brightDark(val, 2, size);
    data.test = brightDark(test, 3, size);
    data.classNames = {"dark", "bright"};
    channelStats(data.train.images, data.mean, data.stddev);
    data.description = "bright/dark test data";
    return data;
}

/// A configuration that trains fast on brightDarkSplits.
inline ExperimentConfig tinyConfig()
{
    ExperimentConfig config;
    config.epochs = 2;
    config.batchSize = 16;
    config.threads = 1;
    config.lr = 3e-3;
    return config;
}

} // namespace normlab::fixtures
