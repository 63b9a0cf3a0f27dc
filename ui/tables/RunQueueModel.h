#pragma once
// Configurations waiting for the worker, first to run on top. The user removes and reorders them.

#include "normlab/Config.h"

#include <QAbstractListModel>
#include <QString>

#include <vector>

struct QueuedRun
{
    int jobId = 0;
    normlab::ExperimentConfig config;
    /// A run continued from its checkpoint (Resume, Train More Epochs): its table row, the
    /// checkpoint and the epochs it holds. 0 for a new run.
    qint64 resumedRunId = 0;
    QString checkpoint = {};
    int checkpointEpochs = 0;
};

class RunQueueModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit RunQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    void append(const QueuedRun &run);
    QueuedRun takeFirst(); // precondition: not empty
    bool isEmpty() const { return m_runs.empty(); }
    const QueuedRun &at(int row) const { return m_runs.at(size_t(row)); }
    void removeAt(int row);
    /// Moves a row one place up (-1) or down (+1); false when it is already at that end.
    bool moveRow(int row, int delta);
    void clear();

private:
    std::vector<QueuedRun> m_runs;
};
