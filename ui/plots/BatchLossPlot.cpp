#include "plots/BatchLossPlot.h"

#include "plots/PlotLegend.h"
#include "plots/RunColors.h"

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

void BatchLossPlot::startSeries(qint64 id, const QString &runName)
{
    m_series[id] = Series{runName, {}, {}, {}};
    m_lastStarted = id;
    rebuild();
    resetView();
}

void BatchLossPlot::addLoss(qint64 id, double step, double loss, int epoch)
{
    const auto found = m_series.find(id);
    if (found == m_series.end())
        return;
    Series &series = found->second;
    series.steps << step;
    series.losses << loss;
    series.epochs << epoch;
    if (auto drawn = m_graphs.find(id); drawn != m_graphs.end()) {
        DrawnGraphs &graphs = drawn->second;
        graphs.raw->addData(step, loss);
        if (std::isfinite(loss)) {
            graphs.ema =
                graphs.emaStarted ? m_smoothing * graphs.ema + (1 - m_smoothing) * loss : loss;
            graphs.emaStarted = true;
            graphs.smoothed->addData(step, graphs.ema);
        }
    }
    updateHint();
    scheduleReplot();
}

void BatchLossPlot::dropAfterEpoch(qint64 id, int epoch)
{
    const auto found = m_series.find(id);
    if (found == m_series.end())
        return;
    Series &series = found->second;
    qsizetype keep = 0;
    while (keep < series.epochs.size() && series.epochs[keep] <= epoch)
        ++keep;
    series.steps.resize(keep);
    series.losses.resize(keep);
    series.epochs.resize(keep);
    rebuild();
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
    m_graphs.clear();
    m_drawn.clear();
    std::vector<BatchRun> runs = m_shown;
    // Nobody said which runs to show (a panel on its own): the run started last.
    if (runs.empty() && m_series.count(m_lastStarted))
        runs.push_back({m_lastStarted, m_series[m_lastStarted].name, runColor(0)});
    for (const BatchRun &run : runs) {
        const auto found = m_series.find(run.id);
        if (found == m_series.end() || m_graphs.count(run.id))
            continue;
        m_graphs[run.id] = addRunGraphs(found->second, run.name, run.color);
        m_drawn.push_back(run.id);
    }
    updateHint();
    scheduleReplot();
}

BatchLossPlot::DrawnGraphs BatchLossPlot::addRunGraphs(const Series &series, const QString &name,
                                                       const QColor &color)
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
    return {raw, smoothed, values.isEmpty() ? 0 : values.back(), !values.isEmpty()};
}

void BatchLossPlot::updateHint()
{
    m_hint->setVisible(!hasData());
}

bool BatchLossPlot::hintShown() const
{
    return m_hint->visible();
}
