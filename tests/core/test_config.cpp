// Configuration: validation messages, slide-style names, JSON round trips.

#include "normlab/ConfigJson.h"
#include "normlab/Errors.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <QJsonDocument>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace normlab;

namespace {
std::string firstError(const ExperimentConfig &config)
{
    const auto errors = validate(config);
    return errors.empty() ? std::string() : errors.front();
}
} // namespace

TEST(Config, DefaultsAreValid)
{
    EXPECT_TRUE(validate(ExperimentConfig{}).empty());
}

TEST(Config, ImpossibleValuesAreNamed)
{
    ExperimentConfig c;
    c.dropout = 1.5;
    EXPECT_NE(firstError(c).find("dropout 1.5"), std::string::npos);
    c = {};
    c.epochs = 0;
    EXPECT_NE(firstError(c).find("epochs 0"), std::string::npos);
    c = {};
    c.norm = NormKind::Group;
    c.groups = 5;
    EXPECT_NE(firstError(c).find("groups 5"), std::string::npos);
    c = {};
    c.dropconnect = -0.1;
    EXPECT_NE(firstError(c).find("dropconnect"), std::string::npos);
    c = {};
    c.lr = 0;
    EXPECT_NE(firstError(c).find("lr 0"), std::string::npos);
    c = {};
    c.batchSize = 0;
    EXPECT_NE(firstError(c).find("batch-size 0"), std::string::npos);
    c = {};
    c.dataset = DatasetKind::Folder;
    EXPECT_NE(firstError(c).find("data path"), std::string::npos);
    c = {};
    c.globalPool = true; // GAP network already pools
    EXPECT_NE(firstError(c).find("global-pool"), std::string::npos);
}

TEST(Config, GroupsMustDivideChannelsAtTheChosenWidth)
{
    ExperimentConfig c;
    c.norm = NormKind::Group;
    c.groups = 16;
    EXPECT_TRUE(validate(c).empty()); // 16, 32, 64
    c.width = 0.5;                    // 8, 16, 32
    EXPECT_NE(firstError(c).find("8"), std::string::npos);
    EXPECT_EQ(blockChannels(0.5), (std::vector<int64_t>{8, 16, 32}));
    EXPECT_EQ(hiddenUnits(2.0), 256);
}

TEST(Config, RunNamesFollowTheSlides)
{
    ExperimentConfig c;
    EXPECT_EQ(defaultRunName(c), "No Normalization");
    c.norm = NormKind::Batch;
    EXPECT_EQ(defaultRunName(c), "BatchNorm");
    c.augment = true;
    EXPECT_EQ(defaultRunName(c), "CNN + BatchNorm + Data Augmentation");
    c = {};
    c.arch = Architecture::Fc;
    EXPECT_EQ(defaultRunName(c), "CNN");
    c.dropout = 0.5;
    EXPECT_EQ(defaultRunName(c), "CNN + Dropout");
    c = {};
    c.arch = Architecture::Fc;
    c.globalPool = true;
    EXPECT_EQ(defaultRunName(c), "CNN + GlobalPool");
    c.l2 = 1e-3;
    EXPECT_EQ(defaultRunName(c), "CNN + L2 Regularization + GlobalPool");
    c.name = "mine";
    EXPECT_EQ(runName(c), "mine");
}

TEST(Config, JsonRoundTripKeepsEveryKey)
{
    ExperimentConfig c;
    c.dataset = DatasetKind::Folder;
    c.dataPath = "/data/tom";
    c.imageSize = 48;
    c.limit = 300;
    c.arch = Architecture::Fc;
    c.width = 1.5;
    c.norm = NormKind::Group;
    c.groups = 4;
    c.normAfterActivation = true;
    c.l1 = 1e-5;
    c.l2 = 0.002;
    c.dropout = 0.25;
    c.dropconnect = 0.1;
    c.augment = true;
    c.earlyStopping = 3;
    c.optimizer = OptimizerKind::Sgd;
    c.lr = 0.05;
    c.nesterov = true;
    c.batchSize = 32;
    c.epochs = 7;
    c.seed = 123;
    c.threads = 2;
    c.name = "x";
    const QJsonObject json = toJson(c);
    EXPECT_EQ(json.value("batch-size").toInt(), 32);
    EXPECT_EQ(json.value("norm").toString(), "group");
    const ExperimentConfig back = configFromJson(json);
    EXPECT_EQ(toJson(back), json);
    EXPECT_EQ(json.size(), static_cast<qsizetype>(configKeys().size()));
}

