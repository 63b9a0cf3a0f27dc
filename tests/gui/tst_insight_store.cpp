// A run's insight series in the project file: they survive closing and reopening bit for bit,
// version-1 projects gain the table, damaged blobs lose only their series.

#include "GuiTestSupport.h"

#include "project/InsightCodec.h"
#include "project/RunStore.h"
#include "tables/RunTableModel.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace normlab;

namespace {

RunInsight sampleInsight(int steps)
{
    RunInsight insight;
    insight.blockNames = {"block1", "block2", "block3"};
    insight.gradientLayers = {"block1", "block2", "block3", "output"};
    insight.probeSize = 64;
    for (int step = 0; step <= steps; step += 5) {
        LayerStatsSample s;
        s.step = step;
        s.epoch = step / 10;
        for (int b = 0; b < 3; ++b)
            s.blocks.push_back({0.1 * b + step * 1e-3, 1.0 / (b + 1), -0.2 * step, 0.999 + b});
        insight.layerStats.push_back(s);
    }
    for (int step = 1; step <= steps; ++step) {
        GradientNormSample g;
        g.step = step;
        g.epoch = 1 + (step - 1) / 10;
        g.norms = {std::exp(-step * 0.7), 0.3 / step, M_PI * step, 1e-9 * step};
        insight.gradientNorms.push_back(g);
    }
    insight.gradientNorms.back().norms[2] = std::numeric_limits<double>::quiet_NaN();
    insight.validation.split = "validation";
    insight.test.split = "test";
    for (int i = 0; i < 7; ++i) {
        insight.validation.truth.push_back(i % 3);
        insight.validation.predicted.push_back((i * 2) % 3);
        insight.validation.confidence.push_back(0.3f + 0.1f * float(i));
    }
    insight.test = insight.validation;
    insight.test.split = "test";
    insight.test.truth[0] = 2;
    return insight;
}

bool sameDouble(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

void compareInsight(const RunInsight &a, const RunInsight &b)
{
    QCOMPARE(a.blockNames, b.blockNames);
    QCOMPARE(a.gradientLayers, b.gradientLayers);
    QCOMPARE(a.probeSize, b.probeSize);
    QCOMPARE(a.layerStats.size(), b.layerStats.size());
    for (size_t i = 0; i < a.layerStats.size(); ++i) {
        QCOMPARE(a.layerStats[i].step, b.layerStats[i].step);
        QCOMPARE(a.layerStats[i].epoch, b.layerStats[i].epoch);
        QCOMPARE(a.layerStats[i].blocks.size(), b.layerStats[i].blocks.size());
        for (size_t k = 0; k < a.layerStats[i].blocks.size(); ++k) {
            const LayerMoments &x = a.layerStats[i].blocks[k], &y = b.layerStats[i].blocks[k];
            QCOMPARE(x.preMean, y.preMean);
            QCOMPARE(x.preStd, y.preStd);
            QCOMPARE(x.postMean, y.postMean);
            QCOMPARE(x.postStd, y.postStd);
        }
    }
    QCOMPARE(a.gradientNorms.size(), b.gradientNorms.size());
    for (size_t i = 0; i < a.gradientNorms.size(); ++i) {
        QCOMPARE(a.gradientNorms[i].step, b.gradientNorms[i].step);
        QCOMPARE(a.gradientNorms[i].epoch, b.gradientNorms[i].epoch);
        QCOMPARE(a.gradientNorms[i].norms.size(), b.gradientNorms[i].norms.size());
        for (size_t k = 0; k < a.gradientNorms[i].norms.size(); ++k)
            QVERIFY(sameDouble(a.gradientNorms[i].norms[k], b.gradientNorms[i].norms[k]));
    }
    for (auto [x, y] : {std::pair{&a.validation, &b.validation}, std::pair{&a.test, &b.test}}) {
        QCOMPARE(x->split, y->split);
        QCOMPARE(x->truth, y->truth);
        QCOMPARE(x->predicted, y->predicted);
        QCOMPARE(x->confidence, y->confidence);
    }
}

} // namespace

class TestInsightStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void seriesSurviveAReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("insight.normlab");
        const RunInsight stored = sampleInsight(400);
        qint64 id = 0;
        {
            RunStore store;
            QVERIFY2(store.open(path), qPrintable(store.lastError()));
            RunRecord plain; // recording off: no insight row, loads with empty series
            plain.result.name = "no stats";
            QVERIFY(store.addRun(plain));
            QVERIFY(store.saveRun(plain));
            RunRecord record;
            record.result.name = "BatchNorm";
            QVERIFY(store.addRun(record));
            id = record.id;
            record.result.insight = stored;
            record.state = RunState::Done;
            QVERIFY(store.saveRun(record));
        }
        RunStore store;
        QVERIFY(store.open(path));
        std::vector<RunRecord> runs;
        QVERIFY(store.loadRuns(runs));
        QCOMPARE(runs.size(), size_t(2));
        QVERIFY(runs[0].result.insight.empty());
        QVERIFY(runs[0].result.insight.blockNames.empty());
        QCOMPARE(runs[1].id, id);
        compareInsight(runs[1].result.insight, stored);
        QVERIFY(store.insightWarnings().isEmpty());

