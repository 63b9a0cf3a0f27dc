#pragma once
// Records what happens inside the network during training: layer statistics on a fixed probe
// batch and per-layer gradient norms. Includes torch: keep out of headers that moc reads.

#include "data/Dataset.h"
#include "model/Model.h"

namespace normlab {

/// Training images in the probe batch: 10^5-10^6 values per block keep the moments stable, and
/// the probe's forward pass costs ~0.3 of a training step, every 25 steps (64 images measured
/// 6-7% of throughput with 2 threads, over the 5% budget).
constexpr int64_t kProbeSize = 32;

/// Positions of the probe images in a split of `n` images: min(n, size) evenly spaced indices
/// i * n / size, so no random number is drawn.
torch::Tensor probeIndices(int64_t n, int64_t size = kProbeSize);

/// "block1".."block3".
std::vector<std::string> blockNames(NormCnn &model);
/// "block1".."block3", "hidden" (FC network only), "output".
std::vector<std::string> gradientLayerNames(NormCnn &model);

class InsightRecorder
{
public:
    /// `probe`: the probe images, already prepared (normalized float), never augmented.
    InsightRecorder(NormCnn model, torch::Tensor probe);

    /// Mean and population std of every block's tensor before and after its normalization layer
    /// on the probe batch, in eval mode without gradients; the model is back in train mode after.
    /// Draws no random numbers and changes no buffer, so training is not disturbed.
    LayerStatsSample layerStats(int64_t step, int epoch);
    /// L2 norm of every layer's current gradient (undefined gradients count as 0).
    GradientNormSample gradientNorms(int64_t step, int epoch) const;

    int64_t probeSize() const { return probe_.size(0); }

private:
    NormCnn model_;
    torch::Tensor probe_;
    std::vector<torch::Tensor> parameters_; // every parameter, layer by layer
    std::vector<size_t> layerOf_;           // gradient layer of each entry of parameters_
    size_t layers_ = 0;
};

} // namespace normlab
