// The study plot of grouped results: one line per series (groups equal but for the x key), points
// at the group means sorted by x with ±std error bars, log axes, and the PNG it saves.

#include "GuiTestSupport.h"

#include "normlab/Statistics.h"
#include "normlab/Sweep.h"
#include "plots/QCustomPlotInclude.h"
#include "plots/StudyPlot.h"

#include <QComboBox>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace normlab;

namespace {
GroupSummary makeGroup(NormKind norm, int batchSize, double testAcc, double std, int64_t parameters)
{
    GroupSummary g;
    g.config.norm = norm;
    g.config.batchSize = batchSize;
    g.config.name = normLabel(norm) + " (batch-size " + std::to_string(batchSize) + ")";
    g.config.seed = uint64_t(batchSize); // seeds differ: must not split the series
    g.name = g.config.name;
    g.key = groupKey(g.config);
    g.runs = g.n = 2;
    for (MetricSummary &m : g.metrics) {
        m.n = 2;
        m.mean = 0.5;
        m.std = 0.01;
    }
    MetricSummary &acc = g.metrics[size_t(Metric::TestAcc)];
    acc.mean = testAcc;
    acc.std = std;
    g.finalTestError.n = 2;
    g.finalTestError.mean = 1 - testAcc;
    g.finalTestError.std = std;
    g.parameters = parameters;
    return g;
}

// Batch sizes out of order, two norms interleaved.
std::vector<GroupSummary> batchStudy()
{
    return {makeGroup(NormKind::Batch, 32, 0.60, 0.02, 1000),
            makeGroup(NormKind::Group, 32, 0.55, 0.03, 1100),
            makeGroup(NormKind::Batch, 8, 0.40, 0.05, 1000),
            makeGroup(NormKind::Group, 8, 0.54, 0.01, 1100)};
}
} // namespace

