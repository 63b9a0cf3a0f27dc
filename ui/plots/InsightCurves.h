#pragma once
// One run's insight series as the layer-statistics and gradient-norm plots draw them.

#include "normlab/Insight.h"

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

    /// The best and early-stopping epoch markers (see EpochMarkers.h) at the last step of their
    /// epoch, in the plots' x units (training steps). Epochs without recorded steps get none.
    template <typename Marker> std::vector<Marker> atSteps(std::vector<Marker> markers) const
    {
        std::vector<Marker> placed;
        for (Marker marker : markers) {
            const int64_t step = lastStepOf(int(marker.x));
            if (step > 0) {
                marker.x = double(step);
                placed.push_back(marker);
            }
        }
        return placed;
    }
};
