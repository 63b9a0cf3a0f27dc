#include "training/Trainer.h"

#include "data/Augmentation.h"
#include "data/LabelNoise.h"
#include "model/Regularization.h"
#include "normlab/CrossValidation.h"

#include <chrono>
#include <cmath>
#include <thread>

namespace normlab {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

bool isCancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

int threadCount(int requested)
{
    if (requested > 0)
        return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const ExperimentConfig &c, NormCnn &model)
{
    if (c.optimizer == OptimizerKind::Sgd)
        return std::make_unique<torch::optim::SGD>(
            model->parameters(),
            torch::optim::SGDOptions(c.lr).momentum(c.momentum).nesterov(c.nesterov));
    return std::make_unique<torch::optim::Adam>(model->parameters(),
                                                torch::optim::AdamOptions(c.lr));
}

std::string joined(const std::vector<std::string> &lines)
{
    std::string text;
    for (const auto &line : lines)
        text += (text.empty() ? "" : "; ") + line;
    return text;
}

// A run that could not start or broke off: a result with a message, never an exception.
RunResult failedRun(const ExperimentConfig &config, const std::string &message,
                    TrainingObserver *observer)
{
    RunResult result;
    result.name = runName(config);
    result.config = config;
    result.status = RunStatus::Failed;
    result.message = message;
    summarizeHistory(result);
    if (observer)
        observer->message(result.name + ": " + result.message);
    return result;
}

BatchProgress batchProgress(int epoch, int batch, int batches, int64_t step, double loss,
                            double imagesPerSecond)
{
    BatchProgress progress;
    progress.epoch = epoch;
    progress.batch = batch;
    progress.batchesPerEpoch = batches;
    progress.step = step;
    progress.loss = loss;
    progress.imagesPerSecond = imagesPerSecond;
    return progress;
}

// Why a run stopped on a non-finite loss, and what to try.
std::string divergence(double lossValue, int epoch, int batch)
{
    return "loss became " + std::string(std::isnan(lossValue) ? "NaN" : "infinite") + " at epoch " +
           std::to_string(epoch) + ", batch " + std::to_string(batch) +
           "; try a lower learning rate";
}

} // namespace

bool EarlyStopping::update(double valLoss)
{
    if (patience_ <= 0)
        return false;
    if (std::isfinite(valLoss) && valLoss < best_ - minDelta_) {
        best_ = valLoss;
        waited_ = 0;
        return false;
    }
    ++waited_;
    return waited_ >= patience_;
}

Trainer::Trainer(const ExperimentConfig &config, const DataSplits &data, ParallelHook *parallel)
    : config_(config),
      data_(withLabelNoise(config, selectFold(config, data, foldCopy_), labelNoiseCopy_)),
      parallel_(parallel)
{
    const auto errors = validate(config);
    if (!errors.empty())
        throw InputError(joined(errors));
    if (data_.train.size() == 0 || data_.val.size() == 0 || data_.test.size() == 0)
        throw InputError("the dataset needs training, validation and test images (have " +
                         std::to_string(data_.train.size()) + ", " +
                         std::to_string(data_.val.size()) + ", " +
                         std::to_string(data_.test.size()) + ")");
    if (data_.numClasses() < 2)
        throw InputError("the dataset needs at least 2 classes");

    at::set_num_threads(threadCount(config.threads));
    torch::manual_seed(config.seed);

    const auto &images = data_.train.images;
    model_ = NormCnn(config, data_.numClasses(), images.size(2), images.size(1));
    if (parallel_)
        parallel_->prepareModel(model_);
    optimizer_ = makeOptimizer(config, model_);
    penalized_ = model_->penalizedWeights();

    mean_ = data_.mean;
    stddev_ = data_.stddev;
    if (mean_.empty())
        channelStats(images, mean_, stddev_);
    scaling_ = inputScaling(mean_, stddev_);
    if (config.statsEvery > 0)
        recorder_ = std::make_unique<InsightRecorder>(
            model_, prepare(images.index_select(0, probeIndices(images.size(0)))));
}