        QVERIFY(store.removeRun(id));
        QVERIFY(store.loadRuns(runs));
        QCOMPARE(runs.size(), size_t(1));
    }

    void interruptedRunKeepsTheSeriesOfItsSavedEpochs()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("crash.normlab");
        RunInsight live = sampleInsight(20);
        {
            RunStore store;
            QVERIFY(store.open(path));
            RunRecord record;
            record.result.name = "live";
            QVERIFY(store.addRun(record));
            record.result.insight = live;
            EpochMetrics m;
            m.epoch = 1;
            record.result.history.push_back(m);
            QVERIFY(store.saveEpoch(record)); // then the app "crashes"
        }
        RunStore store;
        QVERIFY(store.open(path));
        std::vector<RunRecord> runs;
        QVERIFY(store.loadRuns(runs));
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].state, RunState::Interrupted);
        compareInsight(runs[0].result.insight, live);
    }

    void versionOneProjectGainsTheTable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("v1.normlab");
        {
            // The version-1 schema as NormLab 1 wrote it.
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v1");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT "
                           "NULL, config TEXT NOT NULL, status TEXT NOT NULL, message TEXT NOT "
                           "NULL DEFAULT '', created TEXT NOT NULL, seconds REAL, parameters "
                           "INTEGER, epochs_run INTEGER, best_epoch INTEGER, best_val_loss REAL, "
                           "best_val_acc REAL, test_loss REAL, test_acc REAL, best_test_loss "
                           "REAL, best_test_acc REAL)"));
            QVERIFY(q.exec("CREATE TABLE epochs (run_id INTEGER NOT NULL, epoch INTEGER NOT NULL,"
                           " train_loss REAL, train_acc REAL, val_loss REAL, val_acc REAL, "
                           "test_loss REAL, test_acc REAL, seconds REAL, PRIMARY KEY (run_id, "
                           "epoch))"));
            QVERIFY(q.exec("INSERT INTO runs (name, config, status, created, epochs_run) VALUES "
                           "('old run', '{}', 'finished', '2026-01-01T00:00:00', 1)"));
            QVERIFY(q.exec("PRAGMA user_version=1"));
            db.close();
        }
        QSqlDatabase::removeDatabase("v1");
        {
            RunStore store;
            QVERIFY2(store.open(path), qPrintable(store.lastError()));
            std::vector<RunRecord> runs;
            QVERIFY(store.loadRuns(runs));
            QCOMPARE(runs.size(), size_t(1));
            QCOMPARE(runs[0].result.name, std::string("old run"));
            QVERIFY(runs[0].result.insight.empty());
            // The upgraded project takes series at once.
            runs[0].result.insight = sampleInsight(10);
            QVERIFY(store.saveRun(runs[0]));
        }
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v2check");
        db.setDatabaseName(path);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec("PRAGMA user_version") && q.next());
            QCOMPARE(q.value(0).toInt(), RunStore::kSchemaVersion);
            QVERIFY(q.exec("SELECT count(*) FROM run_insight") && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase("v2check");
    }

    void damagedBlobDropsOnlyItsSeries()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("damaged.normlab");
        {
            RunStore store;
            QVERIFY(store.open(path));
            RunRecord record;
            record.result.name = "damaged";
            QVERIFY(store.addRun(record));
            record.result.insight = sampleInsight(30);
            QVERIFY(store.saveRun(record));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "damage");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            q.prepare("UPDATE run_insight SET gradient_norms=?");
            q.addBindValue(QByteArray("definitely not zlib data"));
            QVERIFY(q.exec());
            db.close();
        }
        QSqlDatabase::removeDatabase("damage");
        RunStore store;
        QVERIFY(store.open(path));
        std::vector<RunRecord> runs;
        QVERIFY(store.loadRuns(runs));
        QCOMPARE(runs.size(), size_t(1));
        QVERIFY(runs[0].result.insight.gradientNorms.empty());
        QCOMPARE(runs[0].result.insight.layerStats.size(), sampleInsight(30).layerStats.size());
        QCOMPARE(store.insightWarnings().size(), 1);
        QVERIFY(store.insightWarnings().first().contains("gradient norms"));
        QVERIFY(store.insightWarnings().first().contains(path));
        // The window opens the project with the run and says which series it lost.
        guitest::RecordingWindow w(path);
        QCOMPARE(w->runTable()->rowCount(), 1);
        QCOMPARE(w.errors.size(), 1);
        QVERIFY(w.errors.first().contains("gradient norms of run"));
    }

    void codecRefusesTruncatedAndMislabelledBlobs()
    {
        const RunInsight insight = sampleInsight(50);
        const QByteArray norms = insightcodec::encodeGradientNorms(insight.gradientNorms);
        std::vector<LayerStatsSample> stats;
        QString error;
        // A gradient-norm blob is not a layer-statistics blob.
        QVERIFY(!insightcodec::decodeLayerStats(norms, stats, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(stats.empty());
        // Re-compress a truncated payload: the sizes no longer add up.
        QByteArray raw = qUncompress(norms);
        raw.chop(5);
        std::vector<GradientNormSample> decoded;
        QVERIFY(!insightcodec::decodeGradientNorms(qCompress(raw), decoded, &error));
        QVERIFY(error.contains("truncated"));
        QVERIFY(decoded.empty());
        // Compressed size: doubles dominate; steps and epochs compress to almost nothing.
        const qsizetype valueBytes = qsizetype(insight.gradientNorms.size() * 4 * sizeof(double));
        QVERIFY2(norms.size() < valueBytes + 200, qPrintable(QString::number(norms.size())));
    }
};

QTEST_MAIN(TestInsightStore)
#include "tst_insight_store.moc"
