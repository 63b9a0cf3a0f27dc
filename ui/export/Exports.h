#pragma once
// Writing the comparison table to files. Each returns false with `error` naming the path.

#include "normlab/Results.h"

#include <QString>

#include <vector>

class QAbstractItemModel;
class QImage;

/// The table as normlab-cli's results CSV (normlab::writeResultsCsv): same columns, same format.
bool exportResultsCsv(const QString &path, const std::vector<normlab::RunResult> &results,
                      QString *error);

/// The slide's five columns, rendered with renderTableImage, in the model's row order.
bool exportTablePng(const QString &path, const QAbstractItemModel *table, QString *error);
