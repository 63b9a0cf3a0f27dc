#pragma once
// Decoding image files (JPEG, PNG, BMP) in parallel into one preallocated uint8 tensor.

#include "normlab/Engine.h"

#include <torch/torch.h>

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace normlab {

/// Images whose header declares more pixels than this are not decoded: a file of a few bytes can
/// claim 65535 x 65535 pixels, and OpenCV allocates the claimed size before reading a pixel.
/// 2^27 (134 megapixels, 384 MiB decoded) still admits the largest camera photos.
constexpr int64_t kMaxImagePixels = int64_t{1} << 27;

/// The size a file's header declares, for the formats the folder loader reads (found by content,
/// as OpenCV picks its decoder: a .png file may hold a JPEG). Null for anything else.
struct DeclaredImage
{
    int64_t width = 0, height = 0;
    bool jpeg = false;
};
std::optional<DeclaredImage> declaredImage(const std::vector<unsigned char> &bytes);

/// Decodes `files` on a thread pool into `images` (preallocated uint8 N x 3 x size x size, RGB),
/// each resized to size x size. Returns which files could be read; files refused for the size
/// their header declares are also named, with that size, in `warnings`. Progress (files decoded of
/// all) and `cancel` run on the calling thread; throws InputError when cancelled.
std::vector<bool> decodeImages(const std::vector<std::filesystem::path> &files, int size,
                               torch::Tensor &images, const LoadProgress &progress,
                               const std::atomic<bool> *cancel,
                               std::vector<std::string> *warnings = nullptr);

} // namespace normlab
