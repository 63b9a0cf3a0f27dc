// The confusion matrix view: counts, row sums and accuracy of hand-built predictions; a click
// on a cell asks for exactly that cell's images, which arrive off the GUI thread with the
// dataset's size and pixels; CSV and PNG export; and, in the window, a trained run's matrix.

#include "GuiTestSupport.h"
#include "ImageViewSupport.h"

#include "images/ConfusionMatrixView.h"
#include "images/ImageTiles.h"
#include "images/ImageViews.h"
#include "project/RunRecorder.h"
#include "session/ImageFetcher.h"
#include "session/TrainingController.h"
#include "tables/ConfusionMatrixModel.h"
#include "tables/RunTableModel.h"

#include <QFile>
#include <QFont>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace normlab;

namespace {
// 10 test images of 3 classes: class 0 x4, class 1 x3, class 2 x3; 6 correct.
const std::vector<int> kTruth{0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
const std::vector<int> kPredicted{0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

RunResult handBuiltRun()
{
    RunResult run;
    run.name = "Hand-built";
    run.config = guitest::tinyConfig();
    run.insight.test = guitest::makePredictions("test", kTruth, kPredicted);
    run.insight.validation = guitest::makePredictions("validation", {0, 1, 2, 2}, {0, 1, 2, 0});
    return run;
}
} // namespace

class TestConfusionView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void countsRowSumsAndAccuracy()
    {
        ConfusionMatrixView view;
        guitest::attachModelTester(view.model());
        view.setRun(handBuiltRun());
        const ConfusionMatrixModel *m = view.model();
        QCOMPARE(view.split(), QStringLiteral("test"));
        QCOMPARE(m->classCount(), 3);
        // Counted by hand from kTruth / kPredicted.
        const int64_t expected[3][3] = {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}};
        int64_t sum = 0;
        for (int t = 0; t < 3; ++t) {
            for (int p = 0; p < 3; ++p) {
                QCOMPARE(m->count(t, p), expected[t][p]);
                QCOMPARE(m->data(m->index(t, p), Qt::DisplayRole).toLongLong(), expected[t][p]);
                sum += m->count(t, p);
            }
        }
        QCOMPARE(m->rowTotal(0), int64_t(4));
        QCOMPARE(m->rowTotal(1), int64_t(3));
        QCOMPARE(m->rowTotal(2), int64_t(3));
        QCOMPARE(sum, int64_t(kTruth.size()));
        QCOMPARE(m->total(), int64_t(kTruth.size()));
        QCOMPARE(m->accuracy(), 0.6);
        QVERIFY2(view.accuracyText().contains(QStringLiteral("0.6000")),
                 qPrintable(view.accuracyText()));
        QVERIFY(view.accuracyText().contains(QStringLiteral("6 of 10")));
        // Colour follows the row share: the diagonal cell 1,1 (2 of 3) is stronger than 0,0 (2 of
        // 4).
        QCOMPARE(m->data(m->index(1, 1), ConfusionMatrixModel::ShareRole).toDouble(), 2.0 / 3.0);
        QCOMPARE(m->data(m->index(0, 0), ConfusionMatrixModel::ShareRole).toDouble(), 0.5);

        view.setSplit(QStringLiteral("validation"));
        QCOMPARE(m->total(), int64_t(4));
        QCOMPARE(m->count(2, 0), int64_t(1));
        QVERIFY(view.accuracyText().contains(QStringLiteral("0.7500")));
    }

    void mismatchedPredictionsAreReportedNotCounted()
    {
        ConfusionMatrixView view;
        guitest::attachModelTester(view.model());
        RunResult run = handBuiltRun();
        run.insight.test.predicted.pop_back();
        view.setRun(run);
        QCOMPARE(view.model()->total(), int64_t(0));
        QVERIFY2(view.accuracyText().contains(QStringLiteral("cannot be counted")),
                 qPrintable(view.accuracyText()));
    }

