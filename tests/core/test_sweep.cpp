// Sweeps and presets: parsing, expansion order, repeats and groups, names, overrides, the
// built-in-data fallback, running with cancellation, and normlab-cli sweep end to end.

#include "normlab/ConfigJson.h"
#include "normlab/Sweep.h"

#include "CliRunner.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

using namespace normlab;
using fixtures::readLines;
using fixtures::runCli;

namespace {

std::filesystem::path tempDir()
{
    const auto dir = std::filesystem::temp_directory_path() / "normlab_sweep_test";
    std::filesystem::create_directories(dir);
    return dir;
}

std::string writeFile(const std::string &name, const std::string &text)
{
    const auto path = tempDir() / name;
    std::ofstream(path) << text;
    return path.string();
}

std::string errorOf(const std::string &json)
{
    try {
        parseSweepJson(json, "test.json");
    } catch (const InputError &e) {
        return e.what();
    }
    return "(accepted)";
}

std::vector<std::string> groupNames(const std::vector<SweepRun> &runs)
{
    std::vector<std::string> names;
    for (const SweepRun &run : runs)
        if (run.repeat == 0)
            names.push_back(run.config.name);
    return names;
}

} // namespace

TEST(Sweep, GridExpandsFirstAxisSlowestWithRepeatsInnermost)
{
    const SweepSpec spec = parseSweepJson(
        R"({"base": {"seed": 5, "epochs": 3},
            "grid": {"lr": [0.1, 0.01], "norm": ["none", "batch"]}, "repeats": 2})",
        "test.json");
    // Axes follow the key table (norm before lr), whatever the file's order.
    ASSERT_EQ(spec.grid.size(), 2u);
    EXPECT_EQ(spec.grid[0].key, "norm");
    EXPECT_EQ(spec.grid[1].key, "lr");
    const auto runs = expandSweep(spec);
    ASSERT_EQ(runs.size(), 8u);
    const NormKind norms[] = {NormKind::None, NormKind::None, NormKind::Batch, NormKind::Batch};
    const double rates[] = {0.1, 0.01, 0.1, 0.01};
    for (size_t i = 0; i < runs.size(); ++i) {
        const SweepRun &run = runs[i];
        EXPECT_EQ(run.index, static_cast<int>(i));
        EXPECT_EQ(run.group, static_cast<int>(i / 2));
        EXPECT_EQ(run.repeat, static_cast<int>(i % 2));
        EXPECT_EQ(run.config.seed, 5u + i % 2);
        EXPECT_EQ(run.config.norm, norms[i / 2]);
        EXPECT_DOUBLE_EQ(run.config.lr, rates[i / 2]);
        EXPECT_EQ(run.config.epochs, 3);
        EXPECT_EQ(run.groupKey, groupKey(run.config));
    }
    EXPECT_EQ(runs[0].groupKey, runs[1].groupKey);
    EXPECT_NE(runs[1].groupKey, runs[2].groupKey);
    // Names say what differs within a shared slide name.
    EXPECT_EQ(groupNames(runs),
              (std::vector<std::string>{"No Normalization (lr 0.1)", "No Normalization (lr 0.01)",
                                        "BatchNorm (lr 0.1)", "BatchNorm (lr 0.01)"}));
    EXPECT_EQ(expandSweep(spec)[5].config.name, runs[5].config.name); // deterministic
}

TEST(Sweep, SeedGridGroupsItsValuesAsRepeats)
{
    const auto runs = expandSweep(
        parseSweepJson(R"({"grid": {"norm": ["none", "batch"], "seed": [1, 2]}})", "test.json"));
    ASSERT_EQ(runs.size(), 4u);
    EXPECT_EQ(runs[1].config.seed, 2u);
    EXPECT_EQ(runs[1].group, 0);
    EXPECT_EQ(runs[1].repeat, 1);
    EXPECT_EQ(runs[2].group, 1);
    EXPECT_EQ(groupNames(runs), (std::vector<std::string>{"No Normalization", "BatchNorm"}));
    EXPECT_NE(errorOf(R"({"grid": {"seed": [1, 2]}, "repeats": 3})").find("repeats"),
              std::string::npos);
}

