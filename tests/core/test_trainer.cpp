// The training loop: learning, determinism, cancellation, divergence, results, observers.

#include "TestData.h"

#include "training/Trainer.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace normlab;

namespace {

class Recorder : public TrainingObserver
{
public:
    void runStarted(const RunInfo &i) override { info = i; }
    void batchFinished(const BatchProgress &p) override
    {
        batches.push_back(p);
        if (cancelAtStep > 0 && p.step == cancelAtStep && cancel)
            cancel->store(true);
    }
    void epochFinished(const EpochMetrics &m) override { epochs.push_back(m); }
    void message(const std::string &text) override { messages.push_back(text); }

    RunInfo info;
    std::vector<BatchProgress> batches;
    std::vector<EpochMetrics> epochs;
    std::vector<std::string> messages;
    int64_t cancelAtStep = 0;
    std::atomic<bool> *cancel = nullptr;
};

bool sameHistory(const RunResult &a, const RunResult &b)
{
    if (a.history.size() != b.history.size())
        return false;
    for (size_t i = 0; i < a.history.size(); ++i) {
        const EpochMetrics &x = a.history[i], &y = b.history[i];
        if (x.trainLoss != y.trainLoss || x.valLoss != y.valLoss || x.testLoss != y.testLoss ||
            x.trainAcc != y.trainAcc || x.valAcc != y.valAcc || x.testAcc != y.testAcc)
            return false;
    }
    return true;
}

} // namespace

TEST(Trainer, LearnsAnEasyTask)
{
    const DataSplits data = fixtures::brightDarkSplits(128, 64, 64);
    const RunResult result = runExperiment(fixtures::tinyConfig(), data);
    ASSERT_EQ(result.status, RunStatus::Finished) << result.message;
    EXPECT_EQ(result.epochsRun, 2);
    EXPECT_GT(result.history.back().valAcc, 0.9);
    EXPECT_LT(result.history.back().trainLoss, result.history.front().trainLoss + 1e-9);
}

TEST(Trainer, SameConfigAndSeedGiveTheSameHistory)
{
    const DataSplits data = fixtures::brightDarkSplits(96, 32, 32);
    ExperimentConfig config = fixtures::tinyConfig();
    config.norm = NormKind::Batch;
    config.augment = true;
    config.dropout = 0.3;
    const RunResult a = runExperiment(config, data);
    const RunResult b = runExperiment(config, data);
    EXPECT_TRUE(sameHistory(a, b));
    config.seed = 2;
    const RunResult c = runExperiment(config, data);
    EXPECT_FALSE(sameHistory(a, c));
}

TEST(Trainer, ResultSummarizesTheHistoryWithoutPeekingAtTest)
{
    const DataSplits data = fixtures::brightDarkSplits(96, 32, 32);
    ExperimentConfig config = fixtures::tinyConfig();
    config.epochs = 4;
    const RunResult r = runExperiment(config, data);
    ASSERT_EQ(r.history.size(), 4u);
    double minVal = INFINITY, maxValAcc = 0, minTest = INFINITY, maxTestAcc = 0;
    int bestEpoch = 0;
    for (const auto &m : r.history) {
        if (m.valLoss < minVal) {
            minVal = m.valLoss;
            bestEpoch = m.epoch;
        }
        maxValAcc = std::max(maxValAcc, m.valAcc);
        minTest = std::min(minTest, m.testLoss);
        maxTestAcc = std::max(maxTestAcc, m.testAcc);
    }
    EXPECT_EQ(r.bestEpoch, bestEpoch);
    EXPECT_DOUBLE_EQ(r.bestValLoss, minVal);
    EXPECT_DOUBLE_EQ(r.bestValAcc, maxValAcc);
    EXPECT_DOUBLE_EQ(r.testLoss, r.history[bestEpoch - 1].testLoss);
    EXPECT_DOUBLE_EQ(r.testAcc, r.history[bestEpoch - 1].testAcc);
    EXPECT_DOUBLE_EQ(r.bestTestLoss, minTest);
    EXPECT_DOUBLE_EQ(r.bestTestAcc, maxTestAcc);
    EXPECT_GT(r.parameters, 0);
    EXPECT_GT(r.seconds, 0.0);
}

