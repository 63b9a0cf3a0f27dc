// Each normalization layer normalizes over exactly the axes of its definition.

#include "model/Layers.h"
#include "model/Model.h"

#include <gtest/gtest.h>

using namespace normlab;

namespace {

// Non-trivial statistics per sample and channel, so a wrong axis shows up.
torch::Tensor skewedInput(int64_t n = 6, int64_t c = 8, int64_t hw = 5)
{
    torch::manual_seed(3);
    const torch::Tensor shift = torch::arange(n * c, torch::kFloat).view({n, c, 1, 1});
    const torch::Tensor scale = torch::linspace(0.5, 3.0, c).view({1, c, 1, 1});
    return torch::randn({n, c, hw, hw}) * scale + shift;
}

torch::nn::AnyModule normFor(NormKind kind, int64_t channels, int groups = 8)
{
    ExperimentConfig config;
    config.norm = kind;
    config.groups = groups;
    return makeNormalization(config, channels);
}

void expectStandardized(const torch::Tensor &y, torch::IntArrayRef dims)
{
    const torch::Tensor mean = y.mean(dims);
    const torch::Tensor var = y.var(dims, /*unbiased=*/false);
    EXPECT_LT(mean.abs().max().item<double>(), 1e-4);
    EXPECT_LT((var - 1).abs().max().item<double>(), 1e-3);
}

} // namespace

TEST(Normalization, BatchNormStandardizesEachChannelOverBatchAndSpace)
{
    auto bn = normFor(NormKind::Batch, 8);
    bn.ptr()->train();
    const torch::Tensor y = bn.forward(skewedInput());
    expectStandardized(y, {0, 2, 3});
    // Per sample the statistics are not standardized: the axes are (N, H, W), not (C, H, W).
    EXPECT_GT(y.mean({1, 2, 3}).abs().max().item<double>(), 0.1);
}

TEST(Normalization, BatchNormEvaluationUsesRunningStatistics)
{
    auto bn = normFor(NormKind::Batch, 8);
    const torch::Tensor x = skewedInput();
    bn.ptr()->train();
    bn.forward(x);
    // After one step from (0, 1) with momentum 0.1 the running statistics are:
    const torch::Tensor runningMean = 0.1 * x.mean({0, 2, 3});
    const torch::Tensor runningVar = 0.9 + 0.1 * x.var({0, 2, 3}, /*unbiased=*/true);
    bn.ptr()->eval();
    const torch::Tensor y = bn.forward(x);
    const torch::Tensor expected =
        (x - runningMean.view({1, -1, 1, 1})) / (runningVar.view({1, -1, 1, 1}) + 1e-5).sqrt();
    EXPECT_TRUE(torch::allclose(y, expected, 1e-4, 1e-4));
    // And evaluation does not depend on the other images of the batch.
    EXPECT_TRUE(torch::allclose(bn.forward(x.slice(0, 0, 1)), y.slice(0, 0, 1), 1e-5, 1e-5));
}

TEST(Normalization, LayerNormStandardizesEachSampleOverChannelsAndSpace)
{
    auto ln = normFor(NormKind::Layer, 8);
    const torch::Tensor y = ln.forward(skewedInput());
    expectStandardized(y, {1, 2, 3});
    EXPECT_GT(y.mean({2, 3}).abs().max().item<double>(), 0.1); // not per channel
}

TEST(Normalization, InstanceNormStandardizesEachSampleAndChannelOverSpace)
{
    auto in = normFor(NormKind::Instance, 8);
    in.ptr()->train();
    const torch::Tensor x = skewedInput();
    const torch::Tensor y = in.forward(x);
    expectStandardized(y, {2, 3});
    // No running statistics: evaluation gives the same per-image normalization.
    in.ptr()->eval();
    EXPECT_TRUE(torch::allclose(in.forward(x), y, 1e-5, 1e-5));
}

TEST(Normalization, GroupNormStandardizesEachGroupOfChannels)
{
    auto gn = normFor(NormKind::Group, 8, 4);
    const torch::Tensor y = gn.forward(skewedInput());
    const torch::Tensor grouped = y.view({6, 4, 2, 5, 5});
    expectStandardized(grouped, {2, 3, 4});
    // Two channels share statistics, so single channels are not standardized.
    EXPECT_GT(y.mean({2, 3}).abs().max().item<double>(), 0.1);
}

TEST(Normalization, GroupNormSpansInstanceNormAndLayerNorm)
{
    const torch::Tensor x = skewedInput();
    auto perChannel = normFor(NormKind::Group, 8, 8);
    auto instance = normFor(NormKind::Instance, 8);
    EXPECT_TRUE(torch::allclose(perChannel.forward(x), instance.forward(x), 1e-4, 1e-4));
    auto single = normFor(NormKind::Group, 8, 1);
    auto layer = normFor(NormKind::Layer, 8);
    EXPECT_TRUE(torch::allclose(single.forward(x), layer.forward(x), 1e-4, 1e-4));
}

TEST(Normalization, GroupsThatDoNotDivideTheChannelsAreRejected)
{
    ExperimentConfig config;
    config.norm = NormKind::Group;
    config.groups = 5;
    EXPECT_THROW(makeNormalization(config, 16), std::runtime_error);
    const auto errors = validate(config);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find("groups 5"), std::string::npos);
    EXPECT_NE(errors[0].find("16"), std::string::npos);
}

TEST(Normalization, MeanOnlyBatchNormCentresWithoutScaling)
{
    MeanOnlyBatchNorm norm(8);
    norm->train();
    const torch::Tensor x = skewedInput();
    const torch::Tensor y = norm->forward(x);
    EXPECT_LT(y.mean({0, 2, 3}).abs().max().item<double>(), 1e-4);
    EXPECT_TRUE(torch::allclose(y.var({0, 2, 3}), x.var({0, 2, 3}), 1e-4, 1e-4));
    EXPECT_TRUE(torch::allclose(norm->runningMean, 0.1 * x.mean({0, 2, 3}), 1e-5, 1e-5));
}

TEST(Normalization, BlockAppliesNormBeforeOrAfterReluAsConfigured)
{
    ExperimentConfig config;
    config.norm = NormKind::Layer;
    const torch::Tensor x = torch::randn({2, 3, 8, 8});
    for (bool after : {false, true}) {
        config.normAfterActivation = after;
        torch::manual_seed(1);
        ConvBlock block(config, 3, 16);
        const torch::Tensor conv = block->conv->forward(x);
        const torch::Tensor expected =
            after ? torch::max_pool2d(block->norm.forward(torch::relu(conv)), 2)
                  : torch::max_pool2d(torch::relu(block->norm.forward(conv)), 2);
        EXPECT_TRUE(torch::allclose(block->forward(x), expected)) << "after=" << after;
    }
}

TEST(Normalization, EveryBlockOfTheNetworkHasTheChosenLayer)
{
    for (NormKind kind : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group}) {
        ExperimentConfig config;
        config.norm = kind;
        NormCnn model(config, 10, 32);
        ASSERT_EQ(model->blocks.size(), 3u);
        for (auto &block : model->blocks)
            EXPECT_TRUE(block->hasNormalization()) << toKey(kind);
        EXPECT_EQ(model->forward(torch::randn({2, 3, 32, 32})).sizes(),
                  (std::vector<int64_t>{2, 10}));
    }
    NormCnn plain(ExperimentConfig{}, 10, 32);
    for (auto &block : plain->blocks)
        EXPECT_FALSE(block->hasNormalization());
}
