#include "plots/SeriesViews.h"

#include "export/ImageFiles.h"
#include "plots/CurvePlot.h"
#include "plots/EpochMarkers.h"
#include "plots/GradientNormPlot.h"
#include "plots/LayerStatsPlot.h"
#include "project/RunRecorder.h"

#include <QEvent>
#include <QImage>
#include <QPainter>

#include <algorithm>

using namespace normlab;

SeriesViews::SeriesViews(RunRecorder *recorder, QObject *parent)
    : QObject(parent), m_recorder(recorder), m_layerStats(new LayerStatsPlot),
      m_gradientNorms(new GradientNormPlot)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &SeriesViews::refreshVisible);
    connect(recorder, &RunRecorder::liveInsightChanged, this, &SeriesViews::onLiveInsight);
    m_layerStats->installEventFilter(this);
    m_gradientNorms->installEventFilter(this);
}

SeriesViews::~SeriesViews()
{
    for (QWidget *view : {static_cast<QWidget *>(m_layerStats.data()),
                          static_cast<QWidget *>(m_gradientNorms.data())})
        if (view && !view->parent())
            delete view;
}

LayerStatsPlot *SeriesViews::layerStats() const
{
    return m_layerStats;
}

GradientNormPlot *SeriesViews::gradientNorms() const
{
    return m_gradientNorms;
}

InsightCurves SeriesViews::curvesOf(const RunRecord &record, const QColor &color)
{
    const RunResult &r = record.result;
    InsightCurves curves;
    curves.name = QString::fromStdString(r.name);
    curves.color = color;
    curves.blockNames = r.insight.blockNames;
    curves.gradientLayers = r.insight.gradientLayers;
    curves.probeSize = r.insight.probeSize;
    curves.layerStats = r.insight.layerStats;
    curves.gradientNorms = r.insight.gradientNorms;
    curves.bestEpoch = r.bestEpoch;
    curves.stoppedEpoch = record.state == RunState::Done ? stoppedEpochOf(r) : 0;
    return curves;
}

void SeriesViews::showRuns(const std::vector<std::pair<const RunRecord *, QColor>> &runs)
{
    m_ids.clear();
    m_runs.clear();
    for (const auto &[record, color] : runs) {
        // The table's copy of a live run is an epoch old; the recorder's is current.
        const RunRecord *live = m_recorder->liveRecordWithId(record->id);
        const RunRecord &source = live ? *live : *record;
        m_ids.push_back(record->id);
        m_runs.push_back(curvesOf(source, color));
        if (&source == live) // names and the best epoch come from the table (renames)
            m_runs.back().name = QString::fromStdString(record->result.name);
    }
    scheduleRefresh();
}

void SeriesViews::onLiveInsight(qint64 id)
{
    const RunRecord *live = m_recorder->liveRecordWithId(id);
    if (!live)
        return;
    for (size_t i = 0; i < m_ids.size(); ++i) {
        if (m_ids[i] != id)
            continue;
        // Only the growing series change; name, colour and markers stay.
        m_runs[i].blockNames = live->result.insight.blockNames;
        m_runs[i].gradientLayers = live->result.insight.gradientLayers;
        m_runs[i].probeSize = live->result.insight.probeSize;
        m_runs[i].layerStats = live->result.insight.layerStats;
        m_runs[i].gradientNorms = live->result.insight.gradientNorms;
        scheduleRefresh();
    }
}

void SeriesViews::scheduleRefresh()
{
    m_layerStatsStale = m_gradientNormsStale = true;
    if (!m_refresh.isActive())
        m_refresh.start();
}

void SeriesViews::refreshVisible()
{
    if (m_layerStats && m_layerStatsStale && m_layerStats->isVisible()) {
        m_layerStats->setRuns(m_runs);
        m_layerStatsStale = false;
    }
    if (m_gradientNorms && m_gradientNormsStale && m_gradientNorms->isVisible()) {
        m_gradientNorms->setRuns(m_runs);
        m_gradientNormsStale = false;
    }
}

bool SeriesViews::eventFilter(QObject *watched, QEvent *event)
{
    // A tab that was hidden while its runs changed catches up as soon as it is shown.
    if (event->type() == QEvent::Show &&
        (watched == m_layerStats.data() || watched == m_gradientNorms.data()))
        QTimer::singleShot(0, this, &SeriesViews::refreshVisible);
    return QObject::eventFilter(watched, event);
}

void SeriesViews::refreshNow()
{
    m_refresh.stop();
    if (m_layerStats)
        m_layerStats->setRuns(m_runs);
    if (m_gradientNorms)
        m_gradientNorms->setRuns(m_runs);
    m_layerStatsStale = m_gradientNormsStale = false;
}

bool SeriesViews::savePng(const QString &path, QString *error) const
{
    const QImage top = m_layerStats->image(), bottom = m_gradientNorms->image();
    QImage image(std::max(top.width(), bottom.width()), top.height() + bottom.height(),
                 QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.drawImage(0, 0, top);
        painter.drawImage(0, top.height(), bottom);
    }
    return saveImagePng(image, path, error);
}
