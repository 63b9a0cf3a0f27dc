// Image-folder datasets: one sub-folder per class (e.g. the Kaggle Tom and Jerry archive), or
// train/val/test folders of class folders. Finding the files and splitting them is here; decoding
// them is ImageDecoding.cpp.

#include "data/Dataset.h"
#include "data/ImageDecoding.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <set>

namespace normlab {
namespace {

namespace fs = std::filesystem;

constexpr size_t kNamedFiles = 5;            // unreadable files named in the warning
constexpr int kChannels = 3;                 // decoded as RGB
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

// Where the images are: the class folders, and the train/val/test folders when the root has them.
struct FolderLayout
{
    fs::path dataRoot;                     // the root, below any single-folder wrappers
    bool explicitSplits = false;           // train/ and test/ (and maybe val/) sub-folders
    fs::path trainRoot, valRoot, testRoot; // with explicit splits; valRoot may be empty
    std::vector<std::string> classes;      // class folder names, sorted
};

// Explicit splits when the root has train/ and test/; otherwise every sub-folder is a class.
FolderLayout findLayout(const fs::path &dataRoot)
{
    FolderLayout layout;
    layout.dataRoot = dataRoot;
    const auto topFolders = subfolders(dataRoot);
    layout.trainRoot = findFolder(topFolders, kTrainNames);
    layout.testRoot = findFolder(topFolders, kTestNames);
    layout.explicitSplits = !layout.trainRoot.empty() && !layout.testRoot.empty();
    if (layout.explicitSplits)
        layout.valRoot = findFolder(topFolders, kValNames);
    layout.classes = folderNames(layout.explicitSplits ? subfolders(layout.trainRoot) : topFolders);
    if (layout.classes.empty()) {
        throw InputError("no class sub-folders in " +
                         (layout.explicitSplits ? layout.trainRoot.string() : dataRoot.string()) +
                         " (expected one sub-folder of images per class)");
    }
    return layout;
}

// Every image file of every class (and split); `ignored` counts the other files.
std::vector<ImageFile> listImages(const FolderLayout &layout, int64_t &ignored)
{
    std::vector<ImageFile> files;
    if (!layout.explicitSplits) {
        collectFiles(layout.dataRoot, layout.classes, TrainSplit, files, ignored);
        return files;
    }
    checkSameClasses(layout.trainRoot, layout.classes, layout.testRoot,
                     folderNames(subfolders(layout.testRoot)));
    if (!layout.valRoot.empty())
        checkSameClasses(layout.trainRoot, layout.classes, layout.valRoot,
                         folderNames(subfolders(layout.valRoot)));
    collectFiles(layout.trainRoot, layout.classes, TrainSplit, files, ignored);
    if (!layout.valRoot.empty())
        collectFiles(layout.valRoot, layout.classes, ValSplit, files, ignored);
    collectFiles(layout.testRoot, layout.classes, TestSplit, files, ignored);
    return files;
}

// The decoded files: which positions to keep, how many per class, and the unreadable ones.
struct ReadableFiles
{
    std::vector<int64_t> keep;
    std::vector<int64_t> perClass;
    std::vector<std::string> unreadable; // relative to the data root
};

ReadableFiles sortOutReadable(const FolderLayout &layout, const std::vector<ImageFile> &files,
                              const std::vector<bool> &readable)
{
    ReadableFiles out;
    out.perClass.assign(layout.classes.size(), 0);
    std::error_code error;
    for (size_t i = 0; i < files.size(); ++i) {
        if (readable[i]) {
            out.keep.push_back(static_cast<int64_t>(i));
            ++out.perClass[files[i].label];
        } else {
            out.unreadable.push_back(fs::relative(files[i].path, layout.dataRoot, error).string());
        }
    }
    if (out.keep.empty())
        throw InputError("no readable image in " + layout.dataRoot.string() + " (" +
                         std::to_string(files.size()) + " files could not be decoded)");
    return out;
}

// What was skipped: unreadable files (the first few by name) and files that are not images.
void warnSkipped(const std::vector<std::string> &unreadable, int64_t ignored,
                 std::vector<std::string> &warnings)
{
    if (!unreadable.empty()) {
        std::string names;
        for (size_t i = 0; i < std::min(unreadable.size(), kNamedFiles); ++i)
            names += (i ? ", " : "") + unreadable[i];
        if (unreadable.size() > kNamedFiles)
            names += ", ...";
        warnings.push_back("skipped " + std::to_string(unreadable.size()) + " unreadable file" +
                           (unreadable.size() == 1 ? "" : "s") + ": " + names);
    }
    if (ignored > 0) {
        warnings.push_back("ignored " + std::to_string(ignored) +
                           " files that are not .jpg, .jpeg, .png or .bmp");
    }
}

// Classes without a single readable image are dropped; labels are renumbered densely. Returns the
// new label of every class folder (-1: dropped) and sets the class names.
std::vector<int64_t> relabel(const FolderLayout &layout, const std::vector<int64_t> &perClass,
                             DataSplits &data)
{
    const auto &classes = layout.classes;
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
        throw InputError(layout.dataRoot.string() + " has readable images of only one class (" +
                         data.classNames.front() + "); at least two classes are needed");
    }
    return newLabel;
}

Dataset take(const Dataset &all, const std::vector<int64_t> &positions)
{
    auto index = torch::empty({static_cast<int64_t>(positions.size())}, torch::kLong);
    std::copy(positions.begin(), positions.end(), index.data_ptr<int64_t>());
    return subset(all, index);
}

// The folders' own train/test (and val) split; without val/, validation is drawn from train.
void splitByFolders(const FolderLayout &layout, const Dataset &all,
                    const std::vector<ImageFile> &files, const std::vector<int64_t> &keep,
                    double valFraction, uint64_t splitSeed, DataSplits &data)
{
    std::vector<int64_t> positions[3];
    for (int64_t i : keep)
        positions[files[i].split].push_back(i);
    data.train = take(all, positions[TrainSplit]);
    data.test = take(all, positions[TestSplit]);
    if (!layout.valRoot.empty()) {
        data.val = take(all, positions[ValSplit]);
    } else {
        const IndexSplit split =
            stratifiedSplit(data.train.labels, valFraction, splitSeed ^ kValStream);
        data.val = subset(data.train, split.second);
        data.train = subset(data.train, split.first);
    }
    if (data.test.size() == 0)
        data.warnings.push_back("the test folder " + layout.testRoot.string() +
                                " has no readable images");
}

// A seeded stratified split: test first, then validation from the rest, so both fractions refer
// to the whole dataset.
void splitByFractions(const Dataset &all, const std::vector<int64_t> &keep, double valFraction,
                      double testFraction, uint64_t splitSeed, DataSplits &data)
{
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

// Every file's label after relabelling (-1 for the unreadable ones).
torch::Tensor labelTensor(const std::vector<ImageFile> &files, const std::vector<bool> &readable,
                          const std::vector<int64_t> &newLabel)
{
    auto labels = torch::empty({static_cast<int64_t>(files.size())}, torch::kLong);
    int64_t *labelValues = labels.data_ptr<int64_t>();
    for (size_t i = 0; i < files.size(); ++i)
        labelValues[i] = readable[i] ? newLabel[files[i].label] : -1;
    return labels;
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
    const FolderLayout layout = findLayout(descendSingleFolders(root));
    const std::string where = layout.dataRoot.string();
    int64_t ignored = 0;
    const std::vector<ImageFile> files = listImages(layout, ignored);
    if (layout.classes.size() < 2) {
        throw InputError(where + " holds only one class folder (" + layout.classes.front() +
                         "); at least two classes are needed");
    }
    if (files.empty())
        throw InputError("no images (.jpg, .jpeg, .png, .bmp) in the class folders of " + where);

    auto images = torch::empty(
        {static_cast<int64_t>(files.size()), kChannels, imageSize, imageSize}, torch::kUInt8);
    std::vector<fs::path> paths;
    for (const ImageFile &file : files)
        paths.push_back(file.path);
    DataSplits data;
    const std::vector<bool> readable =
        decodeImages(paths, imageSize, images, progress, cancel, &data.warnings);
    const ReadableFiles sorted = sortOutReadable(layout, files, readable);
    warnSkipped(sorted.unreadable, ignored, data.warnings);
    const std::vector<int64_t> newLabel = relabel(layout, sorted.perClass, data);
    const Dataset all{images, labelTensor(files, readable, newLabel)};
    if (layout.explicitSplits)
        splitByFolders(layout, all, files, sorted.keep, valFraction, splitSeed, data);
    else
        splitByFractions(all, sorted.keep, valFraction, testFraction, splitSeed, data);
    data.description = "Image folder (" + where + ")";
    return data;
}

} // namespace normlab
