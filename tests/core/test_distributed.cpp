// Runs in a worker deliver what a TrainingObserver sees in-process: the run's start, its batch
// losses, layer statistics and gradient norms, bit for bit, through the coordinator's observer.
// Coordinator and worker run on threads of this process and talk over 127.0.0.1.

#include "distributed/SeriesJson.h"

#include "normlab/Distributed.h"
#include "normlab/Engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <thread>
#include <vector>

using namespace normlab;

namespace {

// Every series of a run, as TrainingObserver reports them (in-process) or as the coordinator's
// observer does (from a worker).
struct Series
{
    RunInfo info;
    std::vector<BatchProgress> batches;
    std::vector<LayerStatsSample> layerStats;
    std::vector<GradientNormSample> gradientNorms;
    std::vector<EpochMetrics> epochs;
};

class InProcessRecorder : public TrainingObserver
{
public:
    void runStarted(const RunInfo &info) override { series.info = info; }
    void batchFinished(const BatchProgress &p) override { series.batches.push_back(p); }
    void epochFinished(const EpochMetrics &m) override { series.epochs.push_back(m); }
    void layerStatsRecorded(const LayerStatsSample &s) override { series.layerStats.push_back(s); }
    void gradientNormsRecorded(const GradientNormSample &s) override
    {
        series.gradientNorms.push_back(s);
    }
    Series series;
};

class WorkerRecorder : public DistributedSweepObserver
{
public:
    void listening(const HostPort &address, const std::string &) override { port = address.port; }
    void runInfo(const SweepRun &run, const RunInfo &info) override { runs[run.index].info = info; }
    void runBatchesFinished(const SweepRun &run, const std::vector<BatchProgress> &b) override
    {
        append(runs[run.index].batches, b);
    }
    void runLayerStats(const SweepRun &run, const std::vector<LayerStatsSample> &s) override
    {
        append(runs[run.index].layerStats, s);
    }
    void runGradientNorms(const SweepRun &run, const std::vector<GradientNormSample> &s) override
    {
        append(runs[run.index].gradientNorms, s);
    }
    void runEpochFinished(const SweepRun &run, const EpochMetrics &m) override
    {
        auto &series = runs[run.index];
        // Every batch of an epoch arrives before the epoch, as in-process.
        EXPECT_EQ(static_cast<int>(series.batches.size()), m.epoch * series.info.batchesPerEpoch);
        series.epochs.push_back(m);
    }

    std::atomic<int> port{-1};
    std::map<int, Series> runs;

private:
    template <typename T> static void append(std::vector<T> &to, const std::vector<T> &from)
    {
        to.insert(to.end(), from.begin(), from.end());
    }
};

void expectSameSeries(const Series &worker, const Series &inProcess)
{
    EXPECT_EQ(worker.info.name, inProcess.info.name);
    EXPECT_EQ(worker.info.trainSize, inProcess.info.trainSize);
    EXPECT_EQ(worker.info.batchesPerEpoch, inProcess.info.batchesPerEpoch);
    EXPECT_EQ(worker.info.parameters, inProcess.info.parameters);
    EXPECT_EQ(worker.info.classNames, inProcess.info.classNames);
    EXPECT_EQ(worker.info.blockNames, inProcess.info.blockNames);
    EXPECT_EQ(worker.info.gradientLayers, inProcess.info.gradientLayers);
    EXPECT_EQ(worker.info.probeSize, inProcess.info.probeSize);
    ASSERT_EQ(worker.batches.size(), inProcess.batches.size());
    for (size_t i = 0; i < worker.batches.size(); ++i) {
        const BatchProgress &a = worker.batches[i], &b = inProcess.batches[i];
        EXPECT_EQ(a.epoch, b.epoch);
        EXPECT_EQ(a.batch, b.batch);
        EXPECT_EQ(a.batchesPerEpoch, b.batchesPerEpoch);
        EXPECT_EQ(a.step, b.step);
        EXPECT_EQ(a.loss, b.loss) << "batch " << i; // exactly: same threads, same machine
    }
    ASSERT_EQ(worker.layerStats.size(), inProcess.layerStats.size());
    for (size_t i = 0; i < worker.layerStats.size(); ++i) {
        const LayerStatsSample &a = worker.layerStats[i], &b = inProcess.layerStats[i];
        EXPECT_EQ(a.step, b.step);
        EXPECT_EQ(a.epoch, b.epoch);
        ASSERT_EQ(a.blocks.size(), b.blocks.size());
        for (size_t k = 0; k < a.blocks.size(); ++k) {
            EXPECT_EQ(a.blocks[k].preMean, b.blocks[k].preMean);
            EXPECT_EQ(a.blocks[k].preStd, b.blocks[k].preStd);
            EXPECT_EQ(a.blocks[k].postMean, b.blocks[k].postMean);
            EXPECT_EQ(a.blocks[k].postStd, b.blocks[k].postStd);
        }
    }
    ASSERT_EQ(worker.gradientNorms.size(), inProcess.gradientNorms.size());
    for (size_t i = 0; i < worker.gradientNorms.size(); ++i) {
        EXPECT_EQ(worker.gradientNorms[i].step, inProcess.gradientNorms[i].step);
        EXPECT_EQ(worker.gradientNorms[i].norms, inProcess.gradientNorms[i].norms);
    }
    ASSERT_EQ(worker.epochs.size(), inProcess.epochs.size());
    for (size_t i = 0; i < worker.epochs.size(); ++i)
        EXPECT_EQ(worker.epochs[i].valLoss, inProcess.epochs[i].valLoss);
}

} // namespace

