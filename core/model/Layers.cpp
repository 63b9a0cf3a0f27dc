#include "model/Layers.h"

#include "normlab/Errors.h"

#include <cmath>

namespace normlab {
namespace {

// Default initialization of LibTorch's Conv2d/Linear (Kaiming-uniform, a = sqrt(5)), so that
// WeightNorm starts from the same effective weights as the plain layers.
void defaultInit(torch::Tensor &weight, torch::Tensor &bias)
{
    torch::NoGradGuard noGrad;
    torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
    const int64_t fanIn = weight[0].numel();
    const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
    bias.uniform_(-bound, bound);
}

// Registers weight (plain) or v and g (WeightNorm) initialized like the plain layer.
void registerWeights(torch::nn::Module &module, torch::IntArrayRef shape, bool weightNorm,
                     torch::Tensor &weight, torch::Tensor &v, torch::Tensor &g, torch::Tensor &bias)
{
    torch::Tensor w = torch::empty(shape);
    torch::Tensor b = torch::empty({shape[0]});
    defaultInit(w, b);
    if (weightNorm) {
        const torch::Tensor norms = w.flatten(1).norm(2, 1); // before v requires grad
        v = module.register_parameter("v", w);
        g = module.register_parameter("g", norms);
    } else {
        weight = module.register_parameter("weight", w);
    }
    bias = module.register_parameter("bias", b);
}

} // namespace

torch::Tensor weightNormalized(const torch::Tensor &v, const torch::Tensor &g)
{
    std::vector<int64_t> unitShape(v.dim(), 1);
    unitShape[0] = v.size(0);
    const torch::Tensor norms = v.flatten(1).norm(2, 1);
    return v * (g / norms).view(unitShape);
}

ConvLayerImpl::ConvLayerImpl(int64_t in, int64_t out, bool weightNorm)
{
    registerWeights(*this, {out, in, 3, 3}, weightNorm, weight_, v_, g_, bias_);
}

torch::Tensor ConvLayerImpl::effectiveWeight() const
{
    return v_.defined() ? normlab::weightNormalized(v_, g_) : weight_;
}

torch::Tensor ConvLayerImpl::forward(const torch::Tensor &x)
{
    return torch::conv2d(x, effectiveWeight(), bias_, /*stride=*/1, /*padding=*/1);
}

std::vector<torch::Tensor> ConvLayerImpl::penalized() const
{
    return {v_.defined() ? g_ : weight_};
}

LinearLayerImpl::LinearLayerImpl(int64_t in, int64_t out, bool weightNorm, double dropConnect)
    : dropConnect_(dropConnect)
{
    registerWeights(*this, {out, in}, weightNorm, weight_, v_, g_, bias_);
}

torch::Tensor LinearLayerImpl::effectiveWeight() const
{
    return v_.defined() ? normlab::weightNormalized(v_, g_) : weight_;
}

torch::Tensor LinearLayerImpl::forward(const torch::Tensor &x)
{
    torch::Tensor w = effectiveWeight();
    if (is_training() && dropConnect_ > 0) {
        const torch::Tensor keep = torch::bernoulli(torch::full_like(w, 1.0 - dropConnect_));
        w = w * keep / (1.0 - dropConnect_);
    }
    return torch::linear(x, w, bias_);
}

std::vector<torch::Tensor> LinearLayerImpl::penalized() const
{
    return {v_.defined() ? g_ : weight_};
}

LayerNorm2dImpl::LayerNorm2dImpl(int64_t channels, double eps) : eps_(eps)
{
    weight = register_parameter("weight", torch::ones({channels}));
    bias = register_parameter("bias", torch::zeros({channels}));
}

torch::Tensor LayerNorm2dImpl::forward(const torch::Tensor &x)
{
    // One group holding every channel: statistics over (C, H, W) of each sample.
    return torch::group_norm(x, 1, weight, bias, eps_);
}

MeanOnlyBatchNormImpl::MeanOnlyBatchNormImpl(int64_t channels, double momentum)
    : momentum_(momentum)
{
    bias = register_parameter("bias", torch::zeros({channels}));
    runningMean = register_buffer("running_mean", torch::zeros({channels}));
}

torch::Tensor MeanOnlyBatchNormImpl::forward(const torch::Tensor &x)
{
    torch::Tensor mean;
    if (is_training()) {
        mean = x.mean({0, 2, 3});
        torch::NoGradGuard noGrad;
        runningMean.mul_(1.0 - momentum_).add_(mean.detach(), momentum_);
    } else {
        mean = runningMean;
    }
    return x - (mean - bias).view({1, -1, 1, 1});
}

namespace {

// y = xhat * weight + bias with xhat = (x - mean) * invstd, the statistics given (every rank's);
// backward sums sum(dy) and sum(dy * xhat) over the ranks for the input's gradient.
struct SyncBatchNormFunction : public torch::autograd::Function<SyncBatchNormFunction>
{
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &x,
                                 const torch::Tensor &weight, const torch::Tensor &bias,
                                 const torch::Tensor &mean, const torch::Tensor &invstd,
                                 double count, const SumOverRanks *sum)
    {
        const torch::Tensor xhat = (x - mean.view({1, -1, 1, 1})) * invstd.view({1, -1, 1, 1});
        ctx->save_for_backward({xhat, weight, invstd});
        ctx->saved_data["count"] = count;
        // The layer outlives its graph (the module holds the function): keep its address.
        ctx->saved_data["sum"] = static_cast<int64_t>(reinterpret_cast<intptr_t>(sum));
        return xhat * weight.view({1, -1, 1, 1}) + bias.view({1, -1, 1, 1});
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &xhat = saved[0], &weight = saved[1], &invstd = saved[2];
        const double count = ctx->saved_data["count"].toDouble();
        const auto *sum =
            reinterpret_cast<const SumOverRanks *>(ctx->saved_data["sum"].toInt()); // NOLINT
        const torch::Tensor dy = grads[0];
        const torch::Tensor localSumDy = dy.sum({0, 2, 3});
        const torch::Tensor localSumDyXhat = (dy * xhat).sum({0, 2, 3});
        torch::Tensor sums = torch::cat({localSumDy, localSumDyXhat}).to(torch::kDouble);
        (*sum)(sums);
        const int64_t channels = weight.size(0);
        const torch::Tensor meanDy = (sums.slice(0, 0, channels) / count).to(dy.dtype());
        const torch::Tensor meanDyXhat = (sums.slice(0, channels) / count).to(dy.dtype());
        const torch::Tensor dx =
            (dy - meanDy.view({1, -1, 1, 1}) - xhat * meanDyXhat.view({1, -1, 1, 1})) *
            (weight * invstd).view({1, -1, 1, 1});
        return {dx, localSumDyXhat, localSumDy, {}, {}, {}, {}};
    }
};

} // namespace

