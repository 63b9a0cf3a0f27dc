// The experiment panel: config round trip, invalid values explained before Train, JSON files.

#include "GuiTestSupport.h"

#include "forms/ExperimentForm.h"
#include "images/DatasetPreview.h"
#include "normlab/ConfigJson.h"
#include "session/TrainingController.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace normlab;

class TestExperimentForm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void configRoundTripsThroughTheWidgets()
    {
        ExperimentForm form;
        ExperimentConfig c;
        c.arch = Architecture::Fc;
        c.norm = NormKind::Weight;
        c.meanOnlyBatchNorm = true;
        c.l2 = 1e-4;
        c.dropout = 0.5;
        c.globalPool = true;
        c.earlyStopping = 3;
        c.augment = true;
        c.optimizer = OptimizerKind::Sgd;
        c.lr = 0.05;
        c.batchSize = 128;
        c.epochs = 7;
        c.seed = 9;
        c.minDelta = 0.01; // no widget: must survive
        c.statsEvery = 7;
        c.name = "my run";
        form.setConfig(c);
        const ExperimentConfig back = form.config();
        QCOMPARE(back.arch, Architecture::Fc);
        QCOMPARE(back.norm, NormKind::Weight);
        QVERIFY(back.meanOnlyBatchNorm);
        QCOMPARE(back.l2, 1e-4);
        QCOMPARE(back.dropout, 0.5);
        QVERIFY(back.globalPool);
        QCOMPARE(back.earlyStopping, 3);
        QVERIFY(back.augment);
        QCOMPARE(back.optimizer, OptimizerKind::Sgd);
        QCOMPARE(back.lr, 0.05);
        QCOMPARE(back.batchSize, 128);
        QCOMPARE(back.epochs, 7);
        QCOMPARE(back.seed, uint64_t(9));
        QCOMPARE(back.minDelta, 0.01);
        QCOMPARE(back.statsEvery, 7);
        // The spin box drives the key; 0 turns recording off.
        auto *statsEvery = form.findChild<QSpinBox *>("statsEverySpin");
        QVERIFY(statsEvery);
        QCOMPARE(ExperimentForm().config().statsEvery, ExperimentConfig().statsEvery);
        statsEvery->setValue(0);
        QCOMPARE(form.config().statsEvery, 0);
        QCOMPARE(back.name, std::string("my run"));
    }

    void spinBoxRangesPreventImpossibleValues()
    {
        ExperimentForm form;
        auto *dropout = form.findChild<QDoubleSpinBox *>("dropoutSpin");
        QVERIFY(dropout);
        dropout->setValue(1.5);
        QVERIFY(form.config().dropout < 1.0);
        auto *epochs = form.findChild<QSpinBox *>("epochsSpin");
        epochs->setValue(0);
        QCOMPARE(form.config().epochs, 1);
    }

    void groupsThatDoNotDivideTheChannelsAreExplainedAndBlockTrain()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        auto *norm = w->form()->findChild<QComboBox *>("normCombo");
        norm->setCurrentIndex(norm->findData(QStringLiteral("group")));
        auto *groups = w->form()->findChild<QSpinBox *>("groupsSpin");
        QVERIFY(groups->isEnabled());
        groups->setValue(5); // 16 channels cannot be split into 5 groups
        auto *problems = w->form()->findChild<QLabel *>("problemsLabel");
        QVERIFY(!problems->isHidden());
        QVERIFY2(problems->text().contains("5"), qPrintable(problems->text()));
        QVERIFY(!w->trainButton()->isEnabled());
        QCOMPARE(w->train(), 0); // the shortcut path reports instead of training
        QCOMPARE(w.errors.size(), 1);

        groups->setValue(8);
        QVERIFY(problems->isHidden());
        QVERIFY(w->trainButton()->isEnabled());
    }

    void previewShowsClassesSplitsAndSamples()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->show();
        w->form()->setConfig(guitest::tinyConfig());
        QSignalSpy loaded(w->controller(), &TrainingController::datasetLoaded);
        QTest::mouseClick(w->form()->findChild<QPushButton *>("previewButton"), Qt::LeftButton);
        QVERIFY(loaded.wait(guitest::kRunTimeoutMs));
        const auto preview = loaded.at(0).at(0).value<DatasetPreviewData>();
        QCOMPARE(preview.summary.classNames.size(), size_t(10));
        QCOMPARE(preview.summary.trainSize, 200);
        QVERIFY(w->datasetPreview()->sampleCount() >= 10);
        const QString summary = w->datasetPreview()->summaryText();
        QVERIFY2(summary.contains(QString::fromStdString(preview.summary.classNames[0])),
                 qPrintable(summary));
        QVERIFY(summary.contains("train 200"));
        QVERIFY(w.errors.isEmpty());
        // For looking at the window: NORMLAB_SCREENSHOT_DIR=/tmp tst_experiment_form
        const QString shots = qEnvironmentVariable("NORMLAB_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            w->grab().save(QDir(shots).filePath("dataset-preview.png"));

        // A missing folder is reported with its name, and the old samples go (issue 11: they
        // are not what failed to load).
        ExperimentConfig missing;
        missing.dataset = DatasetKind::Folder;
        missing.dataPath = dir.filePath("no-such-images").toStdString();
        w->form()->setConfig(missing);
        QSignalSpy failed(w->controller(), &TrainingController::previewFailed);
        w->loadPreview();
        QVERIFY(failed.wait(guitest::kRunTimeoutMs));
        QCOMPARE(w.errors.size(), 1);
        QVERIFY2(w.errors[0].contains("no-such-images"), qPrintable(w.errors[0]));
        QCOMPARE(w->datasetPreview()->sampleCount(), 0);
    }

    void experimentFilesUseTheCliKeys()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        ExperimentConfig c = guitest::tinyConfig(3);
        c.norm = NormKind::Layer;
        c.dropconnect = 0.25;
        w->form()->setConfig(c);
        const QString path = dir.filePath("exp.json");
        QVERIFY(w->saveExperiment(path));
        const ExperimentConfig loaded = loadConfigFile(path.toStdString());
        QCOMPARE(loaded.norm, NormKind::Layer);
        QCOMPARE(loaded.dropconnect, 0.25);
        QCOMPARE(loaded.epochs, 3);

        w->form()->setConfig(ExperimentConfig{});
        QVERIFY(w->loadExperiment(path));
        QCOMPARE(w->form()->config().norm, NormKind::Layer);

        QVERIFY(!w->saveExperiment(dir.filePath("no/such/folder/exp.json")));
        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"norm\": \"sparkles\"}");
        bad.close();
        QVERIFY(!w->loadExperiment(bad.fileName()));
        QCOMPARE(w.errors.size(), 2);
        QVERIFY(w.errors.last().contains("norm"));
        QCOMPARE(w->form()->config().norm, NormKind::Layer); // what was shown stays
    }
};

QTEST_MAIN(TestExperimentForm)
#include "tst_experiment_form.moc"
