#include "project/RunStore.h"

#include "normlab/ConfigJson.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <atomic>
#include <cmath>
#include <limits>

using namespace normlab;

namespace {

std::atomic<int> connectionCounter{0};

// SQLite stores NaN as NULL; read it back as NaN so a diverged run stays diverged.
double readReal(const QVariant &value)
{
    return value.isNull() ? std::numeric_limits<double>::quiet_NaN() : value.toDouble();
}

QVariant realValue(double value)
{
    return std::isnan(value) ? QVariant() : QVariant(value);
}

// A row of SELECT id, name, config, status, message, created, seconds, parameters, epochs_run,
// best_epoch, best_val_loss, best_val_acc, test_loss, test_acc, best_test_loss, best_test_acc.
RunRecord runFromRow(const QSqlQuery &query)
{
    RunRecord record;
    record.id = query.value(0).toLongLong();
    RunResult &r = record.result;
    r.name = query.value(1).toString().toStdString();
    const QJsonDocument json = QJsonDocument::fromJson(query.value(2).toByteArray());
    try {
        r.config = configFromJson(json.object());
    } catch (const std::exception &e) {
        // Keep the run and its numbers; only the replayable config is lost.
        r.message = std::string("config not readable: ") + e.what();
    }
    const QString status = query.value(3).toString();
    if (status == QLatin1String("running") || status == QLatin1String("interrupted")) {
        record.state = RunState::Interrupted;
    } else {
        record.state = RunState::Done;
        if (!fromKey(status.toStdString(), r.status))
            r.status = RunStatus::Failed;
    }
    if (r.message.empty())
        r.message = query.value(4).toString().toStdString();
    record.created = query.value(5).toString();
    r.seconds = query.value(6).toDouble();
    r.parameters = query.value(7).toLongLong();
    r.epochsRun = query.value(8).toInt();
    r.bestEpoch = query.value(9).toInt();
    r.bestValLoss = readReal(query.value(10));
    r.bestValAcc = readReal(query.value(11));
    r.testLoss = readReal(query.value(12));
    r.testAcc = readReal(query.value(13));
    r.bestTestLoss = readReal(query.value(14));
    r.bestTestAcc = readReal(query.value(15));
    return record;
}

// A row of SELECT run_id, epoch, train_loss, train_acc, val_loss, val_acc, test_loss, test_acc,
// seconds.
EpochMetrics epochFromRow(const QSqlQuery &query)
{
    EpochMetrics m;
    m.epoch = query.value(1).toInt();
    m.trainLoss = readReal(query.value(2));
    m.trainAcc = readReal(query.value(3));
    m.valLoss = readReal(query.value(4));
    m.valAcc = readReal(query.value(5));
    m.testLoss = readReal(query.value(6));
    m.testAcc = readReal(query.value(7));
    m.seconds = query.value(8).toDouble();
    return m;
}

const char *kSchema[] = {
    "CREATE TABLE runs ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL,"
    " config TEXT NOT NULL," // normlab::toJson, the keys of normlab-cli --config
    " status TEXT NOT NULL," // running, interrupted, or the engine's RunStatus key
    " message TEXT NOT NULL DEFAULT '',"
    " created TEXT NOT NULL,"
    " seconds REAL, parameters INTEGER, epochs_run INTEGER, best_epoch INTEGER,"
    " best_val_loss REAL, best_val_acc REAL, test_loss REAL, test_acc REAL,"
    " best_test_loss REAL, best_test_acc REAL)",
    "CREATE TABLE epochs ("
    " run_id INTEGER NOT NULL, epoch INTEGER NOT NULL,"
    " train_loss REAL, train_acc REAL, val_loss REAL, val_acc REAL,"
    " test_loss REAL, test_acc REAL, seconds REAL,"
    " PRIMARY KEY (run_id, epoch))",
};

QStringList schemaStatements()
{
    QStringList statements;
    for (const char *statement : kSchema)
        statements << QString::fromLatin1(statement);
    statements << RunStore::insightTableStatement();
    return statements;
}

} // namespace

RunStore::RunStore()
    : m_connection(QStringLiteral("normlab-runs-%1").arg(connectionCounter.fetch_add(1)))
{
}

RunStore::~RunStore()
{
    close();
}

QString RunStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("runs.sqlite"));
}

void RunStore::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool RunStore::fail(const QString &what, const QString &detail)
{
    m_lastError = detail.isEmpty() ? QStringLiteral("%1: %2").arg(m_path, what)
                                   : QStringLiteral("%1: %2 (%3)").arg(m_path, what, detail);
    return false;
}

bool RunStore::open(const QString &path)
{
    close();
    m_path = path;
    m_lastError.clear();
    if (!checkProjectFile())
        return false;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        const QString detail = m_db.lastError().text();
        close();
        return fail(QStringLiteral("cannot be opened"), detail);
    }
    if (prepareSchema() && startSession())
        return true;
    close(); // keeps lastError()
    return false;
}

