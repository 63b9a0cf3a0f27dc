// WeightNorm: w = g * v / ||v|| per output unit, on every conv and linear layer.

#include "model/Layers.h"
#include "model/Model.h"

#include <gtest/gtest.h>

using namespace normlab;

TEST(WeightNorm, EffectiveWeightHasPerUnitNormG)
{
    torch::manual_seed(5);
    ConvLayer conv(3, 16, /*weightNorm=*/true);
    {
        torch::NoGradGuard noGrad;
        conv->g_.uniform_(0.5, 2.0);
        conv->v_.mul_(7.0); // the scale of v must not matter
    }
    const torch::Tensor norms = conv->effectiveWeight().flatten(1).norm(2, 1);
    EXPECT_TRUE(torch::allclose(norms, conv->g_, 1e-5, 1e-5));
    // Direction is v's: the effective weight is a positive multiple of v per unit.
    const torch::Tensor cosine =
        torch::cosine_similarity(conv->effectiveWeight().flatten(1), conv->v_.flatten(1), 1);
    EXPECT_TRUE(torch::allclose(cosine, torch::ones({16}), 1e-5, 1e-5));
}

TEST(WeightNorm, StartsFromThePlainLayersInitialization)
{
    torch::manual_seed(9);
    LinearLayer plain(20, 7, false, 0.0);
    torch::manual_seed(9);
    LinearLayer normalized(20, 7, true, 0.0);
    EXPECT_TRUE(torch::allclose(normalized->effectiveWeight(), plain->weight_, 1e-6, 1e-6));
}

TEST(WeightNorm, GradientWithRespectToVIsOrthogonalToV)
{
    torch::manual_seed(11);
    ConvLayer conv(3, 8, true);
    const torch::Tensor x = torch::randn({4, 3, 6, 6});
    conv->forward(x).pow(3).sum().backward();
    const torch::Tensor dots = (conv->v_.grad() * conv->v_).flatten(1).sum(1);
    const torch::Tensor scale =
        conv->v_.grad().flatten(1).norm(2, 1) * conv->v_.flatten(1).norm(2, 1);
    EXPECT_LT((dots.abs() / scale).max().item<double>(), 1e-4);
    EXPECT_GT(conv->v_.grad().abs().sum().item<double>(), 0.0);

    LinearLayer linear(10, 5, true, 0.0);
    linear->forward(torch::randn({3, 10})).pow(2).sum().backward();
    const torch::Tensor linearDots = (linear->v_.grad() * linear->v_).sum(1);
    EXPECT_LT(linearDots.abs().max().item<double>(), 1e-4);
}

TEST(WeightNorm, AppliesToEveryConvAndLinearLayer)
{
    ExperimentConfig config;
    config.norm = NormKind::Weight;
    config.arch = Architecture::Fc;
    NormCnn model(config, 4, 32);
    int directions = 0, magnitudes = 0;
    for (const auto &item : model->named_parameters()) {
        const std::string &name = item.key();
        EXPECT_EQ(name.find(".weight"), std::string::npos) << name << " is not weight-normalized";
        directions += name.size() >= 2 && name.substr(name.size() - 2) == ".v";
        magnitudes += name.size() >= 2 && name.substr(name.size() - 2) == ".g";
    }
    EXPECT_EQ(directions, 5); // three convs, hidden and output Linear
    EXPECT_EQ(magnitudes, 5);
    for (auto &block : model->blocks)
        EXPECT_FALSE(block->hasNormalization());
}

TEST(WeightNorm, MeanOnlyBatchNormOptionAddsCentringAfterEachConv)
{
    ExperimentConfig config;
    config.norm = NormKind::Weight;
    config.meanOnlyBatchNorm = true;
    NormCnn model(config, 10, 32);
    for (auto &block : model->blocks) {
        ASSERT_TRUE(block->hasNormalization());
        EXPECT_NE(block->norm.ptr()->as<MeanOnlyBatchNorm>(), nullptr);
    }
}
