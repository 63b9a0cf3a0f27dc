// Image-folder datasets: one sub-folder per class (e.g. the Kaggle Tom and Jerry archive), decoded
// in parallel with OpenCV into one preallocated uint8 tensor.

#include "data/Dataset.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace normlab {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kProgressEvery = 64;                      // images between progress reports
constexpr auto kCancelPoll = std::chrono::milliseconds(50); // caller's wake-up while workers decode
constexpr size_t kNamedFiles = 5;                           // unreadable files named in the warning
constexpr int kChannels = 3;                                // decoded as RGB
constexpr uint64_t kTestStream = 0x74657374; // seed streams: test and validation draws differ
constexpr uint64_t kValStream = 0x76616c;

const std::set<std::string> kImageExtensions = {".jpg", ".jpeg", ".png", ".bmp"};
const std::vector<std::string> kTrainNames = {"train", "training"};
const std::vector<std::string> kValNames = {"val", "valid", "validation"};
const std::vector<std::string> kTestNames = {"test", "testing"};

enum SplitId
{
    TrainSplit = 0,
    ValSplit = 1,
    TestSplit = 2
};

struct ImageFile
{
    fs::path path;
    int64_t label;
    SplitId split;
};

std::string lowercase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Dot-files (.DS_Store, .ipynb_checkpoints) are system clutter, never data.
bool isHidden(const fs::path &path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

bool isImageFile(const fs::directory_entry &entry)
{
    return entry.is_regular_file() &&
           kImageExtensions.count(lowercase(entry.path().extension().string())) > 0;
}

std::vector<fs::directory_entry> visibleEntries(const fs::path &dir)
{
    std::vector<fs::directory_entry> entries;
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        if (!isHidden(it->path()))
            entries.push_back(*it);
    }
    if (error)
        throw InputError("cannot list folder " + dir.string() + ": " + error.message());
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
        return a.path().filename() < b.path().filename();
    });
    return entries;
}

std::vector<fs::path> subfolders(const fs::path &dir)
{
    std::vector<fs::path> folders;
    for (const auto &entry : visibleEntries(dir)) {
        if (entry.is_directory())
            folders.push_back(entry.path());
    }
    return folders;
}

// Archives often wrap the data in single-folder levels: the Kaggle Tom and Jerry archive holds
// challenges.csv, ground_truth.csv and tom_and_jerry/tom_and_jerry/{jerry, tom, ...}. Descend while
// a folder holds exactly one sub-folder and no images (other files do not count). A lone folder
// without sub-folders is a (single) class folder, not a wrapper: stop there so the error names it.
fs::path descendSingleFolders(fs::path root)
{
    for (;;) {
        std::vector<fs::path> folders;
        bool hasImages = false;
        for (const auto &entry : visibleEntries(root)) {
            if (entry.is_directory())
                folders.push_back(entry.path());
            else if (isImageFile(entry))
                hasImages = true;
        }
        if (folders.size() != 1 || hasImages || subfolders(folders.front()).empty())
            return root;
        root = folders.front();
    }
}

// The sub-folder of `root` with one of `names` (case-insensitive), or an empty path.
fs::path findFolder(const std::vector<fs::path> &folders, const std::vector<std::string> &names)
{
    for (const auto &folder : folders) {
        const std::string name = lowercase(folder.filename().string());
        if (std::find(names.begin(), names.end(), name) != names.end())
            return folder;
    }
    return {};
}

std::vector<std::string> folderNames(const std::vector<fs::path> &folders)
{
    std::vector<std::string> names;
    for (const auto &folder : folders)
        names.push_back(folder.filename().string());
    return names;
}

std::string joinNames(const std::vector<std::string> &names)
{
    std::string joined;
    for (const auto &name : names)
        joined += (joined.empty() ? "" : ", ") + name;
    return joined.empty() ? "(none)" : joined;
}

// Explicit train/val/test folders must hold the same class folders.
void checkSameClasses(const fs::path &reference, const std::vector<std::string> &referenceClasses,
                      const fs::path &other, const std::vector<std::string> &otherClasses)
{
    if (referenceClasses == otherClasses)
        return;
    std::vector<std::string> onlyReference, onlyOther;
    std::set_difference(referenceClasses.begin(), referenceClasses.end(), otherClasses.begin(),
                        otherClasses.end(), std::back_inserter(onlyReference));
    std::set_difference(otherClasses.begin(), otherClasses.end(), referenceClasses.begin(),
                        referenceClasses.end(), std::back_inserter(onlyOther));
    throw InputError("class folders differ between " + reference.string() + " and " +
                     other.string() + ": only in " + reference.filename().string() + ": " +
                     joinNames(onlyReference) + "; only in " + other.filename().string() + ": " +
                     joinNames(onlyOther));
}

