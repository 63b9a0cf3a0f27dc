// The coordinator with many workers: simulated workers (the real worker loop, store and
// publishing; no training) on threads of this process, on 127.0.0.1. A quick test that 16 of
// them complete every run exactly once, and the benchmark scripts/bench-coordinator.sh runs
// (DISABLED_ here: it prints figures, it asserts no times).

#include "distributed/SweepStore.h"

#include "normlab/Distributed.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sys/resource.h>
#include <thread>
#include <vector>

using namespace normlab;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kEpochs = 2;
constexpr int kBatchesPerEpoch = 20;

// What a tiny run reports, at once: its start, per epoch 20 batches with their gradient norms
// (one chunk: they come faster than 0.2 s) and the epoch, then the result.
RunResult simulatedRun(const SweepRun &run, TrainingObserver &observer, const std::atomic<bool> *)
{
    RunInfo info;
    info.name = runName(run.config);
    info.epochs = kEpochs;
    info.batchesPerEpoch = kBatchesPerEpoch;
    info.gradientLayers = {"block1", "block2", "block3", "output"};
    observer.runStarted(info);
    RunResult result;
    result.name = info.name;
    result.config = run.config;
    int64_t step = 0;
    for (int epoch = 1; epoch <= kEpochs; ++epoch) {
        for (int batch = 1; batch <= kBatchesPerEpoch; ++batch) {
            ++step;
            observer.batchFinished({epoch, batch, kBatchesPerEpoch, step, 2.3 / step, 4000});
            observer.gradientNormsRecorded({step, epoch, {0.1, 0.2, 0.3, 0.4}});
        }
        EpochMetrics metrics;
        metrics.epoch = epoch;
        metrics.valLoss = 2.0 / epoch + run.index * 1e-3;
        result.history.push_back(metrics);
        observer.epochFinished(metrics);
    }
    summarizeHistory(result);
    return result;
}

// Counts what reaches the coordinator's observer: runs handed out and finished, and progress
// messages (run starts, series chunks, epochs, results).
class Counter : public DistributedSweepObserver
{
public:
    void listening(const HostPort &address, const std::string &) override { port = address.port; }
    void runStarted(const SweepRun &, int, int) override { ++handedOut; }
    void runInfo(const SweepRun &, const RunInfo &) override { ++messages; }
    void runBatchesFinished(const SweepRun &, const std::vector<BatchProgress> &) override
    {
        ++messages;
    }
    void runGradientNorms(const SweepRun &, const std::vector<GradientNormSample> &) override {}
    void runEpochFinished(const SweepRun &, const EpochMetrics &) override { ++messages; }
    void runFinished(const SweepRun &, const RunResult &result) override
    {
        ++messages;
        finished += result.status == RunStatus::Finished ? 1 : 0;
    }

    std::atomic<int> port{-1};
    int handedOut = 0, messages = 0, finished = 0;
};

struct SweepFigures
{
    std::vector<RunResult> results;
    Counter counter;
    double seconds = 0, coordinatorCpuSeconds = 0;
    std::vector<int> trainedPerWorker;
};

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + now.tv_nsec * 1e-9;
}

void runSimulatedSweep(int workers, int runs, SweepFigures &figures)
{
    std::vector<SweepRun> queue(runs);
    for (int i = 0; i < runs; ++i) {
        queue[i].index = i;
        queue[i].config.seed = i;
    }
    CoordinatorSettings settings;
    settings.token = "coordinator-bench-0123456789";
    const auto started = Clock::now();
    std::thread coordinator([&] {
        const double cpu = threadCpuSeconds();
        figures.results = runDistributedSweep(queue, settings, &figures.counter);
        figures.coordinatorCpuSeconds = threadCpuSeconds() - cpu;
    });
    while (figures.counter.port < 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    figures.trainedPerWorker.assign(workers, 0);
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w)
        threads.emplace_back([&, w] {
            WorkerSettings worker;
            worker.coordinator = {"127.0.0.1", figures.counter.port};
            worker.token = settings.token;
            worker.simulatedTraining = simulatedRun;
            figures.trainedPerWorker[w] = runWorker(worker);
        });
    for (auto &thread : threads)
        thread.join();
    coordinator.join();
    figures.seconds = std::chrono::duration<double>(Clock::now() - started).count();
}

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

// Microseconds of one store operation (a `check`, as most of the coordinator's polling), from
// a client to the store's server thread and back over loopback.
double storeRoundTripMicroseconds()
{
    auto server = distributed::SweepStore::host("127.0.0.1", 0, "round-trip-bench");
    auto client = distributed::SweepStore::connect("127.0.0.1", server.port(), "round-trip-bench",
                                                   std::chrono::seconds(5));
    constexpr int kOperations = 20000;
    const auto started = Clock::now();
    for (int i = 0; i < kOperations; ++i)
        client.has("news");
    return std::chrono::duration<double, std::micro>(Clock::now() - started).count() / kOperations;
}

int environmentNumber(const char *name, int fallback)
{
    const char *text = std::getenv(name);
    return text && std::atoi(text) > 0 ? std::atoi(text) : fallback;
}

} // namespace

TEST(DistributedCoordinator, SixteenWorkersCompleteEveryRunOnce)
{
    SweepFigures figures;
    runSimulatedSweep(16, 64, figures);
    ASSERT_EQ(figures.results.size(), 64u);
    for (size_t i = 0; i < figures.results.size(); ++i) // in queue order, each its own
        EXPECT_EQ(figures.results[i].history.at(0).valLoss, 2.0 + i * 1e-3) << i;
    EXPECT_EQ(figures.counter.finished, 64);
    EXPECT_EQ(figures.counter.handedOut, 64);
    // Per run: its start, a chunk and an epoch per epoch, the result.
    EXPECT_EQ(figures.counter.messages, 64 * (2 + 2 * kEpochs));
    int trained = 0;
    for (const int count : figures.trainedPerWorker)
        trained += count;
    EXPECT_EQ(trained, 64);
}

// scripts/bench-coordinator.sh --simulated: NORMLAB_BENCH_WORKERS (32) simulated workers,
// NORMLAB_BENCH_RUNS (2000) runs handed out as fast as the workers take them.
TEST(DistributedCoordinator, DISABLED_Throughput)
{
    const int workers = environmentNumber("NORMLAB_BENCH_WORKERS", 32);
    const int runs = environmentNumber("NORMLAB_BENCH_RUNS", 2000);
    SweepFigures figures;
    const double cpu = processCpuSeconds();
    runSimulatedSweep(workers, runs, figures);
    const double processCpu = processCpuSeconds() - cpu;
    ASSERT_EQ(figures.counter.finished, runs);
    const double seconds = figures.seconds;
    std::cout << workers << " simulated workers, " << runs << " runs of " << kEpochs << " epochs x "
              << kBatchesPerEpoch << " batches, " << std::thread::hardware_concurrency()
              << " cores\n"
              << "  wall time              " << seconds << " s\n"
              << "  runs handed out        " << runs / seconds << " per second\n"
              << "  progress messages      " << figures.counter.messages / seconds
              << " per second (" << figures.counter.messages << ")\n"
              << "  coordinator thread CPU " << figures.coordinatorCpuSeconds << " s ("
              << 100 * figures.coordinatorCpuSeconds / seconds << " % of one core)\n"
              << "  whole process CPU      " << processCpu << " s (workers, store, coordinator)\n"
              << "  one store operation    " << storeRoundTripMicroseconds()
              << " us round trip (a lone client, loopback)\n";
}