TEST(Sweep, RunListAppliesEachEntryOverTheBase)
{
    const auto runs = expandSweep(parseSweepJson(
        R"({"base": {"arch": "fc", "seed": 10},
            "runs": [{}, {"dropout": 0.5}, {"global-pool": true}], "repeats": 3})",
        "test.json"));
    ASSERT_EQ(runs.size(), 9u);
    EXPECT_EQ(groupNames(runs),
              (std::vector<std::string>{"CNN", "CNN + Dropout", "CNN + GlobalPool"}));
    EXPECT_DOUBLE_EQ(runs[3].config.dropout, 0.5);
    EXPECT_DOUBLE_EQ(runs[0].config.dropout, 0.0);
    EXPECT_FALSE(runs[3].config.globalPool);
    EXPECT_TRUE(runs[8].config.globalPool);
    EXPECT_EQ(runs[8].config.seed, 12u);
    for (const SweepRun &run : runs)
        EXPECT_EQ(run.config.arch, Architecture::Fc);
}

TEST(Sweep, BadFilesNameTheFileAndTheKey)
{
    EXPECT_NE(errorOf(R"({"grid": {"norm": ["none"]}, "bogus": 1})").find("'bogus'"),
              std::string::npos);
    const std::string badGridKey = errorOf(R"({"grid": {"colour": ["red"]}})");
    EXPECT_NE(badGridKey.find("test.json"), std::string::npos) << badGridKey;
    EXPECT_NE(badGridKey.find("colour"), std::string::npos) << badGridKey;
    EXPECT_NE(errorOf(R"({"grid": {"norm": ["batchnorm"]}})").find("batchnorm"), std::string::npos);
    EXPECT_NE(errorOf(R"({"grid": {"norm": []}})").find("norm"), std::string::npos);
    EXPECT_NE(errorOf(R"({"base": {"dropout": "lots"}})").find("dropout"), std::string::npos);
    EXPECT_NE(errorOf(R"({"runs": [{}, {"l2": true}]})").find("runs[1]"), std::string::npos);
    EXPECT_NE(
        errorOf(R"({"grid": {"norm": ["none"]}, "runs": [{"norm": "batch"}]})").find("grid varies"),
        std::string::npos);
    EXPECT_NE(errorOf(R"({"repeats": 0})").find("repeats"), std::string::npos);
    EXPECT_NE(errorOf(R"({"repeats": 2.5})").find("repeats"), std::string::npos);
    EXPECT_NE(errorOf(R"({"grid": )").find("not valid JSON"), std::string::npos);
    EXPECT_NE(
        errorOf(R"({"reference": {"rows": [{"model": "X", "val-loss": 1}]}})").find("val-acc"),
        std::string::npos);
    try {
        loadSweepFile("/nonexistent/sweep.json");
        FAIL() << "a missing file must throw";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/sweep.json"), std::string::npos);
    }
}

TEST(Sweep, TooLargeSweepsAreRefused)
{
    SweepSpec spec;
    spec.grid = {{"width", {}}, {"lr", {}}};
    for (int i = 1; i <= 101; ++i) {
        spec.grid[0].values.push_back(std::to_string(i * 0.1));
        spec.grid[1].values.push_back(std::to_string(i * 0.001));
    }
    EXPECT_THROW(expandSweep(spec), InputError);
}

TEST(Sweep, OverridesWinOverBaseAndRunsButNotTheGrid)
{
    SweepSpec spec = parseSweepJson(
        R"({"base": {"epochs": 10}, "runs": [{"dropout": 0.5, "epochs": 20}, {}],
            "grid": {"norm": ["none", "batch"]}})",
        "test.json");
    applyOverrides(spec, {{"epochs", "1"}, {"limit", "100"}});
    for (const SweepRun &run : expandSweep(spec)) {
        EXPECT_EQ(run.config.epochs, 1);
        EXPECT_EQ(run.config.limit, 100);
    }
    try {
        applyOverrides(spec, {{"norm", "group"}});
        FAIL() << "overriding a grid key must throw";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("--norm"), std::string::npos) << e.what();
    }
    EXPECT_THROW(applyOverrides(spec, {{"dropout", "much"}}), InputError);
}

