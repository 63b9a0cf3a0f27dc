// The SQLite project file: round trip, crash recovery, and refusing files it must not touch.

#include "GuiTestSupport.h"

#include "project/RunStore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace normlab;

namespace {
EpochMetrics epoch(int n, double valLoss)
{
    EpochMetrics m;
    m.epoch = n;
    m.trainLoss = valLoss + 0.1;
    m.trainAcc = 0.5;
    m.valLoss = valLoss;
    m.valAcc = 0.4 + 0.01 * n;
    m.testLoss = valLoss + 0.05;
    m.testAcc = 0.3 + 0.01 * n;
    m.seconds = 1.5;
    return m;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void roundTripsRunsAndHistories()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("project.normlab");
        qint64 id = 0;
        {
            RunStore store;
            QVERIFY2(store.open(path), qPrintable(store.lastError()));
            RunRecord record;
            record.result.name = "GroupNorm";
            record.result.config.norm = NormKind::Group;
            record.result.config.groups = 4;
            record.result.config.epochs = 3;
            QVERIFY(store.addRun(record));
            id = record.id;
            for (int n = 1; n <= 2; ++n) {
                record.result.history.push_back(epoch(n, 1.0 / n));
                summarizeHistory(record.result);
                QVERIFY(store.saveEpoch(record));
            }
            record.result.history.push_back(epoch(3, std::nan("")));
            summarizeHistory(record.result);
            record.state = RunState::Done;
            record.result.status = RunStatus::EarlyStopped;
            record.result.message = "patience 1";
            QVERIFY(store.saveRun(record));
            QVERIFY(store.renameRun(id, "GN, 4 groups"));
        }
        RunStore store;
        QVERIFY(store.open(path));
        std::vector<RunRecord> runs;
        QVERIFY(store.loadRuns(runs));
        QCOMPARE(runs.size(), size_t(1));
        const RunResult &r = runs[0].result;
        QCOMPARE(runs[0].id, id);
        QCOMPARE(r.name, std::string("GN, 4 groups"));
        QCOMPARE(r.config.norm, NormKind::Group);
        QCOMPARE(r.config.groups, 4);
        QCOMPARE(r.status, RunStatus::EarlyStopped);
        QCOMPARE(r.message, std::string("patience 1"));
        QCOMPARE(r.history.size(), size_t(3));
        QCOMPARE(r.bestValLoss, 0.5);
        QCOMPARE(r.bestEpoch, 2);
        QVERIFY(std::isnan(r.history[2].valLoss)); // NaN survives SQLite's NULL
        QVERIFY(store.removeRun(id));
        QVERIFY(store.loadRuns(runs));
        QVERIFY(runs.empty());
    }

    void runningRunBecomesInterruptedWithItsEpochs()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("crash.normlab");
        {
            RunStore store;
            QVERIFY(store.open(path));
            RunRecord record;
            record.result.name = "BatchNorm";
            QVERIFY(store.addRun(record));
            record.result.history.push_back(epoch(1, 0.9));
            summarizeHistory(record.result);
            QVERIFY(store.saveEpoch(record));
            // No saveRun: the app "crashed" during epoch 2.
        }
        RunStore store;
        QVERIFY(store.open(path));
        std::vector<RunRecord> runs;
        QVERIFY(store.loadRuns(runs));
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].state, RunState::Interrupted);
        QCOMPARE(runs[0].statusKey(), QStringLiteral("interrupted"));
        QCOMPARE(runs[0].result.history.size(), size_t(1));
        QCOMPARE(runs[0].result.bestValLoss, 0.9);
    }

    void refusesNewerSchemaWithoutChangingIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("future.normlab");
        {
            RunStore store;
            QVERIFY(store.open(path));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "future");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(
                QStringLiteral("PRAGMA user_version=%1").arg(RunStore::kSchemaVersion + 1));
            db.close();
        }
        QSqlDatabase::removeDatabase("future");
        const QByteArray before = fileBytes(path);
        RunStore store;
        QVERIFY(!store.open(path));
        QVERIFY(store.lastError().contains(path));
        QVERIFY(store.lastError().contains("newer"));
        QCOMPARE(fileBytes(path), before);
    }

    void refusesBrokenAndForeignFiles()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.normlab");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a database, just some text that someone saved here\n");
        file.close();
        RunStore store;
        QVERIFY(!store.open(broken));
        QVERIFY(store.lastError().contains(broken));
        QCOMPARE(fileBytes(broken), QByteArray("this is not a database, just some text that "
                                               "someone saved here\n"));

        const QString foreign = dir.filePath("foreign.sqlite");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "foreign");
            db.setDatabaseName(foreign);
            QVERIFY(db.open());
            QSqlQuery(db).exec("CREATE TABLE customers (name TEXT)");
            db.close();
        }
        QSqlDatabase::removeDatabase("foreign");
        QVERIFY(!store.open(foreign));
        QVERIFY(store.lastError().contains("not a NormLab project"));
    }

    void savesACopyElsewhere()
    {
        QTemporaryDir dir;
        RunStore store;
        QVERIFY(store.open(dir.filePath("a.normlab")));
        RunRecord record;
        record.result.name = "copied";
        QVERIFY(store.addRun(record));
        QVERIFY(store.saveCopy(dir.filePath("b.normlab")));
        QVERIFY(!store.saveCopy(dir.filePath("missing-folder/c.normlab")));
        QVERIFY(store.lastError().contains("missing-folder/c.normlab"));
        RunStore copy;
        QVERIFY(copy.open(dir.filePath("b.normlab")));
        std::vector<RunRecord> runs;
        QVERIFY(copy.loadRuns(runs));
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].result.name, std::string("copied"));
    }
};

QTEST_MAIN(TestRunStore)
#include "tst_run_store.moc"
