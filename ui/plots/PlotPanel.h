#pragma once
// The live plots: loss and accuracy per epoch (train, validation, test) for the runs shown, the
// train-validation loss gap, and the running run's per-batch training loss with adjustable
// smoothing. Every epoch plot marks each run's best and early-stopping epoch.

#include "normlab/Results.h"
#include "plots/GroupCurves.h"

#include <QColor>
#include <QImage>
#include <QWidget>

#include <vector>

class BatchLossPlot;
class CurvePlot;
class QLabel;
class QLayout;
class QSlider;
struct BatchRun;

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
    /// Run `id` (its table row id) starts: its batch losses are collected from now on.
    void startBatchSeries(qint64 id, const QString &runName);
    void addBatchLoss(qint64 id, double step, double loss, int epoch);
    /// Run `id` trains again after `epoch` (a parallel run's worker was lost).
    void dropBatchLossesAfter(qint64 id, int epoch);
    /// The runs whose batch losses to show (those shown in the epoch plots), in their colours.
    void setBatchRuns(const std::vector<BatchRun> &runs);
    /// EMA weight of the previous smoothed value, 0 (raw) to 0.99.
    void setSmoothing(double weight);
    double smoothing() const { return m_smoothing; }
    void resetViews();

    CurvePlot *lossPlot() const { return m_loss; }
    CurvePlot *accuracyPlot() const { return m_accuracy; }
    CurvePlot *batchPlot() const;
    /// validation loss - training loss per epoch, one curve per run.
    CurvePlot *gapPlot() const { return m_gap; }
    int replotCount() const;

    /// Loss, accuracy and loss gap, with their legends and line-style keys, in one picture.
    QImage image();
    /// image() as PNG / the three plots as a three-page PDF. False with `error` naming the path.
    bool savePng(const QString &path, QString *error);
    bool savePdf(const QString &path, QString *error);

private:
    void createPlots();
    QLayout *createControls();

    CurvePlot *m_loss;
    CurvePlot *m_accuracy;
    BatchLossPlot *m_batch;
    CurvePlot *m_gap;
    QSlider *m_smoothingSlider;
    QLabel *m_smoothingLabel;
    double m_smoothing = 0.9;
};
