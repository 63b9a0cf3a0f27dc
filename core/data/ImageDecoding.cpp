// Decoding image files in parallel with OpenCV, straight into the slots of one preallocated uint8
// tensor; JPEGs are decoded at a reduced scale where that still leaves enough pixels.

#include "data/ImageDecoding.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>

namespace normlab {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kProgressEvery = 64;                      // images between progress reports
constexpr auto kCancelPoll = std::chrono::milliseconds(50); // caller's wake-up while workers decode
constexpr int kChannels = 3;                                // decoded as RGB

uint32_t bigEndian(const std::vector<uchar> &b, size_t at, int bytes)
{
    uint32_t value = 0;
    for (int i = 0; i < bytes; ++i)
        value = (value << 8) | b[at + i];
    return value;
}

uint32_t littleEndian(const std::vector<uchar> &b, size_t at, int bytes)
{
    uint32_t value = 0;
    for (int i = bytes - 1; i >= 0; --i)
        value = (value << 8) | b[at + i];
    return value;
}

// A PNG's size: the IHDR chunk that must come first.
std::optional<DeclaredImage> pngSize(const std::vector<uchar> &b)
{
    static const uchar kSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (b.size() < 24 || !std::equal(std::begin(kSignature), std::end(kSignature), b.begin()) ||
        std::string(b.begin() + 12, b.begin() + 16) != "IHDR")
        return std::nullopt;
    return DeclaredImage{bigEndian(b, 16, 4), bigEndian(b, 20, 4), false};
}

// A BMP's size: 16-bit in the old OS/2 core header (12 bytes), else signed 32-bit (a negative
// height means top-down rows).
std::optional<DeclaredImage> bmpSize(const std::vector<uchar> &b)
{
    if (b.size() < 26 || b[0] != 'B' || b[1] != 'M')
        return std::nullopt;
    if (littleEndian(b, 14, 4) == 12)
        return DeclaredImage{littleEndian(b, 18, 2), littleEndian(b, 20, 2), false};
    const auto side = [&](size_t at) {
        return std::abs(int64_t{static_cast<int32_t>(littleEndian(b, at, 4))});
    };
    return DeclaredImage{side(18), side(22), false};
}

// A JPEG's size: the first start-of-frame marker, found as libjpeg finds it (bytes between
// markers skipped, segments skipped by their length). None before the scan data: not a JPEG.
std::optional<DeclaredImage> jpegSize(const std::vector<uchar> &b)
{
    if (b.size() < 3 || b[0] != 0xFF || b[1] != 0xD8 || b[2] != 0xFF)
        return std::nullopt;
    size_t at = 2;
    while (true) {
        while (at < b.size() && b[at] != 0xFF)
            ++at;
        while (at < b.size() && b[at] == 0xFF)
            ++at;
        if (at + 2 >= b.size())
            return std::nullopt;
        const uchar marker = b[at++];
        const bool standalone = marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8);
        if (marker == 0xD9 || marker == 0xDA)
            return std::nullopt; // the image ends or its data begins without a frame header
        const bool frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame)
            return at + 7 <= b.size() ? std::optional(DeclaredImage{bigEndian(b, at + 5, 2),
                                                                    bigEndian(b, at + 3, 2), true})
                                      : std::nullopt;
        if (!standalone)
            at += bigEndian(b, at, 2);
    }
}

