// A real tiny None run and BatchNorm run in the window: their layer statistics and gradient norms
// arrive live and equal the final RunResult.insight, the tabs overlay both runs, the series export
// as CSV and PNG, and they are the same after a restart.

#include "GuiTestSupport.h"

#include "plots/CurvePlot.h"
#include "plots/GradientNormPlot.h"
#include "plots/LayerStatsPlot.h"
#include "plots/SeriesViews.h"
#include "project/RunRecorder.h"
#include "session/TrainingController.h"
#include "session/TrainingWorker.h"
#include "tables/RunTableModel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace normlab;

namespace {

struct LiveSeries
{
    std::vector<LayerStatsSample> layerStats;
    std::vector<GradientNormSample> gradientNorms;
    RunResult result;
    int batchesPerEpoch = 0;
    int epochsWithCompleteNorms = 0; // epochs whose steps had all arrived by their epoch signal
};

void compareSeries(const std::vector<LayerStatsSample> &a, const std::vector<LayerStatsSample> &b)
{
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].step, b[i].step);
        QCOMPARE(a[i].epoch, b[i].epoch);
        QCOMPARE(a[i].blocks.size(), b[i].blocks.size());
        for (size_t k = 0; k < a[i].blocks.size(); ++k) {
            QCOMPARE(a[i].blocks[k].preMean, b[i].blocks[k].preMean);
            QCOMPARE(a[i].blocks[k].preStd, b[i].blocks[k].preStd);
            QCOMPARE(a[i].blocks[k].postMean, b[i].blocks[k].postMean);
            QCOMPARE(a[i].blocks[k].postStd, b[i].blocks[k].postStd);
        }
    }
}

void compareSeries(const std::vector<GradientNormSample> &a,
                   const std::vector<GradientNormSample> &b)
{
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].step, b[i].step);
        QCOMPARE(a[i].epoch, b[i].epoch);
        QCOMPARE(a[i].norms, b[i].norms);
    }
}

QStringList fileLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

/// Collects, per job, the layer statistics and gradient norms the controller sends while the
/// runs train, and counts the epochs whose steps had all arrived by their epoch signal.
void recordLiveSeries(QObject *context, guitest::RecordingWindow &w,
                      std::map<int, LiveSeries> &live, int &insightSignals)
{
    TrainingController *controller = w->controller();
    QObject::connect(controller, &TrainingController::runStarted, context,
                     [&live](int job, const RunInfo &info) {
                         live[job].batchesPerEpoch = info.batchesPerEpoch;
                     });
    QObject::connect(
        controller, &TrainingController::layerStatsRecorded, context,
        [&live](int job, const LayerStatsSample &s) { live[job].layerStats.push_back(s); });
    QObject::connect(controller, &TrainingController::gradientNormsRecorded, context,
                     [&live](int job, const std::vector<GradientNormSample> &samples) {
                         auto &norms = live[job].gradientNorms;
                         norms.insert(norms.end(), samples.begin(), samples.end());
                     });
    QObject::connect(controller, &TrainingController::epochFinished, context,
                     [&live, &w](int job, const EpochMetrics &m) {
                         const RunRecord *record = w->recorder()->liveRecord();
                         const int64_t lastStep = int64_t(m.epoch) * live[job].batchesPerEpoch;
                         if (record && !record->result.insight.gradientNorms.empty() &&
                             record->result.insight.gradientNorms.back().step == lastStep)
                             ++live[job].epochsWithCompleteNorms;
                     });
    QObject::connect(controller, &TrainingController::runFinished, context,
                     [&live](int job, const RunResult &r) { live[job].result = r; });
    QObject::connect(w->recorder(), &RunRecorder::liveInsightChanged, context,
                     [&insightSignals] { ++insightSignals; });
}

/// A None and a BatchNorm run of two epochs, statistics every 2 steps, trained to the end.
void trainNoneAndBatchNorm(guitest::RecordingWindow &w)
{
    QSignalSpy done(w->controller(), &TrainingController::allDone);
    for (NormKind norm : {NormKind::None, NormKind::Batch}) {
        ExperimentConfig config = guitest::tinyConfig(2);
        config.norm = norm;
        config.statsEvery = 2;
        QVERIFY(w->submit(config) > 0);
    }
    QVERIFY(done.wait(2 * guitest::kRunTimeoutMs));
    QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));
}

