// normlab-cli predict, train --save-model, --checkpoint and --resume, end to end: predictions on
// the test split's image files read from disk agree with the run's own, a resumed run's history
// is the uninterrupted run's, and bad model files exit 2 naming the file.

#include "CliRunner.h"
#include "TempDir.h"

#include "cli/CliOptions.h"

#include "normlab/ModelFile.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace normlab;
using fixtures::readLines;
using fixtures::runCli;
using fixtures::TempDir;

namespace {

void putLittleEndian(std::ofstream &out, uint32_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.put(static_cast<char>((value >> (8 * i)) & 0xff));
}

// A 24-bit BMP: bottom-up rows of BGR pixels, each row padded to 4 bytes (lossless).
void writeBmp(const std::filesystem::path &path, const SampleImage &image)
{
    const uint32_t rowBytes = (static_cast<uint32_t>(image.width) * 3 + 3) & ~3u;
    const uint32_t pixelBytes = rowBytes * static_cast<uint32_t>(image.height);
    std::ofstream out(path, std::ios::binary);
    out.write("BM", 2);
    for (const auto &[value, bytes] :
         std::vector<std::pair<uint32_t, int>>{{54 + pixelBytes, 4},
                                               {0, 4},
                                               {54, 4},
                                               {40, 4},
                                               {static_cast<uint32_t>(image.width), 4},
                                               {static_cast<uint32_t>(image.height), 4},
                                               {1, 2},
                                               {24, 2},
                                               {0, 4},
                                               {pixelBytes, 4},
                                               {2835, 4},
                                               {2835, 4},
                                               {0, 4},
                                               {0, 4}})
        putLittleEndian(out, value, bytes);
    for (int y = image.height - 1; y >= 0; --y) {
        for (int x = 0; x < image.width; ++x) {
            const uint8_t *rgb = &image.rgb[(static_cast<size_t>(y) * image.width + x) * 3];
            out.put(static_cast<char>(rgb[2])).put(static_cast<char>(rgb[1]));
            out.put(static_cast<char>(rgb[0]));
        }
        for (uint32_t pad = static_cast<uint32_t>(image.width) * 3; pad < rowBytes; ++pad)
            out.put(0);
    }
}

std::vector<std::string> csvFields(const std::string &line)
{
    std::vector<std::string> fields;
    std::stringstream in(line);
    for (std::string field; std::getline(in, field, ',');)
        fields.push_back(field);
    return fields;
}

ExperimentConfig builtInConfig()
{
    ExperimentConfig config;
    config.limit = 400;
    config.epochs = 2;
    config.threads = 2;
    config.norm = NormKind::Batch;
    return config;
}

// The test split's images as BMP files test_0000.bmp ..., in split order.
void writeTestSplit(const ExperimentConfig &config, const DataSplits &data,
                    const std::filesystem::path &folder)
{
    const DatasetSummary summary = summarize(data);
    std::vector<int64_t> indices(static_cast<size_t>(summary.testSize));
    for (size_t i = 0; i < indices.size(); ++i)
        indices[i] = static_cast<int64_t>(i);
    const std::vector<SampleImage> images = splitImages(config, data, "test", indices);
    std::filesystem::create_directories(folder);
    for (size_t i = 0; i < images.size(); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "test_%04zu.bmp", i);
        writeBmp(folder / name, images[i]);
    }
}

// The data rows of a history CSV without the last column (seconds).
std::vector<std::string> historyWithoutSeconds(const std::filesystem::path &path)
{
    std::vector<std::string> rows;
    for (const std::string &line : readLines(path))
        rows.push_back(line.substr(0, line.rfind(',')));
    return rows;
}

} // namespace

