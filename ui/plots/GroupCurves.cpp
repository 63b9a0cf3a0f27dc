#include "plots/GroupCurves.h"

#include "normlab/Statistics.h"
#include "plots/PlotLegend.h"

#include <algorithm>
#include <cmath>

using namespace normlab;

MeanCurve meanCurve(const std::vector<std::vector<EpochMetrics>> &histories,
                    double EpochMetrics::*value)
{
    size_t epochs = 0;
    for (const auto &h : histories)
        epochs = std::max(epochs, h.size());
    MeanCurve curve;
    for (size_t e = 0; e < epochs; ++e) {
        std::vector<double> values;
        for (const auto &h : histories)
            if (e < h.size() && std::isfinite(h[e].*value))
                values.push_back(h[e].*value);
        if (values.empty())
            continue;
        curve.epochs << double(e + 1);
        curve.mean << mean(values);
        curve.std << (values.size() >= 2 ? sampleStd(values) : 0.0);
    }
    return curve;
}

void addMeanBand(QCustomPlot *plot, const QString &name, const QColor &color,
                 const MeanCurve &curve)
{
    QVector<double> low, high;
    for (int i = 0; i < curve.mean.size(); ++i) {
        low << curve.mean[i] - curve.std[i];
        high << curve.mean[i] + curve.std[i];
    }
    QColor edge = color;
    edge.setAlpha(90);
    QColor fill = color;
    fill.setAlpha(50);
    QCPGraph *lower = plot->addGraph();
    lower->setPen(QPen(edge, 1));
    lower->setData(curve.epochs, low, true);
    QCPGraph *upper = plot->addGraph();
    upper->setPen(QPen(edge, 1));
    upper->setBrush(fill);
    upper->setChannelFillGraph(lower);
    upper->setData(curve.epochs, high, true);
    QCPGraph *line = plot->addGraph();
    line->setName(name);
    line->setProperty("hoverName", name);
    line->setPen(QPen(color, 2.2));
    line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    line->setData(curve.epochs, curve.mean, true);
    PlotLegend::addEntry(line);
}
