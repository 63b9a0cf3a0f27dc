#pragma once
// train --batch-losses FILE.csv: every training step's loss, at full precision, as it is taken
// (under --world, the loss of every rank's rows together). Forwards everything to the next
// observer.

#include "normlab/Engine.h"

#include <fstream>
#include <string>

namespace normlab::cli {

class BatchLossFile : public TrainingObserver
{
public:
    /// Writes nothing when `path` is empty. Throws InputError naming the file when it cannot
    /// be written.
    BatchLossFile(TrainingObserver &next, const std::string &path);

    void runStarted(const RunInfo &info) override { next_.runStarted(info); }
    void batchFinished(const BatchProgress &progress) override;
    void epochFinished(const EpochMetrics &metrics) override { next_.epochFinished(metrics); }
    void message(const std::string &text) override { next_.message(text); }
    void layerStatsRecorded(const LayerStatsSample &sample) override
    {
        next_.layerStatsRecorded(sample);
    }
    void gradientNormsRecorded(const GradientNormSample &sample) override
    {
        next_.gradientNormsRecorded(sample);
    }

private:
    TrainingObserver &next_;
    std::ofstream out_;
};

} // namespace normlab::cli
