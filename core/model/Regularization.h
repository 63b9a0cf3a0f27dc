#pragma once
// L1/L2 penalties on the weights: loss + l1 * sum|w| + l2 * sum w^2.

#include <torch/torch.h>

#include <vector>

namespace normlab {

/// l1 * sum|w| + l2 * sum w^2 over `weights`, differentiable (for reporting and checks).
torch::Tensor penaltyValue(const std::vector<torch::Tensor> &weights, double l1, double l2);

/// Adds the penalty's gradient, l1 * sign(w) + 2 * l2 * w, to each weight's grad in place.
/// Equivalent to back-propagating penaltyValue, without building its autograd graph.
void addPenaltyGradients(const std::vector<torch::Tensor> &weights, double l1, double l2);

} // namespace normlab
