// The trainer's checkpoints: everything a run needs to continue bit-identically after an epoch
// (weights, optimizer state, torch's RNG, early stopping, best weights, history, insight series).

#include "training/ModelArchive.h"
#include "training/Trainer.h"

#include "normlab/ConfigJson.h"

#include <QJsonObject>

#include <cstring>
#include <filesystem>
#include <sstream>

namespace normlab {
namespace {

// Keys a resumed run may change: more epochs continue the same run; threads only change speed
// (and, through reduction order, the last bits); the data may have moved (the classes and image
// size are checked).
const char *const kResumableKeys[] = {"epochs", "threads", "data"};

// The columns of a checkpoint's "history" tensor.
constexpr int64_t kHistoryColumns = 8;

at::Tensor bytesTensor(const std::string &bytes)
{
    at::Tensor tensor = torch::empty({static_cast<int64_t>(bytes.size())}, torch::kUInt8);
    std::memcpy(tensor.data_ptr<uint8_t>(), bytes.data(), bytes.size());
    return tensor;
}

at::Tensor optimizerState(const torch::optim::Optimizer &optimizer)
{
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    std::ostringstream out;
    archive.save_to(out);
    return bytesTensor(out.str());
}

void loadOptimizerState(torch::optim::Optimizer &optimizer, const at::Tensor &state)
{
    const at::Tensor bytes = state.to(torch::kUInt8).contiguous();
    torch::serialize::InputArchive archive;
    archive.load_from(reinterpret_cast<const char *>(bytes.data_ptr<uint8_t>()),
                      static_cast<size_t>(bytes.numel()));
    optimizer.load(archive);
}

at::Tensor rngState()
{
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

void setRngState(const at::Tensor &state)
{
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
}

at::Tensor rowsTensor(const std::vector<std::vector<double>> &rows, int64_t columns)
{
    at::Tensor tensor = torch::empty({static_cast<int64_t>(rows.size()), columns}, torch::kDouble);
    double *out = tensor.data_ptr<double>();
    for (const auto &row : rows)
        for (int64_t c = 0; c < columns; ++c)
            *out++ = c < static_cast<int64_t>(row.size()) ? row[c] : 0.0;
    return tensor;
}

std::vector<std::vector<double>> tensorRows(const ArchiveReader &archive, const std::string &key)
{
    const at::Tensor tensor = archive.tensor(key);
    if (tensor.dim() != 2 || tensor.scalar_type() != torch::kDouble)
        archive.fail("'" + key + "' is not a table of numbers");
    const at::Tensor values = tensor.contiguous();
    const double *in = values.data_ptr<double>();
    std::vector<std::vector<double>> rows(values.size(0));
    for (auto &row : rows) {
        row.assign(in, in + values.size(1));
        in += values.size(1);
    }
    return rows;
}

at::Tensor historyTensor(const std::vector<EpochMetrics> &history)
{
    std::vector<std::vector<double>> rows;
    for (const EpochMetrics &m : history)
        rows.push_back({static_cast<double>(m.epoch), m.trainLoss, m.trainAcc, m.valLoss, m.valAcc,
                        m.testLoss, m.testAcc, m.seconds});
    return rowsTensor(rows, kHistoryColumns);
}

std::vector<EpochMetrics> readHistory(const ArchiveReader &archive)
{
    std::vector<EpochMetrics> history;
    for (const auto &row : tensorRows(archive, "history")) {
        if (row.size() != kHistoryColumns)
            archive.fail("'history' does not have " + std::to_string(kHistoryColumns) + " columns");
        history.push_back(
            {static_cast<int>(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7]});
    }
    return history;
}

at::Tensor layerStatsTensor(const std::vector<LayerStatsSample> &samples)
{
    std::vector<std::vector<double>> rows;
    size_t blocks = samples.empty() ? 0 : samples.front().blocks.size();
    for (const LayerStatsSample &s : samples) {
        std::vector<double> row = {static_cast<double>(s.step), static_cast<double>(s.epoch)};
        for (const LayerMoments &m : s.blocks)
            row.insert(row.end(), {m.preMean, m.preStd, m.postMean, m.postStd});
        rows.push_back(row);
    }
    return rowsTensor(rows, static_cast<int64_t>(2 + 4 * blocks));
}

std::vector<LayerStatsSample> readLayerStats(const ArchiveReader &archive)
{
    std::vector<LayerStatsSample> samples;
    for (const auto &row : tensorRows(archive, "layer_stats")) {
        LayerStatsSample sample{static_cast<int64_t>(row[0]), static_cast<int>(row[1]), {}};
        for (size_t i = 2; i + 3 < row.size(); i += 4)
            sample.blocks.push_back({row[i], row[i + 1], row[i + 2], row[i + 3]});
        samples.push_back(sample);
    }
    return samples;
}

at::Tensor gradientNormsTensor(const std::vector<GradientNormSample> &samples)
{
    std::vector<std::vector<double>> rows;
    size_t layers = samples.empty() ? 0 : samples.front().norms.size();
    for (const GradientNormSample &s : samples) {
        std::vector<double> row = {static_cast<double>(s.step), static_cast<double>(s.epoch)};
        row.insert(row.end(), s.norms.begin(), s.norms.end());
        rows.push_back(row);
    }
    return rowsTensor(rows, static_cast<int64_t>(2 + layers));
}

std::vector<GradientNormSample> readGradientNorms(const ArchiveReader &archive)
{
    std::vector<GradientNormSample> samples;
    for (const auto &row : tensorRows(archive, "gradient_norms"))
        samples.push_back({static_cast<int64_t>(row[0]), static_cast<int>(row[1]),
                           std::vector<double>(row.begin() + 2, row.end())});
    return samples;
}

// The configuration keys in which a checkpoint's run differs from this one (bar kResumableKeys).
std::string differingKeys(const ExperimentConfig &checkpoint, const ExperimentConfig &run)
{
    QJsonObject a = toJson(checkpoint), b = toJson(run);
    for (const char *key : kResumableKeys) {
        a.remove(QString::fromLatin1(key));
        b.remove(QString::fromLatin1(key));
    }
    std::string keys;
    for (auto it = a.begin(); it != a.end(); ++it)
        if (b.value(it.key()) != it.value())
            keys += (keys.empty() ? "" : ", ") + it.key().toStdString();
    return keys;
}

// The epoch whose weights the run keeps as its best, as summarizeHistory finds it.
int bestEpoch(const std::vector<EpochMetrics> &history)
{
    RunResult summary;
    summary.history = history;
    summarizeHistory(summary);
    return summary.bestEpoch;
}

ArchiveReader readCheckpoint(const std::string &path)
{
    return ArchiveReader(readArchive(path, {{kCheckpointFormat, kCheckpointFormatVersion}}), path);
}

} // namespace

std::string checkpointFile(const std::string &path)
{
    namespace fs = std::filesystem;
    if (!path.empty() && (path.back() == '/' || fs::is_directory(path)))
        return (fs::path(path) / "checkpoint.pt").string();
    return path;
}

CheckpointInfo readCheckpointInfo(const std::string &path)
{
    const ArchiveReader archive = readCheckpoint(path);
    const ModelInfo model = readModelMetadata(archive);
    return {path, model.config, model.runName, static_cast<int>(archive.integer("epoch"))};
}

ModelInfo Trainer::modelInfo(const std::string &weights, int epoch) const
{
    ModelInfo info;
    info.runName = runName(config_);
    info.config = config_;
    info.classNames = data_.classNames;
    info.imageSize = static_cast<int>(data_.train.images.size(2));
    info.channels = static_cast<int>(data_.train.images.size(1));
    info.inputMean = mean_;
    info.inputStd = stddev_;
    info.weights = weights;
    info.epoch = epoch;
    return info;
}

void Trainer::writeCheckpoint(const RunResult &result) const
{
    ArchiveDict dict = newArchive(kCheckpointFormat, kCheckpointFormatVersion);
    dict.insert("metadata", modelMetadata(modelInfo("final", progress_.epoch)));
    dict.insert("epoch", static_cast<int64_t>(progress_.epoch));
    dict.insert("step", progress_.step);
    dict.insert("best_val_loss", progress_.bestValLoss);
    dict.insert("best_epoch", static_cast<int64_t>(bestEpoch(result.history)));
    dict.insert("stopping_best", progress_.stoppingBest);
    dict.insert("stopping_waited", static_cast<int64_t>(progress_.stoppingWaited));
    dict.insert("model", stateDict(model_));
    StateDict best;
    size_t i = 0;
    for (const auto &item : model_->named_parameters())
        if (i < bestState_.size())
            best.insert(item.key(), bestState_[i++]);
    for (const auto &item : model_->named_buffers())
        if (i < bestState_.size())
            best.insert(item.key(), bestState_[i++]);
    dict.insert("best_model", best);
    dict.insert("optimizer", optimizerState(*optimizer_));
    dict.insert("rng", rngState());
    dict.insert("history", historyTensor(result.history));
    dict.insert("layer_stats", layerStatsTensor(result.insight.layerStats));
    dict.insert("gradient_norms", gradientNormsTensor(result.insight.gradientNorms));
    writeArchive(checkpointFile(checkpointPath_), dict);
}

void Trainer::resumeFrom(const std::string &path)
{
    const ArchiveReader archive = readCheckpoint(path);
    const ModelInfo info = readModelMetadata(archive);
    const std::string differing = differingKeys(info.config, config_);
    if (!differing.empty())
        archive.fail("it belongs to another configuration (differs in: " + differing +
                     "); only epochs, threads and data may change when resuming");
    if (info.classNames != data_.classNames ||
        info.imageSize != static_cast<int>(data_.train.images.size(2)) ||
        info.channels != static_cast<int>(data_.train.images.size(1)))
        archive.fail("it was trained on other images (classes, image size or channels differ)");
    try {
        const StateDict best = archive.state("best_model");
        if (best.size() > 0) {
            loadStateDict(model_, best, path);
            snapshotWeights();
        }
        loadStateDict(model_, archive.state("model"), path);
        loadOptimizerState(*optimizer_, archive.tensor("optimizer"));
        setRngState(archive.tensor("rng"));
    } catch (const c10::Error &error) {
        archive.fail(error.what_without_backtrace());
    }
    progress_.epoch = static_cast<int>(archive.integer("epoch"));
    progress_.step = archive.integer("step");
    progress_.bestValLoss = archive.number("best_val_loss");
    progress_.stoppingBest = archive.number("stopping_best");
    progress_.stoppingWaited = static_cast<int>(archive.integer("stopping_waited"));
    resumedHistory_ = readHistory(archive);
    resumedInsight_.layerStats = readLayerStats(archive);
    resumedInsight_.gradientNorms = readGradientNorms(archive);
    if (resumedHistory_.size() != static_cast<size_t>(progress_.epoch))
        archive.fail("its history does not match its epoch count");
}

void Trainer::continueResumedRun(RunResult &result, TrainingObserver *observer) const
{
    if (progress_.epoch == 0)
        return;
    result.history = resumedHistory_;
    result.insight.layerStats = resumedInsight_.layerStats;
    result.insight.gradientNorms = resumedInsight_.gradientNorms;
    if (observer)
        for (const EpochMetrics &metrics : result.history)
            observer->epochFinished(metrics);
}

} // namespace normlab
