#pragma once
// The study plot of grouped results: one metric's group means (±std error bars) against a study
// variable (batch size, width multiplier, parameter count) or per method, one line per series. A
// series is the groups that agree on everything but the x key: one line per normalization in the
// batch-size study, one line (test error against parameters) in double descent, one point per
// group when the groups compare methods (same size, same batch size).

#include "normlab/Statistics.h"

#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

class QComboBox;
class QCustomPlot;
class QPushButton;

class StudyPlot : public QWidget
{
    Q_OBJECT
public:
    enum XAxis
    {
        BatchSize,  // log2 axis
        Width,      // width multiplier, linear
        Parameters, // trainable parameters, log10 axis over a decade or more, else linear
        Method,     // one category per group, named on the axis
        XAxisCount
    };
    enum YMetric
    {
        ValLoss,
        ValAcc,
        TestLoss,
        TestAcc,
        FinalTestError,
        YMetricCount
    };

    /// One line: x sorted ascending, the group means and sample std (0 where n < 2).
    struct Series
    {
        QString name;
        QVector<double> x, mean, std;
    };
    /// Groups into series by their configuration with the x key (and name, seed) left out; groups
    /// with no finite value of the metric or no usable x (parameters 0) are skipped. Method: one
    /// series per group at x = its index among those kept. Names are unique.
    static std::vector<Series> buildSeries(const std::vector<normlab::GroupSummary> &groups,
                                           XAxis x, YMetric metric);
    static QString xLabel(XAxis x);
    static QString metricLabel(YMetric metric);

    explicit StudyPlot(QWidget *parent = nullptr);

    /// Replaces the groups and redraws; when the chosen x says nothing about these groups,
    /// switches to the first that does: batch size when it varies, parameter count when the width
    /// varies or the counts differ by kParameterSpread or more, width, else the method.
    void setGroups(const std::vector<normlab::GroupSummary> &groups);
    /// Parameter counts that differ by less (max / min) plot as one vertical line of points.
    static constexpr double kParameterSpread = 1.25;
    void setXAxis(XAxis x);
    void setMetric(YMetric metric);
    XAxis xAxis() const { return m_x; }
    YMetric metric() const { return m_metric; }
    const std::vector<Series> &series() const { return m_series; }

    QCustomPlot *plot() const { return m_plot; }
    QComboBox *xCombo() const { return m_xCombo; }
    QComboBox *metricCombo() const { return m_metricCombo; }

    /// Writes the plot as PDF when `path` ends in .pdf, else PNG. False with `error` naming it.
    bool save(const QString &path, QString *error);

private:
    void rebuild();
    /// The x axis' scale and ticks, the axis labels and the title, for the chosen x and metric.
    void updateAxes();
    /// Ranges that show every point with its error bar.
    void fitRanges();
    void saveWithDialog();

    std::vector<normlab::GroupSummary> m_groups;
    std::vector<Series> m_series;
    XAxis m_x = BatchSize;
    YMetric m_metric = TestAcc;
    QCustomPlot *m_plot;
    QComboBox *m_xCombo;
    QComboBox *m_metricCombo;
    QPushButton *m_saveButton;
};
