// L1/L2 penalties, Dropout and DropConnect against their definitions.

#include "model/Layers.h"
#include "model/Model.h"
#include "model/Regularization.h"

#include <gtest/gtest.h>

using namespace normlab;

namespace {
std::vector<torch::Tensor> weightsWithZeroGrad()
{
    torch::manual_seed(2);
    std::vector<torch::Tensor> weights = {torch::randn({4, 3}).requires_grad_(),
                                          torch::randn({5}).requires_grad_()};
    for (auto &w : weights)
        w.mutable_grad() = torch::zeros_like(w);
    return weights;
}
} // namespace

TEST(Regularization, L2AddsTwoLambdaW)
{
    auto weights = weightsWithZeroGrad();
    addPenaltyGradients(weights, 0.0, 0.01);
    for (const auto &w : weights)
        EXPECT_TRUE(torch::allclose(w.grad(), 2 * 0.01 * w.detach()));
}

TEST(Regularization, L1AddsLambdaSignW)
{
    auto weights = weightsWithZeroGrad();
    addPenaltyGradients(weights, 0.003, 0.0);
    for (const auto &w : weights)
        EXPECT_TRUE(torch::allclose(w.grad(), 0.003 * w.detach().sign()));
}

TEST(Regularization, GradientsMatchAutogradOfThePenaltyAndAddToExistingOnes)
{
    auto weights = weightsWithZeroGrad();
    for (auto &w : weights)
        w.mutable_grad().fill_(0.5);
    addPenaltyGradients(weights, 0.002, 0.03);

    std::vector<torch::Tensor> copies;
    for (const auto &w : weights)
        copies.push_back(w.detach().clone().requires_grad_());
    penaltyValue(copies, 0.002, 0.03).backward();
    for (size_t i = 0; i < weights.size(); ++i)
        EXPECT_TRUE(torch::allclose(weights[i].grad(), copies[i].grad() + 0.5, 1e-6, 1e-6));

    const double expected = 0.002 * (copies[0].abs().sum() + copies[1].abs().sum()).item<double>() +
                            0.03 * (copies[0].pow(2).sum() + copies[1].pow(2).sum()).item<double>();
    EXPECT_NEAR(penaltyValue(copies, 0.002, 0.03).item<double>(), expected, 1e-5);
}

TEST(Regularization, PenaltyCoversWeightsNotBiasesOrNormParameters)
{
    ExperimentConfig config;
    config.norm = NormKind::Batch;
    config.arch = Architecture::Fc;
    NormCnn model(config, 4, 32);
    const auto weights = model->penalizedWeights();
    ASSERT_EQ(weights.size(), 5u); // three convs, hidden, output
    std::vector<const void *> expected;
    for (auto &block : model->blocks)
        expected.push_back(block->conv->weight_.data_ptr());
    expected.push_back(model->hidden->weight_.data_ptr());
    expected.push_back(model->output->weight_.data_ptr());
    for (size_t i = 0; i < weights.size(); ++i)
        EXPECT_EQ(weights[i].data_ptr(), expected[i]);
}

TEST(Regularization, WeightNormPenalizesTheMagnitudeG)
{
    ExperimentConfig config;
    config.norm = NormKind::Weight;
    NormCnn model(config, 10, 32);
    const auto weights = model->penalizedWeights();
    ASSERT_EQ(weights.size(), 4u);
    EXPECT_EQ(weights[0].data_ptr(), model->blocks[0]->conv->g_.data_ptr());
}

TEST(Regularization, DropConnectMasksWeightsNotActivations)
{
    torch::manual_seed(4);
    const int64_t in = 64, out = 32;
    const double p = 0.3;
    LinearLayer layer(in, out, false, p);
    {
        torch::NoGradGuard noGrad;
        layer->bias_.zero_();
    }
    layer->train();
    // With the identity as input, the output rows are the (masked) weight matrix itself.
    const torch::Tensor eye = torch::eye(in);
    const torch::Tensor masked = layer->forward(eye).t().detach();
    const torch::Tensor w = layer->weight_.detach();
    const torch::Tensor dropped = masked.eq(0);
    const double fraction = dropped.to(torch::kFloat).mean().item<double>();
    EXPECT_NEAR(fraction, p, 0.05); // 2048 weights: a 5-sigma band is about 0.05
    // Kept weights are scaled by 1 / (1 - p).
    const torch::Tensor kept = dropped.logical_not();
    EXPECT_TRUE(
        torch::allclose(masked.masked_select(kept), w.masked_select(kept) / (1 - p), 1e-5, 1e-5));
    // One mask per forward pass over the weights: every input row sees the same mask, which
    // activation dropout would not give. Row 0 of a batch of identical inputs equals row 1.
    const torch::Tensor same = layer->forward(torch::ones({2, in}));
    EXPECT_TRUE(torch::allclose(same[0], same[1]));
    // A fresh mask at every training step.
    EXPECT_FALSE(torch::equal(layer->forward(eye), layer->forward(eye)));
    // Identity at evaluation: deterministic, the plain linear layer.
    layer->eval();
    EXPECT_TRUE(torch::allclose(layer->forward(eye).t(), w));
}

TEST(Regularization, DropoutActsOnlyInTrainingBeforeTheLastLinear)
{
    ExperimentConfig config;
    config.arch = Architecture::Fc;
    config.dropout = 0.5;
    NormCnn model(config, 4, 32);
    ASSERT_TRUE(model->dropout);
    EXPECT_DOUBLE_EQ(model->dropout->options.p(), 0.5);
    const torch::Tensor x = torch::randn({3, 3, 32, 32});
    model->train();
    EXPECT_FALSE(torch::equal(model->forward(x), model->forward(x)));
    model->eval();
    EXPECT_TRUE(torch::equal(model->forward(x), model->forward(x)));
}

TEST(Regularization, DropConnectSitsOnTheHiddenLinearOfFcAndTheOutputOfGap)
{
    ExperimentConfig config;
    config.dropconnect = 0.4;
    config.arch = Architecture::Fc;
    NormCnn fc(config, 4, 32);
    EXPECT_DOUBLE_EQ(fc->hidden->dropConnect(), 0.4);
    EXPECT_DOUBLE_EQ(fc->output->dropConnect(), 0.0);
    config.arch = Architecture::Gap;
    NormCnn gap(config, 4, 32);
    EXPECT_DOUBLE_EQ(gap->output->dropConnect(), 0.4);
}

TEST(Regularization, GlobalPoolReplacesFlattenInTheFcNetwork)
{
    ExperimentConfig config;
    config.arch = Architecture::Fc;
    NormCnn flat(config, 4, 64);
    EXPECT_EQ(flat->hidden->weight_.size(1), 64 * 8 * 8);
    config.globalPool = true;
    NormCnn pooled(config, 4, 64);
    EXPECT_EQ(pooled->hidden->weight_.size(1), 64);
    EXPECT_EQ(pooled->hidden->weight_.size(0), 128);
}
