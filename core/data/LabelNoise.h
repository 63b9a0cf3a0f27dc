#pragma once
// Label noise for the double-descent experiment: a seeded fraction of the training labels is
// replaced by a wrong class. Includes torch: keep out of headers that moc reads.

#include "data/Dataset.h"

#include <cstdint>

namespace normlab {

/// How many of `count` labels `percent` % corrupts: round(percent / 100 * count).
int64_t labelNoiseCount(int64_t count, double percent);

/// A copy of `labels` (int64, values in [0, numClasses)) in which exactly labelNoiseCount(N,
/// percent) positions, chosen by a permutation seeded with `seed`, hold a different class drawn
/// uniformly from the other numClasses - 1. The rest are unchanged. Throws InputError for a percent
/// outside [0, 100] or fewer than 2 classes with a positive percent.
torch::Tensor noisyLabels(const torch::Tensor &labels, int64_t numClasses, double percent,
                          uint64_t seed);

/// `data` itself when config.labelNoise is 0; otherwise `storage`, set to a copy of `data` whose
/// training labels carry config.labelNoise % noise (seed config.seed). Validation and test labels
/// are shared with `data`, untouched. Images are shared, not copied.
const DataSplits &withLabelNoise(const ExperimentConfig &config, const DataSplits &data,
                                 DataSplits &storage);

} // namespace normlab
