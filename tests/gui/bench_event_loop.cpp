// Measures the longest GUI event-loop stall while the real window trains: a 5 ms timer ticks
// on the GUI thread and the largest gap between ticks is printed. Not a pass/fail timing test;
// it fails only if the run does not finish.
//
// bench_event_loop [images] [epochs] [tab] [parallel]    (default 1000 images, 2 epochs, batch 32,
// the Training curves tab, one run in the window; e.g. "Gradient norms" watches the per-step
// series redraw live, and parallel 2 trains two runs at once in worker processes)

#include "GuiTestSupport.h"

#include "normlab/Engine.h"
#include "plots/CurvePlot.h"
#include "plots/PlotPanel.h"
#include "session/TrainingController.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

/// Ticks every 5 ms on the GUI thread and keeps the longest gap between ticks while training.
struct StallMeter
{
    QElapsedTimer clock;
    qint64 last = -1, worst = 0, ticks = 0;
    bool training = false;
    const char *lastEvent = "start"; // what the GUI handled last, to explain long stalls
    QStringList longStalls;
    QTimer ticker;

    StallMeter()
    {
        ticker.setTimerType(Qt::PreciseTimer);
        ticker.setInterval(5);
        QObject::connect(&ticker, &QTimer::timeout, [this] { tick(); });
    }
    void start()
    {
        clock.start();
        ticker.start();
    }
    void tick()
    {
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
    }
};

void showTab(QTabWidget *tabs, const QString &tab)
{
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i) == tab)
            tabs->setCurrentIndex(i);
}

/// What the runs left: their batch signals, and the exit status (0 once all finished).
struct RunOutcome
{
    int runs = 1; // submitted
    int ended = 0, finished = 0;
    int batches = 0;
    int status() const { return finished == runs ? 0 : 1; }
};

/// Counts the batch signals, tells the meter what the GUI handled and when training runs, and
/// quits the event loop once every run ended.
void watchRun(TrainingController *controller, StallMeter *meter, RunOutcome *outcome)
{
    QObject::connect(controller, &TrainingController::batchFinished, [meter, outcome] {
        ++outcome->batches;
        meter->lastEvent = "batch";
    });
    QObject::connect(controller, &TrainingController::epochFinished,
                     [meter] { meter->lastEvent = "epoch"; });
    QObject::connect(controller, &TrainingController::runStarted,
                     [meter] { meter->training = true; });
    const auto ended = [meter, outcome] {
        if (++outcome->ended < outcome->runs)
            return;
        meter->training = false;
        QCoreApplication::quit();
    };
    QObject::connect(controller, &TrainingController::runFinished,
                     [outcome, ended](int, const normlab::RunResult &r) {
                         outcome->finished += r.status == normlab::RunStatus::Finished;
                         ended();
                     });
    QObject::connect(controller, &TrainingController::runFailed, ended);
}

void printReport(const StallMeter &meter, int batches, int replots, double seconds,
                 const QStringList &errors)
{
    std::printf("event loop: longest stall %.1f ms during training (%lld ticks of 5 ms, %d batch "
                "signals, %d replots in %.1f s)\n",
                meter.worst / 1e6, meter.ticks, batches, replots, seconds);
    if (!meter.longStalls.isEmpty())
        std::printf("stalls over 25 ms: %s\n",
                    qPrintable(meter.longStalls.join(QStringLiteral(", "))));
    if (!errors.isEmpty())
        std::printf("errors: %s\n", qPrintable(errors.join('\n')));
}

} // namespace

int main(int argc, char **argv)
{
    normlab::tuneAllocator();
    QApplication app(argc, argv);
    guitest::initTestEnvironment();
    const int images = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 2;
    const QString tab = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString();
    const int parallel = argc > 4 ? std::max(1, std::atoi(argv[4])) : 1;

    QTemporaryDir dir;
    // No model testers: this is not a QtTest, and their checks would count as stalls.
    guitest::RecordingWindow w(dir.filePath("bench.normlab"), guitest::ModelChecks::Off);
    w->show();
    showTab(w->tabs(), tab);
    w->controller()->setWorkerProgram(QStringLiteral(NORMLAB_CLI_PATH));
    w->setParallelRuns(parallel);
    normlab::ExperimentConfig config = guitest::tinyConfig(epochs);
    config.limit = images;
    config.threads = 0;

    StallMeter meter;
    RunOutcome outcome;
    outcome.runs = parallel;
    watchRun(w->controller(), &meter, &outcome);

    meter.start();
    const qint64 replotsBefore = w->plots()->replotCount();
    for (int run = 0; run < parallel; ++run) {
        config.seed = 1 + run;
        w->submit(config);
    }
    const qint64 started = meter.clock.elapsed();
    app.exec();
    const double seconds = (meter.clock.elapsed() - started) / 1000.0;
    printReport(meter, outcome.batches, w->plots()->replotCount() - int(replotsBefore), seconds,
                w.errors);
    return outcome.status();
}
