#include "tables/RunTableModel.h"

#include "normlab/ResultsCsv.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <cmath>
#include <set>
#include <string>
#include <utility>

using namespace normlab;

RunTableModel::RunTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_bestRow.fill(-1);
}

int RunTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int RunTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunTableModel::columnTitle(int column)
{
    switch (column) {
    case Model:
        return tr("Model");
    case Seed:
        return tr("Seed");
    case ValLoss:
        return tr("Validation Loss");
    case ValAcc:
        return tr("Validation Accuracy");
    case TestLoss:
        return tr("Test Loss");
    case TestAcc:
        return tr("Test Accuracy");
    case Epochs:
        return tr("Epochs");
    case BestEpoch:
        return tr("Best Epoch");
    case Time:
        return tr("Time");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

double RunTableModel::metric(const RunRecord &record, int column)
{
    const RunResult &r = record.result;
    if (r.history.empty() && record.state != RunState::Done)
        return std::nan("");
    switch (column) {
    case ValLoss:
        return r.bestValLoss;
    case ValAcc:
        return r.bestValAcc;
    case TestLoss:
        return r.testLoss; // at the best validation epoch, as normlab-cli reports
    case TestAcc:
        return r.testAcc;
    default:
        return std::nan("");
    }
}

QString RunTableModel::formatSeconds(double seconds)
{
    if (!(seconds >= 0))
        return QStringLiteral("–");
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    const qint64 total = qint64(std::llround(seconds));
    if (total < 3600)
        return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600)
        .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString RunTableModel::statusText(const RunRecord &record)
{
    if (record.state == RunState::Running)
        return tr("running, epoch %1/%2")
            .arg(record.result.history.size() + 1)
            .arg(record.result.config.epochs);
    return statusName(record.statusKey());
}

QString RunTableModel::statusName(const QString &key)
{
    static const std::pair<const char *, const char *> names[] = {
        {"finished", QT_TR_NOOP("finished")},       {"early-stopped", QT_TR_NOOP("early-stopped")},
        {"cancelled", QT_TR_NOOP("cancelled")},     {"diverged", QT_TR_NOOP("diverged")},
        {"failed", QT_TR_NOOP("failed")},           {"running", QT_TR_NOOP("running")},
        {"interrupted", QT_TR_NOOP("interrupted")},
    };
    for (const auto &[known, name] : names)
        if (key == QLatin1String(known))
            return tr(name);
    return key;
}

namespace {

bool isMetricColumn(int column)
{
    return column >= RunTableModel::ValLoss && column <= RunTableModel::TestAcc;
}

QVariant displayValue(const RunRecord &record, int column)
{
    const RunResult &r = record.result;
    switch (column) {
    case RunTableModel::Model:
        return QString::fromStdString(r.name);
    case RunTableModel::Seed:
        return QString::number(r.config.seed);
    case RunTableModel::Epochs:
        return int(r.history.size());
    case RunTableModel::BestEpoch:
        return r.bestEpoch > 0 ? QVariant(r.bestEpoch) : QVariant(QStringLiteral("–"));
    case RunTableModel::Time:
        return RunTableModel::formatSeconds(r.seconds);
    case RunTableModel::Status:
        return RunTableModel::statusText(record);
    default:
        if (isMetricColumn(column)) {
            const double v = RunTableModel::metric(record, column);
            return std::isnan(v) && r.history.empty() ? QStringLiteral("–")
                                                      : QString::fromStdString(formatMetric(v));
        }
        return {};
    }
}

QVariant sortValue(const RunRecord &record, int column)
{
    const RunResult &r = record.result;
    switch (column) {
    case RunTableModel::Model:
        return QString::fromStdString(r.name).toLower();
    case RunTableModel::Seed:
        return qulonglong(r.config.seed);
    case RunTableModel::Epochs:
        return int(r.history.size());
    case RunTableModel::BestEpoch:
        return r.bestEpoch;
    case RunTableModel::Time:
        return r.seconds;
    case RunTableModel::Status:
        return RunTableModel::statusText(record);
    default: {
        // Missing values sort last in ascending order.
        const double v = RunTableModel::metric(record, column);
        return std::isfinite(v) ? v : 1e300;
    }
    }
}

// Font, background and foreground: the best values green and bold, a running row tinted.
QVariant highlight(const RunRecord &record, bool best, int role)
{
    switch (role) {
    case Qt::FontRole:
        if (best) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::BackgroundRole:
        if (best)
            return QBrush(QColor(0xd8, 0xf0, 0xd8));
        if (record.state == RunState::Running)
            return QBrush(QColor(0xfd, 0xf6, 0xe3));
        return {};
    case Qt::ForegroundRole:
        if (best)
            return QBrush(QColor(0x1b, 0x5e, 0x20));
        return {};
    default:
        return {};
    }
}

QVariant toolTip(const RunRecord &record, int column, bool best)
{
    const RunResult &r = record.result;
    if (column == RunTableModel::Status && !r.message.empty())
        return QString::fromStdString(r.message);
    if (column == RunTableModel::Model)
        return RunTableModel::tr("%1\nnormalization: %2\nregularizers: %3\ndata: %4\n"
                                 "parameters: %5\nDouble-click to rename.")
            .arg(QString::fromStdString(r.name), QString::fromStdString(normLabel(r.config.norm)),
                 QString::fromStdString(regularizerLabel(r.config)),
                 QString::fromStdString(datasetLabel(r.config)))
            .arg(r.parameters);
    if (best)
        return RunTableModel::lowerIsBetter(column) ? RunTableModel::tr("Lowest in the table")
                                                    : RunTableModel::tr("Highest in the table");
    return {};
}

} // namespace

bool RunTableModel::isBest(int row, int column) const
{
    return isMetricColumn(column) && m_bestRow[size_t(column)] == row;
}

QVariant RunTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RunRecord &record = m_records[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return displayValue(record, column);
    case SortRole:
        return sortValue(record, column);
    case BestRole:
        return isBest(index.row(), column);
    case RunIdRole:
        return record.id;
    case Qt::FontRole:
    case Qt::BackgroundRole:
    case Qt::ForegroundRole:
        return highlight(record, isBest(index.row(), column), role);
    case Qt::TextAlignmentRole:
        return column == Model ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                               : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return toolTip(record, column, isBest(index.row(), column));
    default:
        return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) // two lines keep the nine columns narrow enough for 1280 px
        return columnTitle(section).replace(QLatin1Char(' '), QLatin1Char('\n'));
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ValLoss:
            return tr("Lowest validation loss over the epochs");
        case ValAcc:
            return tr("Highest validation accuracy over the epochs");
        case TestLoss:
            return tr("Test loss of the epoch with the lowest validation loss");
        case TestAcc:
            return tr("Test accuracy of the epoch with the lowest validation loss");
        case BestEpoch:
            return tr("Epoch with the lowest validation loss");
        default:
            return {};
        }
    }
    return {};
}

