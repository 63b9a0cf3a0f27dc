#include "tables/RunQueueModel.h"

#include <cstdlib>

using namespace normlab;

RunQueueModel::RunQueueModel(QObject *parent) : QAbstractListModel(parent) {}

int RunQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

QVariant RunQueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ExperimentConfig &config = m_runs[size_t(index.row())].config;
    const QString name = QString::fromStdString(runName(config));
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1. %2 (%3 epochs)").arg(index.row() + 1).arg(name).arg(config.epochs);
    case Qt::ToolTipRole:
        return tr("%1\nnormalization: %2\nregularizers: %3\ndata: %4")
            .arg(name, QString::fromStdString(normLabel(config.norm)),
                 QString::fromStdString(regularizerLabel(config)),
                 QString::fromStdString(datasetLabel(config)));
    default:
        return {};
    }
}

void RunQueueModel::append(const QueuedRun &run)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_runs.push_back(run);
    endInsertRows();
}

QueuedRun RunQueueModel::takeFirst()
{
    // A reset, not a row removal: every later row's number changes with it, which a removal
    // cannot say (the rows after it would keep their data).
    beginResetModel();
    QueuedRun first = m_runs.front();
    m_runs.erase(m_runs.begin());
    endResetModel();
    return first;
}

void RunQueueModel::removeAt(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginResetModel(); // the later rows are renumbered (see takeFirst)
    m_runs.erase(m_runs.begin() + row);
    endResetModel();
}

bool RunQueueModel::moveRow(int row, int delta)
{
    const int target = row + delta;
    if (row < 0 || row >= rowCount() || target < 0 || target >= rowCount() || std::abs(delta) != 1)
        return false;
    // beginMoveRows takes the destination as "insert before", one past the target when moving down.
    if (!beginMoveRows({}, row, row, {}, delta > 0 ? target + 1 : target))
        return false;
    std::swap(m_runs[size_t(row)], m_runs[size_t(target)]);
    endMoveRows();
    Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    return true;
}

void RunQueueModel::clear()
{
    if (m_runs.empty())
        return;
    beginResetModel();
    m_runs.clear();
    endResetModel();
}
