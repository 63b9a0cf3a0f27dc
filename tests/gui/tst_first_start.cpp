// The window as a student meets it: no empty legend boxes before a run, save dialogs that
// suggest a file name, the image-size field that shows what the data is, and a status line
// that drops an error about a data source once the source changes.

#include "GuiTestSupport.h"

#include "export/SavePrompt.h"
#include "forms/ExperimentForm.h"
#include "plots/CurvePlot.h"
#include "plots/PlotPanel.h"
#include "plots/QCustomPlotInclude.h"

#include <QComboBox>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace normlab;

namespace {
// By definition: some legend entry stands for a plottable that has data to draw.
bool legendNamesData(QCustomPlot *plot)
{
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = plot->plottable(i);
        if (plot->legend->hasItemWithPlottable(plottable) && plottable->interface1D() &&
            plottable->interface1D()->dataCount() > 0)
            return true;
    }
    return false;
}

void setDataset(ExperimentForm *form, DatasetKind kind)
{
    auto *combo = form->findChild<QComboBox *>(QStringLiteral("datasetCombo"));
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(QString::fromStdString(toKey(kind))));
    QCOMPARE(form->config().dataset, kind);
}
} // namespace

class TestFirstStart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void saveDialogsSuggestAFileNameInTheLastFolder()
    {
        // Nothing saved yet in this process: Documents.
        const QString documents =
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        QCOMPARE(suggestedSavePath(QStringLiteral("normlab-table.csv")),
                 QDir(documents).filePath(QStringLiteral("normlab-table.csv")));
        QTemporaryDir dir;
        rememberSaveFolder(dir.filePath(QStringLiteral("plots.png")));
        QCOMPARE(suggestedSavePath(QStringLiteral("normlab-table.csv")),
                 QDir(dir.path()).filePath(QStringLiteral("normlab-table.csv")));
        rememberSaveFolder(QString()); // a cancelled dialog keeps the folder
        QCOMPARE(QFileInfo(suggestedSavePath(QStringLiteral("x.png"))).absolutePath(),
                 QFileInfo(dir.path()).absoluteFilePath());

        QCOMPARE(fileNameFor(QStringLiteral("BatchNorm lr=0.01 / run #2"), QStringLiteral("json")),
                 QStringLiteral("BatchNorm-lr-0.01-run-2.json"));
        QCOMPARE(fileNameFor(QStringLiteral("../etc"), QStringLiteral("csv")),
                 QStringLiteral("etc.csv"));
        QCOMPARE(fileNameFor(QStringLiteral("  "), QStringLiteral("csv")),
                 QStringLiteral("normlab.csv"));

        QTemporaryDir projectDir;
        guitest::RecordingWindow w(projectDir.filePath(QStringLiteral("p.normlab")));
        const QString suggested = w->experimentFileName();
        QCOMPARE(suggested, fileNameFor(QString::fromStdString(defaultRunName(w->form()->config())),
                                        QStringLiteral("json")));
        QVERIFY2(!suggested.contains(QLatin1Char('/')) && suggested.size() > 5,
                 qPrintable(suggested));
        ExperimentConfig named = w->form()->config();
        named.name = "My first run";
        w->form()->setConfig(named);
        QCOMPARE(w->experimentFileName(), QStringLiteral("My-first-run.json"));
    }

    void imageSizeShowsThirtyTwoForFixedSizeData()
    {
        ExperimentForm form;
        auto *size = form.findChild<QSpinBox *>(QStringLiteral("imageSizeSpin"));
        QVERIFY(size);
        // Built-in shapes (the default): 32x32, not editable.
        QCOMPARE(form.config().dataset, DatasetKind::Synthetic);
        QCOMPARE(size->value(), 32);
        QVERIFY(!size->isEnabled());
        setDataset(&form, DatasetKind::Folder);
        QCOMPARE(size->value(), ExperimentConfig{}.imageSize);
        QVERIFY(size->isEnabled());
        size->setValue(48);
        QCOMPARE(form.config().imageSize, 48);
        setDataset(&form, DatasetKind::Cifar10);
        QCOMPARE(size->value(), 32);
        QVERIFY(!size->isEnabled());
        QCOMPARE(form.config().imageSize, 48); // the folder size is kept, not replaced by 32
        setDataset(&form, DatasetKind::Folder);
        QCOMPARE(size->value(), 48);

        ExperimentConfig fromFile;
        fromFile.dataset = DatasetKind::Folder;
        fromFile.dataPath = "/data/frames";
        fromFile.imageSize = 96;
        form.setConfig(fromFile);
        QCOMPARE(size->value(), 96);
        QCOMPARE(form.config().imageSize, 96);
    }

    void statusLineForgetsADataErrorWhenTheSourceChanges()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath(QStringLiteral("p.normlab")));
        ExperimentConfig cifar = guitest::tinyConfig();
        cifar.dataset = DatasetKind::Cifar10;
        cifar.dataPath = dir.filePath(QStringLiteral("no-cifar-here")).toStdString();
        w->form()->setConfig(cifar);
        QSignalSpy failed(w->controller(), &TrainingController::previewFailed);
        w->loadPreview();
        QVERIFY(failed.wait(guitest::kRunTimeoutMs));
        const QString error = failed.first().first().toString();
        QVERIFY(!error.isEmpty());
        QCOMPARE(w->statusBar()->currentMessage(), error);

        setDataset(w->form(), DatasetKind::Synthetic);
        QCOMPARE(w->statusBar()->currentMessage(), QString());

        // Another message (not the error) stays when the data changes.
        w->statusBar()->showMessage(QStringLiteral("Queued something"));
        setDataset(w->form(), DatasetKind::Folder);
        QCOMPARE(w->statusBar()->currentMessage(), QStringLiteral("Queued something"));
    }

    void groupedTooltipSaysAnAccuracyIntervalWasClipped()
    {
        // Two seeds at 0.95 and 0.99: the t-interval (t = 12.7) reaches past 1 and is cut there.
        std::vector<RunResult> runs(2);
        for (size_t i = 0; i < runs.size(); ++i) {
            runs[i].config = guitest::tinyConfig();
            runs[i].config.seed = 1 + i;
            runs[i].name = "Repeat";
            runs[i].status = RunStatus::Finished;
            runs[i].bestValLoss = runs[i].testLoss = 0.5;
            runs[i].bestValAcc = runs[i].testAcc = i == 0 ? 0.95 : 0.99;
        }
        GroupTableModel model;
        guitest::attachModelTester(&model);
        model.setResults(runs);
        QCOMPARE(model.rowCount(), 1);
        const QString accuracyTip =
            model.index(0, GroupTableModel::ValAcc).data(Qt::ToolTipRole).toString();
        QVERIFY2(accuracyTip.contains(QStringLiteral("1.0000]*")), qPrintable(accuracyTip));
        QVERIFY2(accuracyTip.contains(QStringLiteral("clipped to [0, 1]")),
                 qPrintable(accuracyTip));
        const QString lossTip =
            model.index(0, GroupTableModel::ValLoss).data(Qt::ToolTipRole).toString();
        QVERIFY2(!lossTip.contains(QStringLiteral("clipped")), qPrintable(lossTip));
    }

    void legendsAppearOnlyWithCurves()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath(QStringLiteral("p.normlab")));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.window.get()));
        const QList<QCustomPlot *> plots = w->findChildren<QCustomPlot *>();
        QVERIFY(plots.size() >= 6); // four curve plots, layer statistics, gradients, study
        QTest::qWait(100);          // any scheduled replot has run
        for (QCustomPlot *plot : plots) {
            plot->replot();
            QVERIFY2(!plot->legend->visible(), qPrintable(plot->objectName()));
        }

        w->form()->setConfig(guitest::tinyConfig());
        QSignalSpy finished(w->controller(), &TrainingController::runFinished);
        QTest::mouseClick(w->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(guitest::kRunTimeoutMs));
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join(QLatin1Char('\n'))));
        PlotPanel *panel = w->plots();
        for (CurvePlot *plot :
             {panel->lossPlot(), panel->accuracyPlot(), panel->batchPlot(), panel->gapPlot()}) {
            plot->flushReplot();
            QTRY_VERIFY2(plot->legend->visible(), qPrintable(plot->objectName()));
        }
        for (QCustomPlot *plot : plots) {
            plot->replot();
            QCOMPARE(plot->legend->visible(), legendNamesData(plot));
        }

        // Grouped: mean curves for loss and accuracy, nothing in the gap plot.
        w->setGroupRepeats(true);
        QTRY_COMPARE(panel->gapPlot()->graphCount(), 0);
        for (CurvePlot *plot : {panel->lossPlot(), panel->gapPlot()})
            plot->flushReplot(); // queues the replot that updates the legend
        QTRY_VERIFY(!panel->gapPlot()->legend->visible());
        QVERIFY(panel->lossPlot()->legend->visible());
    }
};

QTEST_MAIN(TestFirstStart)
#include "tst_first_start.moc"
