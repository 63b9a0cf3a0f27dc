#include "gui/ScreenshotTour.h"

#include "forms/ExperimentForm.h"
#include "forms/SweepDialog.h"
#include "gui/LayoutChecks.h"
#include "normlab/Config.h"
#include "normlab/Sweep.h"
#include "session/TrainingController.h"
#include "window/MainWindow.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPixmap>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <utility>

using namespace normlab;

namespace {

constexpr int kTrainingTimeoutMs = 600000; // the 2-core CI machine may be busy
constexpr int kSettleMs = 200;             // layouts, replots and repaints after a change

/// Runs the event loop for `ms` milliseconds.
void settle(int ms = kSettleMs)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

/// Runs the event loop until `done` holds; false after `timeoutMs`.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = kTrainingTimeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        settle(20);
    }
    return true;
}

QString sizeText(const QSize &size)
{
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

/// "Layer statistics" -> "layer-statistics".
QString slug(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower())
        out += c.isLetterOrNumber() ? c : QLatin1Char('-');
    return out;
}

} // namespace

ScreenshotTour::ScreenshotTour(QString folder, QList<QSize> sizes, int images)
    : m_folder(std::move(folder)), m_sizes(std::move(sizes)), m_images(images)
{
    if (m_sizes.isEmpty())
        m_sizes = {QSize(1280, 800), QSize(1920, 1080)};
}

int ScreenshotTour::run()
{
    QTemporaryDir project;
    if (!QDir().mkpath(m_folder) || !project.isValid()) {
        std::fprintf(stderr, "normlab: --tour: cannot write to %s\n", qPrintable(m_folder));
        return 2;
    }
    MainWindow window(project.filePath(QStringLiteral("tour.normlab")),
                      [this](const QString &title, const QString &message) {
                          m_findings << QStringLiteral("error dialog: %1: %2").arg(title, message);
                      });
    window.setConfirmer([](const QString &) { return true; });
    window.show();
    capture(window, &window, QStringLiteral("first-start"));
    trainOneRun(window);
    runPreset(window);
    visitTabs(window);
    QDialog *guide = window.showGuide();
    capture(window, guide, QStringLiteral("help-guide"));
    guide->close();

    for (const QString &finding : m_findings)
        std::printf("finding: %s\n", qPrintable(finding));
    std::printf("tour: %lld PNG(s) in %s, %lld finding(s)\n", qlonglong(m_saved.size()),
                qPrintable(QDir(m_folder).absolutePath()), qlonglong(m_findings.size()));
    std::fflush(stdout);
    if (m_writeFailed)
        return 2;
    return m_findings.isEmpty() ? 0 : 1;
}

void ScreenshotTour::capture(MainWindow &window, QWidget *widget, const QString &state)
{
    const QString name = QStringLiteral("%1-%2").arg(++m_step, 2, 10, QLatin1Char('0')).arg(state);
    for (const QSize &size : std::as_const(m_sizes)) {
        window.resize(size);
        settle();
        if (window.size() != size) // its minimum size is larger: the screen would cut it off
            m_findings << QStringLiteral("%1 %2: the window cannot be this small; it is %3")
                              .arg(sizeText(size), name, sizeText(window.size()));
        const QString file =
            QDir(m_folder).filePath(QStringLiteral("%1-%2.png").arg(sizeText(size), name));
        if (widget->grab().save(file, "PNG"))
            m_saved << file;
        else
            m_writeFailed = true;
        for (const QString &problem : layoutcheck::findLayoutProblems(widget))
            m_findings << QStringLiteral("%1 %2: %3").arg(sizeText(size), name, problem);
    }
}

// A single run, photographed live after its second epoch.
void ScreenshotTour::trainOneRun(MainWindow &window)
{
    ExperimentConfig config;
    config.limit = 2 * m_images; // by default enough for the curves to show learning
    config.epochs = 4;
    window.form()->setConfig(config);
    int epochs = 0;
    const QMetaObject::Connection counting = QObject::connect(
        window.controller(), &TrainingController::epochFinished, &window, [&epochs] { ++epochs; });
    if (window.train() == 0) {
        m_findings << QStringLiteral("the tour's single run was refused");
        return;
    }
    if (waitUntil([&] { return epochs >= 2 || !window.controller()->isBusy(); }))
        capture(window, &window, QStringLiteral("training"));
    QObject::disconnect(counting);
    if (!waitUntil([&] { return !window.controller()->isBusy(); }))
        m_findings << QStringLiteral("the tour's single run did not end in time");
}

// The lecture's normalization preset, two seeds per method, on a few built-in images.
void ScreenshotTour::runPreset(MainWindow &window)
{
    SweepDialog dialog(window.imagesPerSecond(), &window);
    if (!dialog.loadPreset(QStringLiteral("lecture-normalization"))) {
        m_findings << QStringLiteral("preset: %1").arg(dialog.error());
        return;
    }
    dialog.setRepeats(2);
    dialog.setEpochs(3);
    dialog.setLimit(m_images);
    dialog.setUseBuiltInData(true);
    dialog.show();
    capture(window, &dialog, QStringLiteral("presets-dialog"));
    const std::vector<SweepRun> runs = dialog.runs();
    dialog.close();
    if (runs.empty()) {
        m_findings << QStringLiteral("preset: %1").arg(dialog.error());
        return;
    }
    window.queueSweep(runs, dialog.spec().reference);
    if (!waitUntil([&] { return !window.controller()->isBusy(); }))
        m_findings << QStringLiteral("the tour's preset did not end in time");
    settle();
}

// The grouped comparison on every tab, then the plain run table.
void ScreenshotTour::visitTabs(MainWindow &window)
{
    QTabWidget *tabs = window.tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        capture(window, &window,
                i == 0 ? QStringLiteral("comparison-grouped")
                       : QStringLiteral("tab-") + slug(tabs->tabText(i)));
    }
    tabs->setCurrentIndex(0);
    window.setGroupRepeats(false);
    capture(window, &window, QStringLiteral("runs-table"));
}
