#include "training/InsightRecorder.h"

namespace normlab {
namespace {

// Mean and population standard deviation over every element, as two 0-d tensors (no host sync).
// A sum and a dot product of the centred values: ~10x faster than torch::std_mean on the CPU,
// and centring first keeps the variance accurate when the mean is large.
std::pair<torch::Tensor, torch::Tensor> moments(const torch::Tensor &t)
{
    const torch::Tensor flat = t.reshape({-1});
    const double n = static_cast<double>(flat.numel());
    const torch::Tensor mean = flat.sum() / n;
    const torch::Tensor centred = flat - mean;
    return {mean, (torch::dot(centred, centred) / n).sqrt()};
}

} // namespace

torch::Tensor probeIndices(int64_t n, int64_t size)
{
    const int64_t count = std::min(n, size);
    std::vector<int64_t> indices(count);
    for (int64_t i = 0; i < count; ++i)
        indices[i] = i * n / count;
    return torch::tensor(indices, torch::kLong);
}

std::vector<std::string> blockNames(NormCnn &model)
{
    std::vector<std::string> names;
    for (size_t i = 0; i < model->blocks.size(); ++i)
        names.push_back("block" + std::to_string(i + 1));
    return names;
}

std::vector<std::string> gradientLayerNames(NormCnn &model)
{
    std::vector<std::string> names = blockNames(model);
    if (model->hidden)
        names.push_back("hidden");
    names.push_back("output");
    return names;
}

InsightRecorder::InsightRecorder(NormCnn model, torch::Tensor probe)
    : model_(std::move(model)), probe_(std::move(probe))
{
    // Same order as gradientLayerNames: the blocks, the hidden layer, the output layer.
    std::vector<std::shared_ptr<torch::nn::Module>> layers;
    for (auto &block : model_->blocks)
        layers.push_back(block.ptr());
    if (model_->hidden)
        layers.push_back(model_->hidden.ptr());
    layers.push_back(model_->output.ptr());
    for (size_t l = 0; l < layers.size(); ++l)
        for (const auto &p : layers[l]->parameters()) {
            parameters_.push_back(p);
            layerOf_.push_back(l);
        }
    layers_ = layers.size();
}

LayerStatsSample InsightRecorder::layerStats(int64_t step, int epoch)
{
    torch::NoGradGuard noGrad;
    model_->eval();
    std::vector<torch::Tensor> measured;
    torch::Tensor x = probe_;
    for (auto &block : model_->blocks) {
        torch::Tensor pre, post;
        x = block->forwardRecording(x, pre, post);
        const auto [preMean, preStd] = moments(pre);
        // Without a normalization layer post is pre: measure it once.
        const auto [postMean, postStd] =
            post.is_same(pre) ? std::make_pair(preMean, preStd) : moments(post);
        measured.insert(measured.end(), {preMean, preStd, postMean, postStd});
    }
    model_->train();
    // One host synchronization for every number of the sample.
    const torch::Tensor values = torch::stack(measured).to(torch::kDouble).cpu();
    const auto v = values.accessor<double, 1>();
    LayerStatsSample sample;
    sample.step = step;
    sample.epoch = epoch;
    for (int64_t b = 0; b < static_cast<int64_t>(model_->blocks.size()); ++b)
        sample.blocks.push_back({v[4 * b], v[4 * b + 1], v[4 * b + 2], v[4 * b + 3]});
    return sample;
}

GradientNormSample InsightRecorder::gradientNorms(int64_t step, int epoch) const
{
    GradientNormSample sample;
    sample.step = step;
    sample.epoch = epoch;
    sample.norms.assign(layers_, 0.0);
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> norms;
    std::vector<size_t> layerOfNorm;
    for (size_t i = 0; i < parameters_.size(); ++i) {
        const torch::Tensor &grad = parameters_[i].grad();
        if (!grad.defined())
            continue;
        norms.push_back(grad.norm());
        layerOfNorm.push_back(layerOf_[i]);
    }
    if (norms.empty())
        return sample;
    // One host synchronization; the squares are summed per layer in double.
    const torch::Tensor values = torch::stack(norms).to(torch::kDouble).cpu();
    const auto v = values.accessor<double, 1>();
    for (size_t i = 0; i < layerOfNorm.size(); ++i)
        sample.norms[layerOfNorm[i]] += v[i] * v[i];
    for (double &norm : sample.norms)
        norm = std::sqrt(norm);
    return sample;
}

} // namespace normlab
