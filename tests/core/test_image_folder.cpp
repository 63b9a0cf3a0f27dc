// The image-folder loader, on small PNG/JPEG/BMP files written to a temporary folder.

#include "data/Dataset.h"

#include "TempDir.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>
#include <functional>

using namespace normlab;
namespace fs = std::filesystem;
using fixtures::TempDir;

namespace {

// Writes a uniform image in OpenCV's BGR order; the extension picks the format.
void writeImage(const fs::path &file, const cv::Scalar &bgr, int width = 6, int height = 6,
                int type = CV_8UC3)
{
    fs::create_directories(file.parent_path());
    ASSERT_TRUE(cv::imwrite(file.string(), cv::Mat(height, width, type, bgr))) << file;
}

// `count` small PNGs per class folder under `dir`.
void writeClasses(const fs::path &dir, const std::vector<std::string> &classes, int count)
{
    for (const auto &name : classes)
        for (int i = 0; i < count; ++i)
            writeImage(dir / name / ("img" + std::to_string(i) + ".png"),
                       cv::Scalar(i, 2 * i, 3 * i));
}

DataSplits load(const fs::path &root, int size = 6, double valFraction = 0.15,
                double testFraction = 0.15)
{
    return loadImageFolder(root.string(), size, valFraction, testFraction, 42, {}, nullptr);
}

std::string errorOf(const std::function<void()> &action)
{
    try {
        action();
    } catch (const InputError &e) {
        return e.what();
    }
    return "(no InputError)";
}

int64_t total(const DataSplits &data)
{
    return data.train.size() + data.val.size() + data.test.size();
}

} // namespace

TEST(ImageFolder, DecodesRgbInChannelOrderAndConvertsGreyAndAlpha)
{
    TempDir dir;
    writeImage(dir.path() / "a_red" / "red.png", cv::Scalar(0, 0, 255)); // BGR: pure red
    writeImage(dir.path() / "b_grey" / "grey.png", cv::Scalar(100), 6, 6, CV_8UC1);
    writeImage(dir.path() / "c_alpha" / "blue.png", cv::Scalar(255, 0, 0, 128), 6, 6, CV_8UC4);
    const DataSplits data = load(dir.path(), 6, 0.0, 0.0);
    ASSERT_EQ(data.train.size(), 3);
    EXPECT_EQ(data.classNames, (std::vector<std::string>{"a_red", "b_grey", "c_alpha"}));
    const auto &images = data.train.images;
    ASSERT_EQ(images.sizes(), (std::vector<int64_t>{3, 3, 6, 6}));
    for (int64_t i = 0; i < 3; ++i) {
        const int64_t label = data.train.labels[i].item<int64_t>();
        const auto pixel = images[i].select(1, 2).select(1, 3); // channel values at (2, 3)
        const std::vector<int64_t> rgb = {pixel[0].item<uint8_t>(), pixel[1].item<uint8_t>(),
                                          pixel[2].item<uint8_t>()};
        if (label == 0)
            EXPECT_EQ(rgb, (std::vector<int64_t>{255, 0, 0}));
        else if (label == 1)
            EXPECT_EQ(rgb, (std::vector<int64_t>{100, 100, 100}));
        else
            EXPECT_EQ(rgb, (std::vector<int64_t>{0, 0, 255}));
    }
}

TEST(ImageFolder, ResizesAndAcceptsJpegBmpAnyCase)
{
    TempDir dir;
    writeImage(dir.path() / "cat" / "big.JPG", cv::Scalar(10, 20, 30), 40, 24);
    writeImage(dir.path() / "cat" / "small.bmp", cv::Scalar(10, 20, 30), 3, 5);
    writeImage(dir.path() / "dog" / "d.jpeg", cv::Scalar(10, 20, 30), 17, 17);
    writeImage(dir.path() / "dog" / "e.PNG", cv::Scalar(10, 20, 30), 8, 8);
    const DataSplits data = load(dir.path(), 8, 0.0, 0.0);
    EXPECT_EQ(data.train.size(), 4);
    EXPECT_EQ(data.train.images.sizes(), (std::vector<int64_t>{4, 3, 8, 8}));
    EXPECT_TRUE(data.train.images.is_contiguous());
    EXPECT_TRUE(data.warnings.empty());
    // A uniform image stays uniform (JPEG within a few levels): R channel near 30.
    EXPECT_NEAR(data.train.images.select(1, 0).to(torch::kFloat).mean().item<float>(), 30.0f, 3.0f);
}