TEST(Sweep, ValidationNamesTheRun)
{
    const auto runs = expandSweep(
        parseSweepJson(R"({"base": {"groups": 5}, "grid": {"norm": ["none", "group"]}})", "t"));
    const auto problems = validateSweep(runs);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("run 2 (GroupNorm)"), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find("groups 5"), std::string::npos) << problems[0];
    const auto cv = expandSweep(parseSweepJson(R"({"base": {"folds": 3}})", "t"));
    ASSERT_EQ(validateSweep(cv).size(), 1u);
    EXPECT_NE(validateSweep(cv)[0].find("folds"), std::string::npos);
}

TEST(Sweep, MissingDataFallsBackToTheBuiltInDatasetAndSaysSo)
{
    auto runs = expandSweep(parseSweepJson(
        R"({"base": {"dataset": "cifar10", "data": "/nonexistent/cifar"},
            "grid": {"norm": ["none", "batch"]}, "repeats": 2})",
        "t"));
    EXPECT_EQ(missingDataPaths(runs), (std::vector<std::string>{"/nonexistent/cifar"}));
    const std::string keyBefore = runs[0].groupKey;
    EXPECT_EQ(useBuiltInDataWhereMissing(runs), 4);
    EXPECT_TRUE(missingDataPaths(runs).empty());
    EXPECT_TRUE(validateSweep(runs).empty());
    for (const SweepRun &run : runs) {
        EXPECT_EQ(run.config.dataset, DatasetKind::Synthetic);
        EXPECT_EQ(run.groupKey, groupKey(run.config));
    }
    EXPECT_NE(runs[0].groupKey, keyBefore);
    EXPECT_EQ(runs[0].groupKey, runs[1].groupKey); // repeats still group
    EXPECT_EQ(runs[2].config.name, "BatchNorm (built-in data)");

    ReferenceTable table;
    table.rows.push_back({"BatchNorm", {0.8005, 0.7293, 0.8080, 0.7217}});
    const ReferenceRow *row = findReferenceRow(table, runs[2].config.name);
    ASSERT_NE(row, nullptr);
    EXPECT_DOUBLE_EQ(row->value(Metric::TestAcc), 0.7217);
    EXPECT_EQ(findReferenceRow(table, "LayerNorm"), nullptr);
}

TEST(Presets, TheFourPresetsAreShipped)
{
    const auto names = presetNames();
    for (const char *name :
         {"lecture-normalization", "lecture-regularization", "batch-size-study", "double-descent"})
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    try {
        loadPreset("no-such-preset");
        FAIL() << "an unknown preset must throw";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("lecture-normalization"), std::string::npos)
            << "the message lists the presets: " << e.what();
    }
}

TEST(Presets, LectureNormalizationReproducesTableOne)
{
    const SweepSpec spec = loadPreset("lecture-normalization");
    EXPECT_EQ(spec.name, "Lecture: normalization on CIFAR-10");
    EXPECT_FALSE(spec.description.empty());
    const auto runs = expandSweep(spec);
    ASSERT_EQ(runs.size(), 6u * static_cast<size_t>(spec.repeats));
    EXPECT_GE(spec.repeats, 2);
    const std::vector<std::string> slideRows = {"No Normalization", "BatchNorm", "LayerNorm",
                                                "InstanceNorm",     "GroupNorm", "WeightNorm"};
    EXPECT_EQ(groupNames(runs), slideRows);
    for (const SweepRun &run : runs) {
        EXPECT_EQ(run.config.dataset, DatasetKind::Cifar10);
        EXPECT_EQ(run.config.arch, Architecture::Gap);
        EXPECT_EQ(run.config.seed, 1u + static_cast<uint64_t>(run.repeat));
    }
    EXPECT_TRUE(validateSweep(runs).empty());
    // The slides' numbers, exactly as printed.
    ASSERT_EQ(spec.reference.rows.size(), 6u);
    EXPECT_EQ(spec.reference.dataset, "cifar10");
    for (size_t i = 0; i < slideRows.size(); ++i)
        EXPECT_EQ(spec.reference.rows[i].model, slideRows[i]);
    const ReferenceRow &batch = spec.reference.rows[1];
    EXPECT_DOUBLE_EQ(batch.value(Metric::ValLoss), 0.8005);
    EXPECT_DOUBLE_EQ(batch.value(Metric::ValAcc), 0.7293);
    EXPECT_DOUBLE_EQ(batch.value(Metric::TestLoss), 0.8080);
    EXPECT_DOUBLE_EQ(batch.value(Metric::TestAcc), 0.7217);
    EXPECT_DOUBLE_EQ(spec.reference.rows[4].value(Metric::TestAcc), 0.7229);
}