InputScaling inputScaling(const std::vector<float> &mean, const std::vector<float> &stddev)
{
    const auto channels = static_cast<int64_t>(mean.size());
    InputScaling scaling{torch::empty({1, channels, 1, 1}), torch::empty({1, channels, 1, 1})};
    for (int64_t c = 0; c < channels; ++c) {
        const float sd = std::max(stddev[c], 1e-6f);
        scaling.scale[0][c] = 1.0f / (255.0f * sd);
        scaling.shift[0][c] = -mean[c] / sd;
    }
    return scaling;
}

torch::Tensor prepareImages(const torch::Tensor &images, const InputScaling &scaling)
{
    return images.to(torch::kFloat).mul_(scaling.scale).add_(scaling.shift);
}

torch::Tensor Trainer::prepare(const torch::Tensor &images) const
{
    return prepareImages(images, scaling_);
}

Trainer::EpochTraining Trainer::trainEpoch(int epoch, int64_t &step, RunInsight &insight,
                                           TrainingObserver *observer,
                                           const std::atomic<bool> *cancel)
{
    EpochTraining out;
    model_->train();
    const int64_t n = data_.train.size();
    const int64_t batchSize = config_.batchSize;
    const int batches = static_cast<int>((n + batchSize - 1) / batchSize);
    torch::Tensor order = torch::randperm(n, torch::TensorOptions().dtype(torch::kLong));
    if (parallel_)
        order = parallel_->epochOrder(order);
    const auto started = Clock::now();
    double lossSum = 0;
    int64_t correct = 0, seen = 0;

    for (int b = 0; b < batches; ++b) {
        // Data-parallel ranks stop together: the step's reduction carries the cancel flag.
        if (!parallel_ && isCancelled(cancel)) {
            out.cancelled = true;
            return out;
        }
        const torch::Tensor batch = order.slice(0, b * batchSize, std::min(n, (b + 1) * batchSize));
        const StepOutcome s = trainStep(batch, epoch, step, insight, observer, cancel);
        if (s.diverged) {
            out.diverged = true;
            out.problem = divergence(s.loss, epoch, b + 1);
            return out;
        }
        if (s.cancelled) {
            out.cancelled = true;
            return out;
        }
        lossSum += s.loss * static_cast<double>(s.rows);
        correct += s.correct;
        seen += s.rows;
        ++step;
        if (recorder_ && step % config_.statsEvery == 0)
            recordLayerStats(step, epoch, insight, observer);
        if (observer)
            observer->batchFinished(
                batchProgress(epoch, b + 1, batches, step, s.loss,
                              static_cast<double>(seen) / secondsSince(started)));
    }
    out.loss = lossSum / static_cast<double>(seen);
    out.accuracy = static_cast<double>(correct) / static_cast<double>(seen);
    return out;
}

Trainer::StepOutcome Trainer::trainStep(const torch::Tensor &batch, int epoch, int64_t step,
                                        RunInsight &insight, TrainingObserver *observer,
                                        const std::atomic<bool> *cancel)
{
    StepOutcome out;
    const torch::Tensor index = parallel_ ? parallel_->shard(batch) : batch;
    const torch::Tensor input = batchInput(data_.train.images.index_select(0, index));
    const torch::Tensor labels = data_.train.labels.index_select(0, index);

    optimizer_->zero_grad();
    const torch::Tensor logits = model_->forward(input);
    // A rank's share of a last batch shorter than the ranks may be empty: it adds nothing.
    const torch::Tensor loss =
        index.size(0) > 0 ? torch::nn::functional::cross_entropy(logits, labels) : logits.sum();
    out.loss = loss.item<double>();
    out.rows = index.size(0);
    if (!parallel_ && !std::isfinite(out.loss)) {
        out.diverged = true;
        return out;
    }
    loss.backward();
    addPenaltyGradients(penalized_, config_.l1, config_.l2);
    out.correct = logits.argmax(1).eq(labels).sum().item<int64_t>();
    if (parallel_) {
        out = reduceStep(out, cancel);
        if (out.diverged || out.cancelled)
            return out;
    }
    if (recorder_)
        recordGradientNorms(step + 1, epoch, insight, observer);
    optimizer_->step();
    return out;
}