Qt::ItemFlags RunTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Model)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool RunTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != Model || role != Qt::EditRole)
        return false;
    const QString name = value.toString().trimmed();
    RunRecord &record = m_records[size_t(index.row())];
    if (name.isEmpty() || name.toStdString() == record.result.name)
        return false;
    record.result.name = name.toStdString();
    Q_EMIT dataChanged(index, index);
    Q_EMIT runRenamed(record.id, name);
    return true;
}

void RunTableModel::setRecords(std::vector<RunRecord> records)
{
    beginResetModel();
    m_records = std::move(records);
    updateBest();
    endResetModel();
}

void RunTableModel::addRecord(const RunRecord &record)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_records.push_back(record);
    endInsertRows();
    updateBest();
}

void RunTableModel::updateRecord(const RunRecord &record)
{
    const int row = rowOf(record.id);
    if (row < 0)
        return;
    m_records[size_t(row)] = record;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    updateBest();
}

void RunTableModel::removeRecord(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_records.erase(m_records.begin() + row);
    endRemoveRows();
    updateBest();
}

bool RunTableModel::hasRepeatedNames() const
{
    std::set<std::string> names;
    for (const RunRecord &record : m_records)
        if (!names.insert(record.result.name).second)
            return true;
    return false;
}

int RunTableModel::rowOf(qint64 id) const
{
    for (size_t i = 0; i < m_records.size(); ++i)
        if (m_records[i].id == id)
            return int(i);
    return -1;
}

void RunTableModel::updateBest()
{
    std::array<int, ColumnCount> best;
    best.fill(-1);
    for (int column = ValLoss; column <= TestAcc; ++column) {
        double bestValue = 0;
        for (size_t row = 0; row < m_records.size(); ++row) {
            const double v = metric(m_records[row], column);
            if (!std::isfinite(v) || m_records[row].result.history.empty())
                continue;
            const bool better = lowerIsBetter(column) ? v < bestValue : v > bestValue;
            if (best[size_t(column)] < 0 || better) {
                best[size_t(column)] = int(row);
                bestValue = v;
            }
        }
    }
    if (best != m_bestRow) {
        m_bestRow = best;
        if (!m_records.empty())
            Q_EMIT dataChanged(index(0, ValLoss), index(rowCount() - 1, TestAcc));
    }
}
