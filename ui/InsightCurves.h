#pragma once
// One run's insight series as the layer-statistics and gradient-norm plots draw them.

#include "core/Insight.h"

#include <QColor>
#include <QString>

#include <algorithm>
#include <vector>

struct InsightCurves
{
    QString name;
    QColor color;
    std::vector<std::string> blockNames, gradientLayers;
    int64_t probeSize = 0;
    std::vector<normlab::LayerStatsSample> layerStats;
    std::vector<normlab::GradientNormSample> gradientNorms;
    int bestEpoch = 0;    // 0: none
    int stoppedEpoch = 0; // the early-stopping epoch; 0: did not stop early

    /// The last training step of `epoch` (from the recorded steps); 0 when unknown.
    int64_t lastStepOf(int epoch) const
    {
        int64_t last = 0;
        for (const normlab::GradientNormSample &s : gradientNorms)
            if (s.epoch == epoch)
                last = std::max(last, s.step);
        for (const normlab::LayerStatsSample &s : layerStats)
            if (s.epoch == epoch)
                last = std::max(last, s.step);
        return last;
    }
};
