#pragma once
// The item-data roles of the table models beyond Qt's own, in one place: the sort proxy, the
// views, renderTableImage and the tests read the same numbers from every model. The models keep
// their own names for them (RunTableModel::SortRole, GroupTableModel::ValueRole, ...) as aliases.

#include <Qt>

namespace tablerole {

enum : int
{
    /// The cell's raw value, for sorting and computing: RunTableModel's sort key (double, int or
    /// string), GroupTableModel's mean or n, ConfusionMatrixModel's share of the row (0..1).
    Value = Qt::UserRole,
    /// True when the cell stands out (renderTableImage paints it bold): the best value of its
    /// metric column, or significantly better than the baseline.
    Best = Qt::UserRole + 1,
    /// The project id (qint64) of the run a row shows.
    RunId = Qt::UserRole + 2,
    /// A group cell's Significance against the baseline, as its key ("better", "worse", ...).
    Mark = Qt::UserRole + 3,
};

} // namespace tablerole
