// normlab-cli: option parsing and end-to-end runs of the built binary.

#include "cli/CliOptions.h"
#include "normlab/ConfigJson.h"
#include "normlab/Engine.h"

#include "CliRunner.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace normlab;
using fixtures::readLines;
using fixtures::runCli;
using fixtures::TempDir;

TEST(CliParse, EveryOptionIsHonoured)
{
    // Option and value pairs, packed as on a command line.
    // clang-format off
    const CliOptions o = parseCli(
        {"train", "--dataset", "folder", "--data", "/d", "--image-size", "48", "--arch", "fc",
         "--width", "2", "--norm", "group", "--groups", "4", "--l1", "1e-5", "--l2", "0.01",
         "--dropout", "0.5", "--dropconnect", "0.25", "--augment", "--early-stopping", "3",
         "--epochs", "7", "--batch-size", "32", "--lr", "0.05", "--optimizer", "sgd", "--seed",
         "9", "--threads", "1", "--limit", "100", "--name", "my run", "--results", "r.csv",
         "--history", "h.csv", "--global-pool", "--nesterov", "--mean-only-bn=false"});
    // clang-format on
    const ExperimentConfig &c = o.config;
    EXPECT_EQ(o.command, CliCommand::Train);
    EXPECT_EQ(c.dataset, DatasetKind::Folder);
    EXPECT_EQ(c.dataPath, "/d");
    EXPECT_EQ(c.imageSize, 48);
    EXPECT_EQ(c.arch, Architecture::Fc);
    EXPECT_DOUBLE_EQ(c.width, 2.0);
    EXPECT_EQ(c.norm, NormKind::Group);
    EXPECT_EQ(c.groups, 4);
    EXPECT_DOUBLE_EQ(c.l1, 1e-5);
    EXPECT_DOUBLE_EQ(c.l2, 0.01);
    EXPECT_DOUBLE_EQ(c.dropout, 0.5);
    EXPECT_DOUBLE_EQ(c.dropconnect, 0.25);
    EXPECT_TRUE(c.augment);
    EXPECT_EQ(c.earlyStopping, 3);
    EXPECT_EQ(c.epochs, 7);
    EXPECT_EQ(c.batchSize, 32);
    EXPECT_DOUBLE_EQ(c.lr, 0.05);
    EXPECT_EQ(c.optimizer, OptimizerKind::Sgd);
    EXPECT_EQ(c.seed, 9u);
    EXPECT_EQ(c.threads, 1);
    EXPECT_EQ(c.limit, 100);
    EXPECT_EQ(c.name, "my run");
    EXPECT_TRUE(c.globalPool);
    EXPECT_TRUE(c.nesterov);
    EXPECT_FALSE(c.meanOnlyBatchNorm);
    EXPECT_EQ(o.resultsPath, "r.csv");
    EXPECT_EQ(o.historyPath, "h.csv");
}

TEST(CliParse, FlagsOverrideTheConfigFileWhereverItStands)
{
    const TempDir dir;
    const auto path = dir.file("config.json").string();
    std::ofstream(path) << R"({"norm": "batch", "batch-size": 64, "augment": true, "epochs": 3})";
    const CliOptions o = parseCli({"train", "--epochs", "5", "--config", path});
    EXPECT_EQ(o.config.norm, NormKind::Batch);
    EXPECT_EQ(o.config.batchSize, 64);
    EXPECT_TRUE(o.config.augment);
    EXPECT_EQ(o.config.epochs, 5);
}

TEST(CliParse, BadArgumentsNameTheProblem)
{
    auto message = [](const std::vector<std::string> &args) {
        try {
            parseCli(args);
        } catch (const InputError &e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    EXPECT_NE(message({"train", "--bogus", "1"}).find("--bogus"), std::string::npos);
    EXPECT_NE(message({"train", "--dropout", "abc"}).find("dropout"), std::string::npos);
    EXPECT_NE(message({"train", "--epochs"}).find("needs a value"), std::string::npos);
    EXPECT_NE(message({"train", "--norm", "batchnorm"}).find("batchnorm"), std::string::npos);
    EXPECT_NE(message({"fly"}).find("fly"), std::string::npos);
    EXPECT_NE(message({"train", "--config", "/nonexistent.json"}).find("/nonexistent.json"),
              std::string::npos);
}

TEST(CliParse, HelpDocumentsEveryOption)
{
    const std::string help = cliHelp();
    for (const auto &key : configKeys())
        EXPECT_NE(help.find("--" + key.name), std::string::npos) << key.name;
    for (const char *option : {"--config", "--results", "--history"})
        EXPECT_NE(help.find(option), std::string::npos) << option;
}

TEST(CliRun, TrainWritesResultsAndHistory)
{
    const TempDir dir;
    const auto results = dir.file("results.csv");
    const auto history = dir.file("history.csv");
    const auto out = runCli("train --limit 200 --epochs 2 --batch-size 32 --threads 1 "
                            "--norm batch --results " +
                            results.string() + " --history " + history.string());
    ASSERT_EQ(out.exitCode, 0) << out.output;
    EXPECT_NE(out.output.find("epoch 2/2"), std::string::npos) << out.output;
    const auto rows = readLines(results);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(
        rows[0].rfind("Model,Validation Loss,Validation Accuracy,Test Loss,Test Accuracy,", 0), 0u);
    EXPECT_EQ(rows[1].rfind("BatchNorm,", 0), 0u) << rows[1];
    EXPECT_NE(rows[1].find(",finished,"), std::string::npos) << rows[1];
    const auto epochs = readLines(history);
    ASSERT_EQ(epochs.size(), 3u);
    EXPECT_EQ(epochs[0], "epoch,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,seconds");
}

TEST(CliRun, BadInputExitsTwoWithOneClearMessage)
{
    struct Case
    {
        std::string args, expected;
    };
    const std::vector<Case> cases = {
        {"train --dropout 1.5", "dropout 1.5"},
        {"train --epochs 0", "epochs 0"},
        {"train --norm group --groups 5", "groups 5"},
        {"train --dataset folder --data /nonexistent/folder", "/nonexistent/folder"},
        {"train --dataset cifar10 --data /nonexistent/cifar", "/nonexistent/cifar"},
        {"train --unknown-option", "--unknown-option"},
    };
    for (const Case &c : cases) {
        const auto out = runCli(c.args);
        EXPECT_EQ(out.exitCode, 2) << c.args << "\n" << out.output;
        EXPECT_NE(out.output.find(c.expected), std::string::npos) << c.args << "\n" << out.output;
    }
}

TEST(CliRun, HelpExitsZero)
{
    const auto out = runCli("--help");
    EXPECT_EQ(out.exitCode, 0);
    EXPECT_NE(out.output.find("--dropconnect"), std::string::npos);
}
