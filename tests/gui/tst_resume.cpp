// Runs continue from the checkpoints kept beside the project, in their own rows, offscreen: a
// cancelled run resumed, a finished run trained for more epochs and an interrupted run of a
// reopened project each end with the history of a run never stopped; without a checkpoint,
// Resume is disabled and says why.

#include "GuiTestSupport.h"

#include "project/RunRecorder.h"
#include "project/RunStore.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <memory>

using namespace normlab;

namespace {

// BatchNorm, dropout and augmentation: every source of randomness and running state is on.
ExperimentConfig resumeConfig(int epochs)
{
    ExperimentConfig config = guitest::tinyConfig(epochs);
    config.limit = 96; // three batches an epoch: the test trains about 18 epochs
    config.norm = NormKind::Batch;
    config.dropout = 0.3;
    config.augment = true;
    config.statsEvery = 3;
    return config;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// Every value of both histories, bit for bit; the seconds are wall time and differ.
QString historyDifference(const RunResult &a, const RunResult &b)
{
    if (a.history.size() != b.history.size())
        return QStringLiteral("%1 epochs against %2").arg(a.history.size()).arg(b.history.size());
    for (size_t i = 0; i < a.history.size(); ++i) {
        const EpochMetrics &x = a.history[i], &y = b.history[i];
        if (x.epoch != y.epoch || !sameBits(x.trainLoss, y.trainLoss) ||
            !sameBits(x.trainAcc, y.trainAcc) || !sameBits(x.valLoss, y.valLoss) ||
            !sameBits(x.valAcc, y.valAcc) || !sameBits(x.testLoss, y.testLoss) ||
            !sameBits(x.testAcc, y.testAcc))
            return QStringLiteral("epoch %1 differs: train loss %2 against %3")
                .arg(x.epoch)
                .arg(x.trainLoss, 0, 'g', 17)
                .arg(y.trainLoss, 0, 'g', 17);
    }
    if (a.bestEpoch != b.bestEpoch)
        return QStringLiteral("best epoch %1 against %2").arg(a.bestEpoch).arg(b.bestEpoch);
    const auto &na = a.insight.gradientNorms, &nb = b.insight.gradientNorms;
    if (na.size() != nb.size())
        return QStringLiteral("%1 gradient-norm steps against %2").arg(na.size()).arg(nb.size());
    for (size_t i = 0; i < na.size(); ++i)
        if (na[i].step != nb[i].step || na[i].norms != nb[i].norms)
            return QStringLiteral("gradient norms differ at step %1").arg(na[i].step);
    return {};
}

// The run id of job `jobId` once it is recorded as ended (0 on timeout).
qint64 waitForJob(MainWindow *window, int jobId)
{
    QSignalSpy completed(window->recorder(), &RunRecorder::runCompleted);
    for (;;) {
        for (const QList<QVariant> &args : completed)
            if (args.at(1).toInt() == jobId)
                return args.at(0).toLongLong();
        if (!completed.wait(guitest::kRunTimeoutMs))
            return 0;
    }
}

// The earliest epoch the batches of `spy` (on TrainingController::batchFinished) trained: a
// resumed run replays the epochs of its checkpoint without training them again.
int firstTrainedEpoch(const QSignalSpy &batches)
{
    int first = 0;
    for (const QList<QVariant> &args : batches) {
        const int epoch = args.at(1).value<BatchProgress>().epoch;
        first = first == 0 ? epoch : std::min(first, epoch);
    }
    return first;
}

const RunRecord &recordOf(MainWindow *window, qint64 id)
{
    return window->runTable()->recordAt(window->runTable()->rowOf(id));
}

void selectRun(MainWindow *window, qint64 id)
{
    const QModelIndex source = window->runTable()->index(window->runTable()->rowOf(id), 0);
    window->runView()->selectionModel()->clearSelection();
    window->runView()->selectRow(window->sortedRuns()->mapFromSource(source).row());
}

} // namespace

class TestResume : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<guitest::RecordingWindow> m_window;
    RunResult m_uninterrupted; // 4 epochs, never stopped

    MainWindow *window() const { return m_window->window.get(); }

