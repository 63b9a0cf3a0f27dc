#pragma once
// Writing the comparison tables to files, as the tables show them: a run still training or cut
// off by a crash is exported as such, never as finished. Each returns false with `error` naming
// the path.

#include <QString>

#include <vector>

class GroupTableModel;
class QAbstractItemModel;
struct RunRecord;

/// The runs as normlab-cli's results CSV (normlab::resultsCsvRow: same columns, same format), in
/// the order given. The Status column holds the state the run table shows
/// (RunRecord::statusKey): "running" or "interrupted" with the epochs finished so far in Epochs,
/// else how the run ended.
bool exportRunsCsv(const QString &path, const std::vector<RunRecord> &records, QString *error);

/// The slide's five columns, rendered with renderTableImage, in the model's row order; with
/// `withStatus` also the Epochs and Status columns (for a table whose runs are not all complete).
bool exportTablePng(const QString &path, const QAbstractItemModel *table, bool withStatus,
                    QString *error);

/// The grouped table as the summary CSV (normlab::summaryCsvHeader's columns, as normlab-cli
/// writes them), then "Runs" (the group's runs in the project) and "Left Out" (the runs outside
/// its statistics, by state: "1 interrupted, 1 cancelled"; empty when none).
bool exportGroupsCsv(const QString &path, const GroupTableModel *groups, QString *error);
/// The grouped table's Model, n ("2 of 3" when runs are left out) and metric columns.
bool exportGroupsPng(const QString &path, const GroupTableModel *groups, QString *error);
