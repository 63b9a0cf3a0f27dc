// Decoding image files in parallel with OpenCV, straight into the slots of one preallocated uint8
// tensor; JPEGs are decoded at a reduced scale where that still leaves enough pixels.

#include "data/ImageDecoding.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <thread>

namespace normlab {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kProgressEvery = 64;                      // images between progress reports
constexpr auto kCancelPoll = std::chrono::milliseconds(50); // caller's wake-up while workers decode
constexpr int kChannels = 3;                                // decoded as RGB

bool isJpeg(const fs::path &path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext == ".jpg" || ext == ".jpeg";
}

// Decodes an image with at least `size` pixels per side where possible. JPEG decoders scale by
// 1/2, 1/4 or 1/8 inside the DCT, several times faster than a full decode and a resize (video
// frames shrink to 64 px): a cheap 1/8 decode tells the size, then the largest reduction that
// keeps `size` pixels is decoded. IMREAD_COLOR and its reduced variants turn grey into 3 channels,
// drop alpha and reduce 16-bit to 8-bit.
cv::Mat decodeAtLeast(const fs::path &path, int size)
{
    if (!isJpeg(path))
        return cv::imread(path.string(), cv::IMREAD_COLOR);
    std::ifstream in(path, std::ios::binary);
    const std::vector<uchar> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
    if (bytes.empty())
        return {};
    const cv::Mat eighth = cv::imdecode(bytes, cv::IMREAD_REDUCED_COLOR_8);
    if (eighth.empty() || (eighth.cols >= size && eighth.rows >= size))
        return eighth;
    const int width = eighth.cols * 8, height = eighth.rows * 8; // upper bounds of the full size
    for (const auto &[factor, flag] :
         {std::pair{4, cv::IMREAD_REDUCED_COLOR_4}, std::pair{2, cv::IMREAD_REDUCED_COLOR_2}}) {
        if (width / factor < size || height / factor < size)
            continue;
        cv::Mat reduced = cv::imdecode(bytes, flag);
        if (reduced.cols >= size && reduced.rows >= size)
            return reduced;
    }
    return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

// Decodes one file into its CHW slot. False when OpenCV cannot read it.
bool decodeInto(const fs::path &path, int size, uint8_t *slot)
{
    try {
        const cv::Mat decoded = decodeAtLeast(path, size);
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
        : files(files), size(size), base(base), readable(files.size(), 0)
    {
    }

    const std::vector<fs::path> &files;
    int size;
    uint8_t *base; // the first image's slot
    std::vector<char> readable;
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
        pool.readable[i] = decodeInto(pool.files[i], pool.size, pool.base + i * slotBytes) ? 1 : 0;
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

std::vector<bool> decodeImages(const std::vector<fs::path> &files, int size, torch::Tensor &images,
                               const LoadProgress &progress, const std::atomic<bool> *cancel)
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
    return {pool.readable.begin(), pool.readable.end()};
}

} // namespace normlab