bool RunStore::checkProjectFile()
{
    const QFileInfo info(m_path);
    if (info.exists() && info.size() > 0) {
        // Check the header ourselves: SQLite would only complain at the first query.
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot be read"), file.errorString());
        if (!file.read(16).startsWith("SQLite format 3"))
            return fail(QStringLiteral("is not a NormLab project (not an SQLite database)"), {});
    } else if (!QDir().mkpath(info.absolutePath())) {
        return fail(QStringLiteral("its folder cannot be created"), {});
    }
    return true;
}

bool RunStore::prepareSchema()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(QStringLiteral("is not a readable NormLab project"), query.lastError().text());
    const int version = query.value(0).toInt();
    if (version > kSchemaVersion)
        return fail(QStringLiteral("was written by a newer NormLab (project version %1; this "
                                   "version reads up to %2). It was not changed")
                        .arg(version)
                        .arg(kSchemaVersion),
                    {});
    if (version == 0) {
        query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
        if (!query.next() || query.value(0).toInt() != 0)
            return fail(QStringLiteral("is an SQLite database but not a NormLab project; it was "
                                       "not changed"),
                        {});
        return createSchema();
    }
    return version == kSchemaVersion || migrate(version);
}

bool RunStore::startSession()
{
    QSqlQuery query(m_db);
    // WAL: a commit does not wait for fsync, so an epoch's write never stalls the GUI; an
    // application crash still loses nothing that was committed.
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    if (!query.exec(QStringLiteral("UPDATE runs SET status='interrupted' WHERE status='running'")))
        return fail(QStringLiteral("cannot be written"), query.lastError().text());
    return true;
}

bool RunStore::inTransaction(const QString &failure, const std::function<bool()> &work)
{
    if (!m_db.transaction())
        return fail(failure, m_db.lastError().text());
    bool ok = work();
    if (ok && !m_db.commit())
        ok = fail(failure, m_db.lastError().text());
    if (!ok)
        m_db.rollback();
    return ok;
}

bool RunStore::createSchema()
{
    return inTransaction(QStringLiteral("cannot be written"), [this] {
        QSqlQuery query(m_db);
        for (const QString &statement : schemaStatements()) {
            if (!query.exec(statement))
                return fail(QStringLiteral("cannot be written"), query.lastError().text());
        }
        query.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
        return true;
    });
}

bool RunStore::migrate(int fromVersion)
{
    // 1 -> 2: the insight table; existing runs simply have no series.
    return inTransaction(QStringLiteral("cannot be upgraded"), [this, fromVersion] {
        QSqlQuery query(m_db);
        if (fromVersion < 2 && !query.exec(insightTableStatement()))
            return fail(
                QStringLiteral("cannot be upgraded to project version %1").arg(kSchemaVersion),
                query.lastError().text());
        query.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
        return true;
    });
}

bool RunStore::loadRuns(std::vector<RunRecord> &runs)
{
    runs.clear();
    if (!loadRunRows(runs) || !loadEpochs(runs) || !loadInsight(runs))
        return false;
    for (RunRecord &record : runs) {
        // An interrupted run's summary was last written one epoch ago at worst; recompute.
        if (record.state == RunState::Interrupted) {
            summarizeHistory(record.result);
            record.result.epochsRun = int(record.result.history.size());
        }
    }
    return true;
}

bool RunStore::loadRunRows(std::vector<RunRecord> &runs)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral(
            "SELECT id, name, config, status, message, created, seconds, parameters, epochs_run,"
            " best_epoch, best_val_loss, best_val_acc, test_loss, test_acc, best_test_loss,"
            " best_test_acc FROM runs ORDER BY id")))
        return fail(QStringLiteral("cannot be read"), query.lastError().text());
    while (query.next())
        runs.push_back(runFromRow(query));
    return true;
}

bool RunStore::loadEpochs(std::vector<RunRecord> &runs)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT run_id, epoch, train_loss, train_acc, val_loss, val_acc,"
                                   " test_loss, test_acc, seconds FROM epochs"
                                   " ORDER BY run_id, epoch")))
        return fail(QStringLiteral("cannot be read"), query.lastError().text());
    size_t at = 0;
    while (query.next()) {
        const qint64 runId = query.value(0).toLongLong();
        while (at < runs.size() && runs[at].id < runId)
            ++at;
        if (at == runs.size())
            break;
        if (runs[at].id != runId)
            continue; // epochs of a deleted run
        runs[at].result.history.push_back(epochFromRow(query));
    }
    return true;
}

