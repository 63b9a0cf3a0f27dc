#pragma once
// What NormLab records inside the network during a run: layer statistics on a fixed probe
// batch, per-layer gradient norms, and the predictions behind the confusion matrix.
// Plain structs, no torch, no Qt: they cross threads by value and are stored with the run.

#include <cstdint>
#include <string>
#include <vector>

namespace normlab {

struct RunResult;

/// Mean and standard deviation of one conv block's activations on the probe batch, over every
/// element (batch, channels, height, width; population std). "pre" is the tensor entering the
/// normalization layer (the conv output; with norm-after-relu, ReLU of it), "post" the tensor
/// leaving it; without a normalization layer post equals pre. Measured in eval mode: BatchNorm
/// normalizes with its running statistics, and training is not disturbed.
struct LayerMoments
{
    double preMean = 0, preStd = 0;
    double postMean = 0, postStd = 0;
};

/// Statistics of every conv block at one training step (step 0: before the first step).
struct LayerStatsSample
{
    int64_t step = 0;
    int epoch = 0;                    // epoch the step belongs to (0 for step 0)
    std::vector<LayerMoments> blocks; // one per conv block, in order
};

/// L2 norm of each layer's gradient at one training step: all parameters of the layer taken
/// together (conv or linear weights and biases, WeightNorm's v and g, the norm's affine
/// parameters), measured after backward and after the L1/L2 penalty gradients are added.
struct GradientNormSample
{
    int64_t step = 0; // 1-based
    int epoch = 0;
    std::vector<double> norms; // one per RunInsight::gradientLayers entry
};

/// Per-image predictions on one evaluated split, made with the best weights. Entry i is image i
/// of the split as the trainer saw it (the cross-validation fold applied).
struct SplitPredictions
{
    std::string split; // "validation" or "test"
    std::vector<int> truth, predicted;
    std::vector<float> confidence; // softmax probability of the predicted class
    bool empty() const { return truth.empty(); }
};

struct RunInsight
{
    std::vector<std::string> blockNames;     // "block1", "block2", "block3"
    std::vector<std::string> gradientLayers; // "block1", "block2", "block3", ["hidden",] "output"
    int64_t probeSize = 0;                   // images in the probe batch (training split)
    std::vector<LayerStatsSample> layerStats;
    std::vector<GradientNormSample> gradientNorms;
    SplitPredictions validation, test;
    bool empty() const { return layerStats.empty() && gradientNorms.empty() && test.empty(); }
};

/// Gradient norms outside [kVanishingGradient, kExplodingGradient] are flagged.
constexpr double kVanishingGradient = 1e-6;
constexpr double kExplodingGradient = 1e3;
enum class GradientHealth
{
    Normal,
    Vanishing,
    Exploding
};
GradientHealth gradientHealth(double norm);

/// counts[t][p]: images of true class t predicted as class p. Sums to the split's size.
std::vector<std::vector<int64_t>> confusionMatrix(const SplitPredictions &predictions,
                                                  int numClasses);

/// Layer statistics and gradient norms (and the per-epoch train-validation loss gap) as a tidy
/// CSV: series,step,epoch,layer,value. Series: pre-mean, pre-std, post-mean, post-std,
/// grad-norm, loss-gap. Throws InputError naming the path when it cannot write.
void writeInsightCsv(const std::string &path, const RunResult &result);
/// The confusion matrix with class names as row (true) and column (predicted) headers.
void writeConfusionCsv(const std::string &path, const SplitPredictions &predictions,
                       const std::vector<std::string> &classNames);

} // namespace normlab
