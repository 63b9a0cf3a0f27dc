// Splits, subsets, channel statistics, normalization and the loadData front door, tested against
// their definitions.

#include "data/Dataset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace normlab;

namespace {

// Labels with uneven classes: class c has sizes[c] members, interleaved.
torch::Tensor unevenLabels(const std::vector<int64_t> &sizes)
{
    std::vector<int64_t> values;
    const int64_t largest = *std::max_element(sizes.begin(), sizes.end());
    for (int64_t round = 0; round < largest; ++round) {
        for (size_t c = 0; c < sizes.size(); ++c) {
            if (round < sizes[c])
                values.push_back(static_cast<int64_t>(c));
        }
    }
    return torch::tensor(values, torch::kLong);
}

std::vector<int64_t> toVector(const torch::Tensor &t)
{
    const auto flat = t.to(torch::kLong).contiguous();
    return {flat.data_ptr<int64_t>(), flat.data_ptr<int64_t>() + flat.numel()};
}

std::map<int64_t, int64_t> classCounts(const torch::Tensor &labels, const torch::Tensor &positions)
{
    std::map<int64_t, int64_t> counts;
    const auto values = toVector(labels);
    for (int64_t p : toVector(positions))
        ++counts[values[p]];
    return counts;
}

void expectPartition(const IndexSplit &split, int64_t n)
{
    auto first = toVector(split.first), second = toVector(split.second);
    EXPECT_TRUE(std::is_sorted(first.begin(), first.end()));
    EXPECT_TRUE(std::is_sorted(second.begin(), second.end()));
    std::vector<int64_t> all = first;
    all.insert(all.end(), second.begin(), second.end());
    std::sort(all.begin(), all.end());
    ASSERT_EQ(static_cast<int64_t>(all.size()), n); // covering without duplicates ...
    for (int64_t i = 0; i < n; ++i)
        EXPECT_EQ(all[i], i); // ... so disjoint
}

} // namespace

TEST(StratifiedSplit, DisjointCoveringAndStratified)
{
    const std::vector<int64_t> sizes = {40, 20, 10, 7, 1};
    const auto labels = unevenLabels(sizes);
    const auto split = stratifiedSplit(labels, 0.25, 123);
    expectPartition(split, labels.size(0));
    const auto counts = classCounts(labels, split.second);
    EXPECT_EQ(counts.at(0), 10);
    EXPECT_EQ(counts.at(1), 5);
    EXPECT_EQ(counts.at(2), 3);     // round(2.5) = 3
    EXPECT_EQ(counts.at(3), 2);     // round(1.75)
    EXPECT_EQ(counts.count(4), 0u); // a class of one stays in `first`
}

TEST(StratifiedSplit, AtLeastOnePerClassOfTwoOrMore)
{
    const auto labels = unevenLabels({30, 2, 3});
    const auto counts = classCounts(labels, stratifiedSplit(labels, 0.05, 1).second);
    EXPECT_EQ(counts.at(0), 2); // round(1.5)
    EXPECT_EQ(counts.at(1), 1);
    EXPECT_EQ(counts.at(2), 1);
}

TEST(StratifiedSplit, SeededAndFractionExtremes)
{
    const auto labels = unevenLabels({50, 50, 50});
    const auto a = stratifiedSplit(labels, 0.3, 7), b = stratifiedSplit(labels, 0.3, 7);
    const auto c = stratifiedSplit(labels, 0.3, 8);
    EXPECT_TRUE(torch::equal(a.first, b.first));
    EXPECT_TRUE(torch::equal(a.second, b.second));
    EXPECT_FALSE(torch::equal(a.second, c.second));
    EXPECT_EQ(stratifiedSplit(labels, 0.0, 7).second.size(0), 0);
    EXPECT_EQ(stratifiedSplit(labels, 1.0, 7).first.size(0), 0);
    EXPECT_THROW(stratifiedSplit(labels, 1.5, 7), InputError);
}

TEST(StratifiedSplitCount, ExactCountProportionalAndSeeded)
{
    const auto labels = unevenLabels({60, 30, 9, 1});
    const auto split = stratifiedSplitCount(labels, 25, 5);
    expectPartition(split, labels.size(0));
    EXPECT_EQ(split.second.size(0), 25);
    const auto counts = classCounts(labels, split.second);
    // Largest remainder gives 15, 8, 2, 0; the empty class takes one from the largest share.
    EXPECT_EQ(counts.at(0), 14);
    EXPECT_EQ(counts.at(1), 8);
    EXPECT_EQ(counts.at(2), 2);
    EXPECT_EQ(counts.at(3), 1);
    EXPECT_TRUE(torch::equal(split.second, stratifiedSplitCount(labels, 25, 5).second));
    EXPECT_FALSE(torch::equal(split.second, stratifiedSplitCount(labels, 25, 6).second));
    EXPECT_EQ(stratifiedSplitCount(labels, 1000, 5).second.size(0), labels.size(0));
    EXPECT_EQ(stratifiedSplitCount(labels, 0, 5).second.size(0), 0);
}

TEST(Subset, CopiesTheRequestedRows)
{
    Dataset data{torch::arange(5 * 3 * 2 * 2, torch::kLong).to(torch::kUInt8).view({5, 3, 2, 2}),
                 torch::tensor({0, 1, 2, 3, 4}, torch::kLong)};
    const Dataset picked = subset(data, torch::tensor({4, 1}, torch::kLong));
    ASSERT_EQ(picked.size(), 2);
    EXPECT_TRUE(torch::equal(picked.images[0], data.images[4]));
    EXPECT_TRUE(torch::equal(picked.images[1], data.images[1]));
    EXPECT_EQ(toVector(picked.labels), (std::vector<int64_t>{4, 1}));
    picked.images.fill_(0); // a copy, not a view
    EXPECT_NE(data.images[4].sum().item<int64_t>(), 0);
}

