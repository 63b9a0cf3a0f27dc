// The insight CSV writers read back, the images behind the views (split images, augmentation
// preview) and `normlab-cli train --stats/--confusion` end to end.

#include "CliRunner.h"
#include "TempDir.h"
#include "TestData.h"

#include "normlab/CrossValidation.h"
#include "normlab/ResultsCsv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

using namespace normlab;
using fixtures::readLines;
using fixtures::runCli;
using fixtures::TempDir;

namespace {

std::vector<std::string> fields(const std::string &line)
{
    std::vector<std::string> out;
    std::stringstream in(line);
    for (std::string field; std::getline(in, field, ',');)
        out.push_back(field);
    if (!line.empty() && line.back() == ',')
        out.push_back("");
    return out;
}

RunResult handMadeResult()
{
    RunResult r;
    r.insight.blockNames = {"block1", "block2"};
    r.insight.gradientLayers = {"block1", "block2", "output"};
    r.insight.layerStats = {{0, 0, {{0.5, 1.25, 0.0, 1.0}, {-0.125, 2.0, 0.25, 0.75}}},
                            {4, 2, {{0.1, 1.1, 0.2, 1.2}, {0.3, 1.3, 0.4, 1.4}}}};
    for (int64_t step = 1; step <= 4; ++step)
        r.insight.gradientNorms.push_back(
            {step, static_cast<int>((step + 1) / 2), {1e-7 * step, 0.123456789, 2e3}});
    EpochMetrics e1, e2;
    e1.epoch = 1;
    e1.trainLoss = 0.5;
    e1.valLoss = 0.75;
    e2.epoch = 2;
    e2.trainLoss = 0.25;
    e2.valLoss = 1.0;
    r.history = {e1, e2};
    return r;
}

std::vector<uint8_t> rgbOf(const torch::Tensor &chw)
{
    const torch::Tensor hwc = chw.permute({1, 2, 0}).contiguous();
    return {hwc.data_ptr<uint8_t>(), hwc.data_ptr<uint8_t>() + hwc.numel()};
}

} // namespace

TEST(InsightCsv, WritesEverySeriesAsTidyRows)
{
    const TempDir dir;
    const auto path = dir.file("insight.csv");
    writeInsightCsv(path.string(), handMadeResult());
    const auto lines = readLines(path);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0], "series,step,epoch,layer,value");
    std::map<std::string, int> perSeries;
    std::map<std::string, std::string> value; // "series/step/layer" -> value
    for (size_t i = 1; i < lines.size(); ++i) {
        const auto f = fields(lines[i]);
        ASSERT_EQ(f.size(), 5u) << lines[i];
        ++perSeries[f[0]];
        value[f[0] + "/" + f[1] + "/" + f[3]] = f[4];
    }
    EXPECT_EQ(perSeries["pre-mean"], 4); // 2 samples x 2 blocks
    EXPECT_EQ(perSeries["post-std"], 4);
    EXPECT_EQ(perSeries["grad-norm"], 12); // 4 steps x 3 layers
    EXPECT_EQ(perSeries["loss-gap"], 2);
    EXPECT_EQ(lines.size(), 1u + 16 + 12 + 2);
    EXPECT_DOUBLE_EQ(std::stod(value["pre-mean/0/block2"]), -0.125);
    EXPECT_DOUBLE_EQ(std::stod(value["post-std/4/block2"]), 1.4);
    EXPECT_DOUBLE_EQ(std::stod(value["grad-norm/3/block2"]), 0.123456789);
    EXPECT_DOUBLE_EQ(std::stod(value["grad-norm/2/block1"]), 2e-7);
    // The gap is validation minus training loss at the epoch's last step.
    EXPECT_DOUBLE_EQ(std::stod(value["loss-gap/2/"]), 0.25);
    EXPECT_DOUBLE_EQ(std::stod(value["loss-gap/4/"]), 0.75);
}

TEST(InsightCsv, ConfusionCsvHasClassHeaders)
{
    SplitPredictions p;
    p.split = "test";
    p.truth = {0, 1, 1, 2};
    p.predicted = {0, 1, 2, 2};
    const TempDir dir;
    const auto path = dir.file("confusion.csv");
    writeConfusionCsv(path.string(), p, {"cat", "dog", "mouse, small"});
    const auto lines = readLines(path);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0], "true \\ predicted,cat,dog,\"mouse, small\"");
    EXPECT_EQ(lines[1], "cat,1,0,0");
    EXPECT_EQ(lines[2], "dog,0,1,1");
    EXPECT_EQ(lines[3], "\"mouse, small\",0,0,1");
}

TEST(InsightCsv, UnwritablePathThrowsNamingIt)
{
    const std::string path = "/nonexistent-normlab-dir/insight.csv";
    try {
        writeInsightCsv(path, handMadeResult());
        FAIL() << "no error";
    } catch (const InputError &error) {
        EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    }
    EXPECT_THROW(writeConfusionCsv(path, {}, {"a", "b"}), InputError);
}

TEST(SplitImagesTest, ReturnsTheSplitsImagesByIndex)
{
    const DataSplits data = fixtures::brightDarkSplits(40, 20, 24);
    ExperimentConfig config;
    const auto images = splitImages(config, data, "test", {0, 5, 23});
    ASSERT_EQ(images.size(), 3u);
    EXPECT_EQ(images[1].width, 16);
    EXPECT_EQ(images[1].height, 16);
    EXPECT_EQ(images[1].label, data.test.labels[5].item<int64_t>());
    EXPECT_EQ(images[1].rgb, rgbOf(data.test.images[5]));
    EXPECT_EQ(splitImages(config, data, "validation", {7})[0].rgb, rgbOf(data.val.images[7]));

    EXPECT_THROW(splitImages(config, data, "train", {0}), InputError);
    try {
        splitImages(config, data, "test", {24});
        FAIL() << "no error";
    } catch (const InputError &error) {
        EXPECT_NE(std::string(error.what()).find("24"), std::string::npos) << error.what();
    }
    EXPECT_THROW(splitImages(config, data, "test", {-1}), InputError);
}

