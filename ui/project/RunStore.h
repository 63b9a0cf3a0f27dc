#pragma once
// Runs persisted in an SQLite project file: each run's config (JSON), per-epoch history and
// result, and its insight series (layer statistics, gradient norms, predictions) as compact
// blobs. Every epoch is committed on its own, so a crash loses at most the epoch in progress.

#include "tables/RunRecord.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <vector>

class RunStore
{
public:
    // 1: runs and epochs. 2: run_insight (a version-1 project gains the empty table on open).
    static constexpr int kSchemaVersion = 2;

    RunStore();
    ~RunStore();
    RunStore(const RunStore &) = delete;
    RunStore &operator=(const RunStore &) = delete;

    /// The CREATE statement of the version-2 insight table (RunStoreInsight.cpp).
    static QString insightTableStatement();

    /// The default project: runs.sqlite in the platform's application data folder.
    static QString defaultPath();

    /// Opens or creates `path`. Refuses (false, lastError() names the file) a file that is not a
    /// NormLab project or comes from a newer version; such a file is left untouched. Runs that
    /// were still marked running are marked interrupted.
    bool open(const QString &path);
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }
    /// Series of the last loadRuns that could not be read, one line each naming the run.
    QStringList insightWarnings() const { return m_insightWarnings; }

    /// All runs, oldest first, with their histories and insight series. A damaged insight blob
    /// drops that series only (insightWarnings() says which).
    bool loadRuns(std::vector<RunRecord> &runs);
    /// Inserts a new run; sets record.id.
    bool addRun(RunRecord &record);
    /// Commits the latest epoch of record.result.history, the summary and the insight series so
    /// far, in one transaction.
    bool saveEpoch(const RunRecord &record);
    /// Commits the final state: summary, status, message, the whole history and the insight.
    bool saveRun(const RunRecord &record);
    bool renameRun(qint64 id, const QString &name);
    bool removeRun(qint64 id);
    /// Writes a consistent copy of the project to `path` (replacing it).
    bool saveCopy(const QString &path);
    /// Tests only: the project's SQLite connection, e.g. to simulate a full disk with
    /// PRAGMA max_page_count (a per-connection limit).
    QSqlDatabase connectionForTesting() const { return m_db; }

private:
    bool fail(const QString &what, const QString &detail);
    /// Runs `work` in one transaction: commits when it returns true, else rolls back. A failed
    /// begin or commit is reported as `failure`; `work` reports its own errors with fail().
    bool inTransaction(const QString &failure, const std::function<bool()> &work);
    /// Steps of open(): the file is an SQLite database or new; the schema is created or
    /// upgraded; WAL is on and runs left "running" by a crash are marked interrupted.
    bool checkProjectFile();
    bool prepareSchema();
    bool startSession();
    bool createSchema();
    bool migrate(int fromVersion);
    bool loadRunRows(std::vector<RunRecord> &runs);
    bool loadEpochs(std::vector<RunRecord> &runs);
    bool writeInsight(qint64 id, const normlab::RunInsight &insight);
    bool loadInsight(std::vector<RunRecord> &runs);
    bool writeSummary(const RunRecord &record);
    bool writeEpoch(qint64 id, const normlab::EpochMetrics &metrics);
    /// Runs one statement with `values` bound in order; `what` names a failure.
    bool execute(const QString &sql, const QVariantList &values, const QString &what);
    void close();

    QString m_connection;
    QString m_path;
    QString m_lastError;
    QStringList m_insightWarnings;
    QSqlDatabase m_db;
};
