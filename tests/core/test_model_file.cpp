// Model files: the archive's layout (what Python's torch.load sees), predictions from the file
// against the run's own, and every bad file refused with a message naming it.

#include "TempDir.h"
#include "TestData.h"

#include "normlab/ModelFile.h"
#include "training/ModelArchive.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <cstdio>
#include <fstream>
#include <random>

using namespace normlab;
using fixtures::TempDir;

namespace {

std::vector<char> fileBytes(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::filesystem::path &path, const std::vector<char> &bytes)
{
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<long>(bytes.size()));
}

// A trained tiny model (BatchNorm, so the file has buffers too) and its run.
struct SavedModel
{
    DataSplits data = fixtures::brightDarkSplits(96, 32, 40);
    ExperimentConfig config = [] {
        ExperimentConfig c = fixtures::tinyConfig();
        c.norm = NormKind::Batch;
        return c;
    }();
    RunResult result;

    explicit SavedModel(const std::filesystem::path &path)
    {
        TrainingRun run(config, data);
        result = run.run();
        run.saveModel(path.string(), result);
    }
};

// The test split as PNG files (lossless), in split order.
std::vector<std::string> writeImages(const Dataset &split, const std::filesystem::path &folder)
{
    std::vector<std::string> files;
    for (int64_t i = 0; i < split.size(); ++i) {
        // CHW RGB -> HWC BGR, as OpenCV writes it.
        const torch::Tensor hwc = split.images[i].flip(0).permute({1, 2, 0}).contiguous();
        const cv::Mat image(static_cast<int>(hwc.size(0)), static_cast<int>(hwc.size(1)), CV_8UC3,
                            hwc.data_ptr<uint8_t>());
        char name[32];
        std::snprintf(name, sizeof name, "test_%04d.png", static_cast<int>(i));
        files.push_back((folder / name).string());
        EXPECT_TRUE(cv::imwrite(files.back(), image));
    }
    return files;
}

// The InputError message for reading `path` as a model, or "" when it was accepted.
std::string modelError(const std::filesystem::path &path)
{
    try {
        readModelInfo(path.string());
    } catch (const InputError &error) {
        return error.what();
    }
    return "";
}

} // namespace

TEST(ModelFile, IsADictionaryArchiveWithTheStateDictAndMetadata)
{
    TempDir dir;
    const auto path = dir.path() / "model.pt";
    const SavedModel saved(path);
    const c10::IValue archive = torch::pickle_load(fileBytes(path));
    ASSERT_TRUE(archive.isGenericDict());
    const ArchiveReader reader(archive.toGenericDict(), path.string());
    EXPECT_EQ(reader.text("format"), "normlab-model");
    EXPECT_EQ(reader.integer("format_version"), kModelFormatVersion);
    const ArchiveReader meta = reader.child("metadata");
    EXPECT_EQ(meta.text("architecture"), "gap");
    EXPECT_EQ(meta.text("normalization"), "batch");
    EXPECT_EQ(meta.number("width"), 1.0);
    EXPECT_EQ(meta.texts("class_names"), (std::vector<std::string>{"dark", "bright"}));
    EXPECT_EQ(meta.integer("image_size"), 16);
    EXPECT_EQ(meta.integer("channels"), 3);
    EXPECT_EQ(meta.numbers("input_mean").at(0), static_cast<double>(saved.data.mean[0]));
    EXPECT_EQ(meta.numbers("input_std").at(2), static_cast<double>(saved.data.stddev[2]));
    EXPECT_EQ(meta.text("weights"), "best");
    EXPECT_EQ(meta.integer("epoch"), saved.result.bestEpoch);

    // PyTorch's names: what nn.BatchNorm2d and a module tree block1.conv ... would use.
    const StateDict state = reader.state("state_dict");
    NormCnn fresh(saved.config, 2, 16, 3);
    std::vector<std::string> expected;
    for (const auto &item : fresh->named_parameters())
        expected.push_back(item.key());
    for (const auto &item : fresh->named_buffers())
        expected.push_back(item.key());
    EXPECT_EQ(static_cast<size_t>(state.size()), expected.size());
    for (const auto &name : expected)
        EXPECT_TRUE(state.contains(name)) << name;
    EXPECT_TRUE(state.contains("block1.norm.running_var"));
    EXPECT_EQ(state.at("output.weight").sizes(), (std::vector<int64_t>{2, 64}));
}

TEST(ModelFile, PredictsTheTestImagesAsTheRunDid)
{
    TempDir dir;
    const auto path = dir.path() / "model.pt";
    const SavedModel saved(path);
    const std::vector<std::string> files = writeImages(saved.data.test, dir.path());
    const ModelPredictor predictor(path.string());
    const std::vector<ImagePrediction> predictions = predictor.predict(files, 2);

    const SplitPredictions &run = saved.result.insight.test;
    ASSERT_EQ(predictions.size(), run.predicted.size());
    int64_t correct = 0;
    for (size_t i = 0; i < predictions.size(); ++i) {
        ASSERT_TRUE(predictions[i].readable);
        ASSERT_EQ(predictions[i].classes.size(), 2u);
        EXPECT_EQ(predictions[i].classes[0], run.predicted[i]) << files[i];
        EXPECT_NEAR(predictions[i].probabilities[0], run.confidence[i], 1e-6);
        EXPECT_NEAR(predictions[i].probabilities[0] + predictions[i].probabilities[1], 1.0, 1e-5);
        correct += predictions[i].classes[0] == run.truth[i] ? 1 : 0;
    }
    EXPECT_EQ(static_cast<double>(correct) / static_cast<double>(predictions.size()),
              saved.result.testAcc);
}