std::vector<uchar> readBytes(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Decodes an image with at least `size` pixels per side where possible. JPEG decoders scale by
// 1/2, 1/4 or 1/8 inside the DCT, several times faster than a full decode and a resize (video
// frames shrink to 64 px): the largest reduction that keeps `size` pixels is decoded. IMREAD_COLOR
// and its reduced variants turn grey into 3 channels, drop alpha and reduce 16-bit to 8-bit.
cv::Mat decodeAtLeast(const std::vector<uchar> &bytes, const DeclaredImage &declared, int size)
{
    if (declared.jpeg) {
        for (const auto &[factor, flag] :
             {std::pair{8, cv::IMREAD_REDUCED_COLOR_8}, std::pair{4, cv::IMREAD_REDUCED_COLOR_4},
              std::pair{2, cv::IMREAD_REDUCED_COLOR_2}}) {
            if (declared.width / factor >= size && declared.height / factor >= size)
                return cv::imdecode(bytes, flag);
        }
    }
    return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

// Decodes one file into its CHW slot. False when OpenCV cannot read it, the file is not a PNG,
// JPEG or BMP inside (OpenCV would pick another decoder by its first bytes), or its header claims
// more than kMaxImagePixels: checked here, since OpenCV allocates the claimed size before it
// reads any pixel. `refusal` then says why.
bool decodeInto(const fs::path &path, int size, uint8_t *slot, std::string &refusal)
{
    try {
        const std::vector<uchar> bytes = readBytes(path);
        const std::optional<DeclaredImage> declared = declaredImage(bytes);
        if (!declared)
            return false;
        const auto [width, height] = std::pair{declared->width, declared->height};
        if (width > kMaxImagePixels || height > kMaxImagePixels ||
            width * height > kMaxImagePixels) { // one side first: 2^32 x 2^32 overflows int64
            refusal = "skipped " + path.string() + ": its header declares " +
                      std::to_string(width) + " x " + std::to_string(height) +
                      " pixels, more than the " + std::to_string(kMaxImagePixels) +
                      " NormLab decodes";
            return false;
        }
        const cv::Mat decoded = decodeAtLeast(bytes, *declared, size);
        if (decoded.empty() || decoded.type() != CV_8UC3)
            return false;
        cv::Mat resized = decoded;
        if (decoded.cols != size || decoded.rows != size) {
            // INTER_AREA averages when shrinking (no aliasing); it is blocky when enlarging.
            const bool shrinking = decoded.cols >= size && decoded.rows >= size;
            cv::resize(decoded, resized, cv::Size(size, size), 0, 0,
                       shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
        }
        // BGR -> RGB and HWC -> CHW in one copy into the preallocated planes.
        const size_t plane = static_cast<size_t>(size) * size;
        cv::Mat planes[kChannels] = {cv::Mat(size, size, CV_8UC1, slot),
                                     cv::Mat(size, size, CV_8UC1, slot + plane),
                                     cv::Mat(size, size, CV_8UC1, slot + 2 * plane)};
        const int fromTo[] = {2, 0, 1, 1, 0, 2};
        cv::mixChannels(&resized, 1, planes, kChannels, fromTo, kChannels);
        return true;
    } catch (const cv::Exception &) {
        return false; // a corrupt file: reported with the other unreadable ones
    }
}

// The work shared by the decoding threads and the thread that waits for them.
struct DecodePool
{
    DecodePool(const std::vector<fs::path> &files, int size, uint8_t *base)
        : files(files), size(size), base(base), readable(files.size(), 0), refusals(files.size())
    {
    }

    const std::vector<fs::path> &files;
    int size;
    uint8_t *base; // the first image's slot
    std::vector<char> readable;
    std::vector<std::string> refusals; // why a file was not decoded, where there is more to say
    std::atomic<int64_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::atomic<int> running{0};
    std::mutex mutex;
    std::condition_variable wake;

    int64_t total() const { return static_cast<int64_t>(files.size()); }
};

// One decoding thread: takes the next file until none is left or the load is stopped.
void decodeWorker(DecodePool &pool)
{
    const int64_t total = pool.total();
    const int64_t slotBytes = int64_t{kChannels} * pool.size * pool.size;
    for (int64_t i; !pool.stop.load() && (i = pool.next.fetch_add(1)) < total;) {
        pool.readable[i] =
            decodeInto(pool.files[i], pool.size, pool.base + i * slotBytes, pool.refusals[i]);
        const int64_t finished = pool.done.fetch_add(1) + 1;
        if (finished % kProgressEvery == 0 || finished == total) {
            std::lock_guard<std::mutex> lock(pool.mutex);
            pool.wake.notify_one();
        }
    }
    std::lock_guard<std::mutex> lock(pool.mutex);
    --pool.running;
    pool.wake.notify_one();
}

// Waits on the calling thread until every worker has finished, reporting progress and stopping
// the workers when `cancel` is set. Returns the last count reported.
int64_t superviseWorkers(DecodePool &pool, const LoadProgress &progress,
                         const std::atomic<bool> *cancel)
{
    const int64_t total = pool.total();
    int64_t reported = 0;
    std::unique_lock<std::mutex> lock(pool.mutex);
    while (pool.running.load() > 0) {
        pool.wake.wait_for(lock, kCancelPoll);
        if (cancel && cancel->load())
            pool.stop = true;
        const int64_t finished = pool.done.load();
        if (progress && finished != reported &&
            (finished - reported >= kProgressEvery || finished == total)) {
            reported = finished;
            lock.unlock();
            progress(finished, total);
            lock.lock();
        }
    }
    return reported;
}

} // namespace

std::optional<DeclaredImage> declaredImage(const std::vector<unsigned char> &bytes)
{
    for (auto reader : {pngSize, jpegSize, bmpSize})
        if (auto declared = reader(bytes))
            return declared;
    return std::nullopt;
}

std::vector<bool> decodeImages(const std::vector<fs::path> &files, int size, torch::Tensor &images,
                               const LoadProgress &progress, const std::atomic<bool> *cancel,
                               std::vector<std::string> *warnings)
{
    DecodePool pool(files, size, images.data_ptr<uint8_t>());
    const int64_t total = pool.total();
    const int64_t threadCount =
        std::clamp<int64_t>(static_cast<int64_t>(std::thread::hardware_concurrency()), 1, total);
    std::vector<std::thread> threads;
    pool.running = static_cast<int>(threadCount);
    for (int64_t t = 0; t < threadCount; ++t)
        threads.emplace_back(decodeWorker, std::ref(pool));

    if (progress)
        progress(0, total);
    const int64_t reported = superviseWorkers(pool, progress, cancel);
    for (auto &thread : threads)
        thread.join();
    if (pool.stop.load() || (cancel && cancel->load()))
        throw InputError("loading cancelled");
    if (progress && reported != total)
        progress(total, total); // the last workers may finish between two wake-ups
    for (const std::string &refusal : pool.refusals)
        if (warnings && !refusal.empty())
            warnings->push_back(refusal);
    return {pool.readable.begin(), pool.readable.end()};
}

} // namespace normlab