TEST(ImageFolder, SkipsUnreadableFilesWithWarning)
{
    TempDir dir;
    writeClasses(dir.path(), {"jerry", "tom"}, 3);
    {
        std::ofstream junk(dir.path() / "tom" / "broken.jpg");
        junk << "this is not a jpeg";
    }
    std::ofstream(dir.path() / "tom" / "notes.txt") << "ignored";
    const DataSplits data = load(dir.path(), 6, 0.0, 0.0);
    EXPECT_EQ(total(data), 6);
    ASSERT_FALSE(data.warnings.empty());
    EXPECT_NE(data.warnings[0].find("skipped 1 unreadable file"), std::string::npos)
        << data.warnings[0];
    EXPECT_NE(data.warnings[0].find("broken.jpg"), std::string::npos) << data.warnings[0];
}

namespace {

// Headers only: a file of a few dozen bytes that claims a huge image. OpenCV would allocate the
// claimed size (gigabytes) before finding the pixels missing; the loader refuses it by its header.
void writeBytes(const fs::path &file, const std::string &bytes)
{
    std::ofstream(file, std::ios::binary) << bytes;
}

std::string hugeBmpHeader(uint32_t side)
{
    std::string b = "BM" + std::string(52, '\0');
    auto put32 = [&](size_t at, uint32_t v) {
        for (int i = 0; i < 4; ++i)
            b[at + i] = char((v >> (8 * i)) & 0xFF);
    };
    put32(10, 54);   // pixel data offset
    put32(14, 40);   // BITMAPINFOHEADER
    put32(18, side); // width
    put32(22, side); // height
    b[26] = 1;       // planes
    b[28] = 24;      // bits per pixel
    return b;
}

std::string hugePngHeader(uint32_t side)
{
    std::string b = "\x89PNG\r\n\x1a\n" + std::string("\0\0\0\x0dIHDR", 8);
    for (int shift : {24, 16, 8, 0, 24, 16, 8, 0})
        b += char((side >> shift) & 0xFF);
    return b + std::string("\x08\x02\0\0\0", 5) + std::string(4, '\0'); // 8-bit RGB, bad CRC
}

std::string hugeJpegHeader(uint16_t side)
{
    const std::string hi(1, char(side >> 8)), lo(1, char(side & 0xFF));
    return std::string("\xFF\xD8\xFF\xE0\x00\x04\x00\x00", 8) + // SOI, a 2-byte APP0 segment
           std::string("\xFF\xC2\x00\x11\x08", 5) + hi + lo + hi + lo +
           std::string("\x03\x01\x11\x00\x02\x11\x01\x03\x11\x01", 10);
}

} // namespace

TEST(ImageFolder, RefusesImagesWhoseHeaderClaimsTooManyPixels)
{
    TempDir dir;
    writeClasses(dir.path(), {"jerry", "tom"}, 3);
    writeBytes(dir.path() / "tom" / "huge.bmp", hugeBmpHeader(30000));
    writeBytes(dir.path() / "tom" / "huge.png", hugePngHeader(100000));
    writeBytes(dir.path() / "jerry" / "huge.jpg", hugeJpegHeader(65535));
    const DataSplits data = load(dir.path(), 6, 0.0, 0.0);
    EXPECT_EQ(total(data), 6);
    std::string warnings;
    for (const std::string &warning : data.warnings)
        warnings += warning + "\n";
    for (const char *claim :
         {"huge.bmp: its header declares 30000 x 30000 pixels, more than the 134217728",
          "huge.png: its header declares 100000 x 100000 pixels",
          "huge.jpg: its header declares 65535 x 65535 pixels", "skipped 3 unreadable files"})
        EXPECT_NE(warnings.find(claim), std::string::npos) << claim << " not in:\n" << warnings;
    // Within the limit, the same kind of header is only a truncated file: no size warning.
    writeBytes(dir.path() / "tom" / "huge.bmp", hugeBmpHeader(100));
    EXPECT_EQ(load(dir.path(), 6, 0.0, 0.0).warnings.size(), data.warnings.size() - 1);
}

TEST(ImageFolder, DescendsIntoSingleWrapperFolders)
{
    TempDir dir;
    // The Kaggle archive's layout: two CSV files beside a doubly nested data folder.
    std::ofstream(dir.path() / "ground_truth.csv") << "filename,label\n";
    std::ofstream(dir.path() / "challenges.csv") << "filename\n";
    const fs::path inner = dir.path() / "tom_and_jerry" / "tom_and_jerry";
    writeClasses(inner, {"jerry", "tom", "tom_jerry_0", "tom_jerry_1"}, 2);
    const DataSplits data = load(dir.path(), 6, 0.0, 0.0);
    EXPECT_EQ(data.classNames,
              (std::vector<std::string>{"jerry", "tom", "tom_jerry_0", "tom_jerry_1"}));
    EXPECT_EQ(data.train.size(), 8);
    EXPECT_NE(data.description.find("tom_and_jerry"), std::string::npos);
    EXPECT_TRUE(data.warnings.empty());

    // A root with images beside its one folder is not a wrapper.
    writeImage(dir.path() / "stray.png", cv::Scalar(1, 2, 3));
    const std::string message = errorOf([&] { load(dir.path()); });
    EXPECT_NE(message.find("only one class"), std::string::npos) << message;
}

