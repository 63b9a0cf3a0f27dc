#pragma once
// Decoded datasets as tensors. Includes torch: keep out of headers that moc reads.

#include "normlab/Engine.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace normlab {

/// One split: uint8 images N x C x H x W (RGB, contiguous) and int64 labels N.
struct Dataset
{
    torch::Tensor images;
    torch::Tensor labels;
    int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
};

struct DataSplits
{
    Dataset train, val, test;
    std::vector<std::string> classNames;
    std::vector<float> mean,
        stddev; // per channel, on the [0, 1] scale, from the training split only
    std::string description;
    std::vector<std::string> warnings;
    double loadSeconds = 0;
    int64_t numClasses() const { return static_cast<int64_t>(classNames.size()); }
};

/// The rows of `data` at `indices` (int64), copied.
Dataset subset(const Dataset &data, const torch::Tensor &indices);

/// Seeded stratified split of the positions 0..N-1 of `labels`: `second` gets round(fraction * n_c)
/// of each class c (at least 1 when n_c >= 2 and fraction > 0), `first` the rest. Disjoint,
/// covering, each sorted ascending.
struct IndexSplit
{
    torch::Tensor first, second;
};
IndexSplit stratifiedSplit(const torch::Tensor &labels, double secondFraction, uint64_t seed);

/// Seeded stratified split with exactly min(secondCount, N) positions in `second`, shared out over
/// the classes in proportion to their sizes (largest remainder). When secondCount >= the number of
/// classes present, every class gets at least one. Disjoint, covering, each sorted ascending.
/// Used for exact counts: CIFAR-10's validation records and the --limit subsets.
IndexSplit stratifiedSplitCount(const torch::Tensor &labels, int64_t secondCount, uint64_t seed);

/// Per-channel mean and standard deviation of a uint8 N x C x H x W tensor, on the [0, 1] scale.
void channelStats(const torch::Tensor &images, std::vector<float> &mean,
                  std::vector<float> &stddev);

/// One uint8 C x H x W image (1 or >= 3 channels) as an RGB-interleaved SampleImage.
SampleImage toSampleImage(const torch::Tensor &image, int label);

/// uint8 N x C x H x W -> float32, scaled to [0, 1], then (x - mean) / std per channel.
torch::Tensor normalizeImages(const torch::Tensor &images, const std::vector<float> &mean,
                              const std::vector<float> &stddev);

// Loaders. Each returns splits with classNames set; loadData() applies the limit and the
// statistics. All throw InputError naming the file or value for bad input.

/// Built-in synthetic shapes: 32x32 RGB, 10 classes, deterministic in `seed`.
/// trainCount/valCount/testCount images are generated.
DataSplits makeSynthetic(int64_t trainCount, int64_t valCount, int64_t testCount, uint64_t seed);

/// CIFAR-10 binary version in `dir`; cifarValidationCount(valSize, records) training records are
/// held out (stratified): `valSize`, or a tenth of them when it is 0.
DataSplits loadCifar10(const std::string &dir, int64_t valSize, uint64_t splitSeed);

/// Decodes one CIFAR-10 binary batch file (records of 1 label byte + 3072 pixel bytes).
Dataset readCifarBatch(const std::string &file);
/// The same from the file's bytes in memory; `origin` names them in error messages.
Dataset decodeCifarBatch(const uint8_t *bytes, size_t size, const std::string &origin);

/// One sub-folder per class (JPEG/PNG/BMP), resized to imageSize. Uses train/val/test sub-folders
/// when present, else a seeded stratified split. Decodes in parallel.
DataSplits loadImageFolder(const std::string &root, int imageSize, double valFraction,
                           double testFraction, uint64_t splitSeed, const LoadProgress &progress,
                           const std::atomic<bool> *cancel);

} // namespace normlab
