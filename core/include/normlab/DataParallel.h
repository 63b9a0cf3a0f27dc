#pragma once
// One run trained by several processes (ranks) at once: data-parallel training over
// torch.distributed's c10d ProcessGroupGloo. Each rank trains on its share of every global batch
// and the gradients are averaged after backward (docs/distributed.md, "One run on several
// processes"). No torch here: the command line includes it.

#include "normlab/Engine.h"

#include <atomic>
#include <memory>
#include <string>

namespace normlab {

struct DataParallelSettings
{
    int rank = 0;  // 0 hosts the rendezvous store and reports the run
    int world = 1; // the number of ranks
    std::string masterHost = "127.0.0.1";
    int masterPort = 0;                // rank 0: 0 picks a free port (see DataParallelGroup::port)
    double connectTimeoutSeconds = 10; // how long a rank tries to reach the master
    double joinTimeoutSeconds = 60;    // how long the ranks wait for one another, and per step
    bool syncBatchNorm = false;        // BatchNorm statistics over every rank's rows (--sync-bn)
};

/// This process's rank in a data-parallel run.
class DataParallelGroup
{
public:
    /// Rank 0 hosts the store (c10d TCPStore) on masterPort; the others connect to
    /// masterHost:masterPort within connectTimeoutSeconds. Throws InputError naming the address.
    explicit DataParallelGroup(const DataParallelSettings &settings);
    ~DataParallelGroup();
    DataParallelGroup(const DataParallelGroup &) = delete;
    DataParallelGroup &operator=(const DataParallelGroup &) = delete;

    /// The store's port (rank 0: the one it got when masterPort was 0).
    int port() const;
    /// Waits until every rank has joined (ProcessGroupGloo's rendezvous). Throws InputError when
    /// they do not within joinTimeoutSeconds.
    void join();
    /// Trains `config` as this rank, after join(). Every rank returns the same result (the
    /// history holds every rank's figures). Never throws: failures are statuses, as
    /// runExperiment's; a rank that dies fails the others' run.
    RunResult train(const ExperimentConfig &config, const DataSplits &data,
                    TrainingObserver *observer = nullptr,
                    const std::atomic<bool> *cancel = nullptr);

    struct Impl; // core/distributed/DataParallel.h
    Impl &impl() { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace normlab
