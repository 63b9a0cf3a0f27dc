// The coordinator: hosts the store, queues the runs, follows the workers' heartbeats and queue
// slots, and collects each run's epochs and result. One thread polls the store every 100 ms.

#include "distributed/RunJson.h"
#include "distributed/SeriesJson.h"
#include "distributed/SlotPublisher.h"
#include "distributed/SweepStore.h"

#include "normlab/Distributed.h"
#include "normlab/Errors.h"

#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <thread>

namespace normlab {
namespace {

using namespace distributed;
using Clock = std::chrono::steady_clock;

// Every worker, heartbeat and slot is read every kPollInterval; the slots also whenever the
// workers' `news` counter moves (one store operation every kNewsInterval), so a finished run is
// seen within ~20 ms. 10 ms cost the coordinator ~2 % of a core in store round trips.
constexpr std::chrono::milliseconds kPollInterval{100};
constexpr std::chrono::milliseconds kNewsInterval{20};
constexpr std::chrono::seconds kCancelGrace{3}; // for the workers' cancelled results
constexpr std::chrono::seconds kLeaveGrace{2};  // for idle workers to see `done` and leave
constexpr int kSkipped = -2;                    // SlotState::run of a slot passed over

struct RunProgress
{
    int attempts = 0; // slots it was queued in
    int losses = 0;   // workers lost while they held it
    bool finished = false;
};

struct SlotState
{
    int run = -1; // the run queued in it; -1: not filled yet; kSkipped
    bool claimed = false;
    int worker = -1; // the claimant, once it has named itself
    Clock::time_point claimedSeen;
    bool started = false, open = true; // open: its result (or its loss) not taken yet
    bool infoSeen = false;
    int64_t postedSeen = 0, epochsSeen = 0, chunksSeen = 0, messagesSeen = 0;
};

struct WorkerState
{
    int64_t beat = -1;
    Clock::time_point lastBeat = Clock::now();
    bool joined = false, gone = false; // gone: lost or left
    int localPid = 0;                  // its process, when it runs beside the coordinator
};

class Coordinator
{
public:
    Coordinator(const std::vector<SweepRun> &runs, const CoordinatorSettings &settings,
                DistributedSweepObserver *observer)
        : runs_(runs), settings_(settings), observer_(observer),
          store_(SweepStore::host(settings.listen.host, settings.listen.port, settings.token)),
          progress_(runs.size()), results_(runs.size())
    {
    }

    std::vector<RunResult> run(const std::atomic<bool> *cancel);

private:
    void publishSweep();
    bool claimantGone(const SlotState &slot) const;
    void appendSlot(int run);
    void pollOnce();
    void pollWorker(int worker, WorkerState &state);
    void pollClaims();
    void pollSlots();
    void pollSlot(int64_t slot, SlotState &state);
    void readProgress(int64_t slot, SlotState &state);
    void readSeries(int64_t slot, SlotState &state);
    void workerLost(int worker, const std::string &why);
    void loseRun(SlotState &state, const std::string &why);
    void finishRun(int run, const RunResult &result);
    void awaitNews(const std::atomic<bool> *cancel);
    void endQueue();
    void cancelSweep();
    void leave();
    bool anyRunOpen() const;
    Clock::duration heartbeatTimeout() const
    {
        return std::chrono::milliseconds(std::lround(settings_.heartbeatTimeoutSeconds * 1000));
    }

