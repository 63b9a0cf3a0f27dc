#include "model/Model.h"

#include "normlab/Errors.h"

namespace normlab {

ConvBlockImpl::ConvBlockImpl(const ExperimentConfig &config, int64_t in, int64_t out)
    : normAfterActivation_(config.normAfterActivation)
{
    conv = register_module("conv", ConvLayer(in, out, config.norm == NormKind::Weight));
    norm = makeNormalization(config, out);
    if (!norm.is_empty())
        register_module("norm", norm.ptr());
}

torch::Tensor ConvBlockImpl::forward(const torch::Tensor &input)
{
    return run(input, nullptr, nullptr);
}

torch::Tensor ConvBlockImpl::forwardRecording(const torch::Tensor &input, torch::Tensor &pre,
                                              torch::Tensor &post)
{
    return run(input, &pre, &post);
}

torch::Tensor ConvBlockImpl::run(const torch::Tensor &input, torch::Tensor *pre,
                                 torch::Tensor *post)
{
    // Without a normalization layer ReLU commutes with the (absent) layer: pre == post.
    torch::Tensor x = conv->forward(input);
    if (normAfterActivation_)
        x = torch::relu(x);
    if (pre)
        *pre = x;
    if (!norm.is_empty())
        x = norm.forward(x);
    if (post)
        *post = x;
    if (!normAfterActivation_)
        x = torch::relu(x);
    return torch::max_pool2d(x, 2);
}

NormCnnImpl::NormCnnImpl(const ExperimentConfig &config, int64_t numClasses, int64_t imageSize,
                         int64_t inChannels)
    : globalPool_(config.arch == Architecture::Gap || config.globalPool)
{
    const bool weightNorm = config.norm == NormKind::Weight;
    const std::vector<int64_t> channels = blockChannels(config.width);
    int64_t in = inChannels;
    int64_t side = imageSize;
    for (size_t i = 0; i < channels.size(); ++i) {
        blocks.push_back(
            register_module("block" + std::to_string(i + 1), ConvBlock(config, in, channels[i])));
        in = channels[i];
        side /= 2;
    }
    if (side < 1)
        throw InputError("image size " + std::to_string(imageSize) +
                         " is too small for three 2x2 poolings (needs at least 8)");
    const int64_t features = globalPool_ ? in : in * side * side;
    if (config.dropout > 0)
        dropout = register_module("dropout", torch::nn::Dropout(config.dropout));
    if (config.arch == Architecture::Fc) {
        const int64_t units = hiddenUnits(config.width);
        hidden =
            register_module("hidden", LinearLayer(features, units, weightNorm, config.dropconnect));
        output = register_module("output", LinearLayer(units, numClasses, weightNorm, 0.0));
    } else {
        output = register_module("output",
                                 LinearLayer(features, numClasses, weightNorm, config.dropconnect));
    }
}

torch::Tensor NormCnnImpl::forward(torch::Tensor x)
{
    for (auto &block : blocks)
        x = block->forward(x);
    x = globalPool_ ? x.mean({2, 3}) : x.flatten(1);
    if (hidden)
        x = torch::relu(hidden->forward(x));
    if (dropout)
        x = dropout->forward(x);
    return output->forward(x);
}

std::vector<torch::Tensor> NormCnnImpl::penalizedWeights() const
{
    std::vector<torch::Tensor> weights;
    for (const auto &block : blocks)
        for (auto &w : block->conv->penalized())
            weights.push_back(w);
    for (const LinearLayer &layer : {hidden, output})
        if (layer)
            for (auto &w : layer->penalized())
                weights.push_back(w);
    return weights;
}

int64_t NormCnnImpl::parameterCount() const
{
    int64_t count = 0;
    for (const auto &p : parameters())
        count += p.numel();
    return count;
}

} // namespace normlab
