#pragma once
// Trained networks in and out, torch-free: model files (standard PyTorch archives that Python's
// torch.load opens, docs/models.md), checkpoints that let a run continue bit-identically, and
// predictions on image files with exactly the training preprocessing.

#include "normlab/Engine.h"

#include <memory>
#include <string>
#include <vector>

namespace normlab {

/// The newest layouts this NormLab reads and writes; a file of a newer version is refused.
constexpr int kModelFormatVersion = 1;
constexpr int kCheckpointFormatVersion = 1;

/// What a model file (or a checkpoint, read as a model) says about its network.
struct ModelInfo
{
    std::string file;
    std::string format; // "normlab-model" or "normlab-checkpoint"
    int formatVersion = 0;
    std::string normlabVersion;
    std::string runName;
    ExperimentConfig config; // architecture, width, normalization, ... of the run
    std::vector<std::string> classNames;
    int imageSize = 0, channels = 0;
    std::vector<float> inputMean, inputStd; // per channel, on the [0, 1] scale (training split)
    std::string weights;                    // "best" (lowest validation loss) or "final"
    int epoch = 0;                          // the epoch those weights come from
};

/// A checkpoint's configuration and progress, read before its data is loaded.
struct CheckpointInfo
{
    std::string file;
    ExperimentConfig config;
    std::string runName;
    int epoch = 0; // epochs finished
};

/// The file `--checkpoint PATH` writes: PATH/checkpoint.pt when PATH is a folder (an existing
/// one, or any path ending in '/'), else PATH itself.
std::string checkpointFile(const std::string &path);

/// Reads a checkpoint's header. Throws InputError naming the file when it is not a NormLab
/// checkpoint, is truncated or comes from a newer format version.
CheckpointInfo readCheckpointInfo(const std::string &path);

/// One run with its files: optional checkpoints after every epoch, an optional checkpoint to
/// resume, and the model file afterwards. The engine's runExperiment without files is the same
/// run; with the same configuration, seed and threads a resumed run is bit-identical to one that
/// was never interrupted.
class TrainingRun
{
public:
    /// Builds the model. Throws InputError when the configuration is invalid for this data.
    TrainingRun(const ExperimentConfig &config, const DataSplits &data);
    ~TrainingRun();
    TrainingRun(const TrainingRun &) = delete;
    TrainingRun &operator=(const TrainingRun &) = delete;

    /// Writes a checkpoint to `path` (see checkpointFile) after every epoch, atomically.
    void writeCheckpoints(const std::string &path);
    /// Continues from a checkpoint of this configuration (its epochs may differ). Throws
    /// InputError naming the file when it is unreadable or belongs to another configuration.
    void resumeFrom(const std::string &checkpoint);
    /// Trains the remaining epochs; never throws (failures are statuses, as runExperiment's).
    RunResult run(TrainingObserver *observer = nullptr, const std::atomic<bool> *cancel = nullptr);
    /// After run(): writes the model file, best weights when an epoch finished (else the
    /// current ones). Throws InputError naming the file when it cannot be written.
    void saveModel(const std::string &path, const RunResult &result);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Reads a model file's metadata and checks that its weights fit the network it describes.
/// Throws InputError naming the file (not NormLab's, truncated, newer format, mismatched).
ModelInfo readModelInfo(const std::string &path);

/// One image's top classes, most probable first.
struct ImagePrediction
{
    std::string file;
    bool readable = false; // false: the file could not be decoded (no classes)
    std::vector<int> classes;
    std::vector<float> probabilities; // softmax probabilities of `classes`
};

/// A model file loaded for prediction.
class ModelPredictor
{
public:
    /// Throws InputError naming the file, as readModelInfo.
    explicit ModelPredictor(const std::string &modelFile);
    ~ModelPredictor();
    ModelPredictor(const ModelPredictor &) = delete;
    ModelPredictor &operator=(const ModelPredictor &) = delete;

    const ModelInfo &info() const;
    /// Decodes `files` (RGB, resized to the model's image size, normalized with the training
    /// statistics, exactly as in training) and returns the top `top` classes of each, in order.
    std::vector<ImagePrediction> predict(const std::vector<std::string> &files, int top) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The image files (.jpg, .jpeg, .png, .bmp) a prediction takes from `path`: the file itself, or
/// every image below a folder, sorted. Throws InputError when `path` does not exist.
std::vector<std::string> imageFilesAt(const std::string &path);

} // namespace normlab