bool RunStore::addRun(RunRecord &record)
{
    if (record.created.isEmpty())
        record.created = QDateTime::currentDateTime().toString(Qt::ISODate);
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT INTO runs (name, config, status, created) VALUES (?, ?, ?, ?)"));
    query.addBindValue(QString::fromStdString(record.result.name));
    query.addBindValue(QString::fromUtf8(
        QJsonDocument(toJson(record.result.config)).toJson(QJsonDocument::Compact)));
    query.addBindValue(record.statusKey());
    query.addBindValue(record.created);
    if (!query.exec())
        return fail(QStringLiteral("the new run could not be saved"), query.lastError().text());
    record.id = query.lastInsertId().toLongLong();
    return true;
}

bool RunStore::writeSummary(const RunRecord &record)
{
    const RunResult &r = record.result;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "UPDATE runs SET name=?, status=?, message=?, seconds=?, parameters=?, epochs_run=?,"
        " best_epoch=?, best_val_loss=?, best_val_acc=?, test_loss=?, test_acc=?,"
        " best_test_loss=?, best_test_acc=? WHERE id=?"));
    query.addBindValue(QString::fromStdString(r.name));
    query.addBindValue(record.statusKey());
    query.addBindValue(QString::fromStdString(r.message));
    query.addBindValue(r.seconds);
    query.addBindValue(qint64(r.parameters));
    query.addBindValue(r.epochsRun);
    query.addBindValue(r.bestEpoch);
    for (double v :
         {r.bestValLoss, r.bestValAcc, r.testLoss, r.testAcc, r.bestTestLoss, r.bestTestAcc})
        query.addBindValue(realValue(v));
    query.addBindValue(record.id);
    if (!query.exec())
        return fail(QStringLiteral("run %1 could not be saved").arg(record.id),
                    query.lastError().text());
    return true;
}

bool RunStore::writeEpoch(qint64 id, const EpochMetrics &m)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO epochs (run_id, epoch, train_loss,"
                                 " train_acc, val_loss, val_acc, test_loss, test_acc, seconds)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(id);
    query.addBindValue(m.epoch);
    for (double v : {m.trainLoss, m.trainAcc, m.valLoss, m.valAcc, m.testLoss, m.testAcc})
        query.addBindValue(realValue(v));
    query.addBindValue(m.seconds);
    if (!query.exec())
        return fail(QStringLiteral("epoch %1 of run %2 could not be saved").arg(m.epoch).arg(id),
                    query.lastError().text());
    return true;
}

bool RunStore::execute(const QString &sql, const QVariantList &values, const QString &what)
{
    QSqlQuery query(m_db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec() || fail(what, query.lastError().text());
}

bool RunStore::saveEpoch(const RunRecord &record)
{
    return inTransaction(QStringLiteral("cannot be written"), [this, &record] {
        const std::vector<EpochMetrics> &history = record.result.history;
        return writeSummary(record) && (history.empty() || writeEpoch(record.id, history.back())) &&
               writeInsight(record.id, record.result.insight);
    });
}

bool RunStore::saveRun(const RunRecord &record)
{
    return inTransaction(QStringLiteral("cannot be written"), [this, &record] {
        // A resumed run may end before epochs that were saved after its checkpoint.
        if (!writeSummary(record) ||
            !execute(QStringLiteral("DELETE FROM epochs WHERE run_id=? AND epoch>?"),
                     {record.id, qint64(record.result.history.size())},
                     QStringLiteral("run %1 could not be saved").arg(record.id)))
            return false;
        for (const EpochMetrics &m : record.result.history) {
            if (!writeEpoch(record.id, m))
                return false;
        }
        return writeInsight(record.id, record.result.insight);
    });
}

bool RunStore::renameRun(qint64 id, const QString &name)
{
    return execute(QStringLiteral("UPDATE runs SET name=? WHERE id=?"), {name, id},
                   QStringLiteral("run %1 could not be renamed").arg(id));
}

bool RunStore::removeRun(qint64 id)
{
    return inTransaction(QStringLiteral("cannot be written"), [this, id] {
        for (const QString &sql : {QStringLiteral("DELETE FROM epochs WHERE run_id=?"),
                                   QStringLiteral("DELETE FROM run_insight WHERE run_id=?"),
                                   QStringLiteral("DELETE FROM runs WHERE id=?")})
            if (!execute(sql, {id}, QStringLiteral("run %1 could not be deleted").arg(id)))
                return false;
        return true;
    });
}

bool RunStore::saveCopy(const QString &path)
{
    // VACUUM INTO refuses an existing file: write beside it, then replace.
    const QString temporary = path + QStringLiteral(".partial");
    QFile::remove(temporary);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("VACUUM INTO ?"));
    query.addBindValue(temporary);
    if (!query.exec()) {
        QFile::remove(temporary);
        m_lastError = QStringLiteral("%1: the project could not be written (%2)")
                          .arg(path, query.lastError().text());
        return false;
    }
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        QFile::remove(temporary);
        m_lastError = QStringLiteral("%1: the existing file could not be replaced").arg(path);
        return false;
    }
    if (!QFile::rename(temporary, path)) {
        m_lastError = QStringLiteral("%1: the project could not be written").arg(path);
        return false;
    }
    return true;
}
