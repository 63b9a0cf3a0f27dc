// Model files out (TrainingRun::saveModel) and in (ModelPredictor), and the run with checkpoints.

#include "data/ImageDecoding.h"
#include "training/ModelArchive.h"
#include "training/Trainer.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace normlab {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kImageExtensions = {".jpg", ".jpeg", ".png", ".bmp"};

bool hasImageExtension(const fs::path &path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return kImageExtensions.count(ext) > 0;
}

// The weights a model file (or a checkpoint read as one) holds for prediction.
StateDict predictionWeights(const ArchiveReader &archive, ModelInfo &info)
{
    if (info.format == kModelFormat)
        return archive.state("state_dict");
    const StateDict best = archive.state("best_model");
    if (best.size() == 0)
        return archive.state("model");
    info.weights = "best";
    info.epoch = static_cast<int>(archive.integer("best_epoch"));
    return best;
}

} // namespace

struct TrainingRun::Impl
{
    Impl(const ExperimentConfig &config, const DataSplits &data) : trainer(config, data) {}
    Trainer trainer;
};

TrainingRun::TrainingRun(const ExperimentConfig &config, const DataSplits &data)
{
    try {
        impl_ = std::make_unique<Impl>(config, data);
    } catch (const c10::Error &error) {
        throw InputError(error.what_without_backtrace());
    }
}

TrainingRun::~TrainingRun() = default;

void TrainingRun::writeCheckpoints(const std::string &path)
{
    impl_->trainer.setCheckpointPath(path);
}

void TrainingRun::resumeFrom(const std::string &checkpoint)
{
    impl_->trainer.resumeFrom(checkpoint);
}

RunResult TrainingRun::run(TrainingObserver *observer, const std::atomic<bool> *cancel)
{
    return impl_->trainer.run(observer, cancel);
}

void TrainingRun::saveModel(const std::string &path, const RunResult &result)
{
    Trainer &trainer = impl_->trainer;
    const bool best = trainer.holdsBestWeights() && result.bestEpoch > 0;
    ArchiveDict dict = newArchive(kModelFormat, kModelFormatVersion);
    dict.insert("metadata",
                modelMetadata(trainer.modelInfo(best ? "best" : "final",
                                                best ? result.bestEpoch : result.epochsRun)));
    dict.insert("state_dict", stateDict(trainer.model()));
    writeArchive(path, dict);
}

struct ModelPredictor::Impl
{
    ModelInfo info;
    NormCnn model{nullptr};
    InputScaling scaling;
};

ModelPredictor::ModelPredictor(const std::string &modelFile) : impl_(std::make_unique<Impl>())
{
    const ArchiveReader archive(
        readArchive(modelFile, {{kModelFormat, kModelFormatVersion},
                                {kCheckpointFormat, kCheckpointFormatVersion}}),
        modelFile);
    ModelInfo &info = impl_->info;
    info = readModelMetadata(archive);
    const StateDict weights = predictionWeights(archive, info);
    try {
        impl_->model = NormCnn(info.config, static_cast<int64_t>(info.classNames.size()),
                               info.imageSize, info.channels);
    } catch (const std::exception &error) {
        archive.fail(std::string("its network cannot be built: ") + error.what());
    }
    loadStateDict(impl_->model, weights, modelFile);
    impl_->model->eval();
    impl_->scaling = inputScaling(info.inputMean, info.inputStd);
}

ModelPredictor::~ModelPredictor() = default;

const ModelInfo &ModelPredictor::info() const
{
    return impl_->info;
}

std::vector<ImagePrediction> ModelPredictor::predict(const std::vector<std::string> &files,
                                                     int top) const
{
    const ModelInfo &info = impl_->info;
    if (info.channels != 3)
        throw InputError(info.file + ": the model takes " + std::to_string(info.channels) +
                         "-channel images, but image files are read as 3-channel RGB");
    const auto n = static_cast<int64_t>(files.size());
    std::vector<ImagePrediction> predictions(files.size());
    if (n == 0)
        return predictions;
    // The decoding of an image-folder dataset: RGB, resized to the training size.
    torch::Tensor images = torch::zeros({n, 3, info.imageSize, info.imageSize}, torch::kUInt8);
    const std::vector<fs::path> paths(files.begin(), files.end());
    const std::vector<bool> readable = decodeImages(paths, info.imageSize, images, {}, nullptr);
    const int64_t k = std::clamp<int64_t>(top, 1, static_cast<int64_t>(info.classNames.size()));
    torch::NoGradGuard noGrad;
    // The evaluation's batches, so that the logits are computed exactly as the trainer's.
    for (int64_t start = 0; start < n; start += kEvalBatch) {
        const int64_t end = std::min(n, start + kEvalBatch);
        const torch::Tensor logits =
            impl_->model->forward(prepareImages(images.slice(0, start, end), impl_->scaling));
        const auto [values, indices] = logits.softmax(1).topk(k, 1);
        const torch::Tensor probabilities = values.to(torch::kFloat).contiguous();
        const torch::Tensor classes = indices.to(torch::kLong).contiguous();
        for (int64_t i = start; i < end; ++i) {
            ImagePrediction &p = predictions[i];
            p.file = files[i];
            p.readable = readable[i];
            if (!p.readable)
                continue;
            const int64_t *c = classes.data_ptr<int64_t>() + (i - start) * k;
            const float *q = probabilities.data_ptr<float>() + (i - start) * k;
            p.classes.assign(c, c + k);
            p.probabilities.assign(q, q + k);
        }
    }
    return predictions;
}

ModelInfo readModelInfo(const std::string &path)
{
    return ModelPredictor(path).info();
}

std::vector<std::string> imageFilesAt(const std::string &path)
{
    std::error_code error;
    if (!fs::is_directory(path, error)) {
        if (!fs::exists(path, error))
            throw InputError(path + ": no such file or folder");
        return {path};
    }
    std::vector<std::string> files;
    for (const auto &entry : fs::recursive_directory_iterator(path, error))
        if (entry.is_regular_file(error) && hasImageExtension(entry.path()))
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace normlab
