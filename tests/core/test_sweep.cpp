// Sweeps and presets: parsing, expansion order, repeats and groups, names, overrides and the
// built-in-data fallback. Running sweeps is in test_sweep_run.cpp.

#include "normlab/ConfigJson.h"
#include "normlab/Sweep.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace normlab;

namespace {

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