    void clickingACellRequestsItsImages()
    {
        ConfusionMatrixView view;
        guitest::attachModelTester(view.model());
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setRun(handBuiltRun());
        QTableView *table = view.table();
        const QModelIndex cell = view.model()->index(0, 1); // true 0, predicted 1: image 2
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
        QCOMPARE(view.requestedIndices(), std::vector<int64_t>({2}));
        const QModelIndex diagonal = view.model()->index(0, 0); // images 0 and 1
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(diagonal).center());
        QCOMPARE(view.requestedIndices(), std::vector<int64_t>({0, 1}));
        view.selectCell(2, 1);
        QCOMPARE(view.requestedIndices(), std::vector<int64_t>({9}));
        // The clicked cell is drawn bold, the others not.
        const ConfusionMatrixModel *m = view.model();
        QVERIFY(m->data(m->index(2, 1), Qt::FontRole).value<QFont>().bold());
        QVERIFY(!m->data(m->index(0, 0), Qt::FontRole).isValid());
    }

    void cellImagesArriveWithTheDatasetPixels()
    {
        const ExperimentConfig config = guitest::tinyConfig();
        const SharedData data = loadData(config);
        const DatasetSummary summary = summarize(*data);
        QVERIFY(summary.testSize >= int64_t(kTruth.size()));

        ImageFetcher fetcher;
        ConfusionMatrixView view;
        guitest::attachModelTester(view.model());
        view.setFetcher(&fetcher);
        view.resize(900, 500);
        view.show();
        QSignalSpy shown(&view, &ConfusionMatrixView::cellImagesShown);
        view.setRun(handBuiltRun());
        view.selectCell(1, 0); // superseded at once: its answer must be ignored
        view.selectCell(0, 0); // images 0 and 1
        QVERIFY(shown.wait(60000));
        QTRY_COMPARE_WITH_TIMEOUT(fetcher.pending(), 0, 60000);
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.first().first().toBool(), true);
        QCOMPARE(view.cellImageList().size(), 2);
        QCOMPARE(view.cellImages()->count(), 2);
        const std::vector<SampleImage> direct = splitImages(config, *data, "test", {0, 1});
        for (int i = 0; i < 2; ++i) {
            const QImage &image = view.cellImageList()[i];
            QCOMPARE(image.width(), summary.width);
            QCOMPARE(image.height(), summary.height);
            QCOMPARE(image.convertToFormat(QImage::Format_RGB888),
                     guitest::toImage(direct[size_t(i)]));
        }
        QCOMPARE(view.cellImages()->frameColor(0), tilecolors::kCorrect);
        // The class names arrived with the images and replace the numbers in the headers.
        QCOMPARE(view.model()->classNames().size(), int(summary.classNames.size()));
        QCOMPARE(view.model()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QString::fromStdString(summary.classNames[0]));
        QVERIFY(guitest::distinctColors(view.grab()) > 20);

        view.selectCell(2, 1); // a mistake: red frame
        QVERIFY(shown.wait(60000));
        QCOMPARE(view.cellImages()->count(), 1);
        QCOMPARE(view.cellImages()->frameColor(0), tilecolors::kMistake);
    }

    void anImageOutsideTheSplitIsAMessage()
    {
        ImageFetcher fetcher;
        ConfusionMatrixView view;
        guitest::attachModelTester(view.model());
        view.setFetcher(&fetcher);
        RunResult run = handBuiltRun();
        run.insight.test.truth.push_back(0); // position 10 000 does not exist in 20 images
        run.insight.test.predicted.push_back(2);
        run.insight.test.confidence.push_back(0.9f);
        for (int i = 0; i < 10000; ++i) {
            run.insight.test.truth.push_back(1);
            run.insight.test.predicted.push_back(2);
            run.insight.test.confidence.push_back(0.9f);
        }
        view.setRun(run);
        QSignalSpy shown(&view, &ConfusionMatrixView::cellImagesShown);
        view.selectCell(1, 2);
        QVERIFY(shown.wait(60000));
        QCOMPARE(shown.first().first().toBool(), false);
        QCOMPARE(view.cellImages()->count(), 0);
        QCOMPARE(view.requestedIndices().size(), size_t(ConfusionMatrixView::kMaxCellImages));
    }

    void exportsCsvAndPng()
    {
        QTemporaryDir dir;
        ConfusionMatrixView view;
        guitest::attachModelTester(view.model());
        view.resize(800, 400);
        view.setRun(handBuiltRun());
        const QString csv = dir.filePath(QStringLiteral("confusion.csv"));
        QString error;
        QVERIFY2(view.saveCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 4); // header + 3 classes
        QCOMPARE(lines[1].trimmed(), QStringLiteral("0,2,1,1"));
        QCOMPARE(lines[3].trimmed(), QStringLiteral("2,0,1,2"));

        const QString png = dir.filePath(QStringLiteral("confusion.png"));
        QVERIFY2(view.savePng(png, &error), qPrintable(error));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(guitest::distinctColors(QPixmap::fromImage(image)) > 10);

        const QString bad = dir.filePath(QStringLiteral("missing/confusion.csv"));
        QVERIFY(!view.saveCsv(bad, &error));
        QVERIFY2(error.contains(bad), qPrintable(error));
        const QString badPng = dir.filePath(QStringLiteral("missing/confusion.png"));
        QVERIFY(!view.savePng(badPng, &error));
        QVERIFY2(error.contains(badPng), qPrintable(error));
    }

    void windowShowsATrainedRunsMatrix()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath(QStringLiteral("runs.normlab")));
        w->show();
        QSignalSpy done(w->controller(), &TrainingController::allDone);
        w->submit(guitest::tinyConfig());
        QVERIFY(done.wait(guitest::kRunTimeoutMs));
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));
        QCOMPARE(w->runTable()->rowCount(), 1);
        const RunResult result = w->runTable()->recordAt(0).result; // a copy: the window goes
        QVERIFY(!result.insight.test.empty());

        ConfusionMatrixView *view = w->imageViews()->confusion();
        w->tabs()->setCurrentWidget(view);
        QCOMPARE(view->model()->total(), int64_t(result.insight.test.truth.size()));
        QCOMPARE(view->model()->total(), summarize(*loadData(guitest::tinyConfig())).testSize);
        // The matrix's trace over the total is the run's test accuracy (best weights).
        QVERIFY2(
            std::abs(view->model()->accuracy() - result.testAcc) < 1e-6,
            qPrintable(
                QStringLiteral("%1 vs %2").arg(view->model()->accuracy()).arg(result.testAcc)));
        QSignalSpy shown(view, &ConfusionMatrixView::cellImagesShown);
        int truth = result.insight.test.truth[0];
        view->selectCell(truth, result.insight.test.predicted[0]);
        QVERIFY(shown.wait(60000));
        QCOMPARE(shown.first().first().toBool(), true);
        QCOMPARE(size_t(view->cellImageList().size()), view->requestedIndices().size());
        const int classes = view->model()->classCount();
        const std::vector<std::vector<int64_t>> before =
            confusionMatrix(result.insight.test, classes);
        w.window.reset();

        // After a restart: the stored predictions, and images loaded by the fetcher itself.
        guitest::RecordingWindow again(dir.filePath(QStringLiteral("runs.normlab")));
        again->show();
        QCOMPARE(again->runTable()->rowCount(), 1);
        ConfusionMatrixView *reopened = again->imageViews()->confusion();
        QCOMPARE(reopened->model()->total(), int64_t(result.insight.test.truth.size()));
        QCOMPARE(reopened->model()->classCount(), classes);
        for (int t = 0; t < classes; ++t)
            for (int p = 0; p < classes; ++p)
                QCOMPARE(reopened->model()->count(t, p), before[size_t(t)][size_t(p)]);
        QSignalSpy reshown(reopened, &ConfusionMatrixView::cellImagesShown);
        reopened->selectCell(truth, result.insight.test.predicted[0]);
        QVERIFY(reshown.wait(60000));
        QCOMPARE(reshown.first().first().toBool(), true);
        QCOMPARE(size_t(reopened->cellImageList().size()), reopened->requestedIndices().size());
    }

    void tabsFollowTheFirstSelectedRun()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath(QStringLiteral("runs.normlab")));
        QSignalSpy done(w->controller(), &TrainingController::allDone);
        ExperimentConfig first = guitest::tinyConfig();
        first.name = "First";
        ExperimentConfig second = first;
        second.name = "Second";
        second.seed = 7;
        w->submit(first);
        w->submit(second);
        QVERIFY(done.wait(guitest::kRunTimeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(w->runTable()->rowCount(), 2, 10000);
        ConfusionMatrixView *view = w->imageViews()->confusion();
        // No selection: the latest run.
        QVERIFY2(view->accuracyText().startsWith(QStringLiteral("Second")),
                 qPrintable(view->accuracyText()));
        w->runView()->selectRow(0);
        QVERIFY2(view->accuracyText().startsWith(QStringLiteral("First")),
                 qPrintable(view->accuracyText()));
        w->runView()->selectAll(); // the first selected is the topmost row
        QVERIFY(view->accuracyText().startsWith(QStringLiteral("First")));
        w->runView()->clearSelection();
        w->runView()->selectRow(1);
        QVERIFY(view->accuracyText().startsWith(QStringLiteral("Second")));
        const RunResult &secondResult = w->runTable()->recordAt(1).result;
        QCOMPARE(view->model()->total(), int64_t(secondResult.insight.test.truth.size()));
        QCOMPARE(view->model()->predictions().predicted, secondResult.insight.test.predicted);
    }
};

QTEST_MAIN(TestConfusionView)
#include "tst_confusion_view.moc"
