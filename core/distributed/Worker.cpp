// A worker: claims the coordinator's queue slots one after another and trains their runs,
// publishing each finished epoch, its messages and the result under the slot's keys.

#include "distributed/RunJson.h"
#include "distributed/SweepStore.h"

#include "normlab/Distributed.h"
#include "normlab/Errors.h"

#include <chrono>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace normlab {
namespace {

using namespace distributed;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kWatchInterval{200}; // stop reaches a run within a second
constexpr int kWatchesPerBeat = 5;                       // a heartbeat every second
constexpr std::chrono::milliseconds kSlotPoll{50};

std::chrono::milliseconds millis(double seconds)
{
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

// Beats the heartbeat and watches for `stop` and `done` on a connection of its own, so that a
// long batch never silences the worker. Cancels the current run when the sweep stops, when this
// worker is asked to stop (`localCancel`), or when the coordinator is gone.
class Heartbeat
{
public:
    Heartbeat(const WorkerSettings &settings, int64_t worker, const std::atomic<bool> *localCancel)
        : store_(SweepStore::connect(settings.coordinator.host, settings.coordinator.port,
                                     settings.token, millis(settings.connectTimeoutSeconds))),
          worker_(worker), localCancel_(localCancel)
    {
        store_.add(workerKey(worker_, "beat"), 1);
        thread_ = std::thread([this] { loop(); });
    }
    ~Heartbeat()
    {
        finished_ = true;
        thread_.join();
    }
    const std::atomic<bool> *cancelFlag() const { return &cancelRun_; }
    bool sweepStopped() const { return sweepStopped_; }
    bool sweepOver() const { return sweepStopped_ || sweepDone_ || lost_; }
    bool lost() const { return lost_; }
    bool locallyCancelled() const { return localCancel_ && *localCancel_; }

private:
    void loop()
    {
        for (int tick = 1; !finished_; ++tick) {
            std::this_thread::sleep_for(kWatchInterval);
            try {
                if (tick % kWatchesPerBeat == 0)
                    store_.add(workerKey(worker_, "beat"), 1);
                sweepStopped_ = sweepStopped_ || store_.has("stop");
                sweepDone_ = sweepDone_ || store_.has("done");
            } catch (const std::exception &) {
                lost_ = true;
            }
            if (sweepStopped_ || lost_ || locallyCancelled())
                cancelRun_ = true;
        }
    }

    SweepStore store_;
    int64_t worker_;
    const std::atomic<bool> *localCancel_;
    std::atomic<bool> cancelRun_{false}, sweepStopped_{false}, sweepDone_{false}, lost_{false};
    std::atomic<bool> finished_{false};
    std::thread thread_;
};

// Publishes a run's epochs and messages under its slot as they come (one key write per epoch,
// none per batch), and forwards everything to the worker's own observer.
class SlotPublisher : public TrainingObserver
{
public:
    SlotPublisher(SweepStore &store, int64_t slot, WorkerObserver *forward)
        : store_(store), slot_(slot), forward_(forward)
    {
    }
    void runStarted(const RunInfo &info) override
    {
        if (forward_)
            forward_->runStarted(info);
    }
    void batchFinished(const BatchProgress &progress) override
    {
        if (forward_)
            forward_->batchFinished(progress);
    }
    void epochFinished(const EpochMetrics &metrics) override
    {
        store_.set(slotKey(slot_, "epoch/" + std::to_string(epochs_++)), epochToJson(metrics));
        store_.add(slotKey(slot_, "epochs"), 1);
        if (forward_)
            forward_->epochFinished(metrics);
    }
    void message(const std::string &text) override
    {
        store_.set(slotKey(slot_, "message/" + std::to_string(messages_++)), text);
        store_.add(slotKey(slot_, "messages"), 1);
        if (forward_)
            forward_->message(text);
    }

private:
    SweepStore &store_;
    int64_t slot_;
    WorkerObserver *forward_;
    int epochs_ = 0, messages_ = 0;
};

// The last dataset loaded, reused while the runs' dataKey() agrees (as runSweep does).
class DataCache
{
public:
    std::shared_ptr<const DataSplits> load(const ExperimentConfig &config,
                                           const std::atomic<bool> *cancel, std::string &error)
    {
        const std::string key = dataKey(config);
        if (!data_ || key != key_) {
            data_.reset();
            key_ = key;
            try {
                data_ = loadData(config, {}, cancel);
                error_.clear();
            } catch (const InputError &e) {
                error_ = e.what();
            }
        }
        error = error_;
        return data_;
    }

private:
    std::shared_ptr<const DataSplits> data_;
    std::string key_, error_;
};

std::string hostName()
{
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    return name;
}

// Waits for the sweep's keys under the token: they are there at once unless the token is wrong
// (or the sweep has not been queued yet). Throws InputError after `timeout`.
void awaitSweep(SweepStore &store, const WorkerSettings &settings)
{
    const auto deadline = Clock::now() + millis(settings.connectTimeoutSeconds);
    while (!store.has("protocol")) {
        if (Clock::now() > deadline)
            throw InputError("the coordinator at " + settings.coordinator.host + ":" +
                             std::to_string(settings.coordinator.port) +
                             " holds no NormLab sweep under this token (wrong --token, or its "
                             "sweep has ended)");
        std::this_thread::sleep_for(kSlotPoll);
    }
    const std::string protocol = store.get("protocol");
    if (protocol != kProtocol)
        throw InputError("the coordinator speaks " + protocol + ", this worker " + kProtocol +
                         ": run the same NormLab version on both");
}

// What queue slot `slot` holds, once the coordinator fills it; nothing when the sweep is over.
std::optional<std::string> awaitSlot(SweepStore &store, int64_t slot, const Heartbeat &beat)
{
    const std::string key = "queue/" + std::to_string(slot);
    while (!beat.sweepOver() && !beat.locallyCancelled()) {
        if (store.has(key))
            return store.get(key);
        std::this_thread::sleep_for(kSlotPoll);
    }
    return std::nullopt;
}

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

RunResult trainRun(const SweepRun &run, DataCache &cache, TrainingObserver &publisher,
                   const Heartbeat &beat)
{
    std::string error;
    const auto data = cache.load(run.config, beat.cancelFlag(), error);
    if (!data)
        return failedRun(run.config, "data on worker " + hostName() + ": " + error);
    if (run.config.folds != 0)
        return failedRun(run.config, "cross-validation (folds) does not run inside a sweep");
    return runExperiment(run.config, *data, &publisher, beat.cancelFlag());
}

// Trains the run in `entry` ("<run> <attempt>") and publishes its result; false when this
// worker was stopped on its own, so the run goes back to the queue.
bool trainSlot(SweepStore &store, int64_t slot, const std::string &entry, int total,
               const WorkerSettings &settings, DataCache &cache, const Heartbeat &beat,
               WorkerObserver *observer)
{
    std::istringstream fields(entry);
    SweepRun run;
    fields >> run.index;
    run.config = configFromJsonText(store.get("run/" + std::to_string(run.index)));
    if (settings.threads > 0 && run.config.threads == 0)
        run.config.threads = settings.threads; // a run's own count wins: its results depend on it
    if (observer)
        observer->workerRunStarting(run, total);
    SlotPublisher publisher(store, slot, observer);
    const RunResult result = trainRun(run, cache, publisher, beat);
    if (result.status == RunStatus::Cancelled && !beat.sweepStopped()) {
        store.set(slotKey(slot, "abandoned"), "1");
        return false;
    }
    store.set(slotKey(slot, "result"), resultToJson(result));
    if (observer)
        observer->workerRunFinished(run, result);
    return true;
}

} // namespace

int runWorker(const WorkerSettings &settings, WorkerObserver *observer,
              const std::atomic<bool> *cancel)
{
    SweepStore store = SweepStore::connect(settings.coordinator.host, settings.coordinator.port,
                                           settings.token, millis(settings.connectTimeoutSeconds));
    awaitSweep(store, settings);
    const int total = std::stoi(store.get("runs"));
    const int64_t worker = store.add("workers", 1) - 1;
    store.set(workerKey(worker, "process"), processIdentity());
    const std::string threads = settings.threads == 0 ? "threads as each run sets"
                                : settings.threads == 1
                                    ? "1 thread"
                                    : std::to_string(settings.threads) + " threads";
    store.set(workerKey(worker, "hello"),
              hostName() + " pid " + std::to_string(getpid()) + ", " + threads);
    if (observer)
        observer->connected(static_cast<int>(worker), total);
    Heartbeat beat(settings, worker, cancel);
    DataCache cache;
    int trained = 0;
    while (!beat.sweepOver() && !beat.locallyCancelled()) {
        const int64_t slot = store.add("queue/claimed", 1) - 1;
        store.set(slotKey(slot, "worker"), std::to_string(worker));
        const std::optional<std::string> entry = awaitSlot(store, slot, beat);
        if (!entry)
            break;
        if (*entry == "skip")
            continue;
        if (!trainSlot(store, slot, *entry, total, settings, cache, beat, observer))
            break;
        ++trained;
    }
    if (beat.lost())
        throw std::runtime_error("lost the coordinator at " + settings.coordinator.host + ":" +
                                 std::to_string(settings.coordinator.port));
    store.set(workerKey(worker, "left"), "1");
    return trained;
}

} // namespace normlab