Trainer::StepOutcome Trainer::reduceStep(const StepOutcome &local, const std::atomic<bool> *cancel)
{
    StepTotals mine;
    mine.lossSum = local.loss * static_cast<double>(local.rows);
    mine.correct = local.correct;
    mine.rows = local.rows;
    mine.cancelled = isCancelled(cancel);
    const StepTotals all = parallel_->reduce(model_->parameters(), mine);
    StepOutcome out;
    out.rows = all.rows;
    out.correct = all.correct;
    out.loss = all.lossSum / static_cast<double>(std::max<int64_t>(all.rows, 1));
    out.cancelled = all.cancelled;
    out.diverged = !std::isfinite(out.loss); // any rank's: every rank stops at the same step
    return out;
}

torch::Tensor Trainer::batchInput(const torch::Tensor &images) const
{
    if (!config_.augment)
        return prepare(images);
    // Augment on the [0, 1] scale so zero padding is black, as in torchvision.
    torch::Tensor input = augmentBatch(images.to(torch::kFloat).div_(255.0f));
    return input.mul_(scaling_.scale * 255.0f).add_(scaling_.shift);
}

void Trainer::recordGradientNorms(int64_t step, int epoch, RunInsight &insight,
                                  TrainingObserver *observer)
{
    GradientNormSample norms = recorder_->gradientNorms(step, epoch);
    if (observer)
        observer->gradientNormsRecorded(norms);
    insight.gradientNorms.push_back(std::move(norms));
}

void Trainer::recordLayerStats(int64_t step, int epoch, RunInsight &insight,
                               TrainingObserver *observer)
{
    LayerStatsSample sample = recorder_->layerStats(step, epoch);
    if (observer)
        observer->layerStatsRecorded(sample);
    insight.layerStats.push_back(std::move(sample));
}

void Trainer::snapshotWeights()
{
    torch::NoGradGuard noGrad;
    bestState_.clear();
    for (const auto &p : model_->parameters())
        bestState_.push_back(p.detach().clone());
    for (const auto &b : model_->buffers())
        bestState_.push_back(b.detach().clone());
}

void Trainer::restoreWeights()
{
    if (bestState_.empty())
        return;
    torch::NoGradGuard noGrad;
    size_t i = 0;
    for (auto &p : model_->parameters())
        p.copy_(bestState_[i++]);
    for (auto &b : model_->buffers())
        b.copy_(bestState_[i++]);
}

RunResult Trainer::run(TrainingObserver *observer, const std::atomic<bool> *cancel)
{
    const auto started = Clock::now();
    RunResult result;
    result.name = runName(config_);
    result.config = config_;
    result.parameters = model_->parameterCount();
    result.insight.blockNames = blockNames(model_);
    result.insight.gradientLayers = gradientLayerNames(model_);
    result.insight.probeSize = recorder_ ? recorder_->probeSize() : 0;

    const int64_t batchSize = config_.batchSize;
    if (observer) {
        RunInfo info;
        info.name = result.name;
        info.trainSize = data_.train.size();
        info.valSize = data_.val.size();
        info.testSize = data_.test.size();
        info.batchesPerEpoch = static_cast<int>((info.trainSize + batchSize - 1) / batchSize);
        info.epochs = config_.epochs;
        info.parameters = result.parameters;
        info.classNames = data_.classNames;
        info.blockNames = result.insight.blockNames;
        info.gradientLayers = result.insight.gradientLayers;
        info.probeSize = result.insight.probeSize;
        observer->runStarted(info);
    }
    continueResumedRun(result, observer);

    try {
        trainEpochs(result, observer, cancel);
    } catch (const c10::Error &error) {
        result.status = RunStatus::Failed;
        result.message = error.what_without_backtrace();
    } catch (const std::exception &error) {
        result.status = RunStatus::Failed;
        result.message = error.what();
    }
    restoreWeights();
    predictWithBestWeights(result);
    summarizeHistory(result);
    result.seconds = secondsSince(started);
    if (observer && !result.message.empty())
        observer->message(result.name + ": " + result.message);
    return result;
}

