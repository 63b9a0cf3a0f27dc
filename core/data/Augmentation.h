#pragma once
// Data augmentation of training batches, as whole-batch tensor operations.

#include <torch/torch.h>

namespace normlab {

struct AugmentOptions
{
    int padding = 4;         // random crop after zero padding by this many pixels per side
    bool flip = true;        // horizontal flip with probability 1/2
    double brightness = 0.1; // add a uniform shift in [-b, b] per image
    double contrast = 0.2;   // scale around the image mean by a factor in [1-c, 1+c]
};

/// Augments a float batch N x C x H x W on the [0, 1] scale; every image draws its own crop,
/// flip and jitter from `generator`, by default the global torch generator (seeded per run).
/// Returns a new tensor.
torch::Tensor augmentBatch(const torch::Tensor &images, const AugmentOptions &options = {},
                           c10::optional<at::Generator> generator = c10::nullopt);

/// Random crops of size H x W from `images` zero-padded by `padding`; offsets per image, each in
/// [0, 2 * padding]. Exposed for tests.
torch::Tensor randomCrop(const torch::Tensor &images, int padding, const torch::Tensor &offsetY,
                         const torch::Tensor &offsetX);

} // namespace normlab
