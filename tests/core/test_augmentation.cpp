// Augmentation: crops, flips and jitter of training batches only; labels untouched.

#include "TestData.h"

#include "data/Augmentation.h"
#include "training/Trainer.h"

#include <gtest/gtest.h>

using namespace normlab;

TEST(Augmentation, CropOffsetsShiftTheImageWithZeroPadding)
{
    const torch::Tensor image = torch::arange(1, 1 + 2 * 6 * 6, torch::kFloat).view({1, 2, 6, 6});
    const auto offset = [](int64_t v) { return torch::full({1}, v, torch::kLong); };
    // Offset == padding: the original image.
    EXPECT_TRUE(torch::equal(randomCrop(image, 4, offset(4), offset(4)), image));
    // Offset 2, 5: the content moves down by 2 and left by 1, zeros come in at the top.
    const torch::Tensor moved = randomCrop(image, 4, offset(2), offset(5));
    EXPECT_TRUE(torch::equal(moved.slice(2, 0, 2), torch::zeros({1, 2, 2, 6})));
    EXPECT_TRUE(
        torch::equal(moved.slice(2, 2, 6).slice(3, 0, 5), image.slice(2, 0, 4).slice(3, 1, 6)));
    EXPECT_TRUE(torch::equal(moved.slice(3, 5, 6), torch::zeros({1, 2, 6, 1})));
}

TEST(Augmentation, EachImageGetsItsOwnCrop)
{
    const torch::Tensor images = torch::rand({2, 1, 4, 4}) + 1.0; // no zeros inside
    const torch::Tensor oy = torch::tensor({0, 2}, torch::kLong);
    const torch::Tensor ox = torch::tensor({1, 1}, torch::kLong);
    const torch::Tensor crops = randomCrop(images, 1, oy, ox);
    EXPECT_TRUE(torch::equal(crops[0][0][0], torch::zeros({4}))); // shifted down: zero top row
    EXPECT_TRUE(torch::equal(crops[1][0][3], torch::zeros({4}))); // shifted up: zero bottom row
    EXPECT_TRUE(torch::equal(crops[1].slice(1, 0, 3), images[1].slice(1, 1, 4)));
}

TEST(Augmentation, FlipOnlyGivesTheImageOrItsMirror)
{
    torch::manual_seed(8);
    const torch::Tensor images = torch::rand({32, 3, 8, 8});
    AugmentOptions flipOnly;
    flipOnly.padding = 0;
    flipOnly.brightness = 0;
    flipOnly.contrast = 0;
    const torch::Tensor out = augmentBatch(images, flipOnly);
    int flipped = 0;
    for (int64_t i = 0; i < 32; ++i) {
        const bool same = torch::equal(out[i], images[i]);
        const bool mirrored = torch::equal(out[i], images[i].flip({2}));
        EXPECT_TRUE(same || mirrored);
        flipped += mirrored;
    }
    EXPECT_GT(flipped, 4);
    EXPECT_LT(flipped, 28);
}

TEST(Augmentation, JitterStaysInRangeAndChangesImages)
{
    torch::manual_seed(8);
    const torch::Tensor images = torch::rand({16, 3, 8, 8});
    const torch::Tensor out = augmentBatch(images);
    EXPECT_EQ(out.sizes(), images.sizes());
    EXPECT_GE(out.min().item<float>(), 0.0f);
    EXPECT_LE(out.max().item<float>(), 1.0f);
    EXPECT_FALSE(torch::allclose(out, images));
}

TEST(Augmentation, AppliesToTrainingBatchesOnly)
{
    const DataSplits data = fixtures::brightDarkSplits(64, 32, 32);
    ExperimentConfig plain = fixtures::tinyConfig();
    ExperimentConfig augmented = plain;
    augmented.augment = true;
    Trainer withoutAugmentation(plain, data);
    Trainer withAugmentation(augmented, data);
    // Same seed, same initial weights: evaluation sees the same, unaugmented images.
    const Evaluation a = withoutAugmentation.evaluate(data.val);
    const Evaluation b = withAugmentation.evaluate(data.val);
    EXPECT_DOUBLE_EQ(a.loss, b.loss);
    EXPECT_DOUBLE_EQ(withAugmentation.evaluate(data.val).loss, b.loss);
    // Training differs, and the labels it learns from are the dataset's.
    const RunResult r1 = withoutAugmentation.run();
    const RunResult r2 = withAugmentation.run();
    EXPECT_NE(r1.history[0].trainLoss, r2.history[0].trainLoss);
    EXPECT_GT(r2.history.back().valAcc, 0.8); // labels kept: it still learns the task
}