    // Trains `config`, stopped after `stopAfter` epochs when > 0; returns the run id.
    qint64 train(MainWindow *w, const ExperimentConfig &config, int stopAfter = 0)
    {
        const int job = w->submit(config);
        if (stopAfter > 0)
            w->controller()->stopAfterEpoch(stopAfter);
        return waitForJob(w, job);
    }

private Q_SLOTS:
    void initTestCase()
    {
        guitest::initTestEnvironment();
        m_window = std::make_unique<guitest::RecordingWindow>(m_dir.filePath("p.normlab"));
        const qint64 id = train(window(), resumeConfig(4));
        QVERIFY(id > 0);
        m_uninterrupted = recordOf(window(), id).result;
        QCOMPARE(m_uninterrupted.status, RunStatus::Finished);
        QCOMPARE(int(m_uninterrupted.history.size()), 4);
    }

    void cancelledRunResumesToTheUninterruptedHistory()
    {
        const qint64 id = train(window(), resumeConfig(4), 2);
        QVERIFY(id > 0);
        QCOMPARE(recordOf(window(), id).result.status, RunStatus::Cancelled);
        QCOMPARE(int(recordOf(window(), id).result.history.size()), 2);
        QVERIFY(QFileInfo::exists(window()->runCheckpointFile(id)));

        selectRun(window(), id);
        QVERIFY2(window()->resumeAction()->isEnabled(),
                 qPrintable(window()->resumeAction()->toolTip()));
        const int rows = window()->runTable()->rowCount();
        QSignalSpy completed(window()->recorder(), &RunRecorder::runCompleted);
        QSignalSpy batches(window()->controller(), &TrainingController::batchFinished);
        window()->resumeAction()->trigger();
        QVERIFY(completed.wait(guitest::kRunTimeoutMs));
        QCOMPARE(completed.first().at(0).toLongLong(), id); // the same row, no new one
        QCOMPARE(window()->runTable()->rowCount(), rows);
        QCOMPARE(firstTrainedEpoch(batches), 3);
        const RunRecord &resumed = recordOf(window(), id);
        QCOMPARE(resumed.state, RunState::Done);
        QCOMPARE(resumed.result.status, RunStatus::Finished);
        const QString difference = historyDifference(resumed.result, m_uninterrupted);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QVERIFY2(m_window->errors.isEmpty(), qPrintable(m_window->errors.join('\n')));
    }

    void finishedRunTrainsMoreEpochsToTheLongerRunsHistory()
    {
        const qint64 id = train(window(), resumeConfig(2));
        QVERIFY(id > 0);
        QCOMPARE(recordOf(window(), id).result.status, RunStatus::Finished);
        selectRun(window(), id);
        QVERIFY(!window()->resumeAction()->isEnabled()); // finished: Train More instead
        QVERIFY(window()->resumeAction()->toolTip().contains(QStringLiteral("Train More")));
        QVERIFY2(window()->trainMoreAction()->isEnabled(),
                 qPrintable(window()->trainMoreAction()->toolTip()));

        QCOMPARE(window()->trainMoreEpochs(id, 2), 0); // not more than it has
        QCOMPARE(m_window->errors.size(), 1);
        m_window->errors.clear();
        QSignalSpy batches(window()->controller(), &TrainingController::batchFinished);
        const int job = window()->trainMoreEpochs(id, 4);
        QVERIFY(job > 0);
        QCOMPARE(waitForJob(window(), job), id);
        QCOMPARE(firstTrainedEpoch(batches), 3);
        const RunRecord &longer = recordOf(window(), id);
        QCOMPARE(longer.result.config.epochs, 4);
        // 2 + 2 epochs is the 4-epoch run: no setting here depends on the epoch count.
        const QString difference = historyDifference(longer.result, m_uninterrupted);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        // The project holds the longer run too.
        RunStore store;
        std::vector<RunRecord> saved;
        QVERIFY(store.open(window()->store()->path()) && store.loadRuns(saved));
        for (const RunRecord &record : saved)
            if (record.id == id)
                QCOMPARE(int(record.result.history.size()), 4);
    }