TEST(ModelFile, RefusesBadFilesNamingThem)
{
    TempDir dir;
    const auto good = dir.path() / "model.pt";
    const SavedModel saved(good);
    const std::vector<char> bytes = fileBytes(good);
    ASSERT_EQ(modelError(good), "");

    const auto missing = dir.path() / "missing.pt";
    EXPECT_NE(modelError(missing).find(missing.string()), std::string::npos);

    const auto garbage = dir.path() / "garbage.pt";
    writeBytes(garbage, std::vector<char>(1000, 'x'));
    EXPECT_NE(modelError(garbage).find(garbage.string() + " is not a NormLab file"),
              std::string::npos);

    const auto empty = dir.path() / "empty.pt";
    writeBytes(empty, {});
    EXPECT_NE(modelError(empty).find(empty.string()), std::string::npos);

    for (const size_t keep : {size_t{4}, size_t{100}, bytes.size() / 2, bytes.size() - 10}) {
        const auto truncated = dir.path() / ("truncated-" + std::to_string(keep) + ".pt");
        writeBytes(truncated, {bytes.begin(), bytes.begin() + static_cast<long>(keep)});
        EXPECT_NE(modelError(truncated).find(truncated.string() + " is truncated"),
                  std::string::npos)
            << modelError(truncated);
    }
}

TEST(ModelFile, RefusesOtherArchivesNewerVersionsAndMismatchedWeights)
{
    TempDir dir;
    const auto good = dir.path() / "model.pt";
    const SavedModel saved(good);
    const ArchiveDict original = torch::pickle_load(fileBytes(good)).toGenericDict();

    const auto foreign = dir.path() / "foreign.pt";
    ArchiveDict plain = newArchiveDict();
    plain.insert("weight", torch::ones({2}));
    writeArchive(foreign.string(), plain);
    EXPECT_NE(modelError(foreign).find("has no NormLab format entry"), std::string::npos);

    const auto newer = dir.path() / "newer.pt";
    ArchiveDict future = original.copy();
    future.insert_or_assign("format_version", int64_t{kModelFormatVersion + 1});
    writeArchive(newer.string(), future);
    EXPECT_NE(modelError(newer).find(newer.string() + " has normlab-model format version 2"),
              std::string::npos)
        << modelError(newer);

    const auto reshaped = dir.path() / "reshaped.pt";
    ArchiveDict wrong = original.copy();
    StateDict state = ArchiveReader(original, "").state("state_dict").copy();
    state.insert_or_assign("block1.conv.weight", torch::zeros({16, 1, 3, 3}));
    wrong.insert_or_assign("state_dict", state);
    writeArchive(reshaped.string(), wrong);
    EXPECT_NE(modelError(reshaped).find(reshaped.string() +
                                        ": weights do not match the network it describes"),
              std::string::npos)
        << modelError(reshaped);

    // Weights and metadata of a one-channel network: consistent, but image files are RGB.
    const auto grey = dir.path() / "grey.pt";
    ArchiveDict greyArchive = original.copy();
    ArchiveDict meta = original.at("metadata").toGenericDict().copy();
    meta.insert_or_assign("channels", int64_t{1});
    meta.insert_or_assign("input_mean", c10::List<double>({0.5}));
    meta.insert_or_assign("input_std", c10::List<double>({0.25}));
    state.insert_or_assign("block1.conv.weight", torch::zeros({16, 1, 3, 3}));
    greyArchive.insert_or_assign("metadata", meta);
    greyArchive.insert_or_assign("state_dict", state);
    writeArchive(grey.string(), greyArchive);
    const ModelPredictor predictor(grey.string());
    try {
        predictor.predict({"any.png"}, 1);
        ADD_FAILURE() << "a one-channel model predicted RGB files";
    } catch (const InputError &error) {
        EXPECT_NE(std::string(error.what()).find(grey.string() + ": the model takes 1-channel"),
                  std::string::npos)
            << error.what();
    }
}

TEST(ModelFile, DamagedBytesGiveAnInputErrorNeverACrash)
{
    TempDir dir;
    const auto good = dir.path() / "model.pt";
    const SavedModel saved(good);
    const std::vector<char> bytes = fileBytes(good);
    std::mt19937 random(13);
    const auto damaged = dir.path() / "damaged.pt";
    int refused = 0;
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<char> copy = bytes;
        const int flips = 1 + trial % 8;
        for (int f = 0; f < flips; ++f)
            copy[random() % copy.size()] = static_cast<char>(random());
        writeBytes(damaged, copy);
        const std::string error = modelError(damaged); // throws nothing but InputError
        if (!error.empty()) {
            ++refused;
            EXPECT_NE(error.find(damaged.string()), std::string::npos) << error;
        }
    }
    // LibTorch skips the zip's CRC-32 checks, so damage to weights or padding loads; damage to
    // the structure is refused.
    EXPECT_GT(refused, 0);
}
