// Recording inside the network: layer statistics against a direct computation on the probe batch,
// gradient norms against autograd, undisturbed training, predictions and the confusion matrix.

#include "TestData.h"

#include "normlab/Benchmark.h"
#include "training/Trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace normlab;

namespace {

class InsightObserver : public TrainingObserver
{
public:
    void runStarted(const RunInfo &i) override { info = i; }
    void layerStatsRecorded(const LayerStatsSample &s) override { stats.push_back(s); }
    void gradientNormsRecorded(const GradientNormSample &s) override { norms.push_back(s); }
    RunInfo info;
    std::vector<LayerStatsSample> stats;
    std::vector<GradientNormSample> norms;
};

// Population mean and standard deviation, in double, straight from the definition.
std::pair<double, double> moments(const torch::Tensor &t)
{
    const torch::Tensor x = t.to(torch::kDouble).flatten();
    const double mean = x.sum().item<double>() / static_cast<double>(x.numel());
    const double variance = (x - mean).pow(2).sum().item<double>() / static_cast<double>(x.numel());
    return {mean, std::sqrt(variance)};
}

// The normalization of one block written out by hand (eval mode), for the kinds tested here.
torch::Tensor normalizeByHand(const ExperimentConfig &config, ConvBlockImpl &block,
                              const torch::Tensor &x)
{
    if (config.norm == NormKind::None)
        return x;
    if (config.norm == NormKind::Batch) {
        auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(block.norm.ptr().get());
        const auto channel = [](const torch::Tensor &t) { return t.view({1, -1, 1, 1}); };
        return (x - channel(bn->running_mean)) /
                   channel((bn->running_var + bn->options.eps()).sqrt()) * channel(bn->weight) +
               channel(bn->bias);
    }
    auto *ln = dynamic_cast<LayerNorm2dImpl *>(block.norm.ptr().get());
    const torch::Tensor mean = x.mean({1, 2, 3}, true);
    const torch::Tensor var = (x - mean).pow(2).mean({1, 2, 3}, true);
    return (x - mean) / (var + 1e-5).sqrt() * ln->weight.view({1, -1, 1, 1}) +
           ln->bias.view({1, -1, 1, 1});
}

ExperimentConfig recordingConfig(NormKind norm, int statsEvery)
{
    ExperimentConfig config = fixtures::tinyConfig();
    config.norm = norm;
    config.epochs = 1;
    config.statsEvery = statsEvery;
    return config;
}

double relativeError(double a, double b)
{
    return std::abs(a - b) / std::max(1e-12, std::max(std::abs(a), std::abs(b)));
}

} // namespace

struct NormPlacement
{
    NormKind norm;
    bool afterRelu;
};

class LayerStatistics : public ::testing::TestWithParam<NormPlacement>
{
};