TEST(CliPredict, OptionsAreParsed)
{
    const CliOptions predict = parseCli(
        {"predict", "--model", "m.pt", "a.png", "frames", "--top", "5", "--csv", "out.csv"});
    EXPECT_EQ(predict.command, CliCommand::Predict);
    EXPECT_EQ(predict.modelPath, "m.pt");
    EXPECT_EQ(predict.predictions, (std::vector<std::string>{"a.png", "frames"}));
    EXPECT_EQ(predict.top, 5);
    EXPECT_EQ(predict.predictCsv, "out.csv");
    const CliOptions train = parseCli({"train", "--save-model", "m.pt", "--checkpoint", "runs/",
                                       "--resume", "runs/checkpoint.pt", "--epochs", "6"});
    EXPECT_EQ(train.saveModelPath, "m.pt");
    EXPECT_EQ(train.checkpointPath, "runs/");
    EXPECT_EQ(train.resumePath, "runs/checkpoint.pt");
    EXPECT_THROW(parseCli({"predict", "--model", "m.pt", "--norm", "batch", "a.png"}), InputError);
    EXPECT_THROW(parseCli({"predict", "--model", "m.pt", "--top", "0", "a.png"}), InputError);
    EXPECT_THROW(parseCli({"sweep", "--save-model", "m.pt", "--preset", "x"}), InputError);
}

TEST(CliPredict, TestSplitFilesGetTheRunsPredictionsAndAccuracy)
{
    const ExperimentConfig config = builtInConfig();
    const auto data = loadData(config);
    TempDir dir;
    const auto model = dir.path() / "model.pt";
    TrainingRun run(config, *data);
    const RunResult result = run.run();
    run.saveModel(model.string(), result);
    writeTestSplit(config, *data, dir.path() / "test");

    const auto csv = dir.path() / "predictions.csv";
    const auto outcome = runCli("predict --model " + model.string() + " " +
                                (dir.path() / "test").string() + " --top 3 --csv " + csv.string());
    ASSERT_EQ(outcome.exitCode, 0) << outcome.output;
    const std::vector<std::string> lines = readLines(csv);
    ASSERT_EQ(lines.size(), result.insight.test.predicted.size() + 1);
    EXPECT_EQ(lines[0], "file,top1,probability,top2,probability2,top3,probability3");
    const std::vector<std::string> classes = summarize(*data).classNames;
    int64_t correct = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
        const std::vector<std::string> fields = csvFields(lines[i]);
        ASSERT_EQ(fields.size(), 7u) << lines[i];
        EXPECT_EQ(fields[1], classes[result.insight.test.predicted[i - 1]]) << lines[i];
        EXPECT_NEAR(std::stod(fields[2]), result.insight.test.confidence[i - 1], 1e-5);
        correct += fields[1] == classes[result.insight.test.truth[i - 1]] ? 1 : 0;
    }
    EXPECT_EQ(static_cast<double>(correct) / static_cast<double>(lines.size() - 1), result.testAcc);
}

TEST(CliPredict, TrainSaveModelThenPredictPrintsTopClasses)
{
    TempDir dir;
    const auto model = dir.path() / "model.pt";
    const auto trained =
        runCli("train --limit 200 --epochs 1 --threads 2 --quiet --save-model " + model.string());
    ASSERT_EQ(trained.exitCode, 0) << trained.output;
    const ExperimentConfig config = [] {
        ExperimentConfig c;
        c.limit = 200;
        return c;
    }();
    writeTestSplit(config, *loadData(config), dir.path() / "images");
    const auto image = dir.path() / "images" / "test_0000.bmp";
    const auto outcome =
        runCli("predict --model " + model.string() + " " + image.string() + " --top 2");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.output;
    EXPECT_NE(outcome.output.find(image.string() + ": "), std::string::npos) << outcome.output;
    EXPECT_NE(outcome.output.find("best weights of epoch 1"), std::string::npos) << outcome.output;
}

