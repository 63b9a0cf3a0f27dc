#pragma once
// The per-batch training loss of the runs shown, each in its run's colour: faint raw losses and
// their exponential moving average. Batch losses live only while the window is open (a project
// keeps per-epoch curves), so a run trained in an earlier session has none; the plot says so.

#include "plots/CurvePlot.h"

#include <map>
#include <vector>

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

    /// Run `id` (its table row id) starts training: its batch losses are kept from now on.
    /// Several runs may train at once (Parallel runs).
    void startSeries(qint64 id, const QString &runName);
    void addLoss(qint64 id, double step, double loss, int epoch);
    /// Run `id` trains again after `epoch` (its worker was lost): its later losses go.
    void dropAfterEpoch(qint64 id, int epoch);
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
        QVector<int> epochs;
    };
    /// A drawn run's two graphs, which new losses are appended to, and its smoothed value.
    struct DrawnGraphs
    {
        QCPGraph *raw = nullptr, *smoothed = nullptr;
        double ema = 0;
        bool emaStarted = false;
    };
    void rebuild();
    DrawnGraphs addRunGraphs(const Series &series, const QString &name, const QColor &color);
    void updateHint();

    std::map<qint64, Series> m_series;
    std::vector<BatchRun> m_shown;
    std::vector<qint64> m_drawn;
    std::map<qint64, DrawnGraphs> m_graphs; // by run id, the drawn ones
    qint64 m_lastStarted = -1;              // drawn when nobody said which runs to show
    double m_smoothing = 0.9;
    QCPItemText *m_hint;
};