void Trainer::trainEpochs(RunResult &result, TrainingObserver *observer,
                          const std::atomic<bool> *cancel)
{
    EarlyStopping stopping(config_.earlyStopping, config_.minDelta);
    stopping.restore(progress_.stoppingBest, progress_.stoppingWaited);
    if (recorder_ && progress_.epoch == 0)
        recordLayerStats(0, 0, result.insight, observer);
    for (int epoch = progress_.epoch + 1; epoch <= config_.epochs; ++epoch) {
        const auto epochStarted = Clock::now();
        const EpochTraining training =
            trainEpoch(epoch, progress_.step, result.insight, observer, cancel);
        if (training.diverged) {
            result.status = RunStatus::Diverged;
            result.message = training.problem;
            break;
        }
        if (parallel_)
            parallel_->syncBuffers(model_);
        const Evaluation val = evaluate(data_.val, cancel);
        const Evaluation test = evaluate(data_.test, cancel);
        if (training.cancelled || isCancelled(cancel)) {
            result.status = RunStatus::Cancelled;
            result.message = "stopped by the user during epoch " + std::to_string(epoch);
            break;
        }
        EpochMetrics metrics;
        metrics.epoch = epoch;
        metrics.trainLoss = training.loss;
        metrics.trainAcc = training.accuracy;
        metrics.valLoss = val.loss;
        metrics.valAcc = val.accuracy;
        metrics.testLoss = test.loss;
        metrics.testAcc = test.accuracy;
        metrics.seconds = secondsSince(epochStarted);
        result.history.push_back(metrics);
        if (observer)
            observer->epochFinished(metrics);
        if (!finishEpoch(result, metrics, stopping))
            break;
    }
}

bool Trainer::finishEpoch(RunResult &result, const EpochMetrics &metrics, EarlyStopping &stopping)
{
    bool goOn = true;
    progress_.epoch = metrics.epoch;
    if (!std::isfinite(metrics.valLoss)) {
        result.status = RunStatus::Diverged;
        result.message = "validation loss became non-finite at epoch " +
                         std::to_string(metrics.epoch) + "; try a lower learning rate";
        goOn = false;
    } else {
        if (metrics.valLoss < progress_.bestValLoss) {
            progress_.bestValLoss = metrics.valLoss;
            snapshotWeights();
        }
        if (stopping.update(metrics.valLoss)) {
            result.status = RunStatus::EarlyStopped;
            result.message = "no validation-loss improvement for " +
                             std::to_string(config_.earlyStopping) + " epochs; stopped at epoch " +
                             std::to_string(metrics.epoch);
            goOn = false;
        }
    }
    progress_.stoppingBest = stopping.bestLoss();
    progress_.stoppingWaited = stopping.epochsWithoutImprovement();
    // Between epochs the run's state is complete: a resumed run continues exactly from here.
    if (!checkpointPath_.empty())
        writeCheckpoint(result);
    return goOn;
}

RunResult runExperiment(const ExperimentConfig &config, const DataSplits &data,
                        TrainingObserver *observer, const std::atomic<bool> *cancel)
{
    try {
        Trainer trainer(config, data);
        return trainer.run(observer, cancel);
    } catch (const c10::Error &error) {
        return failedRun(config, error.what_without_backtrace(), observer);
    } catch (const std::exception &error) {
        return failedRun(config, error.what(), observer);
    }
}

} // namespace normlab
