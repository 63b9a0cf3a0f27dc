#include "data/Augmentation.h"

namespace normlab {

torch::Tensor randomCrop(const torch::Tensor &images, int padding, const torch::Tensor &offsetY,
                         const torch::Tensor &offsetX)
{
    const int64_t n = images.size(0), c = images.size(1), h = images.size(2), w = images.size(3);
    const int64_t paddedW = w + 2 * padding;
    const torch::Tensor padded =
        torch::constant_pad_nd(images, {padding, padding, padding, padding}, 0.0);
    const auto longs = torch::TensorOptions().dtype(torch::kLong);
    // Flat index of every output pixel inside its padded image: one gather for the whole batch.
    const torch::Tensor rows = offsetY.view({n, 1, 1}) + torch::arange(h, longs).view({1, h, 1});
    const torch::Tensor cols = offsetX.view({n, 1, 1}) + torch::arange(w, longs).view({1, 1, w});
    const torch::Tensor index = (rows * paddedW + cols).view({n, 1, h * w}).expand({n, c, h * w});
    return padded.view({n, c, -1}).gather(2, index).view({n, c, h, w});
}

torch::Tensor augmentBatch(const torch::Tensor &images, const AugmentOptions &options,
                           c10::optional<at::Generator> generator)
{
    const int64_t n = images.size(0);
    const auto longs = torch::TensorOptions().dtype(torch::kLong);
    torch::Tensor x = images;
    if (options.padding > 0) {
        const int64_t span = 2 * options.padding + 1;
        x = randomCrop(x, options.padding, torch::randint(span, {n}, generator, longs),
                       torch::randint(span, {n}, generator, longs));
    }
    if (options.flip) {
        const torch::Tensor flipMask = (torch::rand({n, 1, 1, 1}, generator) < 0.5);
        x = torch::where(flipMask, x.flip({3}), x);
    }
    if (options.contrast > 0) {
        const torch::Tensor factor =
            1.0 + (torch::rand({n, 1, 1, 1}, generator) * 2.0 - 1.0) * options.contrast;
        const torch::Tensor mean = x.mean({1, 2, 3}, /*keepdim=*/true);
        x = (x - mean) * factor + mean;
    }
    if (options.brightness > 0)
        x = x + (torch::rand({n, 1, 1, 1}, generator) * 2.0 - 1.0) * options.brightness;
    return x.clamp(0.0, 1.0);
}

} // namespace normlab
