// k-fold cross-validation: folds disjoint, covering, stratified and seeded; every fold trains on
// the others and validates on itself; the summary is the mean over the folds.

#include "TestData.h"

#include "normlab/CrossValidation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace normlab;

namespace {

std::vector<int64_t> unevenLabels()
{
    // 3 classes of 50, 31 and 7 images, interleaved.
    std::vector<int64_t> labels;
    for (int i = 0; i < 50; ++i) {
        labels.push_back(0);
        if (i < 31)
            labels.push_back(1);
        if (i < 7)
            labels.push_back(2);
    }
    return labels;
}

class FoldRecorder : public TrainingObserver
{
public:
    void runStarted(const RunInfo &info) override { runs.push_back(info); }
    std::vector<RunInfo> runs;
};

} // namespace

TEST(CrossValidation, FoldsAreDisjointAndCoverTheData)
{
    const std::vector<int64_t> labels = unevenLabels();
    for (int k : {2, 3, 5, 10}) {
        const auto folds = stratifiedFolds(labels, k, 42);
        ASSERT_EQ(folds.size(), static_cast<size_t>(k));
        std::vector<int64_t> all;
        size_t smallest = labels.size(), largest = 0;
        for (const auto &fold : folds) {
            EXPECT_TRUE(std::is_sorted(fold.begin(), fold.end()));
            all.insert(all.end(), fold.begin(), fold.end());
            smallest = std::min(smallest, fold.size());
            largest = std::max(largest, fold.size());
        }
        std::sort(all.begin(), all.end());
        std::vector<int64_t> expected(labels.size());
        for (size_t i = 0; i < expected.size(); ++i)
            expected[i] = static_cast<int64_t>(i);
        EXPECT_EQ(all, expected) << k << " folds: every position exactly once";
        EXPECT_LE(largest - smallest, 1u) << k;
    }
}

TEST(CrossValidation, FoldsAreStratifiedAndSeeded)
{
    const std::vector<int64_t> labels = unevenLabels();
    const auto folds = stratifiedFolds(labels, 5, 42);
    for (int64_t cls = 0; cls < 3; ++cls) {
        const auto classSize = std::count(labels.begin(), labels.end(), cls);
        for (const auto &fold : folds) {
            const auto inFold = std::count_if(fold.begin(), fold.end(),
                                              [&](int64_t i) { return labels[i] == cls; });
            // Each class is dealt round-robin: floor or ceil of its share.
            EXPECT_GE(inFold, classSize / 5) << "class " << cls;
            EXPECT_LE(inFold, (classSize + 4) / 5) << "class " << cls;
        }
    }
    EXPECT_EQ(stratifiedFolds(labels, 5, 42), folds);
    EXPECT_NE(stratifiedFolds(labels, 5, 43), folds);
}

TEST(CrossValidation, BadFoldCountsAreInputErrors)
{
    const std::vector<int64_t> labels = {0, 1, 0, 1};
    EXPECT_THROW(stratifiedFolds(labels, 1, 1), InputError);
    EXPECT_THROW(stratifiedFolds(labels, 5, 1), InputError);
    EXPECT_NO_THROW(stratifiedFolds(labels, 4, 1));
}

TEST(CrossValidation, EveryFoldTrainsOnTheOthersAndValidatesOnItself)
{
    // 48 training + 16 validation images pooled into 4 folds of 16.
    const DataSplits data = fixtures::brightDarkSplits(48, 16, 24);
    ExperimentConfig config = fixtures::tinyConfig();
    config.epochs = 1;
    config.folds = 4;
    FoldRecorder recorder;
    std::vector<int> started;
    const CrossValidationResult cv =
        runCrossValidation(config, data, &recorder, nullptr, [&](int fold, int k) {
            EXPECT_EQ(k, 4);
            started.push_back(fold);
        });
    EXPECT_EQ(started, (std::vector<int>{1, 2, 3, 4}));
    ASSERT_EQ(cv.folds.size(), 4u);
    ASSERT_EQ(recorder.runs.size(), 4u);
    for (const RunInfo &info : recorder.runs) {
        EXPECT_EQ(info.trainSize, 48);
        EXPECT_EQ(info.valSize, 16);
        EXPECT_EQ(info.testSize, 24); // the test split is the same for every fold
    }
    EXPECT_EQ(cv.folds[2].name, "No Normalization (fold 3/4)");
    EXPECT_FALSE(cv.cancelled);
    EXPECT_EQ(cv.summary.name, "No Normalization");
    EXPECT_EQ(cv.summary.n, 4);
    double sum = 0;
    for (const RunResult &fold : cv.folds) {
        EXPECT_EQ(fold.status, RunStatus::Finished) << fold.message;
        sum += fold.bestValAcc;
    }
    EXPECT_NEAR(cv.summary.metric(Metric::ValAcc).mean, sum / 4, 1e-12);
    EXPECT_FALSE(std::isnan(cv.summary.metric(Metric::ValAcc).ciLow));
    // The folds' validation sets differ, so their validation losses do too.
    std::set<double> valLosses;
    for (const RunResult &fold : cv.folds)
        valLosses.insert(fold.bestValLoss);
    EXPECT_GT(valLosses.size(), 1u);
}

TEST(CrossValidation, TooManyFoldsForTheDataIsAnInputError)
{
    const DataSplits data = fixtures::brightDarkSplits(6, 2, 4);
    ExperimentConfig config = fixtures::tinyConfig();
    config.folds = 9;
    EXPECT_THROW(runCrossValidation(config, data), InputError);
}

TEST(CrossValidation, OneFoldAtATimeGivesDisjointValidationSetsCoveringTheData)
{
    // How the GUI runs cross-validation: one ordinary run per fold (config.fold = 1..k).
    const DataSplits data = fixtures::brightDarkSplits(30, 10, 8);
    ExperimentConfig config = fixtures::tinyConfig();
    config.folds = 4;
    std::vector<torch::Tensor> heldOut;
    for (int fold = 1; fold <= 4; ++fold) {
        config.fold = fold;
        DataSplits storage;
        const DataSplits &split = selectFold(config, data, storage);
        EXPECT_EQ(split.train.size() + split.val.size(), 40);
        EXPECT_TRUE(torch::equal(split.test.images, data.test.images));
        heldOut.push_back(split.val.images.flatten(1).to(torch::kLong).sum(1));
        EXPECT_EQ(runName(config), "No Normalization (fold " + std::to_string(fold) + "/4)");
    }
    // Every pooled image is held out exactly once: the held-out checksums are a permutation of
    // the pooled images' checksums.
    const torch::Tensor all = std::get<0>(torch::cat(heldOut).sort());
    const torch::Tensor pooled =
        torch::cat({data.train.images, data.val.images}).flatten(1).to(torch::kLong).sum(1);
    EXPECT_TRUE(torch::equal(all, std::get<0>(pooled.sort())));
    config.fold = 0;
    DataSplits unused;
    EXPECT_EQ(&selectFold(config, data, unused), &data);
    config.fold = 5;
    EXPECT_FALSE(validate(config).empty());
}

TEST(CrossValidation, CliFoldOptionRunsOnlyThatFold)
{
    const DataSplits data = fixtures::brightDarkSplits(24, 8, 8);
    ExperimentConfig config = fixtures::tinyConfig();
    config.epochs = 1;
    config.folds = 3;
    config.fold = 2;
    const CrossValidationResult cv = runCrossValidation(config, data);
    ASSERT_EQ(cv.folds.size(), 1u);
    EXPECT_EQ(cv.folds[0].config.fold, 2);
    EXPECT_EQ(cv.summary.name, "No Normalization");
}
