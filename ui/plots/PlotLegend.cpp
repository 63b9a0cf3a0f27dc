#include "plots/PlotLegend.h"

#include "plots/QCustomPlotInclude.h"

bool legendHasEntries(const QCPLegend *legend)
{
    for (int i = 0; i < legend->itemCount(); ++i) {
        auto *entry = qobject_cast<QCPPlottableLegendItem *>(legend->item(i));
        if (!entry)
            return true;
        // A curve still waiting for its first point (the batch loss before a run) names nothing.
        const QCPPlottableInterface1D *data = entry->plottable()->interface1D();
        if (!data || data->dataCount() > 0)
            return true;
    }
    return false;
}

void keepLegendOnlyWithEntries(QCustomPlot *plot)
{
    const auto update = [plot] { plot->legend->setVisible(legendHasEntries(plot->legend)); };
    update();
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, update);
}
