// Data-parallel training of one run (normlab/DataParallel.h): what the training loop's hook does
// on each rank, and DataParallelGroup::train.

#include "distributed/DataParallel.h"

#include "training/Trainer.h"

namespace normlab {
namespace {

// The step's figures travel at the end of the gradient bucket.
constexpr int64_t kTotals = 4; // loss sum, correct, rows, cancelled

RunResult failedRun(const ExperimentConfig &config, const std::string &message)
{
    RunResult result;
    result.name = runName(config);
    result.config = config;
    result.status = RunStatus::Failed;
    result.message = message;
    summarizeHistory(result);
    return result;
}

} // namespace

DataParallelHook::DataParallelHook(DataParallelGroup::Impl &group, const ExperimentConfig &config)
    : group_(group), config_(config)
{
}

void DataParallelHook::prepareModel(NormCnn &model)
{
    if (group_.settings.syncBatchNorm)
        useSyncBatchNorm(model);
    broadcastAll(model->parameters());
    broadcastAll(model->buffers());
    // Dropout and augmentation draw from each rank's own stream; rank 0 keeps the seed's, so its
    // epoch order (which every rank uses) is the single-process run's.
    if (group_.rank() > 0)
        torch::manual_seed(config_.seed + static_cast<uint64_t>(group_.rank()));
}

void DataParallelHook::useSyncBatchNorm(NormCnn &model)
{
    DataParallelGroup::Impl *group = &group_;
    for (auto &block : model->blocks) {
        if (block->norm.is_empty())
            continue;
        const auto *batchNorm = block->norm.ptr()->as<torch::nn::BatchNorm2dImpl>();
        if (!batchNorm)
            continue;
        SyncBatchNorm sync(
            batchNorm->options.num_features(), [group](torch::Tensor &t) { group->sum(t); },
            batchNorm->options.eps(), batchNorm->options.momentum().value());
        block->replace_module("norm", sync);
        block->norm = torch::nn::AnyModule(sync);
    }
}

torch::Tensor DataParallelHook::epochOrder(const torch::Tensor &order)
{
    torch::Tensor shared = order.contiguous().clone();
    group_.broadcast(shared);
    return shared;
}

torch::Tensor DataParallelHook::shard(const torch::Tensor &batch) const
{
    const int64_t rows = batch.size(0);
    return batch.slice(0, group_.rank() * rows / group_.world(),
                       (group_.rank() + 1) * rows / group_.world());
}

StepTotals DataParallelHook::reduce(const std::vector<torch::Tensor> &parameters,
                                    const StepTotals &local)
{
    // Each rank's mean gradient times its rows, summed, over every rank's rows: the gradient of
    // the global batch's mean loss. In double, so the sum adds no rounding of its own.
    std::vector<torch::Tensor> pieces;
    pieces.reserve(parameters.size() + 1);
    for (const auto &p : parameters)
        pieces.push_back(p.grad().defined() ? p.grad().flatten() : torch::zeros({p.numel()}));
    torch::Tensor bucket = torch::cat(pieces).to(torch::kDouble).mul_(local.rows);
    const torch::Tensor totals =
        torch::tensor({local.lossSum, static_cast<double>(local.correct),
                       static_cast<double>(local.rows), local.cancelled ? 1.0 : 0.0},
                      torch::kDouble);
    bucket = torch::cat({bucket, totals});
    group_.sum(bucket);

    const auto *sums = bucket.data_ptr<double>() + (bucket.numel() - kTotals);
    StepTotals all;
    all.lossSum = sums[0];
    all.correct = static_cast<int64_t>(sums[1]);
    all.rows = static_cast<int64_t>(sums[2]);
    all.cancelled = sums[3] > 0;
    const torch::Tensor mean = bucket.slice(0, 0, bucket.numel() - kTotals)
                                   .div_(static_cast<double>(std::max<int64_t>(all.rows, 1)));
    torch::NoGradGuard noGrad;
    int64_t offset = 0;
    for (const auto &p : parameters) {
        const torch::Tensor averaged = mean.slice(0, offset, offset + p.numel()).view_as(p);
        if (p.grad().defined())
            p.mutable_grad().copy_(averaged);
        else
            p.mutable_grad() = averaged.to(p.dtype());
        offset += p.numel();
    }
    return all;
}

void DataParallelHook::syncBuffers(NormCnn &model)
{
    broadcastAll(model->buffers());
}

void DataParallelHook::broadcastAll(const std::vector<torch::Tensor> &tensors)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> floats;
    for (const auto &t : tensors) {
        if (t.is_floating_point()) {
            floats.push_back(t.flatten());
        } else {
            torch::Tensor copy = t.contiguous().clone(); // num_batches_tracked: one long
            group_.broadcast(copy);
            t.copy_(copy);
        }
    }
    if (floats.empty())
        return;
    torch::Tensor flat = torch::cat(floats);
    group_.broadcast(flat);
    int64_t offset = 0;
    for (const auto &t : tensors) {
        if (!t.is_floating_point())
            continue;
        t.copy_(flat.slice(0, offset, offset + t.numel()).view_as(t));
        offset += t.numel();
    }
}

RunResult DataParallelGroup::train(const ExperimentConfig &config, const DataSplits &data,
                                   TrainingObserver *observer, const std::atomic<bool> *cancel)
{
    try {
        DataParallelHook hook(*impl_, config);
        Trainer trainer(config, data, &hook);
        return trainer.run(observer, cancel);
    } catch (const c10::Error &error) {
        return failedRun(config, error.what_without_backtrace());
    } catch (const std::exception &error) {
        return failedRun(config, error.what());
    }
}

} // namespace normlab