TEST(Config, JsonErrorsNameTheKey)
{
    QJsonObject bad;
    bad.insert("nrom", "batch");
    try {
        configFromJson(bad);
        FAIL() << "unknown key accepted";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("nrom"), std::string::npos);
    }
    QJsonObject wrongValue;
    wrongValue.insert("norm", "batchnorm");
    EXPECT_THROW(configFromJson(wrongValue), InputError);
    QJsonObject fractionalEpochs;
    fractionalEpochs.insert("epochs", 2.5);
    EXPECT_THROW(configFromJson(fractionalEpochs), InputError);
}

// A JSON number is a double: seeds beyond 2^53 must still save and load back exactly (the fuzzer
// found 4999999999999999999 saved as 5e+18, which the reader then refused).
TEST(Config, SeedsBeyondDoublePrecisionSaveAndLoadExactly)
{
    const fixtures::TempDir dir;
    const std::string path = dir.file("seed.json").string();
    for (const uint64_t seed : {uint64_t(4999999999999999999ull), uint64_t(9007199254740993ull),
                                uint64_t(std::numeric_limits<int64_t>::max()), uint64_t(1) << 53}) {
        ExperimentConfig c;
        c.seed = seed;
        c.splitSeed = seed;
        saveConfigFile(c, path);
        const ExperimentConfig loaded = loadConfigFile(path);
        EXPECT_EQ(loaded.seed, seed);
        EXPECT_EQ(loaded.splitSeed, seed);
    }
}

// Seeds are uint64_t: every value, including those above INT64_MAX, is accepted as text (command
// line, JSON string) and saves and loads back; beyond the type or negative is refused by name.
TEST(Config, SeedsRoundTripOverTheirWholeRange)
{
    const fixtures::TempDir dir;
    const std::string path = dir.file("seed.json").string();
    constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
    for (const uint64_t seed :
         {uint64_t(0), uint64_t(std::numeric_limits<int64_t>::max()) + 1, kMax - 1, kMax}) {
        ExperimentConfig fromText;
        setConfigValue(fromText, "seed", std::to_string(seed));
        setConfigValue(fromText, "split-seed", std::to_string(seed));
        EXPECT_EQ(fromText.seed, seed);
        EXPECT_EQ(fromText.splitSeed, seed);
        saveConfigFile(fromText, path);
        const ExperimentConfig loaded = loadConfigFile(path);
        EXPECT_EQ(loaded.seed, seed);
        EXPECT_EQ(loaded.splitSeed, seed);
        EXPECT_EQ(configFromJson(toJson(fromText)).seed, seed);
    }
    for (const char *bad : {"18446744073709551616", "-1", "-0", "", "1e3"}) {
        ExperimentConfig c;
        try {
            setConfigValue(c, "seed", bad);
            FAIL() << "seed '" << bad << "' accepted";
        } catch (const InputError &e) {
            EXPECT_NE(std::string(e.what()).find("seed: '" + std::string(bad) + "'"),
                      std::string::npos)
                << e.what();
        }
    }
}

TEST(Config, FilesSaveLoadAndReportProblems)
{
    const fixtures::TempDir dir;
    const std::string path = dir.file("config.json").string();
    ExperimentConfig c;
    c.norm = NormKind::Instance;
    c.batchSize = 17;
    saveConfigFile(c, path);
    EXPECT_EQ(toJson(loadConfigFile(path)), toJson(c));

    {
        std::ofstream(path) << R"([{"norm": "batch"}, {"norm": "layer", "epochs": 3}])";
    }
    const auto list = loadConfigList(path);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[1].norm, NormKind::Layer);
    EXPECT_EQ(list[1].epochs, 3);

    {
        std::ofstream(path) << "{ not json";
    }
    try {
        loadConfigFile(path);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    }
    std::remove(path.c_str());
    EXPECT_THROW(loadConfigFile(path), InputError);
    EXPECT_THROW(saveConfigFile(c, "/nonexistent-dir/x.json"), InputError);
}
