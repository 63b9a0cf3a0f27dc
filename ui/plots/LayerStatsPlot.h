#pragma once
// Layer statistics over training: the mean or standard deviation of a conv block's activations on
// the fixed probe batch, before (dashed) and after (solid) its normalization layer, one colour per
// run. Shows how far a block's input distribution drifts without normalization.

#include "plots/InsightCurves.h"

#include <QImage>
#include <QWidget>

#include <vector>

class CurvePlot;
class QComboBox;
class QLabel;

class LayerStatsPlot : public QWidget
{
    Q_OBJECT
public:
    enum Statistic
    {
        Mean,
        Std
    };
    enum Stage
    {
        BothStages,
        BeforeNorm,
        AfterNorm
    };

    explicit LayerStatsPlot(QWidget *parent = nullptr);

    /// Replaces the runs shown (copied); the block, statistic and stage choices are kept.
    void setRuns(const std::vector<InsightCurves> &runs);
    /// Block index into blockNames, or -1 for all blocks.
    void setBlock(int block);
    void setStatistic(Statistic statistic);
    void setStage(Stage stage);
    int block() const;

    CurvePlot *plot() const { return m_plot; }
    /// The plot alone as a picture, for export.
    QImage image() const;
    /// image() as a PNG file. False with `error` naming the path.
    bool savePng(const QString &path, QString *error) const;

private:
    void updateBlockChoices();
    void rebuild();

    std::vector<InsightCurves> m_runs;
    CurvePlot *m_plot;
    QComboBox *m_blockBox;
    QComboBox *m_statisticBox;
    QComboBox *m_stageBox;
    QLabel *m_hint;
    bool m_blockChosen = false; // the user picked a block; until then the last block is shown
};
