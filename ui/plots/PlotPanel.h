#pragma once
// The live plots: loss and accuracy per epoch (train, validation, test) for the runs shown, the
// train-validation loss gap, and the running run's per-batch training loss with adjustable
// smoothing. Every epoch plot marks each run's best and early-stopping epoch.

#include "normlab/Results.h"
#include "plots/GroupCurves.h"

#include <QColor>
#include <QWidget>

#include <vector>

class CurvePlot;
class QCPItemText;
class QLabel;
class QLayout;
class QSlider;

/// One run's epoch curves as the plots draw them.
struct RunCurves
{
    QString name;
    QColor color;
    std::vector<normlab::EpochMetrics> history;
    int bestEpoch = 0;    // marked when > 0
    int stoppedEpoch = 0; // the early-stopping epoch; marked when > 0
};

class PlotPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PlotPanel(QWidget *parent = nullptr);

    /// Replaces the epoch curves.
    void setRuns(const std::vector<RunCurves> &runs);
    /// Replaces the epoch curves with each group's mean validation curve and its ±std band.
    void setGroups(const std::vector<GroupCurves> &groups);
    /// Clears the batch plot for a new run.
    void startBatchSeries(const QString &runName);
    void addBatchLoss(double step, double loss);
    /// EMA weight of the previous smoothed value, 0 (raw) to 0.99.
    void setSmoothing(double weight);
    double smoothing() const { return m_smoothing; }
    void resetViews();

    CurvePlot *lossPlot() const { return m_loss; }
    CurvePlot *accuracyPlot() const { return m_accuracy; }
    CurvePlot *batchPlot() const { return m_batch; }
    /// validation loss - training loss per epoch, one curve per run.
    CurvePlot *gapPlot() const { return m_gap; }
    int replotCount() const;

    /// The four plots in one image / a four-page PDF. False with `error` naming the path.
    bool savePng(const QString &path, QString *error);
    bool savePdf(const QString &path, QString *error);

private:
    void createPlots();
    void createBatchSeries();
    QLayout *createControls();
    void rebuildSmoothed();

    CurvePlot *m_loss;
    CurvePlot *m_accuracy;
    CurvePlot *m_batch;
    QCPItemText *m_batchHint; // shown until the first run of this session starts
    CurvePlot *m_gap;
    QSlider *m_smoothingSlider;
    QLabel *m_smoothingLabel;
    double m_smoothing = 0.9;
    double m_ema = 0;
    bool m_emaStarted = false;
};
