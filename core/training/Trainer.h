#pragma once
// Training loop of one experiment. Includes torch: keep out of headers that moc reads.

#include "data/Dataset.h"
#include "model/Model.h"
#include "training/InsightRecorder.h"

#include <atomic>
#include <limits>

namespace normlab {

/// Patience on validation loss: an epoch improves when its loss is below best - minDelta.
class EarlyStopping
{
public:
    EarlyStopping(int patience, double minDelta) : patience_(patience), minDelta_(minDelta) {}
    /// Records one epoch's validation loss; true when training should stop now.
    bool update(double valLoss);
    int epochsWithoutImprovement() const { return waited_; }

private:
    int patience_;
    double minDelta_;
    double best_ = std::numeric_limits<double>::infinity();
    int waited_ = 0;
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
    Trainer(const ExperimentConfig &config, const DataSplits &data);

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

    ExperimentConfig config_;
    DataSplits foldCopy_;       // one cross-validation fold's splits when config.fold > 0
    DataSplits labelNoiseCopy_; // holds the noisy training labels when config.labelNoise > 0
    const DataSplits &data_;    // the data trained on: the caller's, or labelNoiseCopy_
    NormCnn model_{nullptr};
    std::unique_ptr<torch::optim::Optimizer> optimizer_;
    torch::Tensor scale_, shift_; // per channel: x * scale + shift == (x / 255 - mean) / std
    std::vector<torch::Tensor> bestState_;
    std::vector<torch::Tensor> penalized_;
    std::unique_ptr<InsightRecorder> recorder_; // null when config.statsEvery is 0
};

} // namespace normlab
