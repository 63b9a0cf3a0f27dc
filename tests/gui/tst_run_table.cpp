// The comparison table's model, sort proxy, queue model and slide rendering, without training.

#include "GuiTestSupport.h"

#include "export/TableImage.h"
#include "normlab/ResultsCsv.h"
#include "tables/RunQueueModel.h"
#include "tables/RunTableModel.h"

#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace normlab;

namespace {

RunRecord makeRecord(qint64 id, const char *name, double valLoss, double valAcc, double testLoss,
                     double testAcc)
{
    RunRecord record;
    record.id = id;
    record.state = RunState::Done;
    record.result.name = name;
    EpochMetrics m;
    m.epoch = 1;
    m.valLoss = valLoss;
    m.valAcc = valAcc;
    m.testLoss = testLoss;
    m.testAcc = testAcc;
    record.result.history = {m};
    summarizeHistory(record.result);
    return record;
}

int bestRow(const QAbstractItemModel &model, int column)
{
    int found = -1;
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, column).data(RunTableModel::BestRole).toBool()) {
            if (found >= 0)
                return -2; // more than one
            found = row;
        }
    return found;
}

} // namespace

class TestRunTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void showsFourDecimalsAndMarksBestPerColumn()
    {
        RunTableModel model;
        guitest::attachModelTester(&model);
        model.addRecord(makeRecord(1, "No Normalization", 0.8768, 0.7073, 0.8912, 0.7071));
        model.addRecord(makeRecord(2, "BatchNorm", 0.8005, 0.7293, 0.8080, 0.7217));
        model.addRecord(makeRecord(3, "GroupNorm", 0.8122, 0.7227, 0.8041, 0.7229));
        QCOMPARE(model.index(0, RunTableModel::ValLoss).data().toString(),
                 QStringLiteral("0.8768"));
        QCOMPARE(model.index(1, RunTableModel::ValAcc).data().toString(), QStringLiteral("0.7293"));
        QCOMPARE(bestRow(model, RunTableModel::ValLoss), 1); // lowest loss
        QCOMPARE(bestRow(model, RunTableModel::ValAcc), 1);  // highest accuracy
        QCOMPARE(bestRow(model, RunTableModel::TestLoss), 2);
        QCOMPARE(bestRow(model, RunTableModel::TestAcc), 2);
        QVERIFY(model.index(2, RunTableModel::TestAcc).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(0, RunTableModel::TestAcc).data(Qt::FontRole).value<QFont>().bold());

        model.removeRecord(3);
        QCOMPARE(bestRow(model, RunTableModel::TestLoss), 1);
    }

    void sortsNumericallyThroughTheProxy()
    {
        RunTableModel model;
        guitest::attachModelTester(&model);
        model.addRecord(makeRecord(1, "a", 10.5, 0.1, 1, 0.1));
        model.addRecord(makeRecord(2, "b", 9.25, 0.2, 1, 0.1));
        model.addRecord(makeRecord(3, "c", 0.75, 0.3, 1, 0.1));
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        guitest::attachModelTester(&proxy);
        proxy.setSortRole(RunTableModel::SortRole);
        proxy.sort(RunTableModel::ValLoss, Qt::AscendingOrder);
        // As text "10.5" < "9.25"; as numbers it is last.
        QCOMPARE(proxy.index(0, RunTableModel::Model).data().toString(), QStringLiteral("c"));
        QCOMPARE(proxy.index(2, RunTableModel::Model).data().toString(), QStringLiteral("a"));
    }

    void renamingEditsTheModelCell()
    {
        RunTableModel model;
        guitest::attachModelTester(&model);
        model.addRecord(makeRecord(7, "BatchNorm", 1, 0.5, 1, 0.5));
        QSignalSpy renamed(&model, &RunTableModel::runRenamed);
        QVERIFY(model.setData(model.index(0, RunTableModel::Model), QStringLiteral("BN, lr 0.01"),
                              Qt::EditRole));
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(renamed.at(0).at(0).toLongLong(), 7);
        QCOMPARE(model.recordAt(0).result.name, std::string("BN, lr 0.01"));
        QVERIFY(!model.setData(model.index(0, RunTableModel::Model), QStringLiteral("  "),
                               Qt::EditRole));
        QVERIFY(!(model.flags(model.index(0, RunTableModel::ValLoss)) & Qt::ItemIsEditable));
    }

    void runningRowShowsDashesAndIsNeverBest()
    {
        RunTableModel model;
        guitest::attachModelTester(&model);
        RunRecord running;
        running.id = 1;
        running.state = RunState::Running;
        running.result.name = "live";
        running.result.config.epochs = 5;
        model.addRecord(running);
        QCOMPARE(model.index(0, RunTableModel::ValLoss).data().toString(), QStringLiteral("–"));
        QVERIFY(model.index(0, RunTableModel::Status).data().toString().startsWith("running"));
        QCOMPARE(bestRow(model, RunTableModel::ValLoss), -1);
    }

    void queueReordersAndRemoves()
    {
        RunQueueModel queue;
        guitest::attachModelTester(&queue);
        for (int i = 1; i <= 3; ++i) {
            ExperimentConfig config;
            config.name = "run " + std::to_string(i);
            queue.append({i, config});
        }
        QVERIFY(queue.moveRow(2, -1)); // run 3 before run 2
        QCOMPARE(queue.at(1).jobId, 3);
        QVERIFY(!queue.moveRow(0, -1));
        queue.removeAt(0);
        QCOMPARE(queue.rowCount(), 2);
        QCOMPARE(queue.takeFirst().jobId, 3);
        QVERIFY(queue.index(0).data().toString().startsWith("1. run 2"));
    }

    void slideImageHasHeaderAndRows()
    {
        RunTableModel model;
        guitest::attachModelTester(&model);
        model.addRecord(makeRecord(1, "CNN", 0.6130, 0.8130, 0.5647, 0.8303));
        model.addRecord(makeRecord(2, "CNN + Dropout", 0.5191, 0.8449, 0.4890, 0.8650));
        const QImage image = renderTableImage(&model, {0, 1, 2, 3, 4}, 1.0);
        QVERIFY(image.width() > 300);
        QVERIFY(image.height() > 60);
        // Three rows of text: the image is far from blank.
        int dark = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                dark += qGray(image.pixel(x, y)) < 128;
        QVERIFY(dark > 500);
    }
};

QTEST_MAIN(TestRunTable)
#include "tst_run_table.moc"
