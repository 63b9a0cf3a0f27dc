// CIFAR-10, binary version (cifar-10-batches-bin): five training batches, one test batch and the
// class names. Each file is decoded with whole-tensor ops.

#include "data/Dataset.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace normlab {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kImageSide = 32;                                   // CIFAR images are 32x32
constexpr int64_t kChannels = 3;                                     // stored as R, G, B planes
constexpr int64_t kPixelBytes = kChannels * kImageSide * kImageSide; // 3072
constexpr int64_t kRecordBytes = 1 + kPixelBytes;                    // label byte + pixels
constexpr int64_t kMaxLabel = 9;                                     // ten classes
constexpr int kTrainingBatches = 5;                                  // data_batch_1..5.bin
constexpr uint64_t kValidationStream =
    0x5649; // keeps the validation draw apart from other uses of the seed

const std::vector<std::string> kStandardClassNames = {
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};

std::string trim(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return "";
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// Class names from batches.meta.txt (one per line, blank lines ignored), or the standard ones.
std::vector<std::string> readClassNames(const fs::path &dir, std::vector<std::string> &warnings)
{
    const fs::path metaFile = dir / "batches.meta.txt";
    std::ifstream in(metaFile);
    if (!in) {
        warnings.push_back(metaFile.string() +
                           " not found: using the standard CIFAR-10 class names");
        return kStandardClassNames;
    }
    std::vector<std::string> names;
    std::string line;
    while (std::getline(in, line)) {
        const std::string name = trim(line);
        if (!name.empty())
            names.push_back(name);
    }
    if (names.size() != kStandardClassNames.size()) {
        throw InputError(metaFile.string() + " lists " + std::to_string(names.size()) +
                         " class names; CIFAR-10 needs 10");
    }
    return names;
}

// A batch file is whole records: a non-zero multiple of 3073 bytes.
void checkBatchSize(const std::string &origin, int64_t bytes)
{
    if (bytes == 0 || bytes % kRecordBytes != 0) {
        throw InputError(origin + ": size " + std::to_string(bytes) +
                         " bytes is not a non-zero multiple of " + std::to_string(kRecordBytes) +
                         " (one CIFAR-10 record: 1 label byte + 3072 pixel bytes)");
    }
}

Dataset concatenate(const std::vector<Dataset> &parts)
{
    std::vector<torch::Tensor> images, labels;
    for (const auto &part : parts) {
        images.push_back(part.images);
        labels.push_back(part.labels);
    }
    return {torch::cat(images), torch::cat(labels)};
}

} // namespace

Dataset decodeCifarBatch(const uint8_t *bytes, size_t size, const std::string &origin)
{
    const auto byteCount = static_cast<int64_t>(size);
    checkBatchSize(origin, byteCount);
    const int64_t records = byteCount / kRecordBytes;
    // A records x 3073 byte view of the buffer; labels and pixels are sliced out as copies.
    const auto raw =
        torch::from_blob(const_cast<uint8_t *>(bytes), {records, kRecordBytes}, torch::kUInt8);
    auto labels = raw.select(1, 0).to(torch::kLong);
    const auto invalid = (labels > kMaxLabel).nonzero();
    if (invalid.size(0) > 0) {
        const int64_t record = invalid[0][0].item<int64_t>();
        throw InputError(origin + ": record " + std::to_string(record) + " has label " +
                         std::to_string(labels[record].item<int64_t>()) +
                         " (CIFAR-10 labels are 0..9)");
    }
    // Pixels are stored plane by plane (R, G, B), row-major: exactly C x H x W.
    auto images = raw.narrow(1, 1, kPixelBytes)
                      .clone(at::MemoryFormat::Contiguous)
                      .view({records, kChannels, kImageSide, kImageSide});
    return {images, labels};
}

Dataset readCifarBatch(const std::string &file)
{
    std::error_code error;
    if (!fs::is_regular_file(file, error))
        throw InputError("CIFAR-10 batch file not found: " + file);
    const auto bytes = static_cast<int64_t>(fs::file_size(file, error));
    // Checked before the buffer is sized from it.
    checkBatchSize(file, error ? 0 : bytes);
    std::vector<uint8_t> buffer(static_cast<size_t>(bytes));
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char *>(buffer.data()), bytes))
        throw InputError("cannot read " + file);
    return decodeCifarBatch(buffer.data(), buffer.size(), file);
}

DataSplits loadCifar10(const std::string &dir, int64_t valSize, uint64_t splitSeed)
{
    const fs::path root(dir);
    std::error_code error;
    if (!fs::is_directory(root, error))
        throw InputError("CIFAR-10 folder not found: " + dir);
    if (valSize < 0)
        throw InputError("CIFAR-10 validation count " + std::to_string(valSize) + " must be >= 0");

    DataSplits data;
    data.classNames = readClassNames(root, data.warnings);

    std::vector<Dataset> batches;
    for (int b = 1; b <= kTrainingBatches; ++b)
        batches.push_back(
            readCifarBatch((root / ("data_batch_" + std::to_string(b) + ".bin")).string()));
    const Dataset training = concatenate(batches);
    batches.clear();
    data.test = readCifarBatch((root / "test_batch.bin").string());

    const int64_t validationCount = cifarValidationCount(valSize, training.size());
    if (validationCount >= training.size()) {
        throw InputError("CIFAR-10 validation count " + std::to_string(validationCount) +
                         " must be smaller than the " + std::to_string(training.size()) +
                         " training records in " + dir);
    }
    const IndexSplit split =
        stratifiedSplitCount(training.labels, validationCount, splitSeed ^ kValidationStream);
    data.train = subset(training, split.first);
    data.val = subset(training, split.second);
    data.description = "CIFAR-10 (" + dir + ")";
    return data;
}

} // namespace normlab
