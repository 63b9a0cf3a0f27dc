// Run › Parallel Runs (issue 12): with 2, two runs train at once in worker processes, with live
// curves for both, and give the same histories as the window's own training; a worker killed
// mid-run costs its run a retry from its checkpoint, not the window; Stop and closing the window
// end every worker process.

#include "GuiTestSupport.h"

#include "plots/BatchLossPlot.h"
#include "plots/PlotPanel.h"
#include "project/RunRecorder.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <map>
#include <set>

using namespace normlab;

namespace {

/// A run of a few seconds on one thread (results depend on the thread count, which the
/// comparisons below keep equal).
ExperimentConfig oneThreadConfig(int epochs, uint64_t seed)
{
    ExperimentConfig config = guitest::tinyConfig(epochs);
    config.limit = 1200;
    config.threads = 1;
    config.seed = seed;
    config.norm = NormKind::Batch;
    config.dropout = 0.2;
    return config;
}

void useWorkers(MainWindow *w, int runs)
{
    w->controller()->setWorkerProgram(QStringLiteral(NORMLAB_CLI_PATH));
    w->setParallelRuns(runs);
}

/// The finished results of `configs` trained one after another in the window's own thread.
std::vector<RunResult> trainedInTheWindow(const std::vector<ExperimentConfig> &configs)
{
    QTemporaryDir dir;
    guitest::RecordingWindow w(dir.filePath("in-window.normlab"));
    QSignalSpy finished(w->controller(), &TrainingController::runFinished);
    for (const ExperimentConfig &config : configs)
        w->submit(config);
    for (int waited = 0; finished.count() < int(configs.size()) && waited < 600; ++waited)
        finished.wait(1000);
    std::vector<RunResult> results;
    for (const QList<QVariant> &args : finished)
        results.push_back(args.at(1).value<RunResult>());
    return results;
}

/// Every epoch's metrics equal bit for bit (the seconds a run took aside).
void compareHistories(const RunResult &actual, const RunResult &expected)
{
    QCOMPARE(actual.history.size(), expected.history.size());
    for (size_t i = 0; i < actual.history.size(); ++i) {
        const EpochMetrics &a = actual.history[i], &e = expected.history[i];
        QCOMPARE(a.epoch, e.epoch);
        QCOMPARE(a.trainLoss, e.trainLoss);
        QCOMPARE(a.valLoss, e.valLoss);
        QCOMPARE(a.trainAcc, e.trainAcc);
        QCOMPARE(a.valAcc, e.valAcc);
    }
}

bool processGone(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH;
}

/// Each run of the table has its model file and checkpoint with the project, as a run trained
/// in the window has; the workers' folders are gone.
void filesAreKeptWithTheProject(MainWindow *w, const QString &projectFolder)
{
    for (int row = 0; row < w->runTable()->rowCount(); ++row) {
        const qint64 id = w->runTable()->recordAt(row).id;
        QVERIFY(QFileInfo::exists(w->runModelFile(id)));
        QVERIFY(QFileInfo::exists(w->runCheckpointFile(id)));
    }
    QCOMPARE(QDir(projectFolder + QStringLiteral("/p.normlab.models"))
                 .entryList({QStringLiteral("job-*")}, QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList());
}

} // namespace

class TestParallelRuns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void twoRunsTrainAtOnceWithLiveCurvesForBoth()
    {
        const std::vector<ExperimentConfig> configs{oneThreadConfig(3, 11), oneThreadConfig(3, 12)};
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->show();
        useWorkers(w.window.get(), 2);
        auto *batch = static_cast<BatchLossPlot *>(w->plots()->batchPlot());
        // While batches arrive: how many runs train, and whose batch losses the plot draws.
        size_t mostLive = 0, mostDrawn = 0;
        std::set<int> jobsWithBatches;
        connect(w->controller(), &TrainingController::batchFinished, w.window.get(),
                [&](int jobId) {
                    jobsWithBatches.insert(jobId);
                    mostLive = std::max(mostLive, w->recorder()->liveRecordIds().size());
                    mostDrawn = std::max(mostDrawn, batch->drawnRuns().size());
                });
        QSignalSpy started(w->controller(), &TrainingController::runStarted);
        QSignalSpy finished(w->controller(), &TrainingController::runFinished);
        QSignalSpy workers(w->controller(), &TrainingController::workerStarted);
        const int first = w->submit(configs[0]);
        const int second = w->submit(configs[1]);
        QCOMPARE(w->controller()->runningCount(), 2); // both dispatched, none queued
        QVERIFY(w->controller()->queue()->isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, guitest::kRunTimeoutMs);
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));

        QCOMPARE(started.count(), 2);
        QCOMPARE(workers.count(), 2);
        QVERIFY(workers.at(0).at(1).toLongLong() != workers.at(1).at(1).toLongLong());
        QCOMPARE(jobsWithBatches, (std::set<int>{first, second}));
        QCOMPARE(mostLive, size_t(2));  // both trained at the same time
        QCOMPARE(mostDrawn, size_t(2)); // with live batch curves for both
        QCOMPARE(w->runTable()->rowCount(), 2);

        // The same runs trained in the window's own thread: the same histories, bit for bit.
        const std::vector<RunResult> inWindow = trainedInTheWindow(configs);
        QCOMPARE(inWindow.size(), size_t(2));
        std::map<uint64_t, RunResult> bySeed;
        for (const QList<QVariant> &args : finished) {
            const RunResult result = args.at(1).value<RunResult>();
            QCOMPARE(result.status, RunStatus::Finished);
            bySeed[result.config.seed] = result;
        }
        for (const RunResult &expected : inWindow)
            compareHistories(bySeed.at(expected.config.seed), expected);
        // The table holds what the workers reported.
        for (int row = 0; row < 2; ++row) {
            const RunRecord &record = w->runTable()->recordAt(row);
            QCOMPARE(record.state, RunState::Done);
            compareHistories(record.result, bySeed.at(record.result.config.seed));
        }
        for (const QList<QVariant> &args : workers)
            QTRY_VERIFY_WITH_TIMEOUT(processGone(args.at(1).toLongLong()), 10000);
        filesAreKeptWithTheProject(w.window.get(), dir.path());
    }

    void aWorkerRunTrainsMoreEpochsInTheWindow()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        useWorkers(w.window.get(), 2);
        QSignalSpy finished(w->controller(), &TrainingController::runFinished);
        w->submit(oneThreadConfig(2, 61));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, guitest::kRunTimeoutMs);
        const qint64 id = w->runTable()->recordAt(0).id;
        // Its checkpoint continues in the window's thread, in its own row, up to 4 epochs.
        QVERIFY(w->trainMoreEpochs(id, 4) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, guitest::kRunTimeoutMs);
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));
        QCOMPARE(w->runTable()->rowCount(), 1);
        const RunRecord &record = w->runTable()->recordAt(0);
        QCOMPARE(record.result.history.size(), size_t(4));
        // The same as 4 epochs in one go.
        const std::vector<RunResult> inWindow = trainedInTheWindow({oneThreadConfig(4, 61)});
        QCOMPARE(inWindow.size(), size_t(1));
        compareHistories(record.result, inWindow.front());
    }

    void aKilledWorkerCostsItsRunARetryNotTheWindow()
    {
        const ExperimentConfig config = oneThreadConfig(5, 21);
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->show();
        useWorkers(w.window.get(), 2);
        // The GUI thread keeps handling events while the worker dies and the run starts again.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start(20);
        QSignalSpy workers(w->controller(), &TrainingController::workerStarted);
        QSignalSpy retried(w->controller(), &TrainingController::runRetried);
        QSignalSpy finished(w->controller(), &TrainingController::runFinished);
        qint64 killed = 0;
        int ticksAtKill = 0;
        connect(w->controller(), &TrainingController::epochFinished, w.window.get(),
                [&](int, const EpochMetrics &metrics) {
                    if (metrics.epoch == 2 && killed == 0 && !workers.isEmpty()) {
                        killed = workers.first().at(1).toLongLong();
                        ticksAtKill = ticks;
                        ::kill(pid_t(killed), SIGKILL);
                    }
                });
        w->submit(config);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, guitest::kRunTimeoutMs);
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));

        QVERIFY(killed != 0);
        QCOMPARE(retried.count(), 1);
        QCOMPARE(retried.first().at(1).toInt(), 2); // the second attempt
        const int resumeEpoch = retried.first().at(3).toInt();
        QVERIFY2(resumeEpoch >= 1 && resumeEpoch <= 2, qPrintable(QString::number(resumeEpoch)));
        QCOMPARE(workers.count(), 2); // a new worker process took the run
        QVERIFY(workers.at(1).at(1).toLongLong() != killed);
        QVERIFY(ticks > ticksAtKill);

        // It finished in its own row, and the row says it was retried.
        const RunResult result = finished.first().at(1).value<RunResult>();
        QCOMPARE(result.status, RunStatus::Finished);
        QCOMPARE(result.history.size(), size_t(5));
        QVERIFY2(QString::fromStdString(result.message).contains(QStringLiteral("retried")),
                 result.message.c_str());
        QCOMPARE(w->runTable()->rowCount(), 1);
        const RunRecord &record = w->runTable()->recordAt(0);
        QCOMPARE(record.state, RunState::Done);
        QCOMPARE(record.result.history.size(), size_t(5));
        // Resumed from its checkpoint: the history of a run that was never interrupted.
        const std::vector<RunResult> inWindow = trainedInTheWindow({config});
        QCOMPARE(inWindow.size(), size_t(1));
        compareHistories(result, inWindow.front());
    }

    void stopAndClosingEndEveryWorker()
    {
        QTemporaryDir dir;
        auto w = std::make_unique<guitest::RecordingWindow>(dir.filePath("p.normlab"));
        useWorkers(w->window.get(), 2);
        QSignalSpy workers((*w)->controller(), &TrainingController::workerStarted);
        QSignalSpy epochs((*w)->controller(), &TrainingController::epochFinished);
        QSignalSpy finished((*w)->controller(), &TrainingController::runFinished);
        (*w)->submit(oneThreadConfig(30, 31));
        (*w)->submit(oneThreadConfig(30, 32));
        (*w)->submit(oneThreadConfig(30, 33)); // waits in the queue
        QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 2, guitest::kRunTimeoutMs);
        QCOMPARE((*w)->controller()->queue()->rowCount(), 1);
        (*w)->stop(); // cancels both; the queued one starts next
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 2, 30000);
        for (int i = 0; i < 2; ++i) {
            const RunResult result = finished.at(i).at(1).value<RunResult>();
            QCOMPARE(result.status, RunStatus::Cancelled);
            QVERIFY(result.epochsRun < 30);
        }
        // Their finished epochs are kept with a checkpoint: Resume continues them.
        for (int row = 0; row < (*w)->runTable()->rowCount(); ++row) {
            const RunRecord &record = (*w)->runTable()->recordAt(row);
            if (record.state == RunState::Done && record.result.epochsRun >= 1)
                QVERIFY(QFileInfo::exists((*w)->runCheckpointFile(record.id)));
        }
        QTRY_VERIFY_WITH_TIMEOUT(workers.count() == 3, guitest::kRunTimeoutMs);
        for (int i = 0; i < 2; ++i)
            QTRY_VERIFY_WITH_TIMEOUT(processGone(workers.at(i).at(1).toLongLong()), 10000);
        // Closing the window while the third run trains ends its worker too.
        const qint64 third = workers.at(2).at(1).toLongLong();
        QVERIFY(!processGone(third));
        w.reset();
        QTRY_VERIFY_WITH_TIMEOUT(processGone(third), 10000);
    }

    void eachCrossValidationFoldTrainsInAWorker()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        useWorkers(w.window.get(), 2);
        ExperimentConfig config = oneThreadConfig(1, 51);
        config.limit = 400;
        config.folds = 2;
        QSignalSpy finished(w->controller(), &TrainingController::runFinished);
        w->submit(config); // one job per fold
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, guitest::kRunTimeoutMs);
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));
        std::set<int> folds;
        for (const QList<QVariant> &args : finished) {
            const RunResult result = args.at(1).value<RunResult>();
            QCOMPARE(result.status, RunStatus::Finished);
            QCOMPARE(result.config.folds, 2);
            folds.insert(result.config.fold);
        }
        QCOMPARE(folds, (std::set<int>{1, 2}));
    }

    void aMissingWorkerProgramIsNamed()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->controller()->setWorkerProgram(dir.filePath("no-such-normlab-cli"));
        w->setParallelRuns(2);
        QSignalSpy failed(w->controller(), &TrainingController::runFailed);
        w->submit(oneThreadConfig(1, 41));
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("no-such-normlab-cli")),
                 qPrintable(failed.first().at(1).toString()));
        QVERIFY(!w->controller()->isRunning());
    }

    void theMenuOffersOneToTheCores()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        QCOMPARE(w->parallelRuns(),
                 1); // the default: one run with every core (docs/distributed.md)
        w->setParallelRuns(1000);
        QCOMPARE(w->parallelRuns(), MainWindow::maxParallelRuns());
        w->setParallelRuns(0);
        QCOMPARE(w->parallelRuns(), 1);
        QVERIFY(MainWindow::maxParallelRuns() >= 2);
    }
};

QTEST_MAIN(TestParallelRuns)
#include "tst_parallel_runs.moc"
