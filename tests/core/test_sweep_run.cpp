// Running sweeps: in order, with cancellation, failed runs that do not abort the rest, and
// normlab-cli sweep and train --folds end to end.

#include "normlab/Sweep.h"

#include "CliRunner.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <string>
#include <vector>

using namespace normlab;
using fixtures::readLines;
using fixtures::runCli;
using fixtures::TempDir;

namespace {

std::string writeFile(const TempDir &dir, const std::string &name, const std::string &text)
{
    const auto path = dir.file(name);
    std::ofstream(path) << text;
    return path.string();
}

class CancelAfterFirst : public SweepObserver
{
public:
    explicit CancelAfterFirst(std::atomic<bool> &cancel) : cancel_(cancel) {}
    void sweepRunStarting(const SweepRun &run, int total) override
    {
        started.push_back(run.index);
        totals = total;
    }
    void sweepRunFinished(const SweepRun &, const RunResult &) override { cancel_.store(true); }
    void epochFinished(const EpochMetrics &) override { ++epochs; }
    std::vector<int> started;
    int totals = 0, epochs = 0;

private:
    std::atomic<bool> &cancel_;
};
} // namespace

TEST(SweepRunner, RunsInOrderAndStopsWhenCancelled)
{
    SweepSpec spec = parseSweepJson(
        R"({"base": {"limit": 60, "epochs": 1, "batch-size": 16, "threads": 1},
            "grid": {"norm": ["none", "batch"]}})",
        "t");
    const auto runs = expandSweep(spec);
    const auto all = runSweep(runs);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "No Normalization");
    EXPECT_EQ(all[1].name, "BatchNorm");
    EXPECT_EQ(all[1].status, RunStatus::Finished) << all[1].message;

    std::atomic<bool> cancel{false};
    CancelAfterFirst observer(cancel);
    const auto some = runSweep(runs, &observer, &cancel);
    EXPECT_EQ(some.size(), 1u);
    EXPECT_EQ(observer.started, (std::vector<int>{0}));
    EXPECT_EQ(observer.totals, 2);
    EXPECT_EQ(observer.epochs, 1); // the training observer calls reach the sweep observer
}

TEST(SweepRunner, UnloadableDataIsAFailedRunNotAnAbort)
{
    const auto runs = expandSweep(parseSweepJson(
        R"({"base": {"epochs": 1, "limit": 40, "threads": 1},
            "runs": [{"dataset": "cifar10", "data": "/nonexistent/cifar"}, {}]})",
        "t"));
    const auto results = runSweep(runs);
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].status, RunStatus::Failed);
    EXPECT_NE(results[0].message.find("/nonexistent/cifar"), std::string::npos);
    EXPECT_EQ(results[1].status, RunStatus::Finished) << results[1].message;
}

TEST(SweepCli, TwoByTwoSweepRunsToCompletion)
{
    const TempDir dir;
    const std::string file = writeFile(dir, "two-by-two.json",
                                       R"({"name": "2x2", "base": {"batch-size": 16, "threads": 1},
            "grid": {"norm": ["none", "batch"], "seed": [1, 2]}})");
    const auto results = dir.file("results.csv"), history = dir.file("history.csv"),
               summary = dir.file("summary.csv");
    const auto out =
        runCli("sweep " + file + " --limit 100 --epochs 1 --results " + results.string() +
               " --history " + history.string() + " --summary " + summary.string());
    ASSERT_EQ(out.exitCode, 0) << out.output;
    EXPECT_NE(out.output.find("[4/4]"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find("Welch"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find("95% confidence"), std::string::npos) << out.output;

    const auto rows = readLines(results);
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[1].rfind("No Normalization,", 0), 0u) << rows[1];
    EXPECT_EQ(rows[4].rfind("BatchNorm,", 0), 0u) << rows[4];

    const auto epochs = readLines(history);
    ASSERT_EQ(epochs.size(), 5u); // 4 runs x 1 epoch
    EXPECT_EQ(epochs[0],
              "run,epoch,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,seconds");
    EXPECT_EQ(epochs[4].rfind("4,1,", 0), 0u) << epochs[4];

    const auto table = readLines(summary);
    ASSERT_EQ(table.size(), 3u);
    EXPECT_EQ(table[1].rfind("No Normalization,2,", 0), 0u) << table[1];
    EXPECT_EQ(table[2].rfind("BatchNorm,2,", 0), 0u) << table[2];
    EXPECT_NE(table[1].find(",baseline,"), std::string::npos) << table[1];
}

TEST(SweepCli, BadSweepsExitTwoWithAMessage)
{
    const TempDir dir;
    const std::string bad = writeFile(dir, "bad.json", R"({"grid": {"norm": ["batchnorm"]}})");
    auto out = runCli("sweep " + bad);
    EXPECT_EQ(out.exitCode, 2) << out.output;
    EXPECT_NE(out.output.find("batchnorm"), std::string::npos) << out.output;
    out = runCli("sweep --preset no-such-preset");
    EXPECT_EQ(out.exitCode, 2);
    EXPECT_NE(out.output.find("lecture-normalization"), std::string::npos) << out.output;
    out = runCli("sweep --preset lecture-normalization --norm batch");
    EXPECT_EQ(out.exitCode, 2);
    EXPECT_NE(out.output.find("grid"), std::string::npos) << out.output;
    out = runCli("sweep");
    EXPECT_EQ(out.exitCode, 2);
}

TEST(SweepCli, PresetWithoutItsDataRunsOnBuiltInData)
{
    const auto out = runCli("sweep --preset lecture-regularization --data /nonexistent/tj "
                            "--limit 60 --epochs 1 --repeats 1 --threads 1 --quiet");
    ASSERT_EQ(out.exitCode, 0) << out.output;
    EXPECT_NE(out.output.find("built-in"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find("CNN + Dropout (built-in data)"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find("Lecture's values"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find("0.9087"), std::string::npos) << out.output;
}

TEST(SweepCli, TrainWithFoldsReportsEveryFoldAndTheMean)
{
    const TempDir dir;
    const auto results = dir.file("folds.csv");
    const auto out = runCli("train --folds 3 --limit 60 --epochs 1 --batch-size 16 --threads 1 "
                            "--quiet --results " +
                            results.string());
    ASSERT_EQ(out.exitCode, 0) << out.output;
    EXPECT_NE(out.output.find("(fold 3/3)"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find("3-fold cross-validation"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find(" ± "), std::string::npos) << out.output;
    EXPECT_EQ(readLines(results).size(), 4u);
}
