// Image decoding as the folder loader drives it: the bytes become one file of an image folder
// (the first byte picks its extension and the size images are resized to) and decodeImages reads
// it into a preallocated slot. Documented outcome: one flag saying whether the file could be read
// (an unreadable file is skipped with a warning); no exception, since nothing cancels. The slot
// tensor keeps its shape and storage, and an unreadable file leaves its slot untouched. A file
// whose header claims more than kMaxImagePixels is refused before OpenCV allocates for it, with
// one warning naming it; no other file gets a warning.

#include "FuzzSupport.h"

#include "data/ImageDecoding.h"

namespace {

using fuzzsupport::require;

// The extensions the folder loader accepts, in the spellings it meets.
const char *const kExtensions[] = {".png", ".jpg", ".jpeg", ".bmp",
                                   ".JPG", ".PNG", ".Bmp",  ".jpeg"};
const int kSizes[] = {8, 32, 64, 96};
constexpr uint8_t kUntouched = 0xA5;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const std::string name = std::string("image") + kExtensions[data[0] & 7];
    const int side = kSizes[(data[0] >> 3) & 3];
    const std::string path = fuzzsupport::scratch().write(name, data + 1, size - 1);

    torch::Tensor images = torch::full({1, 3, side, side}, kUntouched, torch::kUInt8);
    const void *storage = images.data_ptr();
    std::vector<bool> readable;
    std::vector<std::string> warnings;
    try {
        readable = normlab::decodeImages({path}, side, images, {}, nullptr, &warnings);
    } catch (const std::exception &error) {
        fuzzsupport::fail(std::string("decodeImages threw: ") + error.what());
    }
    require(readable.size() == 1, "not one flag per file");
    const auto declared = normlab::declaredImage(std::vector<unsigned char>(data + 1, data + size));
    const bool tooLarge =
        declared && (declared->width > normlab::kMaxImagePixels ||
                     declared->height > normlab::kMaxImagePixels ||
                     declared->width * declared->height > normlab::kMaxImagePixels);
    require(!tooLarge || !readable[0], "decoded an image beyond the size limit");
    require(warnings.size() == (tooLarge ? 1u : 0u) &&
                (!tooLarge || fuzzsupport::mentions(warnings[0], path)),
            "not exactly one warning naming an oversized file, and none for others");
    require(images.data_ptr() == storage &&
                images.sizes() == torch::IntArrayRef({1, 3, side, side}),
            "the slot tensor was replaced or reshaped");
    if (!readable[0])
        require(images.eq(kUntouched).all().item<bool>(), "an unreadable file wrote its slot");
    return 0;
}
