// The window holds its layout as a student meets it (issue 11): the sweep dialog after every
// preset, the reason Train is greyed out, the sweep's own baseline, a table with room for its
// rows under a preset's reference, a seed column, spin boxes the mouse wheel leaves alone, and
// Help > Guide. Layout is checked mechanically (gui/LayoutChecks.h), not by eye.

#include "GuiTestSupport.h"

#include "forms/ExperimentForm.h"
#include "forms/SweepDialog.h"
#include "gui/LayoutChecks.h"
#include "images/DatasetPreview.h"
#include "normlab/Sweep.h"
#include "window/GroupPanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QWheelEvent>

using namespace normlab;

namespace {

QString joined(const QStringList &lines)
{
    return lines.join(QLatin1Char('\n'));
}

/// A finished run as the project would hold it: one epoch of metrics.
RunRecord doneRun(qint64 id, const std::string &name, uint64_t seed, NormKind norm = NormKind::None)
{
    RunRecord record;
    record.id = id;
    record.state = RunState::Done;
    record.result.name = record.result.config.name = name;
    record.result.config.seed = seed;
    record.result.config.norm = norm;
    record.result.status = RunStatus::Finished;
    EpochMetrics epoch;
    epoch.epoch = 1;
    epoch.valLoss = 1.0 + 0.01 * double(seed);
    epoch.valAcc = 0.5;
    record.result.history = {epoch};
    record.result.bestEpoch = 1;
    record.result.bestValLoss = epoch.valLoss;
    record.result.bestValAcc = epoch.valAcc;
    return record;
}

/// Two configurations (None, BatchNorm), two seeds each, on a few built-in images.
std::vector<SweepRun> tinySweep()
{
    return expandSweep(parseSweepJson(R"({"name": "tiny", "base": {"dataset": "synthetic",
        "limit": 100, "epochs": 1, "batch-size": 50, "threads": 1, "stats-every": 0},
        "grid": {"norm": ["none", "batch"]}, "repeats": 2})",
                                      "tiny sweep"));
}

/// `widget`'s rectangle inside `area`'s viewport.
QRect rectInViewport(const QWidget *widget, const QScrollArea *area)
{
    return QRect(widget->mapTo(area->viewport(), QPoint(0, 0)), widget->size());
}