class TestStudyPlot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void oneLinePerNormAtTheGroupMeans()
    {
        StudyPlot plot;
        plot.setGroups(batchStudy());
        QCOMPARE(plot.xAxis(), StudyPlot::BatchSize);
        QCOMPARE(plot.metric(), StudyPlot::TestAcc);
        QCustomPlot *qcp = plot.plot();
        QCOMPARE(qcp->graphCount(), 2);
        QCOMPARE(qcp->plottableCount(), 4); // each line with its error bars
        QCOMPARE(qcp->xAxis->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(!qcp->xAxis->ticker().dynamicCast<QCPAxisTickerLog>().isNull());
        QCOMPARE(qcp->xAxis->ticker().dynamicCast<QCPAxisTickerLog>()->logBase(), 2.0);
        QCOMPARE(qcp->xAxis->label(), QStringLiteral("Batch size"));
        QCOMPARE(qcp->yAxis->label(), QStringLiteral("Test Accuracy"));

        QCPGraph *batch = qcp->graph(0);
        QCPGraph *group = qcp->graph(1);
        QCOMPARE(batch->name(), QString::fromStdString(normLabel(NormKind::Batch)));
        QCOMPARE(group->name(), QString::fromStdString(normLabel(NormKind::Group)));
        QCOMPARE(batch->data()->size(), 2);
        QCOMPARE(batch->data()->at(0)->key, 8.0);
        QCOMPARE(batch->data()->at(0)->value, 0.40);
        QCOMPARE(batch->data()->at(1)->key, 32.0);
        QCOMPARE(batch->data()->at(1)->value, 0.60);
        QCOMPARE(group->data()->at(0)->key, 8.0);
        QCOMPARE(group->data()->at(0)->value, 0.54);
        QCOMPARE(group->data()->at(1)->value, 0.55);

        // Error bars: ±std of each point, in the same (sorted) order.
        auto *bars = qobject_cast<QCPErrorBars *>(qcp->plottable(1));
        QVERIFY(bars);
        QCOMPARE(bars->dataPlottable(), static_cast<QCPAbstractPlottable *>(batch));
        QCOMPARE(bars->dataCount(), 2);
        QCOMPARE(bars->data()->at(0).errorPlus, 0.05);
        QCOMPARE(bars->data()->at(1).errorMinus, 0.02);
        QCOMPARE(qcp->legend->itemCount(), 2); // the lines, not the bars

        // Another metric: same lines, other values.
        plot.metricCombo()->setCurrentIndex(StudyPlot::FinalTestError);
        QCOMPARE(plot.metric(), StudyPlot::FinalTestError);
        QCOMPARE(qcp->graph(0)->data()->at(0)->value, 1 - 0.40);
        QCOMPARE(qcp->yAxis->label(), QStringLiteral("Final Test Error"));
    }

    void parameterCountOnX()
    {
        StudyPlot plot;
        plot.setGroups(batchStudy());
        plot.xCombo()->setCurrentIndex(StudyPlot::Parameters);
        QCOMPARE(plot.xAxis(), StudyPlot::Parameters);
        QCustomPlot *qcp = plot.plot();
        // 1000 and 1100 lie within a decade: a linear axis fitted to them (a log axis would
        // have no labelled tick), with a margin on each side.
        QCOMPARE(qcp->xAxis->scaleType(), QCPAxis::stLinear);
        QCOMPARE(qcp->xAxis->label(), QStringLiteral("Parameters"));
        QVERIFY(qcp->xAxis->range().lower < 1000 && qcp->xAxis->range().lower > 900);
        QVERIFY(qcp->xAxis->range().upper > 1100 && qcp->xAxis->range().upper < 1200);
        // Batch size is now part of the series: one line per (norm, batch size), at its
        // parameter count.
        QCOMPARE(qcp->graphCount(), 4);
        for (int i = 0; i < qcp->graphCount(); ++i) {
            QCOMPARE(qcp->graph(i)->data()->size(), 1);
            const double x = qcp->graph(i)->data()->at(0)->key;
            QVERIFY2(x == 1000.0 || x == 1100.0, qPrintable(QString::number(x)));
        }
    }

    void doubleDescentIsOneLineAgainstParameters()
    {
        std::vector<GroupSummary> groups;
        const double widths[] = {2, 0.5, 1};
        const int64_t params[] = {40000, 3000, 10000};
        for (int i = 0; i < 3; ++i) {
            GroupSummary g = makeGroup(NormKind::None, 128, 0.5 + 0.1 * i, 0.01, params[i]);
            g.config.width = widths[i];
            g.key = groupKey(g.config);
            groups.push_back(g);
        }
        StudyPlot plot;
        plot.setGroups(groups); // batch size does not vary: switches to the parameter count
        QCOMPARE(plot.xAxis(), StudyPlot::Parameters);
        plot.setMetric(StudyPlot::FinalTestError);
        QCustomPlot *qcp = plot.plot();
        QCOMPARE(qcp->graphCount(), 1);
        QCOMPARE(qcp->graph(0)->data()->size(), 3);
        QCOMPARE(qcp->graph(0)->data()->at(0)->key, 3000.0);
        QCOMPARE(qcp->graph(0)->data()->at(1)->key, 10000.0);
        QCOMPARE(qcp->graph(0)->data()->at(2)->key, 40000.0);
        QVERIFY(std::abs(qcp->graph(0)->data()->at(0)->value - (1 - 0.6)) < 1e-12);
        QVERIFY(std::abs(qcp->graph(0)->data()->at(2)->value - (1 - 0.5)) < 1e-12);

        plot.setXAxis(StudyPlot::Width);
        QCOMPARE(qcp->xAxis->scaleType(), QCPAxis::stLinear);
        QCOMPARE(qcp->graph(0)->data()->at(0)->key, 0.5);
    }

    void normalizationComparisonIsPerMethodWithUniqueNames()
    {
        // Same batch size and width, parameter counts a few hundred apart; two groups differ
        // only in the built-in-data suffix of their names (and their epochs).
        std::vector<GroupSummary> groups = {makeGroup(NormKind::None, 128, 0.50, 0.01, 24200),
                                            makeGroup(NormKind::Batch, 128, 0.60, 0.01, 24500)};
        for (GroupSummary g : std::vector<GroupSummary>(groups)) {
            g.config.epochs += 1;
            g.name = normLabel(g.config.norm) + kBuiltInDataSuffix;
            g.key = groupKey(g.config);
            groups.push_back(g);
        }
        StudyPlot plot;
        plot.setGroups(groups);
        QCOMPARE(plot.xAxis(), StudyPlot::Method);
        QCustomPlot *qcp = plot.plot();
        QCOMPARE(qcp->graphCount(), 4);
        QSet<QString> names;
        for (int i = 0; i < qcp->graphCount(); ++i) {
            names.insert(qcp->graph(i)->name());
            QCOMPARE(qcp->graph(i)->data()->at(0)->key, double(i));
        }
        QCOMPARE(names.size(), 4);
        QVERIFY(names.contains(QStringLiteral("None") + QLatin1String(kBuiltInDataSuffix)));
        QCOMPARE(qcp->xAxis->range().lower, -0.5);
        QCOMPARE(qcp->xAxis->range().upper, 3.5);
        // Against parameter count the series names keep the suffix and stay unique.
        plot.setXAxis(StudyPlot::Parameters);
        names.clear();
        for (int i = 0; i < qcp->graphCount(); ++i)
            names.insert(qcp->graph(i)->name());
        QCOMPARE(names.size(), qcp->graphCount());
        QVERIFY2(qcp->xAxis->range().lower > 23000 && qcp->xAxis->range().upper < 26000,
                 qPrintable(QStringLiteral("%1..%2")
                                .arg(qcp->xAxis->range().lower)
                                .arg(qcp->xAxis->range().upper)));
    }

    void emptyAndSaved()
    {
        StudyPlot plot;
        plot.setGroups({});
        QCOMPARE(plot.plot()->graphCount(), 0);
        plot.setGroups(batchStudy());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("study.png"));
        QString error;
        QVERIFY2(plot.save(path, &error), qPrintable(error));
        QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800);
        QVERIFY(!plot.save(dir.filePath(QStringLiteral("missing/dir/study.png")), &error));
        QVERIFY(error.contains(QStringLiteral("study.png")));
    }
};

QTEST_MAIN(TestStudyPlot)
#include "tst_study_plot.moc"