TEST(ChannelStats, EqualsDirectComputation)
{
    torch::manual_seed(3);
    const auto images = torch::randint(0, 256, {7, 3, 5, 4}, torch::kUInt8);
    std::vector<float> mean, stddev;
    channelStats(images, mean, stddev);
    const auto scaled = images.to(torch::kDouble) / 255.0;
    ASSERT_EQ(mean.size(), 3u);
    for (int64_t c = 0; c < 3; ++c) {
        const auto channel = scaled.select(1, c);
        EXPECT_NEAR(mean[c], channel.mean().item<double>(), 1e-6);
        EXPECT_NEAR(stddev[c], channel.std(/*unbiased=*/false).item<double>(), 1e-6);
    }
}

TEST(NormalizeImages, MatchesFormula)
{
    torch::manual_seed(4);
    const auto images = torch::randint(0, 256, {2, 3, 4, 4}, torch::kUInt8);
    const std::vector<float> mean = {0.1f, 0.5f, 0.9f}, stddev = {0.2f, 0.3f, 0.4f};
    const auto normalized = normalizeImages(images, mean, stddev);
    EXPECT_EQ(normalized.scalar_type(), torch::kFloat);
    const auto expected =
        (images.to(torch::kFloat) / 255.0f - torch::tensor(mean).view({1, 3, 1, 1})) /
        torch::tensor(stddev).view({1, 3, 1, 1});
    EXPECT_TRUE(torch::allclose(normalized, expected, 1e-5, 1e-5));
    EXPECT_THROW(normalizeImages(images, {0.1f}, {0.2f}), InputError);
}

TEST(LoadData, SyntheticLimitShrinksAllSplitsAndStatsComeFromTraining)
{
    ExperimentConfig config;
    config.limit = 300;
    const auto data = loadData(config);
    EXPECT_EQ(data->train.size(), 300);
    EXPECT_EQ(data->val.size(), 30);
    EXPECT_EQ(data->test.size(), 30);
    EXPECT_EQ(data->numClasses(), 10);
    std::vector<float> mean, stddev;
    channelStats(data->train.images, mean, stddev);
    EXPECT_EQ(data->mean, mean);
    EXPECT_EQ(data->stddev, stddev);
    EXPECT_NE(data->description.find("synthetic"), std::string::npos);
    EXPECT_GT(data->loadSeconds, 0.0);

    config.limit = 20; // val/test keep at least one image of each class
    const auto tiny = loadData(config);
    EXPECT_EQ(tiny->train.size(), 20);
    EXPECT_EQ(tiny->val.size(), 10);
    const auto valLabels = toVector(tiny->val.labels);
    EXPECT_EQ(std::set<int64_t>(valLabels.begin(), valLabels.end()).size(), 10u);
}

TEST(LoadData, BadInputAndCancel)
{
    ExperimentConfig config;
    config.limit = -1;
    EXPECT_THROW(loadData(config), InputError);

    config.limit = 50;
    std::atomic<bool> cancel{true};
    try {
        loadData(config, {}, &cancel);
        FAIL() << "expected cancellation";
    } catch (const InputError &e) {
        EXPECT_STREQ(e.what(), "loading cancelled");
    }

    config.dataset = DatasetKind::Cifar10;
    config.dataPath = "/nonexistent/cifar-folder";
    try {
        loadData(config);
        FAIL() << "expected an error";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/cifar-folder"), std::string::npos);
    }

    config.dataset = DatasetKind::Folder;
    config.imageSize = 2;
    try {
        loadData(config);
        FAIL() << "expected an error";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("image size 2"), std::string::npos);
    }
}

TEST(Summary, DescribesTheSplitsAndSamplesAreInterleavedRgb)
{
    DataSplits data;
    data.classNames = {"a", "b"};
    data.description = "tiny";
    auto images = torch::zeros({3, 3, 2, 2}, torch::kUInt8);
    images.select(1, 0).fill_(10); // R
    images.select(1, 1).fill_(20); // G
    images.select(1, 2).fill_(30); // B
    images[2].select(0, 0).fill_(99);
    data.train = {images, torch::tensor({1, 0, 1}, torch::kLong)};
    data.val = {images.narrow(0, 0, 1).clone(), torch::tensor({0}, torch::kLong)};
    data.warnings = {"w"};

    const DatasetSummary summary = summarize(data);
    EXPECT_EQ(summary.trainSize, 3);
    EXPECT_EQ(summary.valSize, 1);
    EXPECT_EQ(summary.testSize, 0);
    EXPECT_EQ(summary.channels, 3);
    EXPECT_EQ(summary.height, 2);
    EXPECT_EQ(summary.width, 2);
    EXPECT_EQ(summary.classNames, data.classNames);
    EXPECT_EQ(summary.warnings, data.warnings);

    const auto samples = sampleImages(data, 2);
    ASSERT_EQ(samples.size(), 3u); // one of class a, two of class b, class by class
    EXPECT_EQ(samples[0].label, 0);
    EXPECT_EQ(samples[1].label, 1);
    EXPECT_EQ(samples[2].label, 1);
    ASSERT_EQ(samples[0].rgb.size(), 12u);
    EXPECT_EQ(samples[0].rgb[0], 10);
    EXPECT_EQ(samples[0].rgb[1], 20);
    EXPECT_EQ(samples[0].rgb[2], 30);
    EXPECT_EQ(samples[2].rgb[3], 99); // second pixel's R of training image 2
    EXPECT_TRUE(sampleImages(data, 0).empty());
}
