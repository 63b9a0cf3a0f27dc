#include "model/Regularization.h"

namespace normlab {

torch::Tensor penaltyValue(const std::vector<torch::Tensor> &weights, double l1, double l2)
{
    torch::Tensor total = torch::zeros({});
    for (const auto &w : weights) {
        if (l1 > 0)
            total = total + l1 * w.abs().sum();
        if (l2 > 0)
            total = total + l2 * w.pow(2).sum();
    }
    return total;
}

void addPenaltyGradients(const std::vector<torch::Tensor> &weights, double l1, double l2)
{
    if (l1 <= 0 && l2 <= 0)
        return;
    torch::NoGradGuard noGrad;
    for (const auto &w : weights) {
        torch::Tensor grad = w.mutable_grad();
        if (!grad.defined()) {
            grad = torch::zeros_like(w);
            w.mutable_grad() = grad;
        }
        if (l1 > 0)
            grad.add_(w.sign(), l1);
        if (l2 > 0)
            grad.add_(w, 2.0 * l2);
    }
}

} // namespace normlab