/// A window at the smallest size the course supports, shown.
void showAtLaptopSize(MainWindow *window)
{
    window->resize(1280, 800);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QCoreApplication::processEvents();
}

} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    // Finding 1: the fields kept their height and the description its lines after each preset.
    void sweepDialogHoldsItsLayoutForEveryPreset()
    {
        SweepDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(layoutcheck::findLayoutProblems(&dialog).isEmpty(),
                 qPrintable(joined(layoutcheck::findLayoutProblems(&dialog))));
        for (const std::string &preset : presetNames()) {
            auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("presetCombo"));
            combo->setCurrentIndex(combo->findData(QString::fromStdString(preset)));
            QVERIFY2(dialog.hasSweep(), preset.c_str());
            QCoreApplication::processEvents();
            const QStringList problems = layoutcheck::findLayoutProblems(&dialog);
            QVERIFY2(problems.isEmpty(), qPrintable(QString::fromStdString(preset) +
                                                    QStringLiteral(":\n") + joined(problems)));
            for (auto *spin : dialog.findChildren<QSpinBox *>())
                QVERIFY(spin->height() >= spin->minimumSizeHint().height());
        }
    }

    // Finding 5: a greyed-out Train says why, beside itself, in the window's words.
    void trainSaysWhyItIsDisabled()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        showAtLaptopSize(w.window.get());
        QLabel *reason = w->trainReasonLabel();
        QVERIFY(!reason->isVisibleTo(w.window.get()));
        auto *source = w->form()->findChild<QComboBox *>("datasetCombo");
        source->setCurrentIndex(source->findData(QStringLiteral("cifar10")));
        QVERIFY(!w->trainButton()->isEnabled());
        QVERIFY(reason->isVisibleTo(w.window.get()));
        QVERIFY2(reason->text().contains("Choose the CIFAR-10 folder"), qPrintable(reason->text()));
        QVERIFY2(!reason->text().contains("--"), qPrintable(reason->text())); // no CLI terms
        QCOMPARE(w->trainButton()->toolTip(), reason->text());
        QCoreApplication::processEvents();
        // Right under the buttons: the label's top is within a row of Train's bottom.
        const QPoint button = w->trainButton()->mapTo(w.window.get(), QPoint(0, 0));
        const QPoint label = reason->mapTo(w.window.get(), QPoint(0, 0));
        QVERIFY2(
            label.y() >= button.y() + w->trainButton()->height() &&
                label.y() <= button.y() + 2 * w->trainButton()->height(),
            qPrintable(QStringLiteral("button at %1, label at %2").arg(button.y()).arg(label.y())));
        const QStringList problems = layoutcheck::findLayoutProblems(w.window.get());
        QVERIFY2(problems.isEmpty(), qPrintable(joined(problems)));

        w->form()->findChild<QLineEdit *>("dataPathEdit")->setText("/some/cifar-10-batches-bin");
        QVERIFY(w->trainButton()->isEnabled());
        QVERIFY(!reason->isVisibleTo(w.window.get()));
    }

    // Finding 6: the model prefers the sweep's first group over an older run's group.
    void preferredBaselineWaitsForItsGroup()
    {
        GroupTableModel model;
        guitest::attachModelTester(&model);
        const RunRecord single = doneRun(1, "Earlier run", 7);
        RunRecord sweepFirst = doneRun(2, "BatchNorm", 1, NormKind::Batch);
        model.setRuns({single});
        model.preferBaseline(groupKey(sweepFirst.result.config));
        QCOMPARE(model.baseline(), 0); // its group does not exist yet
        RunRecord repeat = sweepFirst;
        repeat.id = 3;
        repeat.result.config.seed = 2;
        model.setRuns({single, sweepFirst, repeat});
        QCOMPARE(model.groups().size(), size_t(2));
        QCOMPARE(model.baseline(), 1);
        model.setBaseline(0); // the student's choice then stands
        model.setRuns({single, sweepFirst, repeat, doneRun(4, "Later", 9, NormKind::Layer)});
        QCOMPARE(model.baseline(), 0);
    }

    // Finding 6 in the window: after a single run, a sweep compares with its own first group.
    void sweepComparesWithItsOwnBaseline()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->runTable()->setRecords({doneRun(-1, "Earlier single run", 5, NormKind::Layer)});
        const std::vector<SweepRun> runs = tinySweep();
        QCOMPARE(runs.size(), size_t(4));
        QSignalSpy done(w->controller(), &TrainingController::allDone);
        w->queueSweep(runs);
        QVERIFY(done.wait(4 * guitest::kRunTimeoutMs));
        QVERIFY2(w.errors.isEmpty(), qPrintable(w.errors.join('\n')));
        QVERIFY(w->groupRepeats());
        GroupTableModel *groups = w->groupTable();
        QCOMPARE(groups->groups().size(), size_t(3));
        QVERIFY(groups->baseline() >= 0);
        const GroupSummary &baseline = groups->groups()[size_t(groups->baseline())];
        QCOMPARE(baseline.key, runs.front().groupKey);
        QCOMPARE(baseline.n, 2); // ▲/▼ can appear: two runs on each side
        QCOMPARE(w->groupPanel()->baselineCombo()->currentText(),
                 QString::fromStdString(baseline.name));
    }

    // Finding 8: with runs in the table, the lecture's reference folds to one line.
    void referenceFoldsSoTheRunsTableGetsTheRoom()
    {
        SweepDialog dialog;
        QVERIFY(dialog.loadPreset("lecture-normalization"));
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        std::vector<RunRecord> records;
        for (int i = 0; i < 14; ++i)
            records.push_back(doneRun(-1 - i, i % 2 ? "BatchNorm" : "No Normalization", 1 + i / 2,
                                      i % 2 ? NormKind::Batch : NormKind::None));
        w->runTable()->setRecords(records);
        showAtLaptopSize(w.window.get());
        w->queueSweep({}, dialog.spec().reference);
        QCoreApplication::processEvents();
        ReferencePanel *panel = w->referencePanel();
        QVERIFY(panel->isVisibleTo(w.window.get()));
        QVERIFY(!panel->isExpanded());
        QVERIFY(!panel->table()->isVisibleTo(w.window.get()));
        QVERIFY(panel->title().contains("not your results"));
        const int rowHeight = w->runView()->verticalHeader()->defaultSectionSize();
        const int folded = w->runView()->viewport()->height();
        QVERIFY2(folded >= 6 * rowHeight,
                 qPrintable(QStringLiteral("%1 px for rows of %2 px").arg(folded).arg(rowHeight)));

        panel->toggle()->click(); // the student opens it: all six lecture rows show
        QCoreApplication::processEvents();
        QVERIFY(panel->isExpanded());
        QVERIFY(w->runView()->viewport()->height() < folded);
        QTableWidget *table = panel->table();
        QVERIFY(table->viewport()->height() >= table->verticalHeader()->length());
        w->queueSweep({}, dialog.spec().reference); // and it stays open: the choice is kept
        QVERIFY(panel->isExpanded());
        const QStringList problems = layoutcheck::findLayoutProblems(w.window.get());
        QVERIFY2(problems.isEmpty(), qPrintable(joined(problems)));
    }

    // Finding 10: repeats share a name; the Seed column and table.png tell them apart.
    void repeatedNamesShowTheirSeed()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->runTable()->setRecords({doneRun(-1, "BatchNorm", 1), doneRun(-2, "LayerNorm", 2)});
        QVERIFY(w->runView()->isColumnHidden(RunTableModel::Seed));
        QVERIFY(w->exportTablePng(dir.filePath("unique.png")));
        w->runTable()->setRecords({doneRun(-1, "BatchNorm", 1), doneRun(-2, "BatchNorm", 2)});
        QVERIFY(!w->runView()->isColumnHidden(RunTableModel::Seed));
        QCOMPARE(w->runTable()->index(1, RunTableModel::Seed).data().toString(),
                 QStringLiteral("2"));
        QCOMPARE(w->runTable()
                     ->headerData(RunTableModel::Seed, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("Seed"));
        QVERIFY(w->exportTablePng(dir.filePath("repeats.png")));
        const QImage unique(dir.filePath("unique.png")), repeats(dir.filePath("repeats.png"));
        QVERIFY(!unique.isNull() && !repeats.isNull());
        QVERIFY2(repeats.width() > unique.width(), "table.png has no extra Seed column");
    }

    // Finding 10: scrolling the form with the wheel leaves its values alone.
    void wheelScrollsTheFormNotTheSpinBoxes()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        showAtLaptopSize(w.window.get());
        auto *batch = w->form()->findChild<QSpinBox *>("batchSizeSpin");
        auto *norm = w->form()->findChild<QComboBox *>("normCombo");
        const int batchBefore = batch->value(), normBefore = norm->currentIndex();
        for (QWidget *editor : {static_cast<QWidget *>(batch), static_cast<QWidget *>(norm)}) {
            QVERIFY(!editor->hasFocus());
            const QPointF at(editor->width() / 2.0, editor->height() / 2.0);
            QWheelEvent wheel(at, editor->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(editor, &wheel);
        }
        QCOMPARE(batch->value(), batchBefore);
        QCOMPARE(norm->currentIndex(), normBefore);
        QCOMPARE(batch->focusPolicy(), Qt::StrongFocus); // the wheel does not focus it either
    }

    // Finding 10: epochs and learning rate show without scrolling, at 1280x800.
    void epochsAndLearningRateNeedNoScrolling()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        showAtLaptopSize(w.window.get());
        auto *area = qobject_cast<QScrollArea *>(w->form()->parentWidget()->parentWidget());
        QVERIFY(area);
        QCOMPARE(area->verticalScrollBar()->value(), 0);
        for (const char *name : {"epochsSpin", "lrSpin", "normCombo"}) {
            auto *field = w->form()->findChild<QWidget *>(name);
            QVERIFY2(area->viewport()->rect().contains(rectInViewport(field, area)), name);
        }
        const QStringList problems = layoutcheck::findLayoutProblems(w.window.get());
        QVERIFY2(problems.isEmpty(), qPrintable(joined(problems)));
    }

    // Finding 10: a load error does not leave the previous samples under it.
    void datasetErrorClearsTheOldSamples()
    {
        DatasetPreview preview;
        DatasetPreviewData data;
        data.summary.classNames = {"a", "b"};
        data.images = {QImage(32, 32, QImage::Format_RGB32), QImage(32, 32, QImage::Format_RGB32)};
        data.labels = {0, 1};
        preview.setPreview(data);
        QCOMPARE(preview.sampleCount(), 2);
        preview.setError("CIFAR-10 folder not found");
        QCOMPARE(preview.sampleCount(), 0);
        QVERIFY(preview.summaryText().contains("not found"));
    }

    // Finding 10: Help > Guide explains the methods and the comparison, offline.
    void guideExplainsMethodsAndComparison()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        QDialog *guide = w->showGuide();
        QVERIFY(QTest::qWaitForWindowExposed(guide));
        auto *text = guide->findChild<QTextBrowser *>("guideText");
        QVERIFY(text);
        const QString plain = text->toPlainText();
        for (const char *topic : {"BatchNorm", "LayerNorm", "GroupNorm", "WeightNorm", "Dropout",
                                  "Repeats", "Baseline", "Group repeats", "validation solid"})
            QVERIFY2(plain.contains(QLatin1String(topic)), topic);
        QVERIFY2(plain.size() > 2000, "a guide, not one sentence");
        QVERIFY(w->showGuide() == guide); // one guide, raised again
        const QStringList problems = layoutcheck::findLayoutProblems(guide);
        QVERIFY2(problems.isEmpty(), qPrintable(joined(problems)));
    }
};

QTEST_MAIN(TestWindowLayout)
#include "tst_window_layout.moc"
