// The CIFAR-10 binary reader, on hand-built batch files in a temporary folder.

#include "data/Dataset.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

using namespace normlab;
namespace fs = std::filesystem;
using fixtures::TempDir;

namespace {

constexpr int kRecordBytes = 3073;

// The pixel byte a test record holds at (record, channel, y, x): distinct across channels and rows.
uint8_t pixelValue(int record, int channel, int y, int x)
{
    return static_cast<uint8_t>(record * 7 + channel * 50 + y * 3 + x);
}

std::vector<uint8_t> makeRecords(const std::vector<int> &labels)
{
    std::vector<uint8_t> bytes;
    for (size_t r = 0; r < labels.size(); ++r) {
        bytes.push_back(static_cast<uint8_t>(labels[r]));
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x)
                    bytes.push_back(pixelValue(static_cast<int>(r), c, y, x));
    }
    return bytes;
}

void writeBytes(const fs::path &file, const std::vector<uint8_t> &bytes)
{
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char *>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

// Five training batches of `perBatch` records (labels cycling 0..9) and a test batch.
void writeCifarFolder(const fs::path &dir, int perBatch, int testRecords, bool withMeta = true)
{
    for (int b = 1; b <= 5; ++b) {
        std::vector<int> labels;
        for (int r = 0; r < perBatch; ++r)
            labels.push_back(r % 10);
        writeBytes(dir / ("data_batch_" + std::to_string(b) + ".bin"), makeRecords(labels));
    }
    std::vector<int> testLabels;
    for (int r = 0; r < testRecords; ++r)
        testLabels.push_back(r % 10);
    writeBytes(dir / "test_batch.bin", makeRecords(testLabels));
    if (withMeta) {
        std::ofstream meta(dir / "batches.meta.txt");
        meta << "plane\ncar\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n";
    }
}

void expectErrorNaming(const std::function<void()> &action, const std::string &needle)
{
    try {
        action();
        FAIL() << "expected an InputError naming " << needle;
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

} // namespace

TEST(Cifar10, DecodesRecordsToExactPixels)
{
    TempDir dir;
    const fs::path file = dir.path() / "batch.bin";
    writeBytes(file, makeRecords({3, 9}));
    const Dataset batch = readCifarBatch(file.string());
    ASSERT_EQ(batch.images.sizes(), (std::vector<int64_t>{2, 3, 32, 32}));
    EXPECT_EQ(batch.images.scalar_type(), torch::kUInt8);
    EXPECT_TRUE(batch.images.is_contiguous());
    EXPECT_EQ(batch.labels.scalar_type(), torch::kLong);
    EXPECT_EQ(batch.labels[0].item<int64_t>(), 3);
    EXPECT_EQ(batch.labels[1].item<int64_t>(), 9);
    auto expected = torch::empty({2, 3, 32, 32}, torch::kUInt8);
    auto access = expected.accessor<uint8_t, 4>();
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x)
                    access[r][c][y][x] = pixelValue(r, c, y, x);
    EXPECT_TRUE(torch::equal(batch.images, expected));
}

TEST(Cifar10, SingleRecordFileOwnsItsMemory)
{
    TempDir dir;
    const fs::path file = dir.path() / "one.bin";
    writeBytes(file, makeRecords({4}));
    const Dataset batch = readCifarBatch(file.string());
    ASSERT_EQ(batch.size(), 1);
    EXPECT_EQ(batch.images[0][2][31][31].item<uint8_t>(), pixelValue(0, 2, 31, 31));
}

TEST(Cifar10, RejectsBadFiles)
{
    TempDir dir;
    const fs::path wrongSize = dir.path() / "wrong_size.bin";
    auto bytes = makeRecords({1});
    bytes.push_back(0);
    writeBytes(wrongSize, bytes);
    expectErrorNaming([&] { readCifarBatch(wrongSize.string()); }, "wrong_size.bin");

    const fs::path empty = dir.path() / "empty.bin";
    writeBytes(empty, {});
    expectErrorNaming([&] { readCifarBatch(empty.string()); }, "empty.bin");

    expectErrorNaming([&] { readCifarBatch((dir.path() / "missing.bin").string()); },
                      "missing.bin");

    const fs::path badLabel = dir.path() / "bad_label.bin";
    writeBytes(badLabel, makeRecords({0, 5, 10}));
    expectErrorNaming([&] { readCifarBatch(badLabel.string()); }, "bad_label.bin");
    expectErrorNaming([&] { readCifarBatch(badLabel.string()); }, "record 2");
}

TEST(Cifar10, LoadsFolderWithStratifiedValidation)
{
    TempDir dir;
    writeCifarFolder(dir.path(), 20, 10);
    const DataSplits data = loadCifar10(dir.path().string(), 20, 42);
    EXPECT_EQ(data.train.size(), 80);
    EXPECT_EQ(data.val.size(), 20);
    EXPECT_EQ(data.test.size(), 10);
    EXPECT_EQ(data.classNames.front(), "plane");
    EXPECT_EQ(data.classNames.size(), 10u);
    EXPECT_TRUE(data.warnings.empty());
    const auto valCounts = torch::bincount(data.val.labels, {}, 10);
    EXPECT_TRUE(torch::equal(valCounts, torch::full({10}, 2, torch::kLong)));

    const DataSplits again = loadCifar10(dir.path().string(), 20, 42);
    EXPECT_TRUE(torch::equal(data.val.images, again.val.images));
}

TEST(Cifar10, MissingMetaUsesStandardNamesWithWarning)
{
    TempDir dir;
    writeCifarFolder(dir.path(), 10, 10, /*withMeta=*/false);
    const DataSplits data = loadCifar10(dir.path().string(), 10, 1);
    EXPECT_EQ(data.classNames.front(), "airplane");
    EXPECT_EQ(data.classNames.back(), "truck");
    ASSERT_EQ(data.warnings.size(), 1u);
    EXPECT_NE(data.warnings[0].find("batches.meta.txt"), std::string::npos);
}

TEST(Cifar10, FolderErrors)
{
    TempDir dir;
    writeCifarFolder(dir.path(), 10, 10);
    expectErrorNaming([&] { loadCifar10(dir.path().string(), 50, 1); }, "validation count 50");
    fs::remove(dir.path() / "data_batch_3.bin");
    expectErrorNaming([&] { loadCifar10(dir.path().string(), 10, 1); }, "data_batch_3.bin");
    expectErrorNaming([&] { loadCifar10((dir.path() / "nope").string(), 10, 1); }, "nope");
}

TEST(Cifar10, LoadDataAppliesLimitAndTrainingStatistics)
{
    TempDir dir;
    writeCifarFolder(dir.path(), 20, 40);
    ExperimentConfig config;
    config.dataset = DatasetKind::Cifar10;
    config.dataPath = dir.path().string();
    config.cifarValidation = 20;
    config.limit = 40; // half of the 80 training records
    const auto data = loadData(config);
    EXPECT_EQ(data->train.size(), 40);
    EXPECT_EQ(data->val.size(), 10);  // half of 20, one per class
    EXPECT_EQ(data->test.size(), 20); // half of 40
    EXPECT_TRUE(torch::equal(torch::bincount(data->train.labels, {}, 10),
                             torch::full({10}, 4, torch::kLong)));
    std::vector<float> mean, stddev;
    channelStats(data->train.images, mean, stddev);
    EXPECT_EQ(data->mean, mean);
    EXPECT_EQ(data->stddev, stddev);
    EXPECT_NE(data->description.find("CIFAR-10"), std::string::npos);
}

// A CIFAR-format folder far smaller than CIFAR-10 trains with the default settings: the default
// validation split is a tenth of the training records (5,000 of CIFAR-10's 50,000).
TEST(Cifar10, DefaultValidationIsATenthOfTheTrainingRecords)
{
    EXPECT_EQ(cifarValidationCount(0, 50000), 5000);
    EXPECT_EQ(cifarValidationCount(0, 2000), 200);
    EXPECT_EQ(cifarValidationCount(0, 5), 1);
    EXPECT_EQ(cifarValidationCount(300, 2000), 300);

    TempDir dir;
    writeCifarFolder(dir.path(), 400, 100); // 2,000 training records
    ExperimentConfig config;
    config.dataset = DatasetKind::Cifar10;
    config.dataPath = dir.path().string();
    config.epochs = 1;
    ASSERT_TRUE(validate(config).empty());
    const auto data = loadData(config);
    EXPECT_EQ(data->val.size(), 200);
    EXPECT_EQ(data->train.size(), 1800);
    EXPECT_TRUE(torch::equal(torch::bincount(data->val.labels, {}, 10),
                             torch::full({10}, 20, torch::kLong))); // stratified
    const RunResult result = runExperiment(config, *data);
    EXPECT_EQ(result.status, RunStatus::Finished) << result.message;
    ASSERT_EQ(result.history.size(), 1u);
}
