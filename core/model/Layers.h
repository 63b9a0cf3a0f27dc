#pragma once
// Building blocks of the slide CNNs that LibTorch lacks or that need a twist:
// weight-normalized conv/linear layers, DropConnect, LayerNorm over (C,H,W), mean-only BatchNorm.

#include "normlab/Config.h"

#include <torch/torch.h>

#include <functional>

namespace normlab {

/// w = g * v / ||v||, the norm taken per output unit (over every dimension but the first).
torch::Tensor weightNormalized(const torch::Tensor &v, const torch::Tensor &g);

/// 3x3 convolution, padding 1, optionally weight-normalized (Salimans & Kingma 2016).
class ConvLayerImpl : public torch::nn::Module
{
public:
    ConvLayerImpl(int64_t in, int64_t out, bool weightNorm);
    torch::Tensor forward(const torch::Tensor &x);
    /// The weight the convolution uses (g * v / ||v|| with WeightNorm).
    torch::Tensor effectiveWeight() const;
    /// The tensors the L1/L2 penalty applies to: `weight`, or WeightNorm's magnitude `g`.
    std::vector<torch::Tensor> penalized() const;
    bool weightNormalized() const { return v_.defined(); }

    torch::Tensor weight_, v_, g_, bias_;
};
TORCH_MODULE(ConvLayer);

/// Fully connected layer, optionally weight-normalized, with optional DropConnect: in training,
/// a fresh Bernoulli(1 - p) mask on the weights at every forward pass, scaled by 1 / (1 - p).
class LinearLayerImpl : public torch::nn::Module
{
public:
    LinearLayerImpl(int64_t in, int64_t out, bool weightNorm, double dropConnect);
    torch::Tensor forward(const torch::Tensor &x);
    torch::Tensor effectiveWeight() const;
    std::vector<torch::Tensor> penalized() const;
    double dropConnect() const { return dropConnect_; }

    torch::Tensor weight_, v_, g_, bias_;

private:
    double dropConnect_;
};
TORCH_MODULE(LinearLayer);

/// LayerNorm for images: statistics per sample over (C, H, W), a learned scale and shift per
/// channel (so the layer does not depend on the image size).
class LayerNorm2dImpl : public torch::nn::Module
{
public:
    explicit LayerNorm2dImpl(int64_t channels, double eps = 1e-5);
    torch::Tensor forward(const torch::Tensor &x);
    torch::Tensor weight, bias;

private:
    double eps_;
};
TORCH_MODULE(LayerNorm2d);

/// Mean-only BatchNorm: subtracts the per-channel batch mean (running mean at evaluation) and
/// adds a learned bias; no division by the standard deviation.
class MeanOnlyBatchNormImpl : public torch::nn::Module
{
public:
    explicit MeanOnlyBatchNormImpl(int64_t channels, double momentum = 0.1);
    torch::Tensor forward(const torch::Tensor &x);
    torch::Tensor bias, runningMean;

private:
    double momentum_;
};
TORCH_MODULE(MeanOnlyBatchNorm);

/// Sums a tensor over every rank of a data-parallel run, in place (a c10d allreduce).
using SumOverRanks = std::function<void(torch::Tensor &)>;

/// BatchNorm2d whose batch statistics are those of every rank's rows together (SyncBN): the mean
/// and variance come from one sum over the ranks of each channel's sum, sum of squares and count,
/// and backward sums sum(dy) and sum(dy * xhat) over the ranks, so N ranks of B/N rows normalize
/// and back-propagate like one batch of B. The running statistics follow the global batch.
/// Parameters and buffers are named as BatchNorm2d's. The weight and bias gradients stay this
/// rank's: data-parallel training averages them with every other gradient.
class SyncBatchNormImpl : public torch::nn::Module
{
public:
    SyncBatchNormImpl(int64_t channels, SumOverRanks sum, double eps = 1e-5, double momentum = 0.1);
    torch::Tensor forward(const torch::Tensor &x);
    torch::Tensor weight, bias, runningMean, runningVar, batchesTracked;

private:
    SumOverRanks sum_;
    double eps_, momentum_;
};
TORCH_MODULE(SyncBatchNorm);

/// The normalization layer placed after a conv with `channels` outputs; empty for none/WeightNorm
/// without mean-only BatchNorm. Throws InputError if GroupNorm's groups do not divide channels.
torch::nn::AnyModule makeNormalization(const ExperimentConfig &config, int64_t channels);

} // namespace normlab
