// The window holds its layout as a student meets it (issue 11): the sweep dialog after every
// preset, the reason Train is greyed out, the sweep's own baseline, a table with room for its
// rows under a preset's reference, a seed column, spin boxes the mouse wheel leaves alone, and
// Help > Guide. Layout is checked mechanically (gui/LayoutChecks.h), not by eye.

#include "GuiTestSupport.h"

#include "forms/ExperimentForm.h"
#include "forms/SweepDialog.h"
#include "gui/LayoutChecks.h"
#include "normlab/Sweep.h"

#include <QComboBox>
#include <QSpinBox>
#include <QTest>

using namespace normlab;

namespace {

QString joined(const QStringList &lines)
{
    return lines.join(QLatin1Char('\n'));
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
};

QTEST_MAIN(TestWindowLayout)
#include "tst_window_layout.moc"
