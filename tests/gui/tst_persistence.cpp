// Runs survive restarts; closing during a run keeps its epochs; projects stay separate; a refused
// file is left alone.

#include "GuiTestSupport.h"

#include "project/RunStore.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"

#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace normlab;

class TestPersistence : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void restartFindsTheRuns()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.normlab");
        RunResult trained;
        {
            guitest::RecordingWindow w(path);
            ExperimentConfig config = guitest::tinyConfig(2);
            config.norm = NormKind::Layer;
            QSignalSpy finished(w->controller(), &TrainingController::runFinished);
            w->submit(config);
            QVERIFY(finished.wait(guitest::kRunTimeoutMs));
            trained = w->runTable()->recordAt(0).result;
            QVERIFY(w->runTable()->setData(w->runTable()->index(0, RunTableModel::Model),
                                           QStringLiteral("LN renamed"), Qt::EditRole));
        }
        guitest::RecordingWindow again(path);
        QCOMPARE(again->runTable()->rowCount(), 1);
        const RunRecord &record = again->runTable()->recordAt(0);
        QCOMPARE(record.result.name, std::string("LN renamed"));
        QCOMPARE(record.result.status, trained.status);
        QCOMPARE(record.result.config.norm, NormKind::Layer);
        QCOMPARE(record.result.history.size(), trained.history.size());
        QCOMPARE(record.result.bestValLoss, trained.bestValLoss);
        QCOMPARE(record.result.testAcc, trained.testAcc);
        QCOMPARE(record.result.history.back().trainLoss, trained.history.back().trainLoss);

        // Deleting is permanent.
        again->runView()->selectAll();
        again->deleteSelectedRuns();
        QCOMPARE(again->runTable()->rowCount(), 0);
        guitest::RecordingWindow third(path);
        QCOMPARE(third->runTable()->rowCount(), 0);
    }

    void closingDuringARunStopsItAndKeepsItsEpochs()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.normlab");
        {
            guitest::RecordingWindow w(path);
            w->show();
            QSignalSpy epochs(w->controller(), &TrainingController::epochFinished);
            w->submit(guitest::tinyConfig(30));
            QVERIFY(epochs.wait(guitest::kRunTimeoutMs));
            QVERIFY(!w->close()); // waits for the run to stop
            QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), guitest::kRunTimeoutMs);
        }
        guitest::RecordingWindow again(path);
        QCOMPARE(again->runTable()->rowCount(), 1);
        const RunRecord &record = again->runTable()->recordAt(0);
        QCOMPARE(record.state, RunState::Done);
        QCOMPARE(record.result.status, RunStatus::Cancelled);
        QVERIFY(record.result.history.size() >= 1);
    }

    void aCrashedRunShowsAsInterrupted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.normlab");
        {
            RunStore store; // as the app leaves it mid-run: one epoch committed
            QVERIFY(store.open(path));
            RunRecord record;
            record.result.name = "crashed";
            QVERIFY(store.addRun(record));
            EpochMetrics m;
            m.epoch = 1;
            m.valLoss = 1.25;
            record.result.history = {m};
            QVERIFY(store.saveEpoch(record));
        }
        guitest::RecordingWindow w(path);
        QCOMPARE(w->runTable()->rowCount(), 1);
        QCOMPARE(w->runTable()->index(0, RunTableModel::Status).data().toString(),
                 QStringLiteral("interrupted"));
        QCOMPARE(w->runTable()->index(0, RunTableModel::ValLoss).data().toString(),
                 QStringLiteral("1.2500"));
    }

    void projectsAreSeparateAndBadFilesAreRefused()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath("first.normlab");
        {
            RunStore store;
            QVERIFY(store.open(first));
            RunRecord record;
            record.result.name = "in first";
            QVERIFY(store.addRun(record));
        }
        guitest::RecordingWindow w(first);
        QCOMPARE(w->runTable()->rowCount(), 1);
        const QString second = dir.filePath("second.normlab");
        QVERIFY(w->saveProjectAs(second));
        QCOMPARE(w->store()->path(), second);
        QCOMPARE(w->runTable()->rowCount(), 1);
        QVERIFY(w->openProject(dir.filePath("empty.normlab")));
        QCOMPARE(w->runTable()->rowCount(), 0);

        const QString broken = dir.filePath("broken.normlab");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("garbage");
        file.close();
        QVERIFY(!w->openProject(broken));
        QCOMPARE(w.errors.size(), 1);
        QVERIFY(w.errors[0].contains(broken));
        QCOMPARE(w->store()->path(), dir.filePath("empty.normlab")); // the open one stays
        QFile check(broken);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("garbage"));

        guitest::RecordingWindow refused(broken); // at start-up: runs, but saves nothing
        QCOMPARE(refused.errors.size(), 1);
        QVERIFY(refused->store() == nullptr);
    }
};

QTEST_MAIN(TestPersistence)
#include "tst_persistence.moc"
