// The built-in synthetic shapes: shapes and types, determinism, prefix stability, balance.

#include "data/Dataset.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <set>

using namespace normlab;

namespace {

std::vector<int64_t> classCounts(const torch::Tensor &labels, int64_t classes)
{
    const auto counts = torch::bincount(labels, {}, classes);
    return {counts.data_ptr<int64_t>(), counts.data_ptr<int64_t>() + counts.numel()};
}

} // namespace

TEST(Synthetic, ShapesTypesAndClassNames)
{
    const DataSplits data = makeSynthetic(40, 20, 10, 1);
    for (const Dataset *split : {&data.train, &data.val, &data.test}) {
        EXPECT_EQ(split->images.scalar_type(), torch::kUInt8);
        EXPECT_EQ(split->labels.scalar_type(), torch::kLong);
        EXPECT_TRUE(split->images.is_contiguous());
        EXPECT_EQ(split->images.size(1), 3);
        EXPECT_EQ(split->images.size(2), 32);
        EXPECT_EQ(split->images.size(3), 32);
        EXPECT_GE(split->labels.min().item<int64_t>(), 0);
        EXPECT_LT(split->labels.max().item<int64_t>(), 10);
    }
    EXPECT_EQ(data.train.size(), 40);
    EXPECT_EQ(data.val.size(), 20);
    EXPECT_EQ(data.test.size(), 10);
    ASSERT_EQ(data.numClasses(), 10);
    EXPECT_EQ(data.classNames[0], "circle");
    EXPECT_EQ(std::set<std::string>(data.classNames.begin(), data.classNames.end()).size(), 10u);
}

TEST(Synthetic, DeterministicInTheSeed)
{
    const DataSplits a = makeSynthetic(30, 10, 10, 5), b = makeSynthetic(30, 10, 10, 5);
    const DataSplits other = makeSynthetic(30, 10, 10, 6);
    EXPECT_TRUE(torch::equal(a.train.images, b.train.images));
    EXPECT_TRUE(torch::equal(a.train.labels, b.train.labels));
    EXPECT_TRUE(torch::equal(a.test.images, b.test.images));
    EXPECT_FALSE(torch::equal(a.train.images, other.train.images));
    EXPECT_FALSE(torch::equal(a.val.images, other.val.images));
    // The three splits are different images, not copies.
    EXPECT_FALSE(torch::equal(a.train.images.narrow(0, 0, 10), a.val.images));
}

TEST(Synthetic, IndependentOfThreadCount)
{
    const DataSplits parallel = makeSynthetic(50, 10, 10, 9);
    const int previous = cv::getNumThreads();
    cv::setNumThreads(1);
    const DataSplits serial = makeSynthetic(50, 10, 10, 9);
    cv::setNumThreads(previous);
    EXPECT_TRUE(torch::equal(parallel.train.images, serial.train.images));
    EXPECT_TRUE(torch::equal(parallel.val.images, serial.val.images));
}

TEST(Synthetic, SmallerCountsArePrefixes)
{
    const DataSplits small = makeSynthetic(25, 7, 3, 11), large = makeSynthetic(100, 30, 20, 11);
    EXPECT_TRUE(torch::equal(small.train.images, large.train.images.narrow(0, 0, 25)));
    EXPECT_TRUE(torch::equal(small.train.labels, large.train.labels.narrow(0, 0, 25)));
    EXPECT_TRUE(torch::equal(small.val.images, large.val.images.narrow(0, 0, 7)));
    EXPECT_TRUE(torch::equal(small.test.images, large.test.images.narrow(0, 0, 3)));
}

TEST(Synthetic, BalancedLabels)
{
    const DataSplits data = makeSynthetic(1000, 100, 15, 2);
    EXPECT_EQ(classCounts(data.train.labels, 10), std::vector<int64_t>(10, 100));
    EXPECT_EQ(classCounts(data.val.labels, 10), std::vector<int64_t>(10, 10));
    for (int64_t count : classCounts(data.test.labels, 10)) // a partial block: within one
        EXPECT_TRUE(count == 1 || count == 2);
}

TEST(Synthetic, ImagesAreNotBlankAndColourDoesNotGiveAwayTheClass)
{
    const DataSplits data = makeSynthetic(1000, 0, 0, 3);
    const auto images = data.train.images.to(torch::kFloat);
    // Every image has structure (shape, clutter, noise): no flat images.
    EXPECT_GT(images.flatten(1).std(1).min().item<float>(), 5.0f);
    // The mean colour of each class is close to the overall mean colour.
    const auto perImageColour = images.mean({2, 3}); // N x 3
    const auto overall = perImageColour.mean(0);
    for (int64_t c = 0; c < 10; ++c) {
        const auto classColour = perImageColour.index({data.train.labels == c}).mean(0);
        EXPECT_LT((classColour - overall).abs().max().item<float>(), 30.0f) << data.classNames[c];
    }
}

TEST(Synthetic, RejectsNegativeCounts)
{
    EXPECT_THROW(makeSynthetic(-1, 0, 0, 1), InputError);
}
