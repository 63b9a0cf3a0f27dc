#pragma once
// Decoding image files (JPEG, PNG, BMP) in parallel into one preallocated uint8 tensor.

#include "normlab/Engine.h"

#include <torch/torch.h>

#include <atomic>
#include <filesystem>
#include <vector>

namespace normlab {

/// Decodes `files` on a thread pool into `images` (preallocated uint8 N x 3 x size x size, RGB),
/// each resized to size x size. Returns which files could be read. Progress (files decoded of all)
/// and `cancel` run on the calling thread; throws InputError when cancelled.
std::vector<bool> decodeImages(const std::vector<std::filesystem::path> &files, int size,
                               torch::Tensor &images, const LoadProgress &progress,
                               const std::atomic<bool> *cancel);

} // namespace normlab
