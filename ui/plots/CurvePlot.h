#pragma once
// A QCustomPlot that replots at most ~25 times a second however often data arrives, follows the
// data until the user zooms or pans, and shows the nearest point's value on hover.

#include "plots/QCustomPlotInclude.h"

#include <QTimer>

class CurvePlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit CurvePlot(const QString &xLabel, const QString &yLabel, QWidget *parent = nullptr);

    /// Graph property naming the curve in the hover tooltip when its legend name is shorter.
    static constexpr const char *kHoverName = "hoverName";

    /// Replots soon; calls within the same ~40 ms collapse into one replot.
    void scheduleReplot();
    /// Does a scheduled replot now (before an export renders the plot).
    void flushReplot()
    {
        if (m_replotTimer.isActive())
            replotNow();
    }
    /// Fits the axes to the data again and follows new data.
    void resetView();
    bool followsData() const { return m_follow; }
    int replotCount() const { return m_replots; }
    /// Keeps the y axis within [lower, upper] when fitting (e.g. accuracies in [0, 1]).
    void setYClamp(double lower, double upper);
    /// Epoch axes: whole-number ticks, never below `lowest` when fitting.
    void useEpochAxis(double lowest);
    /// The short note shown in the middle while no curve has data ("No data yet"); empty for
    /// none.
    void setEmptyText(const QString &text);
    /// True when the note is on screen (after the last replot).
    bool emptyTextShown() const;
    bool hasData() const;
    /// Logarithmic y axis (powers of ten); fitting pads by factors, hover shows 3 digits.
    void useLogYAxis();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void createEmptyText();
    void replotNow();
    void fitAxes();

    QTimer m_replotTimer;
    QCPTextElement *m_emptyText = nullptr;
    bool m_follow = true;
    int m_replots = 0;
    double m_clampLower = -1e300, m_clampUpper = 1e300;
    double m_xLowest = -1e300;
};
