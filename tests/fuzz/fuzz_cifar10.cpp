// The CIFAR-10 binary reader (decodeCifarBatch, which readCifarBatch uses for a file's bytes).
// Documented outcomes: a Dataset holding every record, or an InputError naming the origin. A
// decoded batch is checked against the format's definition: records of one label byte (0..9) and
// 3072 pixel bytes, stored as R, G, B planes of 32 x 32.

#include "FuzzSupport.h"

#include "data/Dataset.h"
#include "normlab/Errors.h"

#include <cstring>

namespace {

constexpr size_t kRecordBytes = 3073;
constexpr size_t kPixelBytes = 3072;
const std::string kOrigin = "fuzz.bin";

void checkBatch(const normlab::Dataset &batch, const uint8_t *data, size_t size)
{
    using fuzzsupport::require;
    require(size > 0 && size % kRecordBytes == 0, "decoded a batch that is not whole records");
    const int64_t records = static_cast<int64_t>(size / kRecordBytes);
    require(batch.images.sizes() == torch::IntArrayRef({records, 3, 32, 32}) &&
                batch.images.scalar_type() == torch::kUInt8 && batch.images.is_contiguous(),
            "images are not a contiguous uint8 N x 3 x 32 x 32 tensor");
    require(batch.labels.sizes() == torch::IntArrayRef({records}) &&
                batch.labels.scalar_type() == torch::kLong,
            "labels are not an int64 tensor of N");
    const int64_t *labels = batch.labels.data_ptr<int64_t>();
    const uint8_t *pixels = batch.images.data_ptr<uint8_t>();
    for (int64_t r = 0; r < records; ++r) {
        const uint8_t *record = data + r * kRecordBytes;
        require(labels[r] == record[0] && labels[r] <= 9, "a label differs from its byte");
        require(std::memcmp(pixels + r * kPixelBytes, record + 1, kPixelBytes) == 0,
                "an image differs from its record's pixel bytes");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try {
        checkBatch(normlab::decodeCifarBatch(data, size, kOrigin), data, size);
    } catch (const normlab::InputError &error) {
        fuzzsupport::require(fuzzsupport::mentions(error.what(), kOrigin),
                             std::string("error does not name the file: ") + error.what());
    }
    return 0;
}
