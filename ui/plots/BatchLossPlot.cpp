#include "plots/BatchLossPlot.h"

#include "plots/PlotLegend.h"
#include "plots/RunColors.h"
#include "project/RunRecorder.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr int kRawAlpha = 70;

/// Exponential moving average of the finite values, as the smoothed curve draws it.
void smooth(const QVector<double> &steps, const QVector<double> &losses, double weight,
            QVector<double> &keys, QVector<double> &values)
{
    double ema = 0;
    bool started = false;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (!std::isfinite(losses[i]))
            continue;
        ema = started ? weight * ema + (1 - weight) * losses[i] : losses[i];
        started = true;
        keys << steps[i];
        values << ema;
    }
}
} // namespace

BatchLossPlot::BatchLossPlot(QWidget *parent) : CurvePlot(tr("step"), tr("batch loss"), parent)
{
    setEmptyText(QString()); // the hint below says more
    // Batch losses live only while a run trains (projects keep per-epoch curves): say so rather
    // than show an empty plot after a restart.
    m_hint = new QCPItemText(this);
    m_hint->setObjectName(QStringLiteral("batchHint"));
    m_hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_hint->position->setCoords(0.5, 0.5);
    m_hint->setText(tr("The per-batch loss of runs trained in this session appears here\n"
                       "(it is not stored in the project)"));
    m_hint->setColor(QColor(0x80, 0x80, 0x80));
    m_hint->setSelectable(false);
    connect(this, &QCustomPlot::beforeReplot, this, &BatchLossPlot::updateHint);
}

void BatchLossPlot::followLiveRun(const RunRecorder *recorder)
{
    m_recorder = recorder;
}

void BatchLossPlot::startSeries(const QString &runName)
{
    m_liveId = m_recorder ? m_recorder->liveRecordId() : 0;
    m_hasLive = true;
    m_series[m_liveId] = Series{runName, {}, {}};
    m_emaStarted = false;
    rebuild();
    resetView();
}

void BatchLossPlot::addLoss(double step, double loss)
{
    if (!m_hasLive)
        return;
    Series &series = m_series[m_liveId];
    series.steps << step;
    series.losses << loss;
    if (m_liveRaw)
        m_liveRaw->addData(step, loss);
    if (std::isfinite(loss)) {
        m_ema = m_emaStarted ? m_smoothing * m_ema + (1 - m_smoothing) * loss : loss;
        m_emaStarted = true;
        if (m_liveSmoothed)
            m_liveSmoothed->addData(step, m_ema);
    }
    updateHint();
    scheduleReplot();
}

void BatchLossPlot::showRuns(const std::vector<BatchRun> &runs)
{
    m_shown = runs;
    rebuild();
}

void BatchLossPlot::setSmoothing(double weight)
{
    m_smoothing = std::clamp(weight, 0.0, 0.99);
    rebuild();
}

void BatchLossPlot::rebuild()
{
    clearGraphs();
    m_liveRaw = m_liveSmoothed = nullptr;
    m_drawn.clear();
    std::vector<BatchRun> runs = m_shown;
    // Nobody said which runs to show (a panel on its own): the run in training.
    if (runs.empty() && m_hasLive)
        runs.push_back({m_liveId, m_series[m_liveId].name, runColor(0)});
    for (const BatchRun &run : runs) {
        const auto found = m_series.find(run.id);
        if (found == m_series.end())
            continue;
        addRunGraphs(found->second, run.name, run.color);
        m_drawn.push_back(run.id);
        if (m_hasLive && run.id == m_liveId) {
            m_liveRaw = graph(graphCount() - 2);
            m_liveSmoothed = graph(graphCount() - 1);
            const QCPGraphDataContainer &smoothed = *m_liveSmoothed->data();
            m_emaStarted = !smoothed.isEmpty();
            m_ema = m_emaStarted ? (smoothed.constEnd() - 1)->value : 0;
        }
    }
    updateHint();
    scheduleReplot();
}

void BatchLossPlot::addRunGraphs(const Series &series, const QString &name, const QColor &color)
{
    QColor faint = color;
    faint.setAlpha(kRawAlpha);
    QCPGraph *raw = addGraph();
    raw->setName(tr("%1 · batch loss").arg(name));
    raw->setPen(QPen(faint, 1));
    raw->setData(series.steps, series.losses, true);
    QVector<double> keys, values;
    smooth(series.steps, series.losses, m_smoothing, keys, values);
    QCPGraph *smoothed = addGraph();
    smoothed->setName(name);
    smoothed->setProperty(kHoverName, tr("%1 · smoothed").arg(name));
    smoothed->setPen(QPen(color, 2));
    smoothed->setData(keys, values, true);
    PlotLegend::addEntry(smoothed);
}

void BatchLossPlot::updateHint()
{
    m_hint->setVisible(!hasData());
}

bool BatchLossPlot::hintShown() const
{
    return m_hint->visible();
}