// Image files of every class folder under `splitRoot`, labelled by position in `classes`.
void collectFiles(const fs::path &splitRoot, const std::vector<std::string> &classes, SplitId split,
                  std::vector<ImageFile> &files, int64_t &ignored)
{
    for (size_t label = 0; label < classes.size(); ++label) {
        for (const auto &entry : visibleEntries(splitRoot / classes[label])) {
            if (isImageFile(entry))
                files.push_back({entry.path(), static_cast<int64_t>(label), split});
            else if (entry.is_regular_file())
                ++ignored;
        }
    }
}

bool isJpeg(const fs::path &path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
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
    for (const auto &[factor, flag] : {std::pair{4, cv::IMREAD_REDUCED_COLOR_4},
                                       std::pair{2, cv::IMREAD_REDUCED_COLOR_2}}) {
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

// Decodes every file on a thread pool; progress and cancel run on the calling thread.
std::vector<bool> decodeAll(const std::vector<ImageFile> &files, int size, torch::Tensor &images,
                            const LoadProgress &progress, const std::atomic<bool> *cancel)
{
    const auto total = static_cast<int64_t>(files.size());
    const int64_t slotBytes = int64_t{kChannels} * size * size;
    uint8_t *base = images.data_ptr<uint8_t>();
    std::vector<char> readable(files.size(), 0);

    std::atomic<int64_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::atomic<int> running{0};
    std::mutex mutex;
    std::condition_variable wake;

    auto worker = [&] {
        for (int64_t i; !stop.load() && (i = next.fetch_add(1)) < total;) {
            readable[i] = decodeInto(files[i].path, size, base + i * slotBytes) ? 1 : 0;
            const int64_t finished = done.fetch_add(1) + 1;
            if (finished % kProgressEvery == 0 || finished == total) {
                std::lock_guard<std::mutex> lock(mutex);
                wake.notify_one();
            }
        }
        std::lock_guard<std::mutex> lock(mutex);
        --running;
        wake.notify_one();
    };

    const int64_t threadCount =
        std::clamp<int64_t>(static_cast<int64_t>(std::thread::hardware_concurrency()), 1, total);
    std::vector<std::thread> threads;
    running = static_cast<int>(threadCount);
    for (int64_t t = 0; t < threadCount; ++t)
        threads.emplace_back(worker);

    if (progress)
        progress(0, total);
    int64_t reported = 0;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (running.load() > 0) {
            wake.wait_for(lock, kCancelPoll);
            if (cancel && cancel->load())
                stop = true;
            const int64_t finished = done.load();
            if (progress && finished != reported &&
                (finished - reported >= kProgressEvery || finished == total)) {
                reported = finished;
                lock.unlock();
                progress(finished, total);
                lock.lock();
            }
        }
    }
    for (auto &thread : threads)
        thread.join();
    if (stop.load() || (cancel && cancel->load()))
        throw InputError("loading cancelled");
    if (progress && reported != total)
        progress(total, total); // the last workers may finish between two wake-ups
    return {readable.begin(), readable.end()};
}

Dataset take(const Dataset &all, const std::vector<int64_t> &positions)
{
    auto index = torch::empty({static_cast<int64_t>(positions.size())}, torch::kLong);
    std::copy(positions.begin(), positions.end(), index.data_ptr<int64_t>());
    return subset(all, index);
}

} // namespace

