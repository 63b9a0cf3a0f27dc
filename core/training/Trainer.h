#pragma once
// Training loop of one experiment. Includes torch: keep out of headers that moc reads.

#include "data/Dataset.h"
#include "model/Model.h"
#include "normlab/ModelFile.h"
#include "training/InsightRecorder.h"
#include "training/ParallelHook.h"

#include <atomic>
#include <limits>

namespace normlab {

/// Evaluation batch size: larger than training batches, since no activations are kept for
/// backward.
constexpr int64_t kEvalBatch = 500;

/// Patience on validation loss: an epoch improves when its loss is below best - minDelta.
class EarlyStopping
{
public:
    EarlyStopping(int patience, double minDelta) : patience_(patience), minDelta_(minDelta) {}
    /// Records one epoch's validation loss; true when training should stop now.
    bool update(double valLoss);
    int epochsWithoutImprovement() const { return waited_; }
    /// The best loss so far (infinity before the first improvement); for checkpoints.
    double bestLoss() const { return best_; }
    /// Continues from a checkpoint's state.
    void restore(double bestLoss, int epochsWithoutImprovement)
    {
        best_ = bestLoss;
        waited_ = epochsWithoutImprovement;
    }

private:
    int patience_;
    double minDelta_;
    double best_ = std::numeric_limits<double>::infinity();
    int waited_ = 0;
};

/// Per channel: x * scale + shift == (x / 255 - mean) / std, for uint8 images N x C x H x W.
struct InputScaling
{
    torch::Tensor scale, shift; // 1 x C x 1 x 1
};
InputScaling inputScaling(const std::vector<float> &mean, const std::vector<float> &stddev);
/// uint8 images -> the network's normalized float input.
torch::Tensor prepareImages(const torch::Tensor &images, const InputScaling &scaling);

/// Where a run stands between two epochs: what a checkpoint holds besides the tensors.
struct TrainingProgress
{
    int epoch = 0;    // epochs finished
    int64_t step = 0; // training steps taken
    double bestValLoss = std::numeric_limits<double>::infinity();
    double stoppingBest = std::numeric_limits<double>::infinity(); // EarlyStopping's state
    int stoppingWaited = 0;
    bool ended = false; // early-stopped or diverged: nothing more to train
};

struct Evaluation
{
    double loss = 0;
    double accuracy = 0;
};

class Trainer
{
public:
    /// Builds the model. Throws InputError when the configuration is invalid for this data.
    /// With `parallel`, this process is one rank of a data-parallel run (it must outlive run()).
    Trainer(const ExperimentConfig &config, const DataSplits &data,
            ParallelHook *parallel = nullptr);

    /// Trains for config.epochs epochs (fewer when stopped). Afterwards the model holds the
    /// weights of the epoch with the best validation loss.
    RunResult run(TrainingObserver *observer = nullptr, const std::atomic<bool> *cancel = nullptr);

    /// Mean cross-entropy and accuracy of the model in evaluation mode; fills `predictions` (when
    /// given) with every image's predicted class and its softmax probability.
    Evaluation evaluate(const Dataset &split, const std::atomic<bool> *cancel = nullptr,
                        SplitPredictions *predictions = nullptr);

    NormCnn &model() { return model_; }
    /// uint8 images -> normalized float batch, with the training split's statistics.
    torch::Tensor prepare(const torch::Tensor &images) const;
    /// The per-channel mean and std (on the [0, 1] scale) the input is normalized with.
    const std::vector<float> &inputMean() const { return mean_; }
    const std::vector<float> &inputStd() const { return stddev_; }
    const DataSplits &data() const { return data_; }
    const ExperimentConfig &config() const { return config_; }

    /// After every finished epoch, run() writes a checkpoint to `path` (TrainerCheckpoint.cpp).
    void setCheckpointPath(const std::string &path) { checkpointPath_ = path; }
    /// Continues the run a checkpoint of the same configuration stopped at: weights, optimizer,
    /// RNG, early stopping, best weights, history. Throws InputError naming the file.
    void resumeFrom(const std::string &path);
    /// Whether the model holds the best weights (after run(), when an epoch finished).
    bool holdsBestWeights() const { return !bestState_.empty(); }
    /// What a model file of this run says about its network (TrainerCheckpoint.cpp).
    ModelInfo modelInfo(const std::string &weights, int epoch) const;

private:
    struct EpochTraining
    {
        double loss = 0, accuracy = 0;
        bool cancelled = false;
        bool diverged = false;
        std::string problem;
    };
    EpochTraining trainEpoch(int epoch, int64_t &step, RunInsight &insight,
                             TrainingObserver *observer, const std::atomic<bool> *cancel);
    struct StepOutcome
    {
        double loss = 0; // the batch's mean loss (every rank's batch when data-parallel)
        int64_t rows = 0, correct = 0;
        bool cancelled = false, diverged = false;
    };
    /// One optimizer step on the images `batch` indexes (this rank's share of them).
    StepOutcome trainStep(const torch::Tensor &batch, int epoch, int64_t step, RunInsight &insight,
                          TrainingObserver *observer, const std::atomic<bool> *cancel);
    /// Data-parallel: every rank's figures of the step, the gradients averaged over the ranks.
    StepOutcome reduceStep(const StepOutcome &local, const std::atomic<bool> *cancel);
    /// The network's input for a batch of uint8 images: augmented when configured, normalized.
    torch::Tensor batchInput(const torch::Tensor &images) const;
    void recordGradientNorms(int64_t step, int epoch, RunInsight &insight,
                             TrainingObserver *observer);
    void recordLayerStats(int64_t step, int epoch, RunInsight &insight, TrainingObserver *observer);
    void predictWithBestWeights(RunResult &result);
    void trainEpochs(RunResult &result, TrainingObserver *observer,
                     const std::atomic<bool> *cancel);
    void snapshotWeights();
    void restoreWeights();
    bool finishEpoch(RunResult &result, const EpochMetrics &metrics, EarlyStopping &stopping);
    void writeCheckpoint(const RunResult &result) const;
    /// Puts what resumeFrom restored into `result` and replays its epochs to the observer.
    void continueResumedRun(RunResult &result, TrainingObserver *observer) const;

    // What resumeFrom restored (TrainerCheckpoint.cpp): the run continues from here.
    TrainingProgress progress_;
    std::vector<EpochMetrics> resumedHistory_;
    RunInsight resumedInsight_;
    std::string checkpointPath_;
    std::vector<float> mean_, stddev_;

    ExperimentConfig config_;
    DataSplits foldCopy_;       // one cross-validation fold's splits when config.fold > 0
    DataSplits labelNoiseCopy_; // holds the noisy training labels when config.labelNoise > 0
    const DataSplits &data_;    // the data trained on: the caller's, or labelNoiseCopy_
    NormCnn model_{nullptr};
    std::unique_ptr<torch::optim::Optimizer> optimizer_;
    InputScaling scaling_;
    std::vector<torch::Tensor> bestState_;
    std::vector<torch::Tensor> penalized_;
    std::unique_ptr<InsightRecorder> recorder_; // null when config.statsEvery is 0
    ParallelHook *parallel_ = nullptr;          // null: one process trains alone
};

} // namespace normlab
