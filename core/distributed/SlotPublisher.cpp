#include "distributed/SlotPublisher.h"

#include "distributed/RunJson.h"

#include "normlab/ModelFile.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace normlab::distributed {
namespace {

// A chunk of the series at most this old: live curves stay live, the store sees ~5 keys a
// second per run however short the batches.
constexpr std::chrono::milliseconds kChunkInterval{200};

std::string fileBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

std::string checkpointKey(int run)
{
    return "run/" + std::to_string(run) + "/checkpoint";
}

std::string checkpointEpochKey(int run)
{
    return "run/" + std::to_string(run) + "/checkpoint-epoch";
}

int uploadedCheckpointEpoch(SweepStore &store, int run)
{
    const std::string key = checkpointEpochKey(run);
    return store.has(key) ? std::stoi(store.get(key)) : 0;
}

SlotPublisher::SlotPublisher(SweepStore &store, int64_t slot, int run, std::string checkpointFile,
                             CheckpointAfterUpload afterUpload, TrainingObserver *forward)
    : store_(store), slot_(slot), run_(run), checkpointFile_(std::move(checkpointFile)),
      afterUpload_(afterUpload), forward_(forward)
{
}

void SlotPublisher::runStarted(const RunInfo &info)
{
    store_.set(slotKey(slot_, "info"), runInfoToJson(info));
    announce();
    if (forward_)
        forward_->runStarted(info);
}

void SlotPublisher::batchFinished(const BatchProgress &progress)
{
    uploadNewCheckpoint(); // the first batch of an epoch follows the last epoch's checkpoint
    chunk_.batches.push_back(progress);
    seriesGrew();
    if (forward_)
        forward_->batchFinished(progress);
}

void SlotPublisher::layerStatsRecorded(const LayerStatsSample &sample)
{
    chunk_.layerStats.push_back(sample);
    seriesGrew();
    if (forward_)
        forward_->layerStatsRecorded(sample);
}

void SlotPublisher::gradientNormsRecorded(const GradientNormSample &sample)
{
    chunk_.gradientNorms.push_back(sample);
    seriesGrew();
    if (forward_)
        forward_->gradientNormsRecorded(sample);
}

void SlotPublisher::epochFinished(const EpochMetrics &metrics)
{
    flush(); // the epoch's batches before the epoch, as in-process
    store_.set(slotKey(slot_, "epoch/" + std::to_string(epochs_++)), epochToJson(metrics));
    store_.add(slotKey(slot_, "epochs"), 1);
    announce();
    // The trainer writes this epoch's checkpoint when this returns: upload it at the next report.
    checkpointDue_ = !checkpointFile_.empty();
    if (forward_)
        forward_->epochFinished(metrics);
}

void SlotPublisher::message(const std::string &text)
{
    store_.set(slotKey(slot_, "message/" + std::to_string(messages_++)), text);
    store_.add(slotKey(slot_, "messages"), 1);
    announce();
    if (forward_)
        forward_->message(text);
}

void SlotPublisher::seriesGrew()
{
    if (std::chrono::steady_clock::now() - lastChunk_ >= kChunkInterval)
        flush();
}

void SlotPublisher::flush()
{
    lastChunk_ = std::chrono::steady_clock::now();
    if (chunk_.empty())
        return;
    store_.set(slotKey(slot_, "series/" + std::to_string(chunks_++)), seriesToJson(chunk_));
    store_.add(slotKey(slot_, "series"), 1);
    announce();
    chunk_ = SeriesChunk{};
}

// The run's checkpoint, when the trainer has written a newer one than the store holds (a
// resumed run replays its first epochs before it writes any).
void SlotPublisher::uploadNewCheckpoint()
{
    if (!checkpointDue_)
        return;
    checkpointDue_ = false;
    std::error_code error;
    if (!std::filesystem::exists(checkpointFile_, error))
        return;
    try {
        const int epoch = readCheckpointInfo(checkpointFile_).epoch;
        if (epoch <= checkpointEpoch_)
            return;
        store_.set(checkpointKey(run_), fileBytes(checkpointFile_));
        store_.set(checkpointEpochKey(run_), std::to_string(epoch)); // after the bytes
        checkpointEpoch_ = epoch;
        if (afterUpload_ == CheckpointAfterUpload::Remove)
            std::filesystem::remove(checkpointFile_, error); // a killed worker leaves none
    } catch (const InputError &) {
        // Unreadable: a retry starts from the previous checkpoint, or from the beginning.
    }
}

} // namespace normlab::distributed
