// The images behind the insight views: a split's images by index (confusion matrix, prediction
// grid) and one training image through the augmentation pipeline (augmentation preview).

#include "data/Augmentation.h"
#include "data/Dataset.h"
#include "normlab/CrossValidation.h"

#include <ATen/CPUGeneratorImpl.h>

namespace normlab {

std::vector<SampleImage> splitImages(const ExperimentConfig &config, const DataSplits &data,
                                     const std::string &split, const std::vector<int64_t> &indices)
{
    if (split != "validation" && split != "test")
        throw InputError("unknown split \"" + split + "\" (use validation or test)");
    DataSplits foldStorage;
    const DataSplits &seen = selectFold(config, data, foldStorage);
    const Dataset &images = split == "validation" ? seen.val : seen.test;
    const int64_t n = images.size();
    std::vector<SampleImage> samples;
    samples.reserve(indices.size());
    for (const int64_t i : indices) {
        if (i < 0 || i >= n)
            throw InputError("image " + std::to_string(i) + " is outside the " + split +
                             " split (" + std::to_string(n) + " images)");
        samples.push_back(
            toSampleImage(images.images[i], static_cast<int>(images.labels[i].item<int64_t>())));
    }
    return samples;
}

std::vector<SampleImage> augmentationPreview(const DataSplits &data, int64_t index, int count,
                                             uint64_t seed)
{
    const Dataset &train = data.train;
    if (index < 0 || index >= train.size())
        throw InputError("training image " + std::to_string(index) + " does not exist (" +
                         std::to_string(train.size()) + " images)");
    if (count < 1)
        throw InputError("preview count " + std::to_string(count) + " must be at least 1");
    const torch::Tensor original = train.images[index];
    const int label = static_cast<int>(train.labels[index].item<int64_t>());
    std::vector<SampleImage> samples{toSampleImage(original, label)};
    if (count == 1)
        return samples;
    // A private generator: the preview never shifts the training runs' random sequence.
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::NoGradGuard noGrad;
    const torch::Tensor batch =
        original.unsqueeze(0).expand({count - 1, -1, -1, -1}).to(torch::kFloat).div(255.0f);
    // Same scale as training: augmented on [0, 1], so the crop's padding is black.
    const torch::Tensor augmented =
        augmentBatch(batch, {}, generator).mul(255.0f).round().clamp(0, 255).to(torch::kUInt8);
    for (int64_t i = 0; i < augmented.size(0); ++i)
        samples.push_back(toSampleImage(augmented[i], label));
    return samples;
}

} // namespace normlab
