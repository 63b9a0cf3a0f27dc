#pragma once
// Training throughput: the bare step (forward, backward, optimizer on tensors already in memory)
// against whole epochs through the engine (batching, uint8 normalization, augmentation, metrics).

#include "core/Config.h"

#include <ostream>

namespace normlab {

struct BenchFigures
{
    double bareStepImagesPerSecond = 0; // median over repetitions
    double epochImagesPerSecond = 0;    // median over epochs, training pass of the engine
};

/// Runs both measurements on 32x32 synthetic images for `config`'s model and training options.
/// `images` training images per repetition; progress lines go to `log`.
BenchFigures runBenchmark(const ExperimentConfig &config, int repeats, int64_t images,
                          std::ostream &log);

} // namespace normlab
