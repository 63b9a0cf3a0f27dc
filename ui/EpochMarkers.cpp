#include "ui/EpochMarkers.h"

#include "ui/QCustomPlotInclude.h"

#include <QObject>

using namespace normlab;

namespace {
constexpr double kLabelRowHeight = 0.065; // of the axis rect's height
constexpr int kLabelRows = 8;             // then the labels start at the top again
} // namespace

std::vector<EpochMarker> epochMarkers(int bestEpoch, int stoppedEpoch, const QColor &color)
{
    std::vector<EpochMarker> markers;
    if (bestEpoch > 0)
        markers.push_back({double(bestEpoch), QObject::tr("best %1").arg(bestEpoch), color});
    if (stoppedEpoch > 0)
        markers.push_back({double(stoppedEpoch), QObject::tr("stopped %1").arg(stoppedEpoch),
                           color, Qt::DashDotLine});
    return markers;
}

int stoppedEpochOf(const RunResult &result)
{
    return result.status == RunStatus::EarlyStopped ? result.epochsRun : 0;
}

void addEpochMarkers(QCustomPlot *plot, const std::vector<EpochMarker> &markers)
{
    int row = 0;
    for (int i = 0; i < plot->itemCount(); ++i)
        row += qobject_cast<QCPItemText *>(plot->item(i)) &&
               plot->item(i)->property("marker").toBool();
    for (const EpochMarker &marker : markers) {
        auto *line = new QCPItemStraightLine(plot);
        line->setProperty("marker", true);
        line->point1->setTypeX(QCPItemPosition::ptPlotCoords);
        line->point1->setTypeY(QCPItemPosition::ptAxisRectRatio);
        line->point2->setTypeX(QCPItemPosition::ptPlotCoords);
        line->point2->setTypeY(QCPItemPosition::ptAxisRectRatio);
        line->point1->setCoords(marker.x, 0);
        line->point2->setCoords(marker.x, 1);
        line->setPen(QPen(marker.color, 1.2, marker.style));
        line->setSelectable(false);

        auto *label = new QCPItemText(plot);
        label->setProperty("marker", true);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(marker.x, 0.01 + kLabelRowHeight * (row++ % kLabelRows));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins(3, 0, 3, 0));
        label->setText(marker.label);
        label->setColor(marker.color);
        label->setBrush(QColor(255, 255, 255, 200));
        label->setClipToAxisRect(true);
        label->setSelectable(false);
    }
}

void lossGap(const std::vector<EpochMetrics> &history, QVector<double> &epochs,
             QVector<double> &gaps)
{
    epochs.clear();
    gaps.clear();
    for (const EpochMetrics &m : history) {
        epochs << m.epoch;
        gaps << m.valLoss - m.trainLoss;
    }
}
