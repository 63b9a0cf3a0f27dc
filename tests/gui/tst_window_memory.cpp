// The window between sessions: the very first start says in one line what to do; later starts
// come back with the last geometry and the last experiment in the form; a settings value that no
// longer reads is said, naming the settings file, and the form keeps its defaults.

#include "GuiTestSupport.h"

#include "forms/ExperimentForm.h"
#include "gui/WindowMemory.h"

#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace normlab;

class TestWindowMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstStartSaysWhatToDo();
    void aLaterStartRestoresGeometryAndExperiment(); // and Parallel Runs
    void anUnreadableExperimentIsSaidAndTheDefaultsStay();

private:
    QString settingsFile() const { return m_temp.filePath(QStringLiteral("settings.ini")); }
    QString project(const QString &name) const { return m_temp.filePath(name); }

    QTemporaryDir m_temp;
};

void TestWindowMemory::firstStartSaysWhatToDo()
{
    QSettings settings(m_temp.filePath(QStringLiteral("first.ini")), QSettings::IniFormat);
    guitest::RecordingWindow recording(project(QStringLiteral("first.normlab")));
    window_memory::attach(recording.window.get(), &settings);
    const QString line = recording.window->statusBar()->currentMessage();
    QVERIFY2(line.contains(QStringLiteral("Press Train")), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("Get CIFAR-10")), qPrintable(line));
}

void TestWindowMemory::aLaterStartRestoresGeometryAndExperiment()
{
    QSettings settings(settingsFile(), QSettings::IniFormat);
    {
        guitest::RecordingWindow recording(project(QStringLiteral("a.normlab")));
        MainWindow &window = *recording.window;
        window_memory::attach(&window, &settings);
        ExperimentConfig config = window.form()->config();
        config.epochs = 7;
        config.norm = NormKind::Batch;
        config.dropout = 0.25;
        window.form()->setConfig(config);
        window.setParallelRuns(2);
        window.resize(1500, 930);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.close();
    }
    QVERIFY(settings.contains(QStringLiteral("window/geometry")));

    guitest::RecordingWindow again(project(QStringLiteral("b.normlab")));
    MainWindow &window = *again.window;
    QVERIFY(window.form()->config().epochs != 7); // a new window starts with the defaults
    QCOMPARE(window.parallelRuns(), 1);
    window_memory::attach(&window, &settings);
    QCOMPARE(window.parallelRuns(), 2);
    const ExperimentConfig restored = window.form()->config();
    QCOMPARE(restored.epochs, 7);
    QCOMPARE(restored.norm, NormKind::Batch);
    QCOMPARE(restored.dropout, 0.25);
    QCOMPARE(window.size(), QSize(1500, 930));
    QVERIFY2(!window.statusBar()->currentMessage().contains(QStringLiteral("Press Train")),
             qPrintable(window.statusBar()->currentMessage()));
}

void TestWindowMemory::anUnreadableExperimentIsSaidAndTheDefaultsStay()
{
    QSettings settings(m_temp.filePath(QStringLiteral("bad.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("window/geometry"), QByteArray());
    settings.setValue(QStringLiteral("window/experiment"), QStringLiteral("{\"epochs\": -3}"));
    guitest::RecordingWindow recording(project(QStringLiteral("bad.normlab")));
    MainWindow &window = *recording.window;
    const int defaultEpochs = window.form()->config().epochs;
    window_memory::attach(&window, &settings);
    QCOMPARE(window.form()->config().epochs, defaultEpochs);
    const QString line = window.statusBar()->currentMessage();
    QVERIFY2(line.contains(QStringLiteral("could not be restored")), qPrintable(line));
    QVERIFY2(line.contains(settings.fileName()), qPrintable(line));
}

QTEST_MAIN(TestWindowMemory)
#include "tst_window_memory.moc"