TEST(Trainer, ObserverSeesEveryBatchAndEpoch)
{
    const DataSplits data = fixtures::brightDarkSplits(100, 20, 20);
    ExperimentConfig config = fixtures::tinyConfig();
    config.batchSize = 32; // 100 images: 4 batches, the last one partial
    Recorder recorder;
    const RunResult r = runExperiment(config, data, &recorder);
    EXPECT_EQ(recorder.info.batchesPerEpoch, 4);
    EXPECT_EQ(recorder.info.trainSize, 100);
    EXPECT_EQ(recorder.info.classNames, data.classNames);
    ASSERT_EQ(recorder.batches.size(), 8u);
    EXPECT_EQ(recorder.batches.back().step, 8);
    EXPECT_EQ(recorder.batches[3].batch, 4);
    ASSERT_EQ(recorder.epochs.size(), 2u);
    EXPECT_DOUBLE_EQ(recorder.epochs[1].valLoss, r.history[1].valLoss);
}

TEST(Trainer, CancellationKeepsTheFinishedEpochs)
{
    const DataSplits data = fixtures::brightDarkSplits(64, 16, 16);
    ExperimentConfig config = fixtures::tinyConfig();
    config.epochs = 5;
    std::atomic<bool> cancel{false};
    Recorder recorder;
    recorder.cancel = &cancel;
    recorder.cancelAtStep = 6; // 4 batches per epoch: during epoch 2
    const RunResult r = runExperiment(config, data, &recorder, &cancel);
    EXPECT_EQ(r.status, RunStatus::Cancelled);
    ASSERT_EQ(r.history.size(), 1u);
    EXPECT_EQ(recorder.batches.size(), 6u); // stopped at the next batch boundary
    EXPECT_EQ(r.bestEpoch, 1);
}

TEST(Trainer, DivergenceIsAResultNotACrash)
{
    const DataSplits data = fixtures::brightDarkSplits(64, 16, 16);
    ExperimentConfig config = fixtures::tinyConfig();
    config.optimizer = OptimizerKind::Sgd;
    config.lr = 1e30;
    config.epochs = 3;
    Recorder recorder;
    const RunResult r = runExperiment(config, data, &recorder);
    EXPECT_EQ(r.status, RunStatus::Diverged);
    EXPECT_NE(r.message.find("learning rate"), std::string::npos) << r.message;
    EXPECT_FALSE(recorder.messages.empty());
}

TEST(Trainer, InvalidSettingsFailWithAMessage)
{
    const DataSplits data = fixtures::brightDarkSplits(32, 8, 8);
    ExperimentConfig config = fixtures::tinyConfig();
    config.dropout = 1.5;
    const RunResult r = runExperiment(config, data);
    EXPECT_EQ(r.status, RunStatus::Failed);
    EXPECT_NE(r.message.find("dropout 1.5"), std::string::npos) << r.message;
    EXPECT_TRUE(r.history.empty());
}

TEST(Trainer, HonoursThreadsAndOptimizer)
{
    const DataSplits data = fixtures::brightDarkSplits(32, 8, 8);
    ExperimentConfig config = fixtures::tinyConfig();
    config.threads = 1;
    Trainer one(config, data);
    EXPECT_EQ(at::get_num_threads(), 1);
    config.threads = 2;
    Trainer two(config, data);
    EXPECT_EQ(at::get_num_threads(), 2);

    config.optimizer = OptimizerKind::Sgd;
    config.nesterov = true;
    config.epochs = 1;
    const RunResult sgd = runExperiment(config, data);
    EXPECT_EQ(sgd.status, RunStatus::Finished) << sgd.message;
    config.optimizer = OptimizerKind::Adam;
    config.nesterov = false;
    const RunResult adam = runExperiment(config, data);
    EXPECT_NE(sgd.history[0].trainLoss, adam.history[0].trainLoss);
}

TEST(Trainer, EveryMethodTrainsOnBothArchitectures)
{
    const DataSplits data = fixtures::brightDarkSplits(32, 8, 8);
    for (Architecture arch : {Architecture::Gap, Architecture::Fc}) {
        for (NormKind norm : {NormKind::None, NormKind::Batch, NormKind::Layer, NormKind::Instance,
                              NormKind::Group, NormKind::Weight}) {
            ExperimentConfig config = fixtures::tinyConfig();
            config.epochs = 1;
            config.arch = arch;
            config.norm = norm;
            config.groups = 4;
            config.l1 = 1e-5;
            config.l2 = 1e-4;
            config.dropout = 0.2;
            config.dropconnect = 0.2;
            config.augment = true;
            const RunResult r = runExperiment(config, data);
            EXPECT_EQ(r.status, RunStatus::Finished)
                << toKey(arch) << "/" << toKey(norm) << ": " << r.message;
            EXPECT_TRUE(std::isfinite(r.bestValLoss));
        }
    }
}