TEST(ImageFolder, SeededStratifiedSplitSortedClasses)
{
    TempDir dir;
    writeClasses(dir.path(), {"zebra", "apple"}, 20);
    const DataSplits data = load(dir.path());
    EXPECT_EQ(data.classNames, (std::vector<std::string>{"apple", "zebra"}));
    EXPECT_EQ(data.test.size(), 6); // 3 per class
    EXPECT_EQ(data.val.size(), 6);  // 0.15 / 0.85 of the remaining 17, 3 per class
    EXPECT_EQ(data.train.size(), 28);
    EXPECT_TRUE(
        torch::equal(torch::bincount(data.test.labels), torch::tensor({3, 3}, torch::kLong)));
    const DataSplits again = load(dir.path());
    EXPECT_TRUE(torch::equal(data.test.images, again.test.images));
    EXPECT_TRUE(torch::equal(data.val.labels, again.val.labels));
}

TEST(ImageFolder, UsesTrainValTestFolders)
{
    TempDir dir;
    writeClasses(dir.path() / "train", {"a", "b"}, 4);
    writeClasses(dir.path() / "val", {"a", "b"}, 2);
    writeClasses(dir.path() / "test", {"a", "b"}, 3);
    const DataSplits data = load(dir.path());
    EXPECT_EQ(data.train.size(), 8);
    EXPECT_EQ(data.val.size(), 4);
    EXPECT_EQ(data.test.size(), 6);
    EXPECT_EQ(data.classNames, (std::vector<std::string>{"a", "b"}));

    fs::remove_all(dir.path() / "val"); // without val/: a stratified fraction of train
    const DataSplits noVal = load(dir.path(), 6, 0.25, 0.15);
    EXPECT_EQ(noVal.val.size(), 2);
    EXPECT_EQ(noVal.train.size(), 6);
    EXPECT_EQ(noVal.test.size(), 6);

    writeClasses(dir.path() / "test", {"c"}, 1);
    const std::string message = errorOf([&] { load(dir.path()); });
    EXPECT_NE(message.find("class folders differ"), std::string::npos) << message;
    EXPECT_NE(message.find("c"), std::string::npos) << message;
}

TEST(ImageFolder, ErrorsNameTheFolder)
{
    TempDir dir;
    fs::create_directories(dir.path() / "a");
    fs::create_directories(dir.path() / "b");
    std::string message = errorOf([&] { load(dir.path()); });
    EXPECT_NE(message.find("no images"), std::string::npos) << message;
    EXPECT_NE(message.find(dir.path().string()), std::string::npos) << message;

    std::ofstream(dir.path() / "a" / "junk.png") << "junk";
    std::ofstream(dir.path() / "b" / "junk.bmp") << "junk";
    message = errorOf([&] { load(dir.path()); });
    EXPECT_NE(message.find("no readable image"), std::string::npos) << message;

    TempDir single;
    writeClasses(single.path(), {"only"}, 2);
    message = errorOf([&] { load(single.path()); });
    EXPECT_NE(message.find("only one class"), std::string::npos) << message;
    EXPECT_NE(message.find(single.path().string()), std::string::npos) << message;

    message = errorOf([&] { load(dir.path() / "missing"); });
    EXPECT_NE(message.find("missing"), std::string::npos) << message;
}

TEST(ImageFolder, ReportsProgressAndHonoursCancel)
{
    TempDir dir;
    writeClasses(dir.path(), {"a", "b"}, 40);
    int64_t lastDone = -1, lastTotal = 0;
    int calls = 0;
    const LoadProgress progress = [&](int64_t done, int64_t totalCount) {
        EXPECT_GE(done, lastDone);
        lastDone = done;
        lastTotal = totalCount;
        ++calls;
    };
    loadImageFolder(dir.path().string(), 6, 0.15, 0.15, 1, progress, nullptr);
    EXPECT_GE(calls, 2);
    EXPECT_EQ(lastTotal, 80);
    EXPECT_EQ(lastDone, 80);

    std::atomic<bool> cancel{true};
    const std::string message =
        errorOf([&] { loadImageFolder(dir.path().string(), 6, 0.15, 0.15, 1, {}, &cancel); });
    EXPECT_EQ(message, "loading cancelled");
}