DataSplits loadImageFolder(const std::string &root, int imageSize, double valFraction,
                           double testFraction, uint64_t splitSeed, const LoadProgress &progress,
                           const std::atomic<bool> *cancel)
{
    std::error_code error;
    if (!fs::is_directory(root, error))
        throw InputError("image folder not found: " + root);
    if (imageSize < 1)
        throw InputError("image size " + std::to_string(imageSize) + " must be positive");
    const fs::path dataRoot = descendSingleFolders(root);
    const std::string where = dataRoot.string();

    // Explicit splits when the root has train/ and test/; otherwise every sub-folder is a class.
    const auto topFolders = subfolders(dataRoot);
    const fs::path trainRoot = findFolder(topFolders, kTrainNames);
    const fs::path testRoot = findFolder(topFolders, kTestNames);
    const bool explicitSplits = !trainRoot.empty() && !testRoot.empty();
    const fs::path valRoot = explicitSplits ? findFolder(topFolders, kValNames) : fs::path();

    std::vector<std::string> classes =
        folderNames(explicitSplits ? subfolders(trainRoot) : topFolders);
    if (classes.empty()) {
        throw InputError("no class sub-folders in " +
                         (explicitSplits ? trainRoot.string() : where) +
                         " (expected one sub-folder of images per class)");
    }
    std::vector<ImageFile> files;
    int64_t ignored = 0;
    if (explicitSplits) {
        checkSameClasses(trainRoot, classes, testRoot, folderNames(subfolders(testRoot)));
        if (!valRoot.empty())
            checkSameClasses(trainRoot, classes, valRoot, folderNames(subfolders(valRoot)));
        collectFiles(trainRoot, classes, TrainSplit, files, ignored);
        if (!valRoot.empty())
            collectFiles(valRoot, classes, ValSplit, files, ignored);
        collectFiles(testRoot, classes, TestSplit, files, ignored);
    } else {
        collectFiles(dataRoot, classes, TrainSplit, files, ignored);
    }
    if (classes.size() < 2) {
        throw InputError(where + " holds only one class folder (" + classes.front() +
                         "); at least two classes are needed");
    }
    if (files.empty())
        throw InputError("no images (.jpg, .jpeg, .png, .bmp) in the class folders of " + where);

    auto images = torch::empty(
        {static_cast<int64_t>(files.size()), kChannels, imageSize, imageSize}, torch::kUInt8);
    const std::vector<bool> readable = decodeAll(files, imageSize, images, progress, cancel);

    DataSplits data;
    std::vector<std::string> unreadable;
    std::vector<int64_t> keep;
    std::vector<int64_t> perClass(classes.size(), 0);
    for (size_t i = 0; i < files.size(); ++i) {
        if (readable[i]) {
            keep.push_back(static_cast<int64_t>(i));
            ++perClass[files[i].label];
        } else {
            unreadable.push_back(fs::relative(files[i].path, dataRoot, error).string());
        }
    }
    if (keep.empty())
        throw InputError("no readable image in " + where + " (" + std::to_string(files.size()) +
                         " files could not be decoded)");
    if (!unreadable.empty()) {
        std::string names;
        for (size_t i = 0; i < std::min(unreadable.size(), kNamedFiles); ++i)
            names += (i ? ", " : "") + unreadable[i];
        if (unreadable.size() > kNamedFiles)
            names += ", ...";
        data.warnings.push_back("skipped " + std::to_string(unreadable.size()) +
                                " unreadable file" + (unreadable.size() == 1 ? "" : "s") + ": " +
                                names);
    }
    if (ignored > 0) {
        data.warnings.push_back("ignored " + std::to_string(ignored) +
                                " files that are not .jpg, .jpeg, .png or .bmp");
    }

    // Classes without a single readable image are dropped; labels are renumbered densely.
    std::vector<int64_t> newLabel(classes.size(), -1);
    for (size_t c = 0; c < classes.size(); ++c) {
        if (perClass[c] > 0) {
            newLabel[c] = static_cast<int64_t>(data.classNames.size());
            data.classNames.push_back(classes[c]);
        } else {
            data.warnings.push_back("class folder '" + classes[c] +
                                    "' has no readable images: ignored");
        }
    }
    if (data.classNames.size() < 2) {
        throw InputError(where + " has readable images of only one class (" +
                         data.classNames.front() + "); at least two classes are needed");
    }

    auto labels = torch::empty({static_cast<int64_t>(files.size())}, torch::kLong);
    int64_t *labelValues = labels.data_ptr<int64_t>();
    for (size_t i = 0; i < files.size(); ++i)
        labelValues[i] = readable[i] ? newLabel[files[i].label] : -1;
    const Dataset all{images, labels};

    if (explicitSplits) {
        std::vector<int64_t> positions[3];
        for (int64_t i : keep)
            positions[files[i].split].push_back(i);
        data.train = take(all, positions[TrainSplit]);
        data.test = take(all, positions[TestSplit]);
        if (!valRoot.empty()) {
            data.val = take(all, positions[ValSplit]);
        } else {
            const IndexSplit split =
                stratifiedSplit(data.train.labels, valFraction, splitSeed ^ kValStream);
            data.val = subset(data.train, split.second);
            data.train = subset(data.train, split.first);
        }
        if (data.test.size() == 0)
            data.warnings.push_back("the test folder " + testRoot.string() +
                                    " has no readable images");
    } else {
        // Test first, then validation from the rest, so both fractions refer to the whole dataset.
        const Dataset readableImages = take(all, keep);
        const IndexSplit testSplit =
            stratifiedSplit(readableImages.labels, testFraction, splitSeed ^ kTestStream);
        const Dataset rest = subset(readableImages, testSplit.first);
        data.test = subset(readableImages, testSplit.second);
        const double valOfRest =
            testFraction < 1.0 ? std::min(1.0, valFraction / (1.0 - testFraction)) : 0.0;
        const IndexSplit valSplit = stratifiedSplit(rest.labels, valOfRest, splitSeed ^ kValStream);
        data.train = subset(rest, valSplit.first);
        data.val = subset(rest, valSplit.second);
    }
    data.description = "Image folder (" + where + ")";
    return data;
}

} // namespace normlab
