// The predictions grid: the class and mistakes filters select exactly the matching images, pages
// of 100, tiles framed red for mistakes with the dataset's pixels, and a non-blank PNG.

#include "GuiTestSupport.h"
#include "ImageViewSupport.h"

#include "images/ConfusionMatrixView.h"
#include "images/ImageTiles.h"
#include "images/PredictionGrid.h"
#include "session/ImageFetcher.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace normlab;

namespace {
// 12 test images of 3 classes; mistakes at 2, 3, 6, 9, 11.
const std::vector<int> kTruth{0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 2};
const std::vector<int> kPredicted{0, 0, 1, 2, 1, 1, 0, 2, 2, 1, 1, 0};

RunResult handBuiltRun(std::vector<int> truth = kTruth, std::vector<int> predicted = kPredicted)
{
    RunResult run;
    run.name = "Hand-built";
    run.config = guitest::tinyConfig();
    run.insight.test = guitest::makePredictions("test", std::move(truth), std::move(predicted));
    return run;
}

std::vector<int64_t> expectedMatches(int wanted, bool mistakesOnly)
{
    std::vector<int64_t> positions;
    for (size_t i = 0; i < kTruth.size(); ++i) {
        if ((wanted < 0 || kTruth[i] == wanted) && (!mistakesOnly || kTruth[i] != kPredicted[i]))
            positions.push_back(int64_t(i));
    }
    return positions;
}
} // namespace

class TestPredictionGrid : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void filtersByClassAndMistakes()
    {
        PredictionGrid grid;
        grid.setRun(handBuiltRun());
        QCOMPARE(grid.matching(), expectedMatches(-1, false));
        QCOMPARE(grid.matching().size(), kTruth.size());
        grid.setClassFilter(1);
        QCOMPARE(grid.matching(), std::vector<int64_t>({4, 5, 6, 10}));
        grid.setMistakesOnly(true);
        QCOMPARE(grid.matching(), std::vector<int64_t>({6}));
        grid.setClassFilter(-1);
        QCOMPARE(grid.matching(), std::vector<int64_t>({2, 3, 6, 9, 11}));
        QCOMPARE(grid.matching(), expectedMatches(-1, true));
        grid.setClassFilter(2);
        QCOMPARE(grid.matching(), expectedMatches(2, true));
        QVERIFY(grid.statusText().contains(QStringLiteral("of 2 matching")));
    }

    void statusNamesTheRunLikeTheConfusionMatrix()
    {
        PredictionGrid grid;
        ConfusionMatrixView confusion;
        grid.setRun(handBuiltRun());
        confusion.setRun(handBuiltRun());
        const QString prefix = QStringLiteral("Hand-built, test: ");
        const auto *status = grid.findChild<QLabel *>(QStringLiteral("predictionStatus"));
        const auto *accuracy = confusion.findChild<QLabel *>(QStringLiteral("confusionAccuracy"));
        QVERIFY(status && accuracy);
        QVERIFY2(accuracy->text().startsWith(prefix), qPrintable(accuracy->text()));
        QVERIFY2(status->text().startsWith(prefix), qPrintable(status->text()));
        QCOMPARE(status->text(), prefix + QStringLiteral("images 1–12 of 12 matching"));
        grid.setMistakesOnly(true);
        grid.setRun(handBuiltRun(kTruth, kTruth)); // no mistakes at all
        QCOMPARE(status->text(), prefix + QStringLiteral("no image matches the filter."));
        grid.clear();
        QCOMPARE(status->text(), QStringLiteral("No run selected."));
    }

    void pagesOfOneHundred()
    {
        std::vector<int> truth(250, 0), predicted(250, 0);
        for (size_t i = 0; i < truth.size(); i += 5)
            predicted[i] = 1;
        PredictionGrid grid;
        grid.setRun(handBuiltRun(truth, predicted));
        QCOMPARE(grid.requestedIndices().size(), size_t(PredictionGrid::kPageSize));
        QCOMPARE(grid.requestedIndices().front(), int64_t(0));
        grid.setPage(2);
        QCOMPARE(grid.requestedIndices().size(), size_t(50));
        QCOMPARE(grid.requestedIndices().front(), int64_t(200));
        grid.setPage(7); // clamped to the last page
        QCOMPARE(grid.page(), 2);
        grid.setMistakesOnly(true); // back to page 0 of the 50 mistakes
        QCOMPARE(grid.page(), 0);
        QCOMPARE(grid.requestedIndices().size(), size_t(50));
        QCOMPARE(grid.requestedIndices()[1], int64_t(5));
    }

    void tilesShowImagesLabelsAndMistakes()
    {
        const ExperimentConfig config = guitest::tinyConfig();
        const SharedData data = loadData(config);
        ImageFetcher fetcher;
        fetcher.offerData(config, data); // reused, not loaded again
        PredictionGrid grid;
        grid.setFetcher(&fetcher);
        grid.resize(900, 500);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        QSignalSpy shown(&grid, &PredictionGrid::pageShown);
        grid.setRun(handBuiltRun());
        QVERIFY(shown.wait(60000));
        QTRY_COMPARE_WITH_TIMEOUT(fetcher.pending(), 0, 60000);
        shown.clear();
        grid.setMistakesOnly(true);
        QVERIFY(shown.wait(60000));
        QCOMPARE(shown.last().first().toBool(), true);
        QCOMPARE(grid.tiles()->count(), 5);
        for (int i = 0; i < grid.tiles()->count(); ++i)
            QCOMPARE(grid.tiles()->frameColor(i), tilecolors::kMistake);
        // Caption: true -> predicted, in the dataset's class names.
        const DatasetSummary summary = summarize(*data);
        const QString first = grid.tiles()->caption(0);
        QVERIFY2(first.startsWith(
                     QString::fromStdString(summary.classNames[0]) + QStringLiteral("\n→ ") +
                     QString::fromStdString(summary.classNames[1]) + QStringLiteral("\n")),
                 qPrintable(first));

        shown.clear();
        grid.setMistakesOnly(false);
        QVERIFY(shown.wait(60000));
        QCOMPARE(grid.tiles()->count(), int(kTruth.size()));
        QCOMPARE(grid.tiles()->frameColor(0), tilecolors::kCorrect);
        QCOMPARE(grid.tiles()->frameColor(2), tilecolors::kMistake);
        QVERIFY(guitest::distinctColors(grid.grab()) > 20);

        QTemporaryDir dir;
        QString error;
        const QString png = dir.filePath(QStringLiteral("predictions.png"));
        QVERIFY2(grid.savePng(png, &error), qPrintable(error));
        QVERIFY(!QImage(png).isNull());
    }
};

QTEST_MAIN(TestPredictionGrid)
#include "tst_prediction_grid.moc"
