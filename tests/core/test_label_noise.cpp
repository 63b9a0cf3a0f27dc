// Label noise: exactly the requested fraction of the training labels, each moved to another class;
// validation and test labels untouched; the key, its validation and the run name.

#include "TestData.h"

#include "data/LabelNoise.h"
#include "normlab/ConfigJson.h"
#include "training/Trainer.h"

#include <gtest/gtest.h>

using namespace normlab;

namespace {

torch::Tensor cyclicLabels(int64_t count, int64_t classes)
{
    return torch::arange(count, torch::kLong).remainder(classes);
}

int64_t differences(const torch::Tensor &a, const torch::Tensor &b)
{
    return a.ne(b).sum().item<int64_t>();
}

} // namespace

TEST(LabelNoise, CountIsTheRoundedFraction)
{
    EXPECT_EQ(labelNoiseCount(1000, 20), 200);
    EXPECT_EQ(labelNoiseCount(10, 15), 2); // 1.5 rounds away from zero
    EXPECT_EQ(labelNoiseCount(7, 0), 0);
    EXPECT_EQ(labelNoiseCount(7, 100), 7);
}

TEST(LabelNoise, ChangesExactlyTheRequestedFractionToOtherClasses)
{
    const torch::Tensor labels = cyclicLabels(1000, 10);
    for (double percent : {0.0, 1.0, 20.0, 37.5, 100.0}) {
        const torch::Tensor noisy = noisyLabels(labels, 10, percent, 7);
        EXPECT_EQ(differences(noisy, labels), labelNoiseCount(1000, percent)) << percent;
        EXPECT_GE(noisy.min().item<int64_t>(), 0);
        EXPECT_LT(noisy.max().item<int64_t>(), 10);
    }
    EXPECT_TRUE(labels.equal(cyclicLabels(1000, 10))) << "the input must not change";
}

TEST(LabelNoise, NewClassesAreSpreadOverTheOtherClasses)
{
    const torch::Tensor labels = torch::zeros({4000}, torch::kLong);
    const torch::Tensor noisy = noisyLabels(labels, 5, 100, 3);
    // Every label moves off class 0; each of the 4 other classes gets about 1000 (binomial sd 27).
    const torch::Tensor counts = torch::bincount(noisy, {}, 5);
    EXPECT_EQ(counts[0].item<int64_t>(), 0);
    for (int c = 1; c < 5; ++c) {
        EXPECT_GT(counts[c].item<int64_t>(), 850) << c;
        EXPECT_LT(counts[c].item<int64_t>(), 1150) << c;
    }
    // Two classes: a noisy label can only be the other one.
    const torch::Tensor binary = cyclicLabels(100, 2);
    const torch::Tensor flipped = noisyLabels(binary, 2, 100, 1);
    EXPECT_TRUE(flipped.equal(1 - binary));
}

TEST(LabelNoise, DependsOnTheSeedOnly)
{
    const torch::Tensor labels = cyclicLabels(500, 10);
    const torch::Tensor a = noisyLabels(labels, 10, 30, 11);
    EXPECT_TRUE(a.equal(noisyLabels(labels, 10, 30, 11)));
    const torch::Tensor b = noisyLabels(labels, 10, 30, 12);
    EXPECT_EQ(differences(b, labels), 150);
    EXPECT_FALSE(a.ne(labels).equal(b.ne(labels))) << "another seed picks other positions";
}

TEST(LabelNoise, BadInputIsAnInputError)
{
    EXPECT_THROW(noisyLabels(cyclicLabels(10, 2), 2, 150, 1), InputError);
    EXPECT_THROW(noisyLabels(cyclicLabels(10, 2), 2, -1, 1), InputError);
    EXPECT_THROW(noisyLabels(torch::zeros({10}, torch::kLong), 1, 50, 1), InputError);
}

TEST(LabelNoise, TouchesOnlyTheTrainingLabels)
{
    const DataSplits data = fixtures::brightDarkSplits(200, 40, 40);
    const torch::Tensor trainBefore = data.train.labels.clone();
    ExperimentConfig config = fixtures::tinyConfig();
    config.labelNoise = 25;
    DataSplits storage;
    const DataSplits &noisy = withLabelNoise(config, data, storage);
    EXPECT_EQ(&noisy, &storage);
    EXPECT_EQ(differences(noisy.train.labels, data.train.labels), 50);
    EXPECT_TRUE(noisy.val.labels.equal(data.val.labels));
    EXPECT_TRUE(noisy.test.labels.equal(data.test.labels));
    EXPECT_TRUE(noisy.train.images.equal(data.train.images));
    EXPECT_TRUE(data.train.labels.equal(trainBefore)) << "the caller's data must not change";

    config.labelNoise = 0;
    EXPECT_EQ(&withLabelNoise(config, data, storage), &data);
}

TEST(LabelNoise, TrainerLearnsTheNoisyLabelsAndIsJudgedOnCleanOnes)
{
    // 100% noise on two classes swaps every training label: a model that learns them must get the
    // clean validation and test sets wrong. Without noise it gets them right.
    const DataSplits data = fixtures::brightDarkSplits(128, 64, 64);
    ExperimentConfig config = fixtures::tinyConfig();
    const RunResult clean = runExperiment(config, data);
    ASSERT_EQ(clean.status, RunStatus::Finished) << clean.message;
    EXPECT_GT(clean.history.back().valAcc, 0.9);
    config.labelNoise = 100;
    const RunResult swapped = runExperiment(config, data);
    ASSERT_EQ(swapped.status, RunStatus::Finished) << swapped.message;
    EXPECT_LT(swapped.history.back().valAcc, 0.1);
    EXPECT_LT(swapped.history.back().testAcc, 0.1);
    EXPECT_GT(swapped.history.back().trainAcc, 0.75); // measured on the labels it was given
}

TEST(LabelNoise, ConfigKeyValidationAndRunName)
{
    ExperimentConfig config;
    setConfigValue(config, "label-noise", "20");
    EXPECT_DOUBLE_EQ(config.labelNoise, 20.0);
    EXPECT_EQ(defaultRunName(config), "No Normalization + Label Noise 20%");
    config.arch = Architecture::Fc;
    config.dropout = 0.5;
    EXPECT_EQ(defaultRunName(config), "CNN + Dropout + Label Noise 20%");
    EXPECT_TRUE(validate(config).empty());
    config.labelNoise = 150;
    const auto errors = validate(config);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "label-noise 150 must be in [0, 100]");
    EXPECT_EQ(configFromJson(toJson(config)).labelNoise, 150.0);

    ExperimentConfig cv;
    setConfigValue(cv, "folds", "5");
    EXPECT_EQ(cv.folds, 5);
    EXPECT_TRUE(validate(cv).empty());
    cv.folds = 1;
    ASSERT_EQ(validate(cv).size(), 1u);
    EXPECT_NE(validate(cv)[0].find("folds 1"), std::string::npos);
}