TEST_P(LayerStatistics, EqualADirectComputationOnTheProbeBatch)
{
    const DataSplits data = fixtures::brightDarkSplits(200, 40, 40);
    ExperimentConfig config = recordingConfig(GetParam().norm, 1);
    config.normAfterActivation = GetParam().afterRelu;
    Trainer trainer(config, data);
    InsightObserver observer;
    const RunResult result = trainer.run(&observer);
    ASSERT_EQ(result.status, RunStatus::Finished) << result.message;
    const int64_t steps = (200 + config.batchSize - 1) / config.batchSize;
    ASSERT_EQ(result.insight.layerStats.size(), static_cast<size_t>(steps + 1));
    EXPECT_EQ(result.insight.layerStats.front().step, 0);
    EXPECT_EQ(result.insight.probeSize, kProbeSize);
    EXPECT_EQ(observer.info.probeSize, kProbeSize);
    EXPECT_EQ(observer.stats.size(), result.insight.layerStats.size());

    // One epoch: the best weights are the last step's, which the last sample measured.
    const LayerStatsSample &last = result.insight.layerStats.back();
    EXPECT_EQ(last.step, steps);
    EXPECT_EQ(last.epoch, 1);
    ASSERT_EQ(last.blocks.size(), 3u);
    NormCnn &model = trainer.model();
    model->eval();
    torch::NoGradGuard noGrad;
    torch::Tensor x = trainer.prepare(data.train.images.index_select(0, probeIndices(200)));
    EXPECT_EQ(x.size(0), kProbeSize);
    for (size_t b = 0; b < 3; ++b) {
        ConvBlockImpl &block = *model->blocks[b];
        const torch::Tensor conv = torch::conv2d(x, block.conv->effectiveWeight(),
                                                 block.conv->bias_, /*stride=*/1, /*padding=*/1);
        // The tensor entering the normalization: the conv output, or its ReLU when the
        // normalization sits after the activation.
        const torch::Tensor pre = config.normAfterActivation ? torch::relu(conv) : conv;
        const torch::Tensor post = normalizeByHand(config, block, pre);
        const auto [preMean, preStd] = moments(pre);
        const auto [postMean, postStd] = moments(post);
        const LayerMoments &m = last.blocks[b];
        EXPECT_NEAR(m.preMean, preMean, 1e-4 * std::max(1.0, preStd)) << "block " << b + 1;
        EXPECT_NEAR(m.preStd, preStd, 1e-4 * preStd) << "block " << b + 1;
        EXPECT_NEAR(m.postMean, postMean, 1e-4 * std::max(1.0, postStd)) << "block " << b + 1;
        EXPECT_NEAR(m.postStd, postStd, 1e-4 * postStd) << "block " << b + 1;
        if (config.norm == NormKind::None) {
            EXPECT_EQ(m.postMean, m.preMean);
            EXPECT_EQ(m.postStd, m.preStd);
        } else {
            EXPECT_NE(m.postStd, m.preStd);
        }
        x = torch::max_pool2d(config.normAfterActivation ? post : torch::relu(post), 2);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Norms, LayerStatistics,
    ::testing::Values(NormPlacement{NormKind::None, false}, NormPlacement{NormKind::Batch, false},
                      NormPlacement{NormKind::Layer, false}, NormPlacement{NormKind::Batch, true}),
    [](const auto &info) {
        return toKey(info.param.norm) + (info.param.afterRelu ? "_after_relu" : "");
    });

class GradientNorms : public ::testing::TestWithParam<std::pair<Architecture, NormKind>>
{
};

TEST_P(GradientNorms, EqualAutogradsIncludingTheL2Penalty)
{
    const DataSplits data = fixtures::brightDarkSplits(48, 16, 16);
    ExperimentConfig config = recordingConfig(GetParam().second, 25);
    config.arch = GetParam().first;
    config.l2 = 0.05;
    config.batchSize = 48; // one step over the whole training split
    Trainer trainer(config, data);
    const RunResult result = trainer.run();
    ASSERT_EQ(result.status, RunStatus::Finished) << result.message;
    ASSERT_EQ(result.insight.gradientNorms.size(), 1u);
    const GradientNormSample &recorded = result.insight.gradientNorms.front();
    EXPECT_EQ(recorded.step, 1);

    // A second trainer builds the same initial model; differentiate its loss by autograd.
    Trainer fresh(config, data);
    NormCnn &model = fresh.model();
    model->train();
    const torch::Tensor loss = torch::nn::functional::cross_entropy(
        model->forward(fresh.prepare(data.train.images)), data.train.labels);
    std::vector<std::shared_ptr<torch::nn::Module>> layers;
    std::vector<std::vector<torch::Tensor>> penalized;
    for (auto &block : model->blocks) {
        layers.push_back(block.ptr());
        penalized.push_back(block->conv->penalized());
    }
    for (const LinearLayer &layer : {model->hidden, model->output})
        if (layer) {
            layers.push_back(layer.ptr());
            penalized.push_back(layer->penalized());
        }
    const std::vector<std::string> expectedNames =
        config.arch == Architecture::Fc
            ? std::vector<std::string>{"block1", "block2", "block3", "hidden", "output"}
            : std::vector<std::string>{"block1", "block2", "block3", "output"};
    EXPECT_EQ(result.insight.gradientLayers, expectedNames);
    ASSERT_EQ(recorded.norms.size(), layers.size());
    for (size_t l = 0; l < layers.size(); ++l) {
        const std::vector<torch::Tensor> params = layers[l]->parameters();
        const auto grads = torch::autograd::grad({loss}, params, {}, /*retain_graph=*/true,
                                                 /*create_graph=*/false, /*allow_unused=*/true);
        double squares = 0, dataSquares = 0;
        for (size_t i = 0; i < params.size(); ++i) {
            torch::Tensor g = grads[i].defined() ? grads[i].detach().to(torch::kDouble)
                                                 : torch::zeros_like(params[i], torch::kDouble);
            dataSquares += g.pow(2).sum().item<double>();
            for (const auto &w : penalized[l])
                if (w.is_same(params[i]))
                    g = g + 2.0 * config.l2 * w.detach().to(torch::kDouble);
            squares += g.pow(2).sum().item<double>();
        }
        // The penalty changes the norm far beyond the tolerance, so leaving it out would fail.
        EXPECT_GT(relativeError(std::sqrt(dataSquares), std::sqrt(squares)), 1e-3)
            << expectedNames[l];
        EXPECT_LT(relativeError(recorded.norms[l], std::sqrt(squares)), 1e-4)
            << expectedNames[l] << ": recorded " << recorded.norms[l] << ", autograd "
            << std::sqrt(squares);
    }
}

INSTANTIATE_TEST_SUITE_P(Layers, GradientNorms,
                         ::testing::Values(std::make_pair(Architecture::Fc, NormKind::Batch),
                                           std::make_pair(Architecture::Gap, NormKind::Weight)),
                         [](const auto &info) {
                             return toKey(info.param.first) + "_" + toKey(info.param.second);
                         });

TEST(InsightRecording, LeavesTrainingBitIdentical)
{
    const DataSplits data = fixtures::brightDarkSplits(96, 32, 32);
    ExperimentConfig config = fixtures::tinyConfig();
    config.norm = NormKind::Batch;
    config.augment = true; // draws from the global generator: recording must not shift it
    config.dropout = 0.3;
    config.statsEvery = 0;
    const RunResult off = runExperiment(config, data);
    config.statsEvery = 2;
    InsightObserver observer;
    const RunResult on = runExperiment(config, data, &observer);
    ASSERT_EQ(off.status, RunStatus::Finished) << off.message;
    ASSERT_EQ(on.status, RunStatus::Finished) << on.message;
    EXPECT_TRUE(off.insight.layerStats.empty());
    EXPECT_TRUE(off.insight.gradientNorms.empty());
    EXPECT_EQ(off.insight.probeSize, 0);
    EXPECT_FALSE(on.insight.layerStats.empty());
    ASSERT_EQ(on.history.size(), off.history.size());
    for (size_t e = 0; e < on.history.size(); ++e) {
        EXPECT_EQ(on.history[e].trainLoss, off.history[e].trainLoss) << "epoch " << e + 1;
        EXPECT_EQ(on.history[e].valLoss, off.history[e].valLoss) << "epoch " << e + 1;
        EXPECT_EQ(on.history[e].testAcc, off.history[e].testAcc) << "epoch " << e + 1;
    }
    // Steps 1..N, each once, with the epoch they belong to.
    const int64_t perEpoch = (96 + config.batchSize - 1) / config.batchSize;
    ASSERT_EQ(on.insight.gradientNorms.size(), static_cast<size_t>(2 * perEpoch));
    for (size_t i = 0; i < on.insight.gradientNorms.size(); ++i) {
        EXPECT_EQ(on.insight.gradientNorms[i].step, static_cast<int64_t>(i + 1));
        EXPECT_EQ(on.insight.gradientNorms[i].epoch, static_cast<int>(i / perEpoch + 1));
    }
    EXPECT_EQ(observer.norms.size(), on.insight.gradientNorms.size());
    EXPECT_EQ(on.insight.layerStats.size(),
              static_cast<size_t>(1 + 2 * perEpoch / config.statsEvery));
}

TEST(Predictions, ConfusionMatrixSumsToTheSplitAndMatchesTheBestEpochsAccuracy)
{
    const DataSplits data = fixtures::brightDarkSplits(96, 30, 34);
    ExperimentConfig config = fixtures::tinyConfig();
    config.statsEvery = 0; // predictions come regardless
    const RunResult result = runExperiment(config, data);
    ASSERT_EQ(result.status, RunStatus::Finished) << result.message;
    ASSERT_GE(result.bestEpoch, 1);
    const EpochMetrics &best = result.history[result.bestEpoch - 1];
    const std::pair<const SplitPredictions *, double> splits[] = {
        {&result.insight.validation, best.valAcc}, {&result.insight.test, result.testAcc}};
    for (const auto &[predictions, accuracy] : splits) {
        const auto counts = confusionMatrix(*predictions, 2);
        int64_t total = 0, trace = 0;
        for (int t = 0; t < 2; ++t)
            for (int p = 0; p < 2; ++p) {
                total += counts[t][p];
                trace += t == p ? counts[t][p] : 0;
            }
        const int64_t size = predictions->split == "test" ? 34 : 30;
        EXPECT_EQ(total, size) << predictions->split;
        EXPECT_DOUBLE_EQ(static_cast<double>(trace) / static_cast<double>(size), accuracy)
            << predictions->split;
        ASSERT_EQ(predictions->confidence.size(), static_cast<size_t>(size));
        for (float c : predictions->confidence) {
            EXPECT_GE(c, 0.5f); // the argmax of two classes
            EXPECT_LE(c, 1.0f);
        }
    }
    EXPECT_EQ(result.insight.validation.split, "validation");
    EXPECT_EQ(result.insight.test.split, "test");
    // Truth is the split's labels in order.
    for (int64_t i = 0; i < 34; ++i)
        EXPECT_EQ(result.insight.test.truth[i], data.test.labels[i].item<int64_t>());
}

TEST(Predictions, NoneWithoutAFinishedEpoch)
{
    const DataSplits data = fixtures::brightDarkSplits(64, 16, 16);
    std::atomic<bool> cancel{true};
    const RunResult result = runExperiment(fixtures::tinyConfig(), data, nullptr, &cancel);
    EXPECT_EQ(result.status, RunStatus::Cancelled);
    EXPECT_TRUE(result.insight.test.empty());
    EXPECT_TRUE(result.insight.validation.empty());
}

TEST(GradientHealthTest, FlagsVanishingAndExplodingNorms)
{
    EXPECT_EQ(gradientHealth(1.0), GradientHealth::Normal);
    EXPECT_EQ(gradientHealth(1e-6), GradientHealth::Normal);
    EXPECT_EQ(gradientHealth(1e3), GradientHealth::Normal);
    EXPECT_EQ(gradientHealth(9.9e-7), GradientHealth::Vanishing);
    EXPECT_EQ(gradientHealth(0.0), GradientHealth::Vanishing);
    EXPECT_EQ(gradientHealth(1.01e3), GradientHealth::Exploding);
    EXPECT_EQ(gradientHealth(std::nan("")), GradientHealth::Exploding);
}

TEST(ConfusionMatrixTest, CountsTrueByPredictedAndRejectsUnknownClasses)
{
    SplitPredictions p;
    p.split = "test";
    p.truth = {0, 0, 1, 2, 2, 2};
    p.predicted = {0, 1, 1, 2, 0, 2};
    const auto counts = confusionMatrix(p, 3);
    const std::vector<std::vector<int64_t>> expected{{1, 1, 0}, {0, 1, 0}, {1, 0, 2}};
    EXPECT_EQ(counts, expected);
    p.predicted[0] = 3;
    EXPECT_THROW(confusionMatrix(p, 3), InputError);
}

TEST(RecordingBenchmark, MeasuresThroughputWithRecordingOffAndOn)
{
    ExperimentConfig config;
    config.batchSize = 32;
    config.threads = 1;
    config.statsEvery = 0; // the benchmark compares against the default 25 then
    std::ostringstream log;
    const BenchFigures figures = runBenchmark(config, 1, 128, log);
    EXPECT_EQ(figures.recordingStatsEvery, 25);
    EXPECT_GT(figures.recordingOffImagesPerSecond, 0);
    EXPECT_GT(figures.recordingOnImagesPerSecond, 0);
    EXPECT_TRUE(std::isfinite(figures.recordingOverheadPercent));
    EXPECT_TRUE(std::isfinite(figures.recordingCpuOverheadPercent));
    EXPECT_LT(figures.recordingCpuOverheadPercent, 100.0);
    EXPECT_TRUE(std::isfinite(figures.recordingStepOverheadPercent));
    EXPECT_GT(figures.recordingStepOverheadPercent, -50.0);
    EXPECT_NE(log.str().find("bare step with recording (stats-every 25), repetition 1"),
              std::string::npos);
    EXPECT_NE(log.str().find("recording off / on (stats-every 25), pair 1"), std::string::npos)
        << log.str();
}