TEST(DistributedSeries, ChunksRoundTripExactly)
{
    distributed::SeriesChunk chunk;
    chunk.batches.push_back({2, 7, 10, 17, 0.1 + 0.2, std::numeric_limits<double>::infinity()});
    chunk.batches.push_back({2, 8, 10, 18, std::nan(""), 5e-324}); // NaN, smallest denormal
    chunk.layerStats.push_back({25, 3, {{1.0 / 3, 2e-300, -0.0, 7.25}}});
    chunk.gradientNorms.push_back({18, 2, {1e300, 1.0 / 7}});
    const auto back = distributed::seriesFromJson(distributed::seriesToJson(chunk));
    ASSERT_EQ(back.batches.size(), 2u);
    EXPECT_EQ(back.batches[0].loss, 0.1 + 0.2);
    EXPECT_EQ(back.batches[0].step, 17);
    EXPECT_TRUE(std::isinf(back.batches[0].imagesPerSecond));
    EXPECT_TRUE(std::isnan(back.batches[1].loss));
    EXPECT_EQ(back.batches[1].imagesPerSecond, 5e-324);
    ASSERT_EQ(back.layerStats.size(), 1u);
    EXPECT_EQ(back.layerStats[0].blocks[0].preMean, 1.0 / 3);
    EXPECT_EQ(back.layerStats[0].blocks[0].preStd, 2e-300);
    EXPECT_TRUE(std::signbit(back.layerStats[0].blocks[0].postMean));
    ASSERT_EQ(back.gradientNorms.size(), 1u);
    EXPECT_EQ(back.gradientNorms[0].norms, (std::vector<double>{1e300, 1.0 / 7}));
    EXPECT_THROW(distributed::seriesFromJson("[1, 2]"), InputError);
}

TEST(DistributedSeries, AWorkerDeliversTheSameSeriesAsTheRunInProcess)
{
    ExperimentConfig config;
    config.limit = 300;
    config.epochs = 2;
    config.threads = 1;
    config.statsEvery = 2; // layer statistics several times an epoch, gradient norms every step
    config.norm = NormKind::Batch;
    std::vector<SweepRun> runs(2);
    for (int i = 0; i < 2; ++i) {
        runs[i].index = i;
        runs[i].config = config;
        runs[i].config.seed = 1 + i;
    }

    WorkerRecorder recorder;
    CoordinatorSettings settings;
    settings.token = "series-test-token-0123";
    std::vector<RunResult> results;
    std::thread coordinator([&] { results = runDistributedSweep(runs, settings, &recorder); });
    for (int i = 0; i < 500 && recorder.port < 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_GT(recorder.port, 0);
    WorkerSettings worker;
    worker.coordinator = {"127.0.0.1", recorder.port};
    worker.token = settings.token;
    EXPECT_EQ(runWorker(worker), 2);
    coordinator.join();
    ASSERT_EQ(results.size(), 2u);

    const auto data = loadData(config);
    for (const SweepRun &run : runs) {
        InProcessRecorder inProcess;
        const RunResult alone = runExperiment(run.config, *data, &inProcess);
        ASSERT_EQ(alone.status, RunStatus::Finished) << alone.message;
        EXPECT_EQ(results[run.index].testLoss, alone.testLoss);
        ASSERT_GT(inProcess.series.layerStats.size(), 2u); // the test exercises what it says
        ASSERT_GT(inProcess.series.gradientNorms.size(), 2u);
        SCOPED_TRACE("run " + std::to_string(run.index));
        expectSameSeries(recorder.runs[run.index], inProcess.series);
    }
}
