#pragma once
// The per-batch training loss of the runs shown, each in its run's colour: faint raw losses and
// their exponential moving average. Batch losses live only while the window is open (a project
// keeps per-epoch curves), so a run trained in an earlier session has none; the plot says so.

#include "plots/CurvePlot.h"

#include <QPointer>

#include <map>
#include <vector>

class RunRecorder;

/// A run the batch plot may show: its record id, name and colour.
struct BatchRun
{
    qint64 id = 0;
    QString name;
    QColor color;
};

class BatchLossPlot : public CurvePlot
{
    Q_OBJECT
public:
    explicit BatchLossPlot(QWidget *parent = nullptr);

    /// The recorder naming the run in training: its batch losses are kept under its record id.
    void followLiveRun(const RunRecorder *recorder);
    /// A new run starts training (the recorder's live run; id 0 without a recorder).
    void startSeries(const QString &runName);
    void addLoss(double step, double loss);
    /// The runs to show, in order; those with batch losses of this session are drawn.
    void showRuns(const std::vector<BatchRun> &runs);
    /// EMA weight of the previous smoothed value, 0 (raw) to 0.99.
    void setSmoothing(double weight);

    /// The ids of the runs drawn, in order (two graphs each: raw, then smoothed).
    std::vector<qint64> drawnRuns() const { return m_drawn; }
    bool hintShown() const;

private:
    struct Series
    {
        QString name;
        QVector<double> steps, losses;
    };
    void rebuild();
    void addRunGraphs(const Series &series, const QString &name, const QColor &color);
    void updateHint();

    std::map<qint64, Series> m_series;
    std::vector<BatchRun> m_shown;
    std::vector<qint64> m_drawn;
    bool m_hasLive = false;
    qint64 m_liveId = 0;
    QPointer<const RunRecorder> m_recorder;
    QCPGraph *m_liveRaw = nullptr, *m_liveSmoothed = nullptr; // while the live run is drawn
    double m_smoothing = 0.9;
    double m_ema = 0;
    bool m_emaStarted = false;
    QCPItemText *m_hint;
};
