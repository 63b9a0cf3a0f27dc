#pragma once
// Training throughput: the bare step (forward, backward, optimizer on tensors already in memory)
// against whole epochs through the engine (batching, uint8 normalization, augmentation, metrics).

#include "normlab/Config.h"

#include <ostream>

namespace normlab {

struct BenchFigures
{
    double bareStepImagesPerSecond = 0; // median over repetitions
    double epochImagesPerSecond = 0;    // median over epochs, training pass of the engine
    // Engine epochs with recording inside the network off (stats-every 0) and on (config's
    // stats-every, 25 when it is 0), from paired runs; the overhead is the median of the pairs'
    // relative slowdowns, in percent.
    int recordingStatsEvery = 0;
    double recordingOffImagesPerSecond = 0;
    double recordingOnImagesPerSecond = 0;
    double recordingOverheadPercent = 0;
    double recordingCpuOverheadPercent = 0; // the same by process CPU time per image
    // The recording's extra time on the bare step, from interleaved blocks of stats-every steps
    // without and with it: the least noisy of the three on a shared machine.
    double recordingStepOverheadPercent = 0;
};

/// Runs both measurements on 32x32 synthetic images for `config`'s model and training options.
/// `images` training images per repetition; progress lines go to `log`.
BenchFigures runBenchmark(const ExperimentConfig &config, int repeats, int64_t images,
                          std::ostream &log);

} // namespace normlab
