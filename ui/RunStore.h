#pragma once
// Runs persisted in an SQLite project file: each run's config (JSON), per-epoch history and
// result. Every epoch is committed on its own, so a crash loses at most the epoch in progress.

#include "ui/RunRecord.h"

#include <QSqlDatabase>
#include <QString>

#include <vector>

class RunStore
{
public:
    static constexpr int kSchemaVersion = 1;

    RunStore();
    ~RunStore();
    RunStore(const RunStore &) = delete;
    RunStore &operator=(const RunStore &) = delete;

    /// The default project: runs.sqlite in the platform's application data folder.
    static QString defaultPath();

    /// Opens or creates `path`. Refuses (false, lastError() names the file) a file that is not a
    /// NormLab project or comes from a newer version; such a file is left untouched. Runs that
    /// were still marked running are marked interrupted.
    bool open(const QString &path);
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }

    /// All runs, oldest first, with their histories.
    bool loadRuns(std::vector<RunRecord> &runs);
    /// Inserts a new run; sets record.id.
    bool addRun(RunRecord &record);
    /// Commits the latest epoch of record.result.history and the summary, in one transaction.
    bool saveEpoch(const RunRecord &record);
    /// Commits the final state: summary, status, message and the whole history.
    bool saveRun(const RunRecord &record);
    bool renameRun(qint64 id, const QString &name);
    bool removeRun(qint64 id);
    /// Writes a consistent copy of the project to `path` (replacing it).
    bool saveCopy(const QString &path);

private:
    bool fail(const QString &what, const QString &detail);
    bool createSchema();
    bool writeSummary(const RunRecord &record);
    bool writeEpoch(qint64 id, const normlab::EpochMetrics &metrics);
    void close();

    QString m_connection;
    QString m_path;
    QString m_lastError;
    QSqlDatabase m_db;
};
