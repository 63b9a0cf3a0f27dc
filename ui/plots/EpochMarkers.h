#pragma once
// The overfitting markers: labelled vertical lines at a run's best epoch and its early-stopping
// epoch, on any plot (x in epochs or in steps), and the train-validation loss gap.

#include "normlab/Results.h"

#include <QColor>
#include <QString>
#include <QVector>

#include <vector>

class QCustomPlot;

/// Which markers a run gets, and where, in the plot's x units.
struct EpochMarker
{
    double x = 0;
    QString label; // "best 7", "stopped 9"
    QColor color;
    Qt::PenStyle style = Qt::DashLine; // best: dashed, stopped: dash-dot
    /// The label left of the line and at the bottom: the early-stopping epoch is the last one,
    /// at the plot's right edge, where a label right of it would be cut off and the legend sits.
    bool labelBeforeLine = false;
};

/// Best epoch (when > 0) and early-stopping epoch (when > 0) of one run, at x = epoch.
std::vector<EpochMarker> epochMarkers(int bestEpoch, int stoppedEpoch, const QColor &color);

/// The early-stopping epoch of a finished result: epochsRun when it stopped early, else 0.
int stoppedEpochOf(const normlab::RunResult &result);

/// Adds the markers as dashed vertical lines, each labelled at the top of the axis rect; the
/// labels of several runs stack downwards so they do not cover each other.
void addEpochMarkers(QCustomPlot *plot, const std::vector<EpochMarker> &markers);

/// valLoss - trainLoss per epoch: positive when the model fits training data better.
void lossGap(const std::vector<normlab::EpochMetrics> &history, QVector<double> &epochs,
             QVector<double> &gaps);