/// What arrived live equals the final RunResult.insight and the table's copy of it.
void checkLiveSeriesEqualTheResults(guitest::RecordingWindow &w,
                                    const std::map<int, LiveSeries> &live)
{
    for (auto &[job, series] : live) {
        const RunInsight &insight = series.result.insight;
        QCOMPARE(insight.blockNames.size(), size_t(3));
        QVERIFY(insight.gradientLayers.size() >= 4);
        // Step 0, then every 2 steps.
        QVERIFY(insight.layerStats.size() >= 2);
        QCOMPARE(insight.layerStats.front().step, int64_t(0));
        QCOMPARE(insight.gradientNorms.size(), size_t(2 * series.batchesPerEpoch));
        compareSeries(series.layerStats, insight.layerStats);
        compareSeries(series.gradientNorms, insight.gradientNorms);
        QCOMPARE(series.epochsWithCompleteNorms, 2);
        // The table keeps exactly the result's series.
        const RunRecord &record =
            w->runTable()->recordAt(w->runTable()->rowOf(w->recorder()->recordIdOfJob(job)));
        compareSeries(record.result.insight.layerStats, insight.layerStats);
        compareSeries(record.result.insight.gradientNorms, insight.gradientNorms);
    }
}

/// Both runs selected: the tabs overlay them, each rebuilt once it is on screen.
void checkTabsOverlayBothRuns(guitest::RecordingWindow &w, const RunInsight &none)
{
    w->runView()->selectAll();
    LayerStatsPlot *layers = w->seriesViews()->layerStats();
    w->tabs()->setCurrentWidget(layers);
    QTRY_COMPARE(layers->plot()->graphCount(), 4); // block3, before and after, two runs
    QCOMPARE(layers->plot()->graph(0)->data()->size(), int(none.layerStats.size()));
    QCOMPARE(layers->plot()->graph(0)->data()->at(1)->value, none.layerStats[1].blocks[2].preStd);
    GradientNormPlot *gradients = w->seriesViews()->gradientNorms();
    w->tabs()->setCurrentWidget(gradients);
    QTRY_COMPARE(gradients->plot()->graphCount(), int(2 * none.gradientLayers.size()));
    QCOMPARE(gradients->plot()->graph(0)->data()->size(), int(none.gradientNorms.size()));
    QVERIFY(guitest::nonWhitePixels(gradients->grab().toImage()) > 500);
}

/// Exports: the topmost selected run's tidy CSV, both plots as one PNG, and a failed write.
void checkSeriesExports(guitest::RecordingWindow &w, const QTemporaryDir &dir)
{
    w->runView()->selectionModel()->clearSelection();
    w->runView()->selectRow(0);
    const QString csv = dir.filePath("series.csv");
    QVERIFY(w->exportSeriesCsv(csv));
    const QStringList lines = fileLines(csv);
    QCOMPARE(lines.value(0), QStringLiteral("series,step,epoch,layer,value"));
    const RunRecord &first =
        w->runTable()->recordAt(w->sortedRuns()->mapToSource(w->sortedRuns()->index(0, 0)).row());
    const RunInsight &in = first.result.insight;
    const qsizetype expected = 1 + qsizetype(in.layerStats.size() * 3 * 4) +
                               qsizetype(in.gradientNorms.size() * in.gradientLayers.size()) +
                               qsizetype(first.result.history.size());
    QCOMPARE(lines.size(), expected);
    const QString png = dir.filePath("series.png");
    QVERIFY(w->exportSeriesPng(png));
    const QImage image(png);
    QVERIFY(image.width() >= 1200 && image.height() >= 1400);
    QVERIFY(guitest::nonWhitePixels(image) > 2000);
    if (qEnvironmentVariableIsSet("NORMLAB_KEEP_PNG"))
        image.save(qEnvironmentVariable("NORMLAB_KEEP_PNG"));
    QVERIFY(!w->exportSeriesCsv(dir.filePath("missing/series.csv")));
    QCOMPARE(w.errors.size(), 1);
    QVERIFY(w.errors.first().contains(dir.filePath("missing/series.csv")));
}

