#pragma once
// Per-layer gradient norms at every training step on a log scale, for the runs shown, with the
// vanishing (1e-6) and exploding (1e3) thresholds drawn and a red warning above the plot naming
// the first step a layer crossed one.

#include "plots/InsightCurves.h"

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

class CurvePlot;
class QComboBox;
class QLabel;

class GradientNormPlot : public QWidget
{
    Q_OBJECT
public:
    explicit GradientNormPlot(QWidget *parent = nullptr);

    /// Replaces the runs shown (copied); the layer choice is kept.
    void setRuns(const std::vector<InsightCurves> &runs);
    /// Layer index into gradientLayers, or -1 for all layers.
    void setLayer(int layer);
    int layer() const;

    /// One line per run and layer whose norm left [1e-6, 1e3] (normlab::gradientHealth), naming
    /// the first such step; empty when every norm is normal. All layers count, whatever is shown.
    static QStringList warnings(const std::vector<InsightCurves> &runs);

    CurvePlot *plot() const { return m_plot; }
    QLabel *warningLabel() const { return m_warning; }
    /// The warning (when any) above the plot, as one picture.
    QImage image() const;
    /// image() as a PNG file. False with `error` naming the path.
    bool savePng(const QString &path, QString *error) const;

private:
    void updateLayerChoices();
    void rebuild();
    void addThresholds();

    std::vector<InsightCurves> m_runs;
    CurvePlot *m_plot;
    QLabel *m_warning;
    QComboBox *m_layerBox;
    QLabel *m_hint;
};
