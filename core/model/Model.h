#pragma once
// The two CNNs of the lecture, built from an ExperimentConfig:
//   GAP: 3 x [Conv 3x3 - Norm - ReLU - MaxPool 2x2] -> global average pool -> Linear(classes)
//   FC:  3 x [Conv 3x3 - Norm - ReLU - MaxPool 2x2] -> Flatten -> Linear(128) - ReLU
//        -> Linear(classes)      (global-pool: average pooling instead of Flatten)

#include "model/Layers.h"

#include <torch/torch.h>

namespace normlab {

/// One block: conv, normalization (before or after ReLU), ReLU, 2x2 max pooling.
class ConvBlockImpl : public torch::nn::Module
{
public:
    ConvBlockImpl(const ExperimentConfig &config, int64_t in, int64_t out);
    torch::Tensor forward(const torch::Tensor &x);
    /// forward() that also hands out the tensor entering the normalization layer (`pre`) and the
    /// one leaving it (`post`; the same tensor as `pre` without a normalization layer).
    torch::Tensor forwardRecording(const torch::Tensor &x, torch::Tensor &pre, torch::Tensor &post);
    /// Output of the conv, before normalization (for layer statistics).
    torch::Tensor convOutput(const torch::Tensor &x) { return conv->forward(x); }
    bool hasNormalization() const { return !norm.is_empty(); }

    ConvLayer conv{nullptr};
    torch::nn::AnyModule norm;

private:
    torch::Tensor run(const torch::Tensor &x, torch::Tensor *pre, torch::Tensor *post);
    bool normAfterActivation_;
};
TORCH_MODULE(ConvBlock);

class NormCnnImpl : public torch::nn::Module
{
public:
    NormCnnImpl(const ExperimentConfig &config, int64_t numClasses, int64_t imageSize,
                int64_t inChannels = 3);
    torch::Tensor forward(torch::Tensor x);

    /// Conv and linear weights the L1/L2 penalty applies to (no biases, no norm parameters).
    std::vector<torch::Tensor> penalizedWeights() const;
    int64_t parameterCount() const;

    std::vector<ConvBlock> blocks;
    LinearLayer hidden{nullptr}; // FC network only
    LinearLayer output{nullptr};
    torch::nn::Dropout dropout{nullptr};

private:
    bool globalPool_;
};
TORCH_MODULE(NormCnn);

} // namespace normlab
