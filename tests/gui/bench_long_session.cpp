// Memory over a long session: the real window (offscreen) trains many tiny queued runs, and the
// process's resident memory (VmRSS) is printed after the warm-up runs, every tenth of the session
// and at the end, with the growth since the warm-up. Not a pass/fail test of memory; it fails
// only if a run does not finish or the window reports an error. The bar: growth < 10%.
//
// bench_long_session [runs] [warm-up runs]    (default 50 runs, warm-up 10; 300 built-in images,
// 1 epoch, batch 32 each, the four normalizations in turn, a new seed each)

#include "GuiTestSupport.h"

#include "normlab/Engine.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace {

/// This process's resident memory in KiB (VmRSS in /proc/self/status); 0 where there is none.
long residentKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return 0;
}

double mib(long kib)
{
    return kib / 1024.0;
}

/// The `index`-th queued run: the four normalizations in turn, each with its own seed, so every
/// run builds a different model as a real session does.
normlab::ExperimentConfig queuedRun(int index)
{
    static const normlab::NormKind kNorms[] = {normlab::NormKind::None, normlab::NormKind::Batch,
                                               normlab::NormKind::Group, normlab::NormKind::Layer};
    normlab::ExperimentConfig config = guitest::tinyConfig(1);
    config.limit = 300;
    config.threads = 1;
    config.norm = kNorms[index % 4];
    config.seed = uint64_t(1 + index / 4);
    return config;
}

/// Samples the memory as runs end: after the warm-up, every `step` runs, and after the last.
struct MemoryLog
{
    int warmup = 10, step = 5, total = 50, ended = 0, failed = 0;
    long warmKib = 0, lastKib = 0;

    void runEnded(bool ok)
    {
        ++ended;
        failed += ok ? 0 : 1;
        lastKib = residentKib();
        if (ended == warmup)
            warmKib = lastKib;
        if (ended == warmup || ended % step == 0 || ended == total)
            std::printf("  after run %-4d RSS %8.1f MiB\n", ended, mib(lastKib));
        std::fflush(stdout);
    }
};

} // namespace

int main(int argc, char **argv)
{
    normlab::tuneAllocator();
    QApplication app(argc, argv);
    guitest::initTestEnvironment();
    MemoryLog log;
    log.total = argc > 1 ? std::max(2, std::atoi(argv[1])) : 50;
    log.warmup = argc > 2 ? std::clamp(std::atoi(argv[2]), 1, log.total - 1) : 10;
    log.step = std::max(1, log.total / 10);

    QTemporaryDir dir;
    // No model testers: this is not a QtTest (and they would keep their own copies).
    guitest::RecordingWindow w(dir.filePath("long.normlab"), guitest::ModelChecks::Off);
    w->show();
    QObject::connect(w.window.get(), &MainWindow::runEnded,
                     [&log](int, const QString &, bool ok) { log.runEnded(ok); });
    QObject::connect(w.window.get(), &MainWindow::idle, &app, &QCoreApplication::quit);

    QElapsedTimer clock;
    clock.start();
    std::printf("window: %d queued tiny runs (built-in data, 300 images, 1 epoch); RSS before "
                "the first %.1f MiB\n",
                log.total, mib(residentKib()));
    for (int i = 0; i < log.total; ++i)
        w->submit(queuedRun(i));
    app.exec();

    const double growth = log.warmKib > 0 ? 100.0 * (log.lastKib - log.warmKib) / log.warmKib : 0;
    std::printf("window: %d runs in %.0f s, RSS after run %d %.1f MiB, after run %d %.1f MiB, "
                "growth %.1f%% (the issue asks for < 10%%)\n",
                log.ended, clock.elapsed() / 1000.0, log.warmup, mib(log.warmKib), log.ended,
                mib(log.lastKib), growth);
    if (!w.errors.isEmpty())
        std::printf("errors: %s\n", qPrintable(w.errors.join(QLatin1Char('\n'))));
    return log.ended == log.total && log.failed == 0 && w.errors.isEmpty() ? 0 : 1;
}
