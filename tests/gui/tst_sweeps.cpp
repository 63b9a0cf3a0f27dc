// Presets and sweeps from the GUI: the sweep dialog's run list, a 2x2 sweep run to completion
// and grouped, the built-in dataset offered when the data are missing, the lecture's reference.

#include "GuiTestSupport.h"

#include "forms/SweepDialog.h"
#include "normlab/Statistics.h"
#include "normlab/Sweep.h"
#include "plots/CurvePlot.h"
#include "plots/GradientNormPlot.h"
#include "plots/GroupCurves.h"
#include "plots/PlotPanel.h"
#include "plots/QCustomPlotInclude.h"
#include "plots/RunColors.h"
#include "plots/SeriesViews.h"
#include "plots/StudyPlot.h"
#include "session/TrainingController.h"
#include "tables/GroupTableModel.h"
#include "tables/RunTableModel.h"
#include "window/GroupPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace normlab;

namespace {
QString writeSweep(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("sweep.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(R"({"name": "2x2 test sweep", "description": "norm x seed on tiny data",
        "base": {"dataset": "synthetic", "limit": 150, "epochs": 1, "batch-size": 32,
                 "threads": 1},
        "grid": {"norm": ["none", "batch"], "seed": [1, 2]}})");
    return path;
}

/// The dialog refuses OK with nothing chosen, then loads the 2x2 sweep: four runs, estimated,
/// with their data at hand.
void loadSweepInDialog(SweepDialog &dialog, const QString &sweepPath, std::vector<SweepRun> &runs)
{
    QVERIFY(dialog.runs().empty()); // nothing chosen yet: OK does not close
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(dialog.loadFile(sweepPath), qPrintable(dialog.error()));
    runs = dialog.runs();
    QVERIFY2(!runs.empty(), qPrintable(dialog.error()));
    QCOMPARE(runs.size(), size_t(4));
    QVERIFY(dialog.findChild<QLabel *>("runCountLabel")->text().contains("4"));
    QVERIFY(dialog.estimatedSeconds() > 0);
    QVERIFY(dialog.missingData().isEmpty());
}

void checkRunsFinishedAndGrouped(guitest::RecordingWindow &w)
{
    QCOMPARE(w->runTable()->rowCount(), 4);
    for (const RunRecord &record : w->runTable()->records()) {
        QCOMPARE(record.state, RunState::Done);
        QCOMPARE(record.result.status, RunStatus::Finished);
    }
    QVERIFY(w->groupRepeats()); // a sweep with repeats shows them grouped
    QVERIFY(!w->referencePanel()->isVisibleTo(w.window.get())); // no reference in the file
}

/// Each group's cells are the mean of its two runs, shown with their spread.
void checkGroupMeans(guitest::RecordingWindow &w)
{
    GroupTableModel *groups = w->groupTable();
    QCOMPARE(groups->rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(groups->index(row, GroupTableModel::Count).data().toInt(), 2);
        const NormKind norm = groups->groups()[size_t(row)].config.norm;
        std::vector<const RunResult *> members;
        for (const RunRecord &record : w->runTable()->records())
            if (record.result.config.norm == norm)
                members.push_back(&record.result);
        QCOMPARE(members.size(), size_t(2));
        for (int column = GroupTableModel::ValLoss; column <= GroupTableModel::TestAcc; ++column) {
            const Metric metric = GroupTableModel::metricOf(column);
            const double expected =
                (metricValue(*members[0], metric) + metricValue(*members[1], metric)) / 2;
            const double shown =
                groups->index(row, column).data(GroupTableModel::ValueRole).toDouble();
            QVERIFY2(std::abs(shown - expected) < 1e-12,
                     qPrintable(QString("row %1 column %2: %3 vs %4")
                                    .arg(row)
                                    .arg(column)
                                    .arg(shown)
                                    .arg(expected)));
            QVERIFY(groups->index(row, column).data().toString().contains("±"));
        }
    }
}

/// The study plot follows the grouped results: one point per norm at its group mean.
void checkStudyPlotAtGroupMeans(guitest::RecordingWindow &w)
{
    GroupTableModel *groups = w->groupTable();
    StudyPlot *study = w->studyPlot();
    QVERIFY(study);
    study->setXAxis(StudyPlot::BatchSize);
    study->setMetric(StudyPlot::TestAcc);
    QCOMPARE(study->plot()->graphCount(), 2); // none and batch, at batch size 32
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(study->plot()->graph(row)->data()->size(), 1);
        QCOMPARE(study->plot()->graph(row)->data()->at(0)->key, 32.0);
        const double mean = groups->index(row, GroupTableModel::TestAcc)
                                .data(GroupTableModel::ValueRole)
                                .toDouble();
        QVERIFY(std::abs(study->plot()->graph(row)->data()->at(0)->value - mean) < 1e-12);
    }
}

/// The insight tabs show each group's first run, in the group's colour.
void checkInsightTabsShowEachGroupsFirstRun(guitest::RecordingWindow &w)
{
    GroupTableModel *groups = w->groupTable();
    w->seriesViews()->refreshNow();
    CurvePlot *gradients = w->seriesViews()->gradientNorms()->plot();
    const RunRecord *firstOfGroup0 = nullptr;
    for (const RunRecord &record : w->runTable()->records())
        if (!firstOfGroup0 && record.result.config.norm == groups->groups()[0].config.norm)
            firstOfGroup0 = &record;
    QVERIFY(firstOfGroup0);
    const size_t layers = firstOfGroup0->result.insight.gradientLayers.size();
    QVERIFY(layers >= 4);
    QCOMPARE(gradients->graphCount(), int(2 * layers));
    QCOMPARE(gradients->graph(0)->data()->size(),
             int(firstOfGroup0->result.insight.gradientNorms.size()));
    QCOMPARE(gradients->graph(0)->pen().color(), runColor(0));
}

/// View > Group Repeats and the checkbox are one switch; the plots show each group's mean
/// validation curve over a shaded ±std band.
void checkGroupSwitchAndMeanBands(guitest::RecordingWindow &w)
{
    w->setGroupRepeats(false);
    QVERIFY(!w->findChild<QCheckBox *>("groupCheck")->isChecked());
    w->findChild<QCheckBox *>("groupCheck")->setChecked(true);
    QVERIFY(w->groupRepeats());

    QCustomPlot *loss = w->plots()->lossPlot();
    QCOMPARE(loss->graphCount(), 2 * 3); // per group: lower edge, upper edge, mean
    QVERIFY(loss->graph(1)->channelFillGraph() == loss->graph(0));
    QVERIFY(loss->graph(1)->brush().color().alpha() < 255);
}

/// The baseline follows the chooser; the baseline's own cells are marked as such.
void checkBaselineFollowsTheChooser(guitest::RecordingWindow &w)
{
    GroupTableModel *groups = w->groupTable();
    QCOMPARE(groups->index(0, GroupTableModel::TestAcc).data(GroupTableModel::MarkRole),
             QVariant(QStringLiteral("baseline")));
    w->groupPanel()->baselineCombo()->setCurrentIndex(1);
    QCOMPARE(groups->baseline(), 1);
    QCOMPARE(groups->index(1, GroupTableModel::TestAcc).data(GroupTableModel::MarkRole),
             QVariant(QStringLiteral("baseline")));
    QVERIFY(groups->index(0, GroupTableModel::TestAcc).data(GroupTableModel::MarkRole) !=
            QVariant(QStringLiteral("baseline")));
}

/// Exports of the grouped table: the summary CSV and a picture.
void checkGroupedExports(guitest::RecordingWindow &w, const QTemporaryDir &dir)
{
    const QString csv = dir.filePath("groups.csv");
    QVERIFY(w->exportCsv(csv)); // grouped view: File > Export writes the summary
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith("Model,n,"));
    const QString png = dir.filePath("groups.png");
    QVERIFY(w->exportGroupedPng(png));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 200);
}

} // namespace

