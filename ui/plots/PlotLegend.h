#pragma once
// Legends that never hide data: the legend sits in its own row below the axis rect, in as many
// columns as the plot's width allows and at most a few rows; entries beyond that are summed up as
// "+N more". A plot names one entry per run (colour) and adds a key for what line style and marker
// mean, so the legend stays short however many curves are drawn. The legend shows only when some
// entry has data: an empty box on an empty plot (a fresh window, the grouped view's gap plot)
// reads as a bug.

#include "plots/QCustomPlotInclude.h"

#include <QObject>
#include <QPixmap>
#include <QStringList>

#include <vector>

/// A legend line that names no plottable: a line-style or marker sample and its meaning.
struct LegendKey
{
    QString text;
    QPen pen;
    QCPScatterStyle scatter;
};

class PlotLegend : public QObject
{
    Q_OBJECT
public:
    /// The most legend rows, and the share of the plot's height they may take.
    static constexpr int kMaxRows = 4;
    static constexpr double kMaxHeightShare = 0.3;

    /// `plot`'s legend manager, installed on first use: moves the legend below the axes, stops
    /// new plottables from adding themselves, and lays the legend out before every replot.
    static PlotLegend *of(QCustomPlot *plot);

    /// Names `plottable` in the legend (in plot order), once it has data.
    static void addEntry(QCPAbstractPlottable *plottable);
    /// The style and marker key shown after the entries; empty for none.
    void setKey(const std::vector<LegendKey> &key);
    /// Entries left out for lack of room at the last layout ("+N more").
    int hiddenEntries() const { return m_hidden; }
    /// The legend's texts at the last layout, entries then key (tests, exports).
    QStringList texts() const;

    /// Lays the legend out for a plot of this size (before a replot or an export).
    void arrange(const QSize &plotSize);
    /// `plot` rendered at this size, its legend laid out for that size; the widget is left as it
    /// was.
    static QPixmap render(QCustomPlot *plot, int width, int height);

private:
    explicit PlotLegend(QCustomPlot *plot);
    void placeBelowAxes(bool shown);
    std::vector<QCPAbstractPlottable *> entriesWithData() const;

    QCustomPlot *m_plot;
    std::vector<LegendKey> m_key;
    int m_hidden = 0;
};

/// True when some legend entry names a plottable with data.
bool legendHasEntries(const QCPLegend *legend);
/// Installs PlotLegend on `plot` (kept for the plots that only need the layout).
void keepLegendOnlyWithEntries(QCustomPlot *plot);
