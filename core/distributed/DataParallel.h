#pragma once
// Inside data-parallel training (normlab/DataParallel.h): the rank's store and process group,
// and the hook through which the training loop shards batches and averages gradients. Includes
// torch and c10d's base classes; only DataParallel.cpp sees ProcessGroupGloo (USE_C10D_GLOO).

#include "normlab/DataParallel.h"
#include "training/ParallelHook.h"

#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

namespace normlab {

struct DataParallelGroup::Impl
{
    DataParallelSettings settings;
    c10::intrusive_ptr<c10d::TCPStore> store;
    c10::intrusive_ptr<c10d::ProcessGroup> group; // set by join()

    /// Sums `tensor` over every rank, in place (Gloo allreduce).
    void sum(torch::Tensor &tensor);
    /// Replaces `tensor` by rank 0's, in place (Gloo broadcast).
    void broadcast(torch::Tensor &tensor);
    int rank() const { return settings.rank; }
    int world() const { return settings.world; }
};

/// Rank r of N takes rows [r * B / N, (r + 1) * B / N) of every global batch of B rows, so the
/// ranks together see exactly the single-process batch; the gradients travel as one flattened
/// bucket per step, weighted by each rank's rows (exact also for an uneven last batch).
class DataParallelHook : public ParallelHook
{
public:
    DataParallelHook(DataParallelGroup::Impl &group, const ExperimentConfig &config);
    void prepareModel(NormCnn &model) override;
    torch::Tensor epochOrder(const torch::Tensor &order) override;
    torch::Tensor shard(const torch::Tensor &batch) const override;
    StepTotals reduce(const std::vector<torch::Tensor> &parameters,
                      const StepTotals &local) override;
    void syncBuffers(NormCnn &model) override;

private:
    void useSyncBatchNorm(NormCnn &model);
    /// Every tensor replaced by rank 0's: the floating-point ones as one flattened broadcast.
    void broadcastAll(const std::vector<torch::Tensor> &tensors);

    DataParallelGroup::Impl &group_;
    ExperimentConfig config_;
};

} // namespace normlab