/// Restart: the same series come back from the project file and are drawn again.
void checkSeriesAfterRestart(const QString &database, const std::map<int, LiveSeries> &live)
{
    guitest::RecordingWindow again(database);
    QVERIFY2(again.errors.isEmpty(), qPrintable(again.errors.join('\n')));
    QCOMPARE(again->runTable()->rowCount(), 2);
    for (const auto &[job, series] : live) {
        const RunRecord *stored = nullptr;
        for (const RunRecord &record : again->runTable()->records())
            if (record.result.config.norm == series.result.config.norm)
                stored = &record;
        QVERIFY(stored);
        compareSeries(stored->result.insight.layerStats, series.result.insight.layerStats);
        compareSeries(stored->result.insight.gradientNorms, series.result.insight.gradientNorms);
        QCOMPARE(stored->result.insight.test.truth, series.result.insight.test.truth);
        QCOMPARE(stored->result.insight.test.predicted, series.result.insight.test.predicted);
        QCOMPARE(stored->result.insight.gradientLayers, series.result.insight.gradientLayers);
    }
    again->runView()->selectAll();
    again->seriesViews()->refreshNow();
    QCOMPARE(again->seriesViews()->gradientNorms()->plot()->graphCount(),
             int(2 * live.begin()->second.result.insight.gradientLayers.size()));
}

} // namespace

class TestInsightLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void workerSendsGradientNormsInBatches()
    {
        // Every step reports its norms; the GUI gets them a few times a second and complete
        // before each epoch's signal.
        TrainingWorker worker;
        QSignalSpy norms(&worker, &TrainingWorker::jobGradientNorms);
        QSignalSpy epochs(&worker, &TrainingWorker::jobEpoch);
        TrainingObserver *observer = &worker;
        QElapsedTimer clock;
        clock.start();
        for (int step = 1; step <= 1000; ++step)
            observer->gradientNormsRecorded({step, 1, {1.0 / step, 2.0}});
        const qint64 elapsedMs = clock.elapsed();
        QVERIFY(norms.size() <= 1 + elapsedMs / 200);
        EpochMetrics metrics;
        metrics.epoch = 1;
        observer->epochFinished(metrics);
        QCOMPARE(epochs.size(), 1);
        std::vector<GradientNormSample> received;
        for (const QList<QVariant> &signal : norms) {
            const auto batch = signal.at(1).value<std::vector<GradientNormSample>>();
            received.insert(received.end(), batch.begin(), batch.end());
        }
        QCOMPARE(received.size(), size_t(1000));
        for (size_t i = 0; i < received.size(); ++i)
            QCOMPARE(received[i].step, int64_t(i + 1));
        QCOMPARE(received[499].norms[0], 1.0 / 500);
    }

    void noneAndBatchNormSideBySide()
    {
        // Each step below stops the test at its first failure, as one long function would.
        QTemporaryDir dir;
        const QString database = dir.filePath("insight.normlab");
        std::map<int, LiveSeries> live; // by job id
        int insightSignals = 0;
        {
            guitest::RecordingWindow w(database);
            w->show();
            recordLiveSeries(this, w, live, insightSignals);
            trainNoneAndBatchNorm(w);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(live.size(), size_t(2));
            QVERIFY(insightSignals >= 4);
            checkLiveSeriesEqualTheResults(w, live);
            if (QTest::currentTestFailed())
                return;
            // Without a normalization layer, "after" is "before".
            const RunInsight &none = live.begin()->second.result.insight;
            QCOMPARE(live.begin()->second.result.config.norm, NormKind::None);
            QCOMPARE(none.layerStats.back().blocks[2].postStd,
                     none.layerStats.back().blocks[2].preStd);
            checkTabsOverlayBothRuns(w, none);
            if (QTest::currentTestFailed())
                return;
            checkSeriesExports(w, dir);
            if (QTest::currentTestFailed())
                return;
        }
        checkSeriesAfterRestart(database, live);
    }
};

QTEST_MAIN(TestInsightLive)
#include "tst_insight_live.moc"
