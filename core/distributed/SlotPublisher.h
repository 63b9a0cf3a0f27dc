#pragma once
// A worker's side of one queue slot: everything its run reports goes to the slot's keys
// (SweepStore.h) as it comes, and on to the worker's own observer. Epochs and messages go one
// key each; batch losses, layer statistics and gradient norms in chunks of ~0.2 s (never a key
// per batch); the checkpoint the trainer writes after each epoch to one key per run.

#include "distributed/SeriesJson.h"
#include "distributed/SweepStore.h"

#include "normlab/Engine.h"

#include <chrono>
#include <string>

namespace normlab::distributed {

/// What becomes of a checkpoint file once it is in the store: removed (a killed worker then
/// leaves none behind), or kept (worker --keep-files: the window adopts it).
enum class CheckpointAfterUpload
{
    Remove,
    Keep
};

class SlotPublisher : public TrainingObserver
{
public:
    /// `checkpointFile`: where the run writes its checkpoints ("" when it writes none).
    SlotPublisher(SweepStore &store, int64_t slot, int run, std::string checkpointFile,
                  CheckpointAfterUpload afterUpload, TrainingObserver *forward);

    void runStarted(const RunInfo &info) override;
    void batchFinished(const BatchProgress &progress) override;
    void epochFinished(const EpochMetrics &metrics) override;
    void message(const std::string &text) override;
    void layerStatsRecorded(const LayerStatsSample &sample) override;
    void gradientNormsRecorded(const GradientNormSample &sample) override;

    /// Sends the series gathered so far: before the run's result, so it arrives first.
    void flush();
    /// Tells the coordinator that the slot has a new key (call after writing it).
    void announce()
    {
        store_.add(slotKey(slot_, "posted"), 1);
        store_.add("news", 1);
    }

private:
    void seriesGrew();
    void uploadNewCheckpoint();

    SweepStore &store_;
    int64_t slot_;
    int run_;
    std::string checkpointFile_;
    CheckpointAfterUpload afterUpload_;
    TrainingObserver *forward_;
    SeriesChunk chunk_;
    std::chrono::steady_clock::time_point lastChunk_ = std::chrono::steady_clock::now();
    int epochs_ = 0, messages_ = 0, chunks_ = 0;
    int checkpointEpoch_ = 0; // the epoch of the checkpoint uploaded last
    bool checkpointDue_ = false;
};

/// The key of run `run`'s latest checkpoint (its bytes), and of that checkpoint's epoch.
std::string checkpointKey(int run);
std::string checkpointEpochKey(int run);
/// The epoch of the checkpoint a worker uploaded for `run`; 0 when there is none.
int uploadedCheckpointEpoch(SweepStore &store, int run);

} // namespace normlab::distributed
