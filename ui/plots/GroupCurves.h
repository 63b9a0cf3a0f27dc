#pragma once
// Mean curves of a group of repeated runs, with their ±std band, for the epoch plots.

#include "normlab/Results.h"

#include <QColor>
#include <QString>
#include <QVector>

#include <vector>

class QCustomPlot;

/// One group's runs as the plots draw them: the mean validation curve and a shaded ±std band.
struct GroupCurves
{
    QString name;
    QColor color;
    std::vector<std::vector<normlab::EpochMetrics>> histories; // one per run
};

/// Mean and sample std over the runs, per epoch (1, 2, ...), of the runs that reached that epoch;
/// std is 0 where fewer than 2 runs did. Non-finite values are left out.
struct MeanCurve
{
    QVector<double> epochs, mean, std;
};
MeanCurve meanCurve(const std::vector<std::vector<normlab::EpochMetrics>> &histories,
                    double normlab::EpochMetrics::*value);

/// Adds the band (two graphs, the upper filled down to the lower, semi-transparent) and the mean
/// line (in the legend as `name`) to `plot`.
void addMeanBand(QCustomPlot *plot, const QString &name, const QColor &color,
                 const MeanCurve &curve);
