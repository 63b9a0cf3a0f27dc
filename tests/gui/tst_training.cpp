// Drives the real window: Train on tiny built-in data, Stop mid-run, queue two runs.

#include "GuiTestSupport.h"

#include "forms/ExperimentForm.h"
#include "normlab/ResultsCsv.h"
#include "normlab/Statistics.h"
#include "plots/CurvePlot.h"
#include "plots/PlotPanel.h"
#include "session/TrainingController.h"
#include "tables/RunQueueModel.h"
#include "tables/RunTableModel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace normlab;

namespace {
// The batch plot's "appears here" note, shown until a run of this session starts.
bool batchHintVisible(MainWindow *w)
{
    const QCustomPlot *plot = w->plots()->batchPlot();
    for (int i = 0; i < plot->itemCount(); ++i)
        if (plot->item(i)->objectName() == QStringLiteral("batchHint"))
            return plot->item(i)->visible();
    return false;
}

void setSpin(MainWindow *w, const char *name, int value)
{
    auto *spin = w->form()->findChild<QSpinBox *>(name);
    QVERIFY2(spin, name);
    spin->setValue(value);
}

QString cell(MainWindow *w, int row, int column)
{
    return w->sortedRuns()->index(row, column).data().toString();
}
} // namespace

class TestTraining : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void trainButtonAddsARowMatchingTheHistory()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->show();
        setSpin(w.window.get(), "limitSpin", 200);
        setSpin(w.window.get(), "epochsSpin", 2);
        setSpin(w.window.get(), "batchSizeSpin", 32);
        auto *norm = w->form()->findChild<QComboBox *>("normCombo");
        norm->setCurrentIndex(norm->findData(QStringLiteral("batch")));

        QSignalSpy finished(w->controller(), &TrainingController::runFinished);
        QSignalSpy batches(w->controller(), &TrainingController::batchFinished);
        QVERIFY(batchHintVisible(w.window.get()));
        QTest::mouseClick(w->trainButton(), Qt::LeftButton);
        QVERIFY(w->stopButton()->isEnabled());
        QVERIFY(finished.wait(guitest::kRunTimeoutMs));
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));

        QCOMPARE(w->runTable()->rowCount(), 1);
        const RunRecord &record = w->runTable()->recordAt(0);
        QCOMPARE(record.state, RunState::Done);
        QCOMPARE(record.result.status, RunStatus::Finished);
        QCOMPARE(record.result.config.norm, NormKind::Batch);
        QCOMPARE(record.result.history.size(), size_t(2));
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::Model), QStringLiteral("BatchNorm"));

        // The table's numbers are the history's: best validation loss and accuracy, and the
        // test metrics of the best-validation epoch.
        const auto &h = record.result.history;
        const auto best = std::min_element(
            h.begin(), h.end(), [](const auto &a, const auto &b) { return a.valLoss < b.valLoss; });
        const double maxValAcc = std::max(h[0].valAcc, h[1].valAcc);
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::ValLoss),
                 QString::fromStdString(formatMetric(best->valLoss)));
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::ValAcc),
                 QString::fromStdString(formatMetric(maxValAcc)));
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::TestLoss),
                 QString::fromStdString(formatMetric(best->testLoss)));
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::TestAcc),
                 QString::fromStdString(formatMetric(best->testAcc)));
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::Epochs), QStringLiteral("2"));
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::BestEpoch), QString::number(best->epoch));
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::Status), QStringLiteral("finished"));

        // Every batch reached the batch plot; the epoch plots hold three curves per run.
        QVERIFY(batches.count() > 0);
        QCOMPARE(w->plots()->batchPlot()->graph(0)->dataCount(), batches.count());
        QVERIFY(!batchHintVisible(w.window.get()));
        QCOMPARE(w->plots()->lossPlot()->graphCount(), 3);
        QCOMPARE(w->plots()->lossPlot()->graph(1)->dataCount(), 2);
        QVERIFY(!w->stopButton()->isEnabled());
    }

    void stopEndsTheRunAndKeepsFinishedEpochs()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->form()->setConfig(guitest::tinyConfig(30));
        QSignalSpy epochs(w->controller(), &TrainingController::epochFinished);
        QSignalSpy finished(w->controller(), &TrainingController::runFinished);
        QTest::mouseClick(w->trainButton(), Qt::LeftButton);
        QVERIFY(epochs.wait(guitest::kRunTimeoutMs));
        QElapsedTimer sinceStop;
        sinceStop.start();
        QTest::mouseClick(w->stopButton(), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(guitest::kRunTimeoutMs));
        qInfo("the run ended %lld ms after Stop", sinceStop.elapsed()); // reported, not asserted

        const RunRecord &record = w->runTable()->recordAt(0);
        QCOMPARE(record.result.status, RunStatus::Cancelled);
        QVERIFY(record.result.history.size() >= 1);
        QVERIFY(record.result.history.size() < 30);
        QCOMPARE(cell(w.window.get(), 0, RunTableModel::Status), QStringLiteral("cancelled"));
        QVERIFY(cell(w.window.get(), 0, RunTableModel::ValLoss) != QStringLiteral("–"));
        QVERIFY(w.errors.isEmpty());
    }

    void trainWhileRunningQueuesTheNextConfiguration()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        ExperimentConfig first = guitest::tinyConfig(1);
        first.name = "first";
        ExperimentConfig second = guitest::tinyConfig(1);
        second.name = "second";
        ExperimentConfig third = guitest::tinyConfig(1);
        third.name = "third";
        QSignalSpy allDone(w->controller(), &TrainingController::allDone);
        w->form()->setConfig(first);
        QTest::mouseClick(w->trainButton(), Qt::LeftButton);
        QCOMPARE(w->trainButton()->text(), QStringLiteral("Queue"));
        w->form()->setConfig(second);
        QTest::mouseClick(w->trainButton(), Qt::LeftButton);
        w->form()->setConfig(third);
        QTest::mouseClick(w->trainButton(), Qt::LeftButton);
        RunQueueModel *queue = w->controller()->queue();
        QCOMPARE(queue->rowCount(), 2);
        // Edit the queue: "third" goes first, then "second" is removed.
        QVERIFY(queue->moveRow(1, -1));
        QCOMPARE(queue->at(0).config.name, std::string("third"));
        queue->removeAt(1);

        QVERIFY(allDone.wait(guitest::kRunTimeoutMs));
        QCOMPARE(w->runTable()->rowCount(), 2);
        QCOMPARE(w->runTable()->recordAt(0).result.name, std::string("first"));
        QCOMPARE(w->runTable()->recordAt(1).result.name, std::string("third"));
        for (int row = 0; row < 2; ++row)
            QCOMPARE(w->runTable()->recordAt(row).result.status, RunStatus::Finished);
        QCOMPARE(queue->rowCount(), 0);

        // Selecting both rows overlays both runs: three curves each.
        w->runView()->selectAll();
        QCOMPARE(w->plots()->lossPlot()->graphCount(), 6);
        QVERIFY(w->plots()->lossPlot()->graph(0)->pen().color() !=
                w->plots()->lossPlot()->graph(3)->pen().color());
    }

    void crossValidationQueuesOneRunPerFold()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        ExperimentConfig config = guitest::tinyConfig(1);
        config.folds = 3;
        w->form()->setConfig(config);
        QCOMPARE(w->form()->findChild<QSpinBox *>("foldsSpin")->value(), 3);
        QSignalSpy allDone(w->controller(), &TrainingController::allDone);
        QTest::mouseClick(w->trainButton(), Qt::LeftButton);
        QVERIFY(allDone.wait(guitest::kRunTimeoutMs));
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));
        QCOMPARE(w->runTable()->rowCount(), 3);
        std::vector<RunResult> folds;
        for (int row = 0; row < 3; ++row) {
            const RunResult &r = w->runTable()->recordAt(row).result;
            QCOMPARE(r.status, RunStatus::Finished);
            QCOMPARE(r.config.fold, row + 1);
            QVERIFY2(r.name.find("(fold " + std::to_string(row + 1) + "/3)") != std::string::npos,
                     r.name.c_str());
            folds.push_back(r);
        }
        // The folds validate on different images, and group as one configuration.
        QVERIFY(folds[0].history[0].valLoss != folds[1].history[0].valLoss);
        const auto groups = groupResults(folds);
        QCOMPARE(groups.size(), size_t(1));
        QCOMPARE(groups[0].n, 3);
    }
};

QTEST_MAIN(TestTraining)
#include "tst_training.moc"
