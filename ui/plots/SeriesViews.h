#pragma once
// The numeric views of what happens inside the network — layer statistics and gradient norms —
// for the runs the window shows. The live run's series grow a few times a second; the plots are
// rebuilt at most every kRefreshMs however often they grow.

#include "plots/InsightCurves.h"
#include "tables/RunRecord.h"

#include <QColor>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <vector>

class GradientNormPlot;
class LayerStatsPlot;
class RunRecorder;

class SeriesViews : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 250;

    explicit SeriesViews(RunRecorder *recorder, QObject *parent = nullptr);
    /// Deletes the views that were never given a parent widget.
    ~SeriesViews() override;

    LayerStatsPlot *layerStats() const;
    GradientNormPlot *gradientNorms() const;

    /// The runs to show, each with its colour. The live run's series are taken from the
    /// recorder (newer than the table's copy).
    void showRuns(const std::vector<std::pair<const RunRecord *, QColor>> &runs);
    /// Rebuilds both plots now instead of at the next refresh (tests, exports).
    void refreshNow();

    /// One run's series as the plots draw them.
    static InsightCurves curvesOf(const RunRecord &record, const QColor &color);
    /// Both plots (layer statistics above, gradient norms and their warning below) in one PNG.
    bool savePng(const QString &path, QString *error) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onLiveInsight(qint64 id);
    /// The timer's refresh: only the plot on screen is rebuilt; a hidden one when it is shown.
    void refreshVisible();
    void scheduleRefresh();

    RunRecorder *m_recorder;
    QPointer<LayerStatsPlot> m_layerStats;
    QPointer<GradientNormPlot> m_gradientNorms;
    std::vector<qint64> m_ids; // of m_runs, in order
    std::vector<InsightCurves> m_runs;
    QTimer m_refresh;
    bool m_layerStatsStale = false, m_gradientNormsStale = false;
};