TEST(CliPredict, BadModelFilesAndInputsExitTwoNamingTheFile)
{
    TempDir dir;
    const auto garbage = dir.path() / "garbage.pt";
    std::ofstream(garbage) << "not a model";
    const auto image = dir.path() / "image.bmp";
    writeBmp(image, SampleImage{8, 8, std::vector<uint8_t>(8 * 8 * 3, 128), 0});

    auto outcome = runCli("predict --model " + garbage.string() + " " + image.string());
    EXPECT_EQ(outcome.exitCode, 2);
    EXPECT_NE(outcome.output.find(garbage.string() + " is not a NormLab file"), std::string::npos)
        << outcome.output;
    outcome = runCli("predict --model " + (dir.path() / "missing.pt").string() + " x.png");
    EXPECT_EQ(outcome.exitCode, 2);
    EXPECT_NE(outcome.output.find("missing.pt"), std::string::npos) << outcome.output;
    outcome = runCli("predict " + image.string());
    EXPECT_EQ(outcome.exitCode, 2);
    EXPECT_NE(outcome.output.find("predict needs --model"), std::string::npos);
    outcome = runCli("train --resume " + garbage.string());
    EXPECT_EQ(outcome.exitCode, 2);
    EXPECT_NE(outcome.output.find(garbage.string()), std::string::npos) << outcome.output;
    outcome = runCli("train --save-model " + (dir.path() / "no" / "such" / "m.pt").string());
    EXPECT_EQ(outcome.exitCode, 2);
    EXPECT_NE(outcome.output.find("does not exist"), std::string::npos) << outcome.output;
}

TEST(CliPredict, ResumedRunHasTheUninterruptedHistory)
{
    TempDir dir;
    const std::string common =
        " --limit 160 --norm batch --dropout 0.3 --augment --threads 2 --quiet --batch-size 32";
    const auto whole = dir.path() / "whole.csv";
    auto outcome = runCli("train --epochs 4" + common + " --history " + whole.string());
    ASSERT_EQ(outcome.exitCode, 0) << outcome.output;

    const auto checkpoints = dir.path() / "checkpoints";
    std::filesystem::create_directories(checkpoints);
    outcome = runCli("train --epochs 2" + common + " --checkpoint " + checkpoints.string());
    ASSERT_EQ(outcome.exitCode, 0) << outcome.output;
    const auto resumed = dir.path() / "resumed.csv";
    outcome = runCli("train --resume " + (checkpoints / "checkpoint.pt").string() +
                     " --epochs 4 --quiet --history " + resumed.string());
    ASSERT_EQ(outcome.exitCode, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("after epoch 2"), std::string::npos) << outcome.output;
    const auto expected = historyWithoutSeconds(whole);
    ASSERT_EQ(expected.size(), 5u);
    EXPECT_EQ(historyWithoutSeconds(resumed), expected);

    outcome =
        runCli("train --resume " + (checkpoints / "checkpoint.pt").string() + " --norm layer");
    EXPECT_EQ(outcome.exitCode, 2);
    EXPECT_NE(outcome.output.find("--norm cannot change"), std::string::npos) << outcome.output;
}

TEST(CliPredict, KillDuringCheckpointWritesLeavesALoadableCheckpoint)
{
    TempDir dir;
    const auto checkpoint = dir.path() / "run.pt";
    const auto pidFile = dir.path() / "pid";
    // Small epochs write a checkpoint every few tens of milliseconds: the kills land at
    // different points of the write cycle; whatever they hit, the file on disk is whole.
    for (const int delayMs : {0, 23, 47, 71}) {
        fixtures::runShell(std::string(NORMLAB_CLI_PATH) +
                           " train --limit 200 --epochs 200 --batch-size 100 --stats-every 0"
                           " --threads 1 --quiet --checkpoint " +
                           checkpoint.string() + " >/dev/null 2>&1 & echo $! > " +
                           pidFile.string());
        const pid_t pid = std::stoi(readLines(pidFile).at(0));
        for (int wait = 0; wait < 6000 && !std::filesystem::exists(checkpoint); ++wait)
            usleep(10000);
        usleep(static_cast<useconds_t>(delayMs) * 1000);
        ASSERT_EQ(kill(pid, SIGKILL), 0);
        usleep(100000);
        try {
            EXPECT_GE(readCheckpointInfo(checkpoint.string()).epoch, 1);
        } catch (const InputError &error) {
            ADD_FAILURE() << "after a kill " << delayMs << " ms in: " << error.what();
        }
        std::filesystem::remove(checkpoint);
    }
}
