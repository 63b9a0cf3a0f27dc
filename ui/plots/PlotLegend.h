#pragma once
// A plot's legend box shows only when it has something to name: an empty box on an empty plot (a
// fresh window, the grouped view's gap plot) reads as a bug.

class QCPLegend;
class QCustomPlot;

/// True when some legend entry names a plottable with data (or is an entry of another kind).
bool legendHasEntries(const QCPLegend *legend);
/// Shows `plot`'s legend exactly when it has entries, now and before every replot after a rebuild.
void keepLegendOnlyWithEntries(QCustomPlot *plot);
