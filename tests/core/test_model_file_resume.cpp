// Checkpoints: a run stopped after epoch 2 of 4 and resumed is bit-identical to one never
// interrupted (BatchNorm, dropout, augmentation); bad checkpoints are refused naming the file.

#include "TempDir.h"
#include "TestData.h"

#include "normlab/ModelFile.h"
#include "training/ModelArchive.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace normlab;
using fixtures::TempDir;

namespace {

ExperimentConfig regularizedConfig(int epochs)
{
    ExperimentConfig config = fixtures::tinyConfig();
    config.norm = NormKind::Batch;
    config.dropout = 0.3;
    config.augment = true;
    config.earlyStopping = 3;
    config.statsEvery = 4;
    config.epochs = epochs;
    return config;
}

RunResult train(const ExperimentConfig &config, const DataSplits &data,
                const std::string &checkpoint, const std::string &resume = "")
{
    TrainingRun run(config, data);
    run.writeCheckpoints(checkpoint);
    if (!resume.empty())
        run.resumeFrom(resume);
    return run.run();
}

ArchiveReader readArchiveFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>()};
    return ArchiveReader(torch::pickle_load(bytes).toGenericDict(), path.string());
}

void expectSameState(const StateDict &a, const StateDict &b)
{
    ASSERT_EQ(a.size(), b.size());
    for (const auto &entry : a) {
        ASSERT_TRUE(b.contains(entry.key())) << entry.key();
        EXPECT_TRUE(torch::equal(entry.value(), b.at(entry.key()))) << entry.key();
    }
}

void expectSameHistory(const RunResult &a, const RunResult &b)
{
    ASSERT_EQ(a.history.size(), b.history.size());
    for (size_t i = 0; i < a.history.size(); ++i) {
        const EpochMetrics &x = a.history[i], &y = b.history[i];
        EXPECT_EQ(x.epoch, y.epoch);
        EXPECT_EQ(x.trainLoss, y.trainLoss) << "epoch " << x.epoch;
        EXPECT_EQ(x.trainAcc, y.trainAcc) << "epoch " << x.epoch;
        EXPECT_EQ(x.valLoss, y.valLoss) << "epoch " << x.epoch;
        EXPECT_EQ(x.valAcc, y.valAcc) << "epoch " << x.epoch;
        EXPECT_EQ(x.testLoss, y.testLoss) << "epoch " << x.epoch;
        EXPECT_EQ(x.testAcc, y.testAcc) << "epoch " << x.epoch;
    }
}

std::string resumeError(const ExperimentConfig &config, const DataSplits &data,
                        const std::filesystem::path &checkpoint)
{
    try {
        TrainingRun run(config, data);
        run.resumeFrom(checkpoint.string());
    } catch (const InputError &error) {
        return error.what();
    }
    return "";
}

} // namespace

TEST(Checkpoint, ResumedAfterEpochTwoOfFourIsBitIdentical)
{
    const DataSplits data = fixtures::brightDarkSplits(96, 32, 32);
    TempDir dir;
    const std::string whole = (dir.path() / "whole.pt").string();
    const RunResult uninterrupted = train(regularizedConfig(4), data, whole);
    ASSERT_EQ(uninterrupted.status, RunStatus::Finished) << uninterrupted.message;

    const std::string first = (dir.path() / "first.pt").string();
    const RunResult stopped = train(regularizedConfig(2), data, first);
    ASSERT_EQ(stopped.epochsRun, 2);
    EXPECT_EQ(readCheckpointInfo(first).epoch, 2);
    const std::string resumed = (dir.path() / "resumed.pt").string();
    const RunResult continued = train(regularizedConfig(4), data, resumed, first);

    expectSameHistory(uninterrupted, continued);
    EXPECT_EQ(uninterrupted.bestEpoch, continued.bestEpoch);
    EXPECT_EQ(uninterrupted.insight.test.predicted, continued.insight.test.predicted);
    EXPECT_EQ(uninterrupted.insight.test.confidence, continued.insight.test.confidence);
    ASSERT_EQ(uninterrupted.insight.gradientNorms.size(), continued.insight.gradientNorms.size());
    EXPECT_EQ(uninterrupted.insight.gradientNorms.back().norms,
              continued.insight.gradientNorms.back().norms);
    ASSERT_EQ(uninterrupted.insight.layerStats.size(), continued.insight.layerStats.size());
    EXPECT_EQ(uninterrupted.insight.layerStats.back().blocks.back().postStd,
              continued.insight.layerStats.back().blocks.back().postStd);

    const ArchiveReader a = readArchiveFile(whole), b = readArchiveFile(resumed);
    expectSameState(a.state("model"), b.state("model"));
    expectSameState(a.state("best_model"), b.state("best_model"));
    EXPECT_TRUE(torch::equal(a.tensor("rng"), b.tensor("rng")));
    EXPECT_EQ(a.integer("step"), b.integer("step"));
}

TEST(Checkpoint, FolderGetsCheckpointPtAndWritesLeaveNoTemporaryFiles)
{
    TempDir dir;
    EXPECT_EQ(checkpointFile(dir.path().string()), (dir.path() / "checkpoint.pt").string());
    EXPECT_EQ(checkpointFile("new-folder/"), "new-folder/checkpoint.pt");
    EXPECT_EQ(checkpointFile("run.pt"), "run.pt");

    const DataSplits data = fixtures::brightDarkSplits(48, 16, 16);
    ExperimentConfig config = fixtures::tinyConfig();
    train(config, data, dir.path().string());
    const CheckpointInfo info = readCheckpointInfo((dir.path() / "checkpoint.pt").string());
    EXPECT_EQ(info.epoch, 2);
    EXPECT_EQ(info.runName, runName(config));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(Checkpoint, RefusesOtherConfigurationsModelFilesAndDamagedFiles)
{
    const DataSplits data = fixtures::brightDarkSplits(48, 16, 16);
    TempDir dir;
    const auto checkpoint = dir.path() / "checkpoint.pt";
    train(regularizedConfig(1), data, checkpoint.string());
    EXPECT_EQ(resumeError(regularizedConfig(3), data, checkpoint), "");

    ExperimentConfig other = regularizedConfig(1);
    other.norm = NormKind::Layer;
    other.lr = 0.1;
    EXPECT_NE(resumeError(other, data, checkpoint)
                  .find(checkpoint.string() +
                        ": it belongs to another configuration (differs in: lr, norm)"),
              std::string::npos)
        << resumeError(other, data, checkpoint);

    const auto model = dir.path() / "model.pt";
    TrainingRun run(regularizedConfig(1), data);
    run.saveModel(model.string(), run.run());
    EXPECT_NE(resumeError(regularizedConfig(1), data, model)
                  .find(model.string() + " is a 'normlab-model' file, not a NormLab file"),
              std::string::npos)
        << resumeError(regularizedConfig(1), data, model);

    std::ifstream in(checkpoint, std::ios::binary);
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto truncated = dir.path() / "truncated.pt";
    std::ofstream(truncated, std::ios::binary)
        .write(bytes.data(), static_cast<long>(bytes.size() / 3));
    EXPECT_NE(resumeError(regularizedConfig(1), data, truncated)
                  .find(truncated.string() + " is truncated"),
              std::string::npos);

    // A model file read as a checkpoint for prediction: its best weights.
    const ModelInfo asModel = readModelInfo(checkpoint.string());
    EXPECT_EQ(asModel.format, "normlab-checkpoint");
    EXPECT_EQ(asModel.weights, "best");
}