SyncBatchNormImpl::SyncBatchNormImpl(int64_t channels, SumOverRanks sum, double eps,
                                     double momentum)
    : sum_(std::move(sum)), eps_(eps), momentum_(momentum)
{
    weight = register_parameter("weight", torch::ones({channels}));
    bias = register_parameter("bias", torch::zeros({channels}));
    runningMean = register_buffer("running_mean", torch::zeros({channels}));
    runningVar = register_buffer("running_var", torch::ones({channels}));
    batchesTracked = register_buffer("num_batches_tracked", torch::zeros({}, torch::kLong));
}

torch::Tensor SyncBatchNormImpl::forward(const torch::Tensor &x)
{
    if (!is_training())
        return torch::batch_norm(x, weight, bias, runningMean, runningVar, false, momentum_, eps_,
                                 false);
    torch::Tensor mean, invstd;
    double count = 0;
    {
        torch::NoGradGuard noGrad;
        // In double: the variance as E[x^2] - E[x]^2 of every rank's rows.
        const torch::Tensor xd = x.detach().to(torch::kDouble);
        const double rows = static_cast<double>(x.size(0) * x.size(2) * x.size(3));
        torch::Tensor sums = torch::cat(
            {xd.sum({0, 2, 3}), (xd * xd).sum({0, 2, 3}), torch::full({1}, rows, xd.options())});
        sum_(sums);
        const int64_t channels = weight.size(0);
        count = sums[2 * channels].item<double>();
        const torch::Tensor meanD = sums.slice(0, 0, channels) / count;
        const torch::Tensor varD =
            (sums.slice(0, channels, 2 * channels) / count - meanD * meanD).clamp_min(0);
        mean = meanD.to(x.dtype());
        invstd = (varD + eps_).rsqrt().to(x.dtype());
        runningMean.mul_(1 - momentum_).add_(meanD.to(x.dtype()), momentum_);
        runningVar.mul_(1 - momentum_)
            .add_((varD * (count / std::max(count - 1, 1.0))).to(x.dtype()), momentum_);
        batchesTracked.add_(1);
    }
    return SyncBatchNormFunction::apply(x, weight, bias, mean, invstd, count, &sum_);
}

torch::nn::AnyModule makeNormalization(const ExperimentConfig &config, int64_t channels)
{
    switch (config.norm) {
    case NormKind::None:
        return {};
    case NormKind::Batch:
        return torch::nn::AnyModule(torch::nn::BatchNorm2d(channels));
    case NormKind::Layer:
        return torch::nn::AnyModule(LayerNorm2d(channels));
    case NormKind::Instance:
        return torch::nn::AnyModule(
            torch::nn::InstanceNorm2d(torch::nn::InstanceNorm2dOptions(channels).affine(true)));
    case NormKind::Group:
        if (config.groups < 1 || channels % config.groups != 0)
            throw InputError("groups " + std::to_string(config.groups) +
                             " must divide the channels (" + std::to_string(channels) + ")");
        return torch::nn::AnyModule(torch::nn::GroupNorm(config.groups, channels));
    case NormKind::Weight:
        if (config.meanOnlyBatchNorm)
            return torch::nn::AnyModule(MeanOnlyBatchNorm(channels));
        return {};
    }
    return {};
}

} // namespace normlab
