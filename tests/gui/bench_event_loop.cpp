// Measures the longest GUI event-loop stall while the real window trains: a 5 ms timer ticks
// on the GUI thread and the largest gap between ticks is printed. Not a pass/fail timing test;
// it fails only if the run does not finish.
//
// bench_event_loop [images] [epochs] [tab]    (default 1000 images, 2 epochs, batch 32, the
// Training curves tab; e.g. "Gradient norms" watches the per-step series redraw live)

#include "GuiTestSupport.h"

#include "normlab/Engine.h"
#include "plots/CurvePlot.h"
#include "plots/PlotPanel.h"
#include "session/TrainingController.h"

#include <QApplication>
#include <QTabWidget>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

int main(int argc, char **argv)
{
    normlab::tuneAllocator();
    QApplication app(argc, argv);
    guitest::initTestEnvironment();
    const int images = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 2;
    const QString tab = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString();

    QTemporaryDir dir;
    guitest::RecordingWindow w(dir.filePath("bench.normlab"));
    w->show();
    for (int i = 0; i < w->tabs()->count(); ++i)
        if (w->tabs()->tabText(i) == tab)
            w->tabs()->setCurrentIndex(i);
    normlab::ExperimentConfig config = guitest::tinyConfig(epochs);
    config.limit = images;
    config.threads = 0;

    QElapsedTimer clock;
    qint64 last = -1, worst = 0, ticks = 0;
    bool training = false;
    const char *lastEvent = "start"; // what the GUI handled last, to explain long stalls
    QStringList longStalls;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (training && last >= 0) {
            worst = std::max(worst, now - last);
            if (now - last > 25'000'000)
                longStalls << QStringLiteral("%1 ms after %2")
                                  .arg((now - last) / 1e6, 0, 'f', 1)
                                  .arg(QLatin1String(lastEvent));
        }
        lastEvent = "tick";
        last = now;
        ++ticks;
    });
    int batches = 0;
    QObject::connect(w->controller(), &TrainingController::batchFinished, [&] {
        ++batches;
        lastEvent = "batch";
    });
    QObject::connect(w->controller(), &TrainingController::epochFinished,
                     [&] { lastEvent = "epoch"; });
    QObject::connect(w->controller(), &TrainingController::runStarted, [&] { training = true; });
    int status = 1;
    QObject::connect(w->controller(), &TrainingController::runFinished,
                     [&](int, const normlab::RunResult &r) {
                         training = false;
                         status = r.status == normlab::RunStatus::Finished ? 0 : 1;
                         app.quit();
                     });
    QObject::connect(w->controller(), &TrainingController::runFailed, [&] { app.quit(); });

    clock.start();
    ticker.start();
    const qint64 replotsBefore = w->plots()->replotCount();
    w->submit(config);
    const qint64 started = clock.elapsed();
    app.exec();
    const double seconds = (clock.elapsed() - started) / 1000.0;
    std::printf("event loop: longest stall %.1f ms during training (%lld ticks of 5 ms, %d batch "
                "signals, %d replots in %.1f s)\n",
                worst / 1e6, ticks, batches, w->plots()->replotCount() - int(replotsBefore),
                seconds);
    if (!longStalls.isEmpty())
        std::printf("stalls over 25 ms: %s\n", qPrintable(longStalls.join(QStringLiteral(", "))));
    if (!w.errors.isEmpty())
        std::printf("errors: %s\n", qPrintable(w.errors.join('\n')));
    return status;
}
