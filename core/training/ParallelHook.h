#pragma once
// What the training loop asks of data-parallel training (core/distributed/DataParallel*.cpp),
// so that training/ needs no process group. A Trainer without a hook trains as one process.

#include "model/Model.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace normlab {

/// One training step's figures: this rank's before the reduction, every rank's after it.
struct StepTotals
{
    double lossSum = 0; // the batch's mean loss times its rows
    int64_t correct = 0;
    int64_t rows = 0;
    bool cancelled = false; // any rank's user asked to stop
};

class ParallelHook
{
public:
    virtual ~ParallelHook() = default;
    /// After the model is built, before its optimizer: every rank starts from rank 0's weights
    /// (and gets synchronized BatchNorm layers when asked for).
    virtual void prepareModel(NormCnn &model) = 0;
    /// The epoch's order of the training images, the same on every rank (rank 0's).
    virtual torch::Tensor epochOrder(const torch::Tensor &order) = 0;
    /// This rank's rows of one global batch of image indices.
    virtual torch::Tensor shard(const torch::Tensor &batch) const = 0;
    /// Averages the gradients of `parameters` over every rank's rows and sums the totals:
    /// one collective per step.
    virtual StepTotals reduce(const std::vector<torch::Tensor> &parameters,
                              const StepTotals &local) = 0;
    /// Before evaluating: every rank holds rank 0's buffers (BatchNorm's running statistics),
    /// so every rank evaluates, and stops early, alike.
    virtual void syncBuffers(NormCnn &model) = 0;
};

} // namespace normlab