TEST(SplitImagesTest, AppliesTheCrossValidationFold)
{
    const DataSplits data = fixtures::brightDarkSplits(40, 20, 24);
    ExperimentConfig config;
    config.folds = 4; // folds of 15 of the 60 pooled images
    config.fold = 2;
    DataSplits storage;
    const DataSplits &fold = selectFold(config, data, storage);
    ASSERT_NE(fold.val.size(), data.val.size());
    const int64_t last = fold.val.size() - 1;
    EXPECT_EQ(splitImages(config, data, "validation", {last})[0].rgb, rgbOf(fold.val.images[last]));
}

TEST(AugmentationPreviewTest, OriginalFirstSeededAndGlobalGeneratorUntouched)
{
    const DataSplits data = fixtures::brightDarkSplits(10, 4, 4);
    torch::manual_seed(123);
    const torch::Tensor expected = torch::rand({8});
    torch::manual_seed(123);
    const auto a = augmentationPreview(data, 3, 6, 7);
    const torch::Tensor after = torch::rand({8});
    EXPECT_TRUE(torch::equal(expected, after)) << "the preview drew from the global generator";

    ASSERT_EQ(a.size(), 6u);
    EXPECT_EQ(a[0].rgb, rgbOf(data.train.images[3]));
    for (const auto &image : a) {
        EXPECT_EQ(image.width, 16);
        EXPECT_EQ(image.rgb.size(), 16u * 16u * 3u);
        EXPECT_EQ(image.label, data.train.labels[3].item<int64_t>());
    }
    int changed = 0;
    for (size_t i = 1; i < a.size(); ++i)
        changed += a[i].rgb != a[0].rgb;
    EXPECT_GE(changed, 4); // jitter alone changes almost every copy

    const auto same = augmentationPreview(data, 3, 6, 7);
    const auto other = augmentationPreview(data, 3, 6, 8);
    bool allSame = true, anyDifferent = false;
    for (size_t i = 0; i < a.size(); ++i) {
        allSame = allSame && same[i].rgb == a[i].rgb;
        anyDifferent = anyDifferent || other[i].rgb != a[i].rgb;
    }
    EXPECT_TRUE(allSame);
    EXPECT_TRUE(anyDifferent);

    EXPECT_EQ(augmentationPreview(data, 0, 1, 1).size(), 1u);
    EXPECT_THROW(augmentationPreview(data, 10, 3, 1), InputError);
    EXPECT_THROW(augmentationPreview(data, -1, 3, 1), InputError);
    EXPECT_THROW(augmentationPreview(data, 0, 0, 1), InputError);
}

TEST(CliInsight, TrainWritesStatsAndConfusion)
{
    const TempDir dir;
    const auto stats = dir.file("stats.csv"), confusion = dir.file("confusion.csv");
    const auto outcome =
        runCli("train --limit 160 --epochs 1 --batch-size 32 --threads 1 --norm batch "
               "--stats-every 2 --stats " +
               stats.string() + " --confusion " + confusion.string());
    ASSERT_EQ(outcome.exitCode, 0) << outcome.output;
    const auto lines = readLines(stats);
    ASSERT_FALSE(lines.empty()) << outcome.output;
    EXPECT_EQ(lines[0], "series,step,epoch,layer,value");
    std::map<std::string, int> gradRowsPerStep;
    int layerStatRows = 0, gapRows = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
        const auto f = fields(lines[i]);
        ASSERT_EQ(f.size(), 5u) << lines[i];
        if (f[0] == "grad-norm")
            ++gradRowsPerStep[f[1]];
        layerStatRows += f[0] == "pre-mean";
        gapRows += f[0] == "loss-gap";
    }
    const int steps = 160 / 32; // 5 batches
    ASSERT_EQ(gradRowsPerStep.size(), static_cast<size_t>(steps));
    for (int step = 1; step <= steps; ++step)
        EXPECT_EQ(gradRowsPerStep[std::to_string(step)], 4) << "step " << step; // GAP: 4 layers
    EXPECT_EQ(layerStatRows, 3 * (1 + steps / 2));                              // steps 0, 2, 4
    EXPECT_EQ(gapRows, 1);

    const auto matrix = readLines(confusion);
    ASSERT_EQ(matrix.size(), 11u); // header + 10 classes of the built-in data
    EXPECT_EQ(fields(matrix[0])[0], "true \\ predicted");
    int64_t total = 0;
    for (size_t r = 1; r < matrix.size(); ++r) {
        const auto f = fields(matrix[r]);
        ASSERT_EQ(f.size(), 11u);
        for (size_t c = 1; c < f.size(); ++c)
            total += std::stoll(f[c]);
    }
    EXPECT_GT(total, 0);
}

TEST(CliInsight, UnwritableStatsPathExitsTwoNamingIt)
{
    const auto outcome = runCli("train --limit 64 --epochs 1 --threads 1 --stats "
                                "/nonexistent-normlab-dir/stats.csv");
    EXPECT_EQ(outcome.exitCode, 2) << outcome.output;
    EXPECT_NE(outcome.output.find("/nonexistent-normlab-dir/stats.csv"), std::string::npos)
        << outcome.output;
}
