#include "export/Exports.h"

#include "export/ImageFiles.h"
#include "export/TableImage.h"
#include "normlab/ResultsCsv.h"
#include "normlab/Statistics.h"
#include "tables/GroupTableModel.h"
#include "tables/RunTableModel.h"

#include <QImage>

#include <algorithm>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>

using namespace normlab;

namespace {

using CsvRows = std::vector<std::vector<std::string>>;

/// Writes the rows, turning the engine's exception into `error` (with the path).
bool writeRows(const QString &path, const std::function<CsvRows()> &makeRows, QString *error)
{
    try {
        writeCsvRows(path.toStdString(), makeRows(), std::ios::trunc);
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        if (error && !error->contains(path))
            *error = QObject::tr("Could not write %1: %2").arg(path, *error);
        return false;
    }
}

/// The results CSV's Status column, where the table's state replaces the result's status.
size_t statusColumn()
{
    const std::vector<std::string> header = resultsCsvHeader();
    const auto found = std::find(header.begin(), header.end(), "Status");
    if (found == header.end())
        throw std::logic_error("the results CSV has no Status column");
    return size_t(found - header.begin());
}

CsvRows runRows(const std::vector<RunRecord> &records)
{
    const size_t status = statusColumn();
    CsvRows rows{resultsCsvHeader()};
    for (const RunRecord &record : records) {
        std::vector<std::string> row = resultsCsvRow(record.result);
        row.at(status) = record.statusKey().toStdString();
        rows.push_back(std::move(row));
    }
    return rows;
}

CsvRows groupRows(const GroupTableModel &model)
{
    CsvRows rows{summaryCsvHeader()};
    rows.front().insert(rows.front().end(), {"Runs", "Left Out"});
    CsvRows body = summaryCsvRows(model.groups(), model.comparisons());
    for (size_t group = 0; group < body.size(); ++group) {
        body[group].push_back(std::to_string(model.totalRuns(int(group))));
        body[group].push_back(model.leftOutText(int(group)).toStdString());
        rows.push_back(std::move(body[group]));
    }
    return rows;
}

} // namespace

bool exportRunsCsv(const QString &path, const std::vector<RunRecord> &records, QString *error)
{
    return writeRows(
        path, [&] { return runRows(records); }, error);
}

bool exportTablePng(const QString &path, const QAbstractItemModel *table, bool withStatus,
                    QString *error)
{
    QList<int> columns = {RunTableModel::Model, RunTableModel::ValLoss, RunTableModel::ValAcc,
                          RunTableModel::TestLoss, RunTableModel::TestAcc};
    if (withStatus)
        columns << RunTableModel::Epochs << RunTableModel::Status;
    return saveImagePng(renderTableImage(table, columns), path, error);
}

bool exportGroupsCsv(const QString &path, const GroupTableModel *groups, QString *error)
{
    return writeRows(
        path, [&] { return groupRows(*groups); }, error);
}

bool exportGroupsPng(const QString &path, const GroupTableModel *groups, QString *error)
{
    const QImage image = renderTableImage(
        groups, {GroupTableModel::Model, GroupTableModel::Count, GroupTableModel::ValLoss,
                 GroupTableModel::ValAcc, GroupTableModel::TestLoss, GroupTableModel::TestAcc});
    return saveImagePng(image, path, error);
}
