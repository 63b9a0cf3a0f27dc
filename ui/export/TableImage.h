#pragma once
// The comparison table painted for a slide: header row, 4-decimal values, best values bold.

#include <QImage>
#include <QList>

class QAbstractItemModel;

/// Paints `columns` of every row of `model` in its current (sorted) order. Cells whose
/// tablerole::Best (RunTableModel::BestRole) is true are bold. `scale` 2 gives crisp text on a
/// projector.
QImage renderTableImage(const QAbstractItemModel *model, const QList<int> &columns,
                        qreal scale = 2.0);