TEST(Presets, LectureRegularizationReproducesTableTwo)
{
    const SweepSpec spec = loadPreset("lecture-regularization");
    const auto runs = expandSweep(spec);
    const std::vector<std::string> slideRows = {"CNN",
                                                "CNN + L2 Regularization",
                                                "CNN + Dropout",
                                                "CNN + DropConnect",
                                                "CNN + GlobalPool",
                                                "CNN + Data Augmentation"};
    EXPECT_EQ(groupNames(runs), slideRows);
    for (const SweepRun &run : runs) {
        EXPECT_EQ(run.config.dataset, DatasetKind::Folder);
        EXPECT_EQ(run.config.arch, Architecture::Fc);
        EXPECT_EQ(run.config.imageSize, 64);
    }
    EXPECT_TRUE(validateSweep(runs).empty());
    ASSERT_EQ(spec.reference.rows.size(), 6u);
    EXPECT_EQ(spec.reference.dataset, "folder");
    for (size_t i = 0; i < slideRows.size(); ++i)
        EXPECT_EQ(spec.reference.rows[i].model, slideRows[i]);
    EXPECT_DOUBLE_EQ(spec.reference.rows[4].value(Metric::TestAcc), 0.9087);
    EXPECT_DOUBLE_EQ(spec.reference.rows[5].value(Metric::ValLoss), 0.3431);
}

TEST(Presets, BatchSizeStudyCoversTwoTo256)
{
    const auto runs = expandSweep(loadPreset("batch-size-study"));
    std::set<int> sizes;
    std::set<NormKind> norms;
    std::set<std::string> names;
    for (const SweepRun &run : runs) {
        sizes.insert(run.config.batchSize);
        norms.insert(run.config.norm);
        names.insert(run.config.name);
    }
    EXPECT_EQ(sizes, (std::set<int>{2, 4, 8, 16, 32, 64, 128, 256}));
    EXPECT_EQ(norms, (std::set<NormKind>{NormKind::Batch, NormKind::Group, NormKind::Layer}));
    EXPECT_EQ(names.size(), 24u); // one name per configuration
    EXPECT_EQ(runs.front().config.name, "BatchNorm (batch-size 2)");
    EXPECT_TRUE(validateSweep(runs).empty());
}

TEST(Presets, DoubleDescentSweepsWidthWithLabelNoise)
{
    const auto runs = expandSweep(loadPreset("double-descent"));
    std::vector<double> widths;
    for (const SweepRun &run : runs) {
        EXPECT_GT(run.config.labelNoise, 0);
        EXPECT_EQ(run.config.earlyStopping, 0);
        if (run.repeat == 0)
            widths.push_back(run.config.width);
    }
    ASSERT_GE(widths.size(), 5u);
    EXPECT_TRUE(std::is_sorted(widths.begin(), widths.end()));
    EXPECT_EQ(runs.front().config.name, "No Normalization + Label Noise 20% (width 0.125)");
    EXPECT_TRUE(validateSweep(runs).empty());
}

namespace {
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
    const auto dir = tempDir();
    const std::string file = writeFile("two-by-two.json",
                                       R"({"name": "2x2", "base": {"batch-size": 16, "threads": 1},
            "grid": {"norm": ["none", "batch"], "seed": [1, 2]}})");
    const auto results = dir / "results.csv", history = dir / "history.csv",
               summary = dir / "summary.csv";
    std::filesystem::remove(results);
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
    const std::string bad = writeFile("bad.json", R"({"grid": {"norm": ["batchnorm"]}})");
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
    const auto results = tempDir() / "folds.csv";
    std::filesystem::remove(results);
    const auto out = runCli("train --folds 3 --limit 60 --epochs 1 --batch-size 16 --threads 1 "
                               "--quiet --results " +
                               results.string());
    ASSERT_EQ(out.exitCode, 0) << out.output;
    EXPECT_NE(out.output.find("(fold 3/3)"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find("3-fold cross-validation"), std::string::npos) << out.output;
    EXPECT_NE(out.output.find(" ± "), std::string::npos) << out.output;
    EXPECT_EQ(readLines(results).size(), 4u);
}
