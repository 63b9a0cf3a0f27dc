// The trainer's evaluation: loss, accuracy and per-image predictions of a split in evaluation
// mode.

#include "training/Trainer.h"

namespace normlab {
namespace {

bool isCancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

} // namespace

Evaluation Trainer::evaluate(const Dataset &split, const std::atomic<bool> *cancel,
                             SplitPredictions *predictions)
{
    torch::NoGradGuard noGrad;
    model_->eval();
    const int64_t n = split.size();
    double lossSum = 0;
    int64_t correct = 0;
    for (int64_t start = 0; start < n && !isCancelled(cancel); start += kEvalBatch) {
        const int64_t end = std::min(n, start + kEvalBatch);
        const torch::Tensor logits = model_->forward(prepare(split.images.slice(0, start, end)));
        const torch::Tensor labels = split.labels.slice(0, start, end);
        lossSum += torch::nn::functional::cross_entropy(
                       logits, labels,
                       torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        const torch::Tensor predicted = logits.argmax(1);
        correct += predicted.eq(labels).sum().item<int64_t>();
        if (predictions) {
            // The same argmax the accuracy counts, so the confusion matrix matches it exactly.
            const torch::Tensor confidence = logits.softmax(1).gather(1, predicted.unsqueeze(1));
            const torch::Tensor truth = labels.to(torch::kInt).contiguous();
            const torch::Tensor guess = predicted.to(torch::kInt).contiguous();
            const torch::Tensor sure = confidence.to(torch::kFloat).contiguous();
            const int count = static_cast<int>(end - start);
            predictions->truth.insert(predictions->truth.end(), truth.data_ptr<int>(),
                                      truth.data_ptr<int>() + count);
            predictions->predicted.insert(predictions->predicted.end(), guess.data_ptr<int>(),
                                          guess.data_ptr<int>() + count);
            predictions->confidence.insert(predictions->confidence.end(), sure.data_ptr<float>(),
                                           sure.data_ptr<float>() + count);
        }
    }
    return {lossSum / static_cast<double>(n),
            static_cast<double>(correct) / static_cast<double>(n)};
}

void Trainer::predictWithBestWeights(RunResult &result)
{
    // Without a finished epoch (or after a divergence before the first) there are no best weights.
    if (result.history.empty() || bestState_.empty())
        return;
    try {
        result.insight.validation.split = "validation";
        evaluate(data_.val, nullptr, &result.insight.validation);
        result.insight.test.split = "test";
        evaluate(data_.test, nullptr, &result.insight.test);
    } catch (const std::exception &error) {
        result.insight.validation = {};
        result.insight.test = {};
        if (result.message.empty())
            result.message = std::string("predictions failed: ") + error.what();
    }
}

} // namespace normlab
