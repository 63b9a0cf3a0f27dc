// A full disk in the middle of a run (issue 10). After epoch 1 the test stops the project from
// growing (SQLite's max_page_count on the project's own connection) and fills the pages it has
// with filler rows, so the next write fails as on a full disk ("database or disk is full"); after
// epoch 2 it removes the filler and the limit. The window must say saving failed, the run's status
// must say which epochs are not saved, nothing saved before may be lost, and once writes work
// again the missed epoch is saved and the window says so.

#include "GuiTestSupport.h"

#include "project/RunRecorder.h"
#include "project/RunStore.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace normlab;

namespace {

qint64 pragmaValue(QSqlDatabase db, const QString &pragma)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA ") + pragma) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

constexpr int kFillerEpoch = 1000; // filler rows are epochs from here on

// The disk is full: the project may not grow by a page, and the pages it has are full too. The
// filler is epochs of the run numbered from kFillerEpoch, written until SQLite says the disk is
// full, so the next epoch's row has no room either. False if it never said so.
bool fillDisk(QSqlDatabase db, qint64 runId)
{
    const qint64 pages = pragmaValue(db, QStringLiteral("page_count"));
    if (pragmaValue(db, QStringLiteral("max_page_count=%1").arg(pages)) != pages)
        return false;
    QSqlQuery query(db);
    for (int epoch = kFillerEpoch; epoch < 100 * kFillerEpoch; ++epoch) {
        query.prepare(
            QStringLiteral("INSERT INTO epochs (run_id, epoch, seconds) VALUES (?, ?, 0)"));
        query.addBindValue(runId);
        query.addBindValue(epoch);
        if (!query.exec())
            return query.lastError().text().contains(QStringLiteral("full"));
    }
    return false;
}

// Room again: the filler goes, and SQLite's default limit is back.
bool freeDisk(QSqlDatabase db, qint64 runId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM epochs WHERE run_id=? AND epoch>=?"));
    query.addBindValue(runId);
    query.addBindValue(kFillerEpoch);
    return query.exec() && pragmaValue(db, QStringLiteral("max_page_count=4294967294")) > 1000000;
}

qint64 storedEpochs(QSqlDatabase db)
{
    QSqlQuery query(db);
    if (!query.exec(
            QStringLiteral("SELECT count(*) FROM epochs WHERE epoch<%1").arg(kFillerEpoch)) ||
        !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void missedEpochsAreSavedOnceTheDiskHasRoomAgain()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.normlab");
        RunResult trained;
        {
            guitest::RecordingWindow w(path);
            QSqlDatabase db = w->store()->connectionForTesting();
            const ExperimentConfig config = guitest::tinyConfig(3);
            qint64 epochsStoredWhileFull = -1;
            QString markWhileFull, statusOnRestore;
            // Connected after the window's recorder, so each epoch is saved before this runs.
            connect(w->controller(), &TrainingController::epochFinished, this,
                    [&](int, const EpochMetrics &metrics) {
                        const qint64 runId = w->runTable()->recordAt(0).id;
                        if (metrics.epoch == 1) {
                            QVERIFY(fillDisk(db, runId));
                        } else if (metrics.epoch == 2) {
                            epochsStoredWhileFull = storedEpochs(db);
                            markWhileFull =
                                QString::fromStdString(w->runTable()->recordAt(0).result.message);
                            QVERIFY(freeDisk(db, runId));
                        }
                    });
            connect(w->recorder(), &RunRecorder::storageRestored, this,
                    [&] { statusOnRestore = w->statusBar()->currentMessage(); });
            QSignalSpy finished(w->controller(), &TrainingController::runFinished);
            w->submit(config);
            QVERIFY(finished.wait(guitest::kRunTimeoutMs));

            // While the disk was full: the window said so once, epoch 1 stayed, the run was
            // marked with the epoch that is missing.
            QCOMPARE(w.errors.size(), 1);
            QVERIFY2(w.errors.front().contains(QStringLiteral("disk is full")),
                     qPrintable(w.errors.front()));
            QVERIFY2(w.errors.front().contains(path), qPrintable(w.errors.front()));
            QCOMPARE(epochsStoredWhileFull, qint64(1));
            QVERIFY2(markWhileFull.startsWith(QStringLiteral("Epochs 2 to 2 are not saved")),
                     qPrintable(markWhileFull));
            // Then: the window said saving works again, and the mark is gone.
            QVERIFY2(statusOnRestore.contains(QStringLiteral("works again")),
                     qPrintable(statusOnRestore));
            trained = w->runTable()->recordAt(0).result;
            QVERIFY(trained.message.empty());
            QCOMPARE(trained.history.size(), size_t(3));
        }
        // The project holds every epoch and the finished run.
        RunStore store;
        QVERIFY2(store.open(path), qPrintable(store.lastError()));
        std::vector<RunRecord> runs;
        QVERIFY(store.loadRuns(runs));
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].statusKey(), QStringLiteral("finished"));
        QCOMPARE(runs[0].result.history.size(), size_t(3));
        for (int n = 0; n < 3; ++n) {
            QCOMPARE(runs[0].result.history[n].epoch, n + 1);
            QCOMPARE(runs[0].result.history[n].valLoss, trained.history[n].valLoss);
        }
        QVERIFY(runs[0].result.message.empty());
    }
};

QTEST_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