    const std::vector<SweepRun> &runs_;
    CoordinatorSettings settings_;
    DistributedSweepObserver *observer_;
    SweepStore store_;
    std::vector<RunProgress> progress_;
    std::vector<std::optional<RunResult>> results_;
    std::map<int64_t, SlotState> slots_; // filled or claimed
    std::vector<WorkerState> workers_;
    int64_t length_ = 0, claimed_ = 0; // slots filled, slots claimed
    int64_t news_ = 0;                 // the workers' `news` counter at the last poll
    int finished_ = 0;
};

RunResult runWithStatus(const ExperimentConfig &config, RunStatus status, const std::string &why)
{
    RunResult result;
    result.name = runName(config);
    result.config = config;
    result.status = status;
    result.message = why;
    summarizeHistory(result);
    return result;
}

void Coordinator::publishSweep()
{
    store_.set("runs", std::to_string(runs_.size()));
    for (size_t i = 0; i < runs_.size(); ++i)
        store_.set("run/" + std::to_string(i), configToJson(runs_[i].config));
    for (size_t i = 0; i < runs_.size(); ++i)
        appendSlot(static_cast<int>(i));
    store_.set("protocol", kProtocol); // last: a worker that sees it sees the whole queue
}

// A claim whose worker is lost or left, or that nobody named within the heartbeat timeout (its
// worker died between claiming and naming itself).
bool Coordinator::claimantGone(const SlotState &slot) const
{
    if (!slot.claimed)
        return false;
    if (slot.worker >= 0)
        return workers_[slot.worker].gone;
    return Clock::now() - slot.claimedSeen > heartbeatTimeout();
}

// Fills the next slot with `run`, passing over slots whose claimant is gone: they would wait for
// a worker that will never take them.
void Coordinator::appendSlot(int run)
{
    while (claimantGone(slots_[length_])) {
        slots_[length_].run = kSkipped;
        slots_[length_].open = false;
        store_.set("queue/" + std::to_string(length_++), "skip");
    }
    ++progress_[run].attempts;
    slots_[length_].run = run;
    store_.set("queue/" + std::to_string(length_),
               std::to_string(run) + " " + std::to_string(progress_[run].attempts));
    ++length_;
    store_.set("queue/length", std::to_string(length_));
}

void Coordinator::pollOnce()
{
    const int64_t count = store_.counter("workers");
    if (count > static_cast<int64_t>(workers_.size()))
        workers_.resize(count);
    for (size_t w = 0; w < workers_.size(); ++w)
        if (!workers_[w].gone)
            pollWorker(static_cast<int>(w), workers_[w]);
    pollSlots();
    if (observer_)
        observer_->poll();
}

void Coordinator::pollSlots()
{
    pollClaims();
    for (auto &[slot, state] : slots_)
        if (state.open && state.run >= 0)
            pollSlot(slot, state);
}

void Coordinator::pollWorker(int worker, WorkerState &state)
{
    if (!state.joined && store_.has(workerKey(worker, "hello"))) {
        state.joined = true;
        if (store_.has(workerKey(worker, "process")))
            state.localPid = localProcessId(store_.get(workerKey(worker, "process")));
        if (observer_)
            observer_->workerJoined(worker, store_.get(workerKey(worker, "hello")));
    }
    const int64_t beat = store_.counter(workerKey(worker, "beat"));
    if (beat != state.beat) {
        state.beat = beat;
        state.lastBeat = Clock::now();
    }
    if (store_.has(workerKey(worker, "left")))
        state.gone = true; // its runs ended with a result or went back to the queue
    else if (state.localPid > 0 && !processAlive(state.localPid))
        workerLost(worker, "its process " + std::to_string(state.localPid) + " ended");
    else if (Clock::now() - state.lastBeat > heartbeatTimeout())
        workerLost(worker, "no heartbeat for " +
                               std::to_string(std::lround(settings_.heartbeatTimeoutSeconds)) +
                               " s");
}

void Coordinator::pollClaims()
{
    const int64_t claimed = store_.counter("queue/claimed");
    for (; claimed_ < claimed; ++claimed_) {
        slots_[claimed_].claimed = true;
        slots_[claimed_].claimedSeen = Clock::now();
    }
    for (auto &[slot, state] : slots_) {
        if (!state.claimed || state.worker >= 0 || !store_.has(slotKey(slot, "worker")))
            continue;
        state.worker = std::stoi(store_.get(slotKey(slot, "worker")));
        if (state.worker >= static_cast<int>(workers_.size()))
            workers_.resize(state.worker + 1);
    }
}

void Coordinator::pollSlot(int64_t slot, SlotState &state)
{
    if (!state.claimed)
        return;
    if (state.worker < 0) {
        if (claimantGone(state))
            loseRun(state, "its worker vanished while claiming it");
        return;
    }
    const SweepRun &run = runs_[state.run];
    if (!state.started) {
        state.started = true;
        if (observer_)
            observer_->runStarted(run, state.worker, static_cast<int>(runs_.size()));
    }
    // One counter tells whether the worker wrote anything since the last look.
    const int64_t posted = store_.counter(slotKey(slot, "posted"));
    if (posted == state.postedSeen)
        return;
    state.postedSeen = posted;
    // The ending keys first: a worker writes them last, so what came before them is read below.
    const bool hasResult = store_.has(slotKey(slot, "result"));
    const bool abandoned = !hasResult && store_.has(slotKey(slot, "abandoned"));
    readProgress(slot, state);
    if (hasResult) {
        state.open = false;
        finishRun(state.run, resultFromJson(store_.get(slotKey(slot, "result")), run.config));
    } else if (abandoned) {
        state.open = false; // its worker was stopped on its own: no fault of the run
        if (observer_)
            observer_->runRetried(run, progress_[state.run].attempts + 1,
                                  "worker " + std::to_string(state.worker) + " was stopped",
                                  uploadedCheckpointEpoch(store_, state.run));
        appendSlot(state.run);
    }
}

// The run's start, series, epochs and messages published since the last poll, in order.
void Coordinator::readProgress(int64_t slot, SlotState &state)
{
    const SweepRun &run = runs_[state.run];
    if (!state.infoSeen && store_.has(slotKey(slot, "info"))) {
        state.infoSeen = true;
        const RunInfo info = runInfoFromJson(store_.get(slotKey(slot, "info")));
        if (observer_)
            observer_->runInfo(run, info);
    }
    // The epochs counter first: the chunks before an epoch are published before it.
    const int64_t epochs = store_.counter(slotKey(slot, "epochs"));
    if (state.infoSeen)
        readSeries(slot, state);
    for (; state.epochsSeen < epochs; ++state.epochsSeen) {
        const auto text = store_.get(slotKey(slot, "epoch/" + std::to_string(state.epochsSeen)));
        if (observer_)
            observer_->runEpochFinished(run, epochFromJson(text));
    }
    const int64_t messages = store_.counter(slotKey(slot, "messages"));
    for (; state.messagesSeen < messages; ++state.messagesSeen) {
        const auto key = slotKey(slot, "message/" + std::to_string(state.messagesSeen));
        const std::string text = store_.get(key);
        if (observer_)
            observer_->runMessage(run, text);
    }
}

void Coordinator::readSeries(int64_t slot, SlotState &state)
{
    const SweepRun &run = runs_[state.run];
    const int64_t chunks = store_.counter(slotKey(slot, "series"));
    for (; state.chunksSeen < chunks; ++state.chunksSeen) {
        const auto key = slotKey(slot, "series/" + std::to_string(state.chunksSeen));
        const SeriesChunk chunk = seriesFromJson(store_.get(key));
        store_.erase(key); // the coordinator's memory stays flat over long sweeps
        if (!observer_)
            continue;
        if (!chunk.batches.empty())
            observer_->runBatchesFinished(run, chunk.batches);
        if (!chunk.layerStats.empty())
            observer_->runLayerStats(run, chunk.layerStats);
        if (!chunk.gradientNorms.empty())
            observer_->runGradientNorms(run, chunk.gradientNorms);
    }
}

void Coordinator::workerLost(int worker, const std::string &why)
{
    workers_[worker].gone = true;
    if (observer_)
        observer_->workerLost(worker, why);
    for (auto &[slot, state] : slots_)
        if (state.worker == worker && state.open && state.run >= 0)
            loseRun(state, "worker " + std::to_string(worker) + " lost (" + why + ")");
}

// The run's worker is gone mid-run: queue it again, or fail it once it has lost enough workers.
void Coordinator::loseRun(SlotState &state, const std::string &why)
{
    state.open = false;
    const int run = state.run;
    if (progress_[run].finished)
        return;
    if (++progress_[run].losses >= settings_.maxWorkerLosses) {
        finishRun(run,
                  runWithStatus(runs_[run].config, RunStatus::Failed,
                                "its worker was lost " + std::to_string(progress_[run].losses) +
                                    " times (last: " + why + "); not retried again"));
        return;
    }
    if (observer_)
        observer_->runRetried(runs_[run], progress_[run].attempts + 1, why,
                              uploadedCheckpointEpoch(store_, run));
    appendSlot(run);
}

void Coordinator::finishRun(int run, const RunResult &result)
{
    if (progress_[run].finished)
        return; // a worker thought lost delivered after all: the first result stands
    progress_[run].finished = true;
    results_[run] = result;
    store_.erase(checkpointKey(run)); // ~0.5 MB a run: no longer needed
    store_.erase(checkpointEpochKey(run));
    ++finished_;
    if (observer_)
        observer_->runFinished(runs_[run], result);
}

bool Coordinator::anyRunOpen() const
{
    for (const auto &[slot, state] : slots_)
        if (state.open && state.started && !progress_[state.run].finished)
            return true;
    return false;
}

// Tells every worker to stop, waits a little for their cancelled results, and marks the rest.
void Coordinator::cancelSweep()
{
    store_.set("stop", "1");
    const auto deadline = Clock::now() + kCancelGrace;
    while (anyRunOpen() && Clock::now() < deadline) {
        std::this_thread::sleep_for(kPollInterval);
        pollOnce();
    }
    for (const auto &[slot, state] : slots_)
        if (state.started && state.run >= 0)
            finishRun(state.run, runWithStatus(runs_[state.run].config, RunStatus::Cancelled,
                                               "stopped by the user"));
}

// Until the next full poll: reads the slots whenever the workers' `news` counter moves, so a
// result is seen within ~20 ms (one store operation per look while nothing happens).
void Coordinator::awaitNews(const std::atomic<bool> *cancel)
{
    const auto deadline = Clock::now() + kPollInterval;
    while (Clock::now() < deadline && !(cancel && *cancel) &&
           finished_ < static_cast<int>(runs_.size())) {
        std::this_thread::sleep_for(kNewsInterval);
        const int64_t news = store_.counter("news");
        if (news != news_) {
            news_ = news;
            pollSlots();
        }
    }
}

// Marks the slots claimed past the queue's end, and the next few a worker may still claim, as
// its end: a worker waiting there leaves at once instead of at its next look at `done`.
void Coordinator::endQueue()
{
    const int64_t claimed = store_.counter("queue/claimed");
    const int64_t last = claimed + static_cast<int64_t>(workers_.size()) + 1;
    for (int64_t slot = length_; slot < last; ++slot)
        store_.set("queue/" + std::to_string(slot), kEndOfQueue);
}

// Tells idle workers the sweep is over and gives them a moment to leave before the store closes.
void Coordinator::leave()
{
    endQueue();
    store_.set("done", "1");
    const auto deadline = Clock::now() + kLeaveGrace;
    for (bool waiting = true; waiting && Clock::now() < deadline;) {
        std::this_thread::sleep_for(kNewsInterval);
        waiting = false;
        for (size_t w = 0; w < workers_.size(); ++w)
            if (!workers_[w].gone && !store_.has(workerKey(static_cast<int64_t>(w), "left")))
                waiting = true;
    }
}

std::vector<RunResult> Coordinator::run(const std::atomic<bool> *cancel)
{
    publishSweep();
    if (observer_)
        observer_->listening({settings_.listen.host, store_.port()}, settings_.token);
    while (finished_ < static_cast<int>(runs_.size())) {
        if (cancel && *cancel) {
            cancelSweep();
            break;
        }
        pollOnce();
        awaitNews(cancel);
    }
    leave();
    std::vector<RunResult> results;
    for (const auto &result : results_)
        if (result)
            results.push_back(*result);
    return results;
}

} // namespace

std::vector<RunResult> runDistributedSweep(const std::vector<SweepRun> &runs,
                                           const CoordinatorSettings &settings,
                                           DistributedSweepObserver *observer,
                                           const std::atomic<bool> *cancel)
{
    if (!isLoopbackHost(settings.listen.host) && settings.token.empty())
        throw InputError("listening on " + settings.listen.host +
                         " needs --token: the store has no authentication, and the token is "
                         "the prefix without which a client sees none of the sweep's keys");
    if (runs.empty())
        return {};
    Coordinator coordinator(runs, settings, observer);
    return coordinator.run(cancel);
}

} // namespace normlab