class TestSweeps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void twoByTwoSweepRunsAndGroups()
    {
        QTemporaryDir dir;
        const QString sweepPath = writeSweep(dir);
        QVERIFY(!sweepPath.isEmpty());
        SweepDialog dialog;
        std::vector<SweepRun> runs;
        loadSweepInDialog(dialog, sweepPath, runs);
        if (QTest::currentTestFailed())
            return;

        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->show();
        QSignalSpy done(w->controller(), &TrainingController::allDone);
        w->queueSweep(runs, dialog.spec().reference);
        QVERIFY(done.wait(4 * guitest::kRunTimeoutMs));
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));

        // In this order, stopping at the first failure as one long function would.
        using WindowCheck = void (*)(guitest::RecordingWindow &);
        for (WindowCheck check :
             {checkRunsFinishedAndGrouped, checkGroupMeans, checkStudyPlotAtGroupMeans,
              checkInsightTabsShowEachGroupsFirstRun, checkGroupSwitchAndMeanBands,
              checkBaselineFollowsTheChooser}) {
            check(w);
            if (QTest::currentTestFailed())
                return;
        }
        checkGroupedExports(w, dir);
    }

    void meanCurveAveragesTheRuns()
    {
        EpochMetrics a, b, c;
        a.epoch = b.epoch = c.epoch = 1;
        a.valLoss = 1.0;
        b.valLoss = 3.0;
        c.epoch = 2;
        c.valLoss = 5.0;
        const MeanCurve curve = meanCurve({{a, c}, {b}}, &EpochMetrics::valLoss);
        QCOMPARE(curve.epochs, (QVector<double>{1, 2}));
        QCOMPARE(curve.mean, (QVector<double>{2.0, 5.0}));
        QVERIFY(std::abs(curve.std[0] - std::sqrt(2.0)) < 1e-12);
        QCOMPARE(curve.std[1], 0.0); // one run reached epoch 2
    }

    void missingDataOffersBuiltInData()
    {
        SweepDialog dialog;
        QVERIFY2(dialog.loadPreset("lecture-normalization"), qPrintable(dialog.error()));
        if (dialog.missingData().isEmpty())
            QSKIP("CIFAR-10 is on disk here; nothing to offer");
        QCOMPARE(dialog.findChild<QSpinBox *>("repeatsSpin")->value(), 3);
        QVERIFY(dialog.findChild<QCheckBox *>("builtInCheck")->isVisibleTo(&dialog));
        dialog.setEpochs(1);
        dialog.setLimit(100);
        dialog.setUseBuiltInData(true);
        const std::vector<SweepRun> runs = dialog.runs();
        QCOMPARE(runs.size(), size_t(18)); // 6 methods x 3 seeds
        for (const SweepRun &run : runs) {
            QVERIFY2(QString::fromStdString(run.config.name).endsWith(" (built-in data)"),
                     run.config.name.c_str());
            QCOMPARE(run.config.dataset, DatasetKind::Synthetic);
            QCOMPARE(run.config.epochs, 1);
            QCOMPARE(run.config.limit, int64_t(100));
        }
        dialog.setRepeats(2);
        QCOMPARE(dialog.runs().size(), size_t(12));
    }

    void referenceTableShowsTheSlides()
    {
        SweepDialog dialog;
        QVERIFY(dialog.loadPreset("lecture-normalization"));
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->show();
        w->queueSweep({}, dialog.spec().reference);
        ReferencePanel *panel = w->referencePanel();
        QVERIFY(panel->isVisibleTo(w.window.get()));
        QVERIFY(panel->title().contains("Lecture"));
        QVERIFY(panel->title().contains("not your results"));
        QTableWidget *table = panel->table();
        int batchRow = -1;
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 0)->text() == "BatchNorm")
                batchRow = row;
        QVERIFY(batchRow >= 0);
        QCOMPARE(table->horizontalHeaderItem(4)->text(), QStringLiteral("Test Accuracy"));
        QCOMPARE(table->item(batchRow, 4)->text(), QStringLiteral("0.7217"));

        // A group of the user's runs names the lecture's values in its tooltip, as theirs.
        RunResult run;
        run.config.norm = NormKind::Batch;
        run.name = run.config.name = "BatchNorm (built-in data)";
        w->groupTable()->setResults({run});
        const QString tip =
            w->groupTable()->index(0, GroupTableModel::Model).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("Test Accuracy 0.7217"), qPrintable(tip));
        QVERIFY(tip.contains("not your results"));
    }
};

QTEST_MAIN(TestSweeps)
#include "tst_sweeps.moc"