    void interruptedRunOfAReopenedProjectResumes()
    {
        const QString project = m_dir.filePath("killed.normlab");
        qint64 id = 0;
        {
            guitest::RecordingWindow killed(project);
            QSignalSpy epochs(killed->controller(), &TrainingController::epochFinished);
            killed->submit(resumeConfig(4));
            while (epochs.size() < 2)
                QVERIFY(epochs.wait(guitest::kRunTimeoutMs));
            id = killed->recorder()->liveRecordId();
            QVERIFY(id > 0);
        } // the window goes while the run trains, as when NormLab is killed

        guitest::RecordingWindow reopened(project);
        QCOMPARE(recordOf(reopened.window.get(), id).state, RunState::Interrupted);
        selectRun(reopened.window.get(), id);
        QVERIFY2(reopened->resumeAction()->isEnabled(),
                 qPrintable(reopened->resumeAction()->toolTip()));
        QSignalSpy batches(reopened->controller(), &TrainingController::batchFinished);
        const int job = reopened->resumeRun(id);
        QVERIFY(job > 0);
        QCOMPARE(waitForJob(reopened.window.get(), job), id);
        QVERIFY(firstTrainedEpoch(batches) >= 3); // from the checkpoint of epoch 2 or later
        const RunRecord &resumed = recordOf(reopened.window.get(), id);
        QCOMPARE(resumed.result.status, RunStatus::Finished);
        const QString difference = historyDifference(resumed.result, m_uninterrupted);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QVERIFY2(reopened.errors.isEmpty(), qPrintable(reopened.errors.join('\n')));
        // The killed session's files under job names are gone: only the run's files are left.
        const QDir models(QFileInfo(reopened->runCheckpointFile(id)).absolutePath());
        QCOMPARE(models.entryList({QStringLiteral("job-*")}, QDir::Files), QStringList());
        QVERIFY(QFileInfo::exists(reopened->runModelFile(id)));
    }

    void runWithoutCheckpointCannotResume()
    {
        const qint64 id = train(window(), resumeConfig(2), 1);
        QVERIFY(id > 0);
        QCOMPARE(recordOf(window(), id).result.status, RunStatus::Cancelled);
        QVERIFY(QFile::remove(window()->runCheckpointFile(id))); // as runs from before checkpoints
        selectRun(window(), id);
        QVERIFY(!window()->resumeAction()->isEnabled());
        QVERIFY2(window()->resumeAction()->toolTip().contains(QStringLiteral("no checkpoint")),
                 qPrintable(window()->resumeAction()->toolTip()));
        QCOMPARE(window()->resumeRun(id), 0);
        QCOMPARE(m_window->errors.size(), 1);
        m_window->errors.clear();
    }

    void windowWithoutProjectKeepsNoCheckpoints()
    {
        const QString notProject = m_dir.filePath("not-a-project.normlab");
        QFile file(notProject);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("not SQLite") > 0);
        file.close();
        guitest::RecordingWindow unsaved(notProject); // refused: runs are not saved
        QVERIFY(!unsaved->store());
        const qint64 id = train(unsaved.window.get(), resumeConfig(2), 1);
        QVERIFY(id != 0);
        selectRun(unsaved.window.get(), id);
        QVERIFY(!unsaved->resumeAction()->isEnabled());
        QVERIFY2(unsaved->resumeAction()->toolTip().contains(QStringLiteral("project file")),
                 qPrintable(unsaved->resumeAction()->toolTip()));
    }

    void deletingARunDeletesItsCheckpoint()
    {
        const qint64 id = train(window(), resumeConfig(1));
        const QString checkpoint = window()->runCheckpointFile(id);
        QVERIFY(QFileInfo::exists(checkpoint));
        selectRun(window(), id);
        window()->deleteSelectedRuns();
        QVERIFY(!QFileInfo::exists(checkpoint));
    }

    void saveAsCopiesTheCheckpoints()
    {
        const qint64 id = window()->runTable()->recordAt(0).id;
        const QByteArray before = [&] {
            QFile file(window()->runCheckpointFile(id));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        QVERIFY(!before.isEmpty());
        QVERIFY(window()->saveProjectAs(m_dir.filePath("copy.normlab")));
        const QString copied = window()->runCheckpointFile(id);
        QCOMPARE(QFileInfo(copied).absolutePath(),
                 QFileInfo(m_dir.filePath("copy.normlab.models")).absoluteFilePath());
        QFile file(copied);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestResume)
#include "tst_resume.moc"
