#include "plots/EpochMarkers.h"

#include "plots/QCustomPlotInclude.h"

#include <QFontMetrics>
#include <QObject>

using namespace normlab;

namespace {
constexpr int kLabelRows = 8; // then the stacking starts over
} // namespace

std::vector<EpochMarker> epochMarkers(int bestEpoch, int stoppedEpoch, const QColor &color)
{
    std::vector<EpochMarker> markers;
    if (bestEpoch > 0)
        markers.push_back({double(bestEpoch), QObject::tr("best %1").arg(bestEpoch), color});
    if (stoppedEpoch > 0)
        markers.push_back({double(stoppedEpoch), QObject::tr("stopped %1").arg(stoppedEpoch), color,
                           Qt::DashDotLine, true});
    return markers;
}

int stoppedEpochOf(const RunResult &result)
{
    return result.status == RunStatus::EarlyStopped ? result.epochsRun : 0;
}

namespace {
// A top label right of a line in the plot's right part would be cut off or hidden under the
// legend (top right): put it on the left of its line.
void flipEdgeLabels(QCustomPlot *plot)
{
    const QCPRange range = plot->xAxis->range();
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto *label = qobject_cast<QCPItemText *>(plot->item(i));
        if (!label || !label->property("marker").toBool() ||
            label->property("markerAtBottom").toBool())
            continue;
        const bool nearRightEdge = label->position->coords().x() > range.lower + 0.6 * range.size();
        label->setPositionAlignment((nearRightEdge ? Qt::AlignRight : Qt::AlignLeft) |
                                    Qt::AlignTop);
    }
}
} // namespace

void addEpochMarkers(QCustomPlot *plot, const std::vector<EpochMarker> &markers)
{
    // Best-epoch labels stack down from the top; early-stopping labels (left of their line, at
    // the right edge where the legend usually sits) stack up from the bottom.
    int topRow = 0, bottomRow = 0;
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (!qobject_cast<QCPItemText *>(plot->item(i)) ||
            !plot->item(i)->property("marker").toBool())
            continue;
        ++(plot->item(i)->property("markerAtBottom").toBool() ? bottomRow : topRow);
    }
    if (!plot->property("markerLabelsFlip").toBool()) {
        plot->setProperty("markerLabelsFlip", true);
        QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { flipEdgeLabels(plot); });
    }
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

        const bool bottom = marker.labelBeforeLine;
        int &row = bottom ? bottomRow : topRow;
        auto *label = new QCPItemText(plot);
        // Rows a text line apart, in pixels from the line's top or bottom end.
        const int offset = 2 + QFontMetrics(label->font()).height() * (row++ % kLabelRows);
        label->setProperty("marker", true);
        label->setProperty("markerAtBottom", bottom);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAbsolute);
        label->position->setParentAnchorY(bottom ? line->point2 : line->point1);
        label->position->setCoords(marker.x, bottom ? -offset : offset);
        label->setPositionAlignment(bottom ? Qt::AlignRight | Qt::AlignBottom
                                           : Qt::AlignLeft | Qt::AlignTop);
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
