// A worker: claims the coordinator's queue slots one after another and trains their runs,
// publishing what they report under the slot's keys (SlotPublisher), and continuing a retried
// run from the checkpoint its previous worker uploaded.

#include "distributed/RunJson.h"
#include "distributed/SlotPublisher.h"
#include "distributed/SweepStore.h"

#include "normlab/Distributed.h"
#include "normlab/Errors.h"
#include "normlab/ModelFile.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
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
// A worker waits on an empty slot only when the queue has run dry (the sweep's tail, or a
// retry): one `check` per poll, short enough that the sweep's end reaches it at once.
constexpr std::chrono::milliseconds kSlotPoll{20};

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

// What queue slot `slot` holds, once the coordinator fills it; nothing when the sweep is over
// (the coordinator writes kEndOfQueue into the slots claimed past its queue's end).
std::optional<std::string> awaitSlot(SweepStore &store, int64_t slot, const Heartbeat &beat)
{
    const std::string key = "queue/" + std::to_string(slot);
    while (!beat.sweepOver() && !beat.locallyCancelled()) {
        if (store.has(key)) {
            std::string entry = store.get(key);
            if (entry == kEndOfQueue)
                return std::nullopt;
            return entry;
        }
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

// A private folder for the checkpoints of this worker's runs (normlab-worker-PID-XXXXXX in the
// temporary folder), removed before the worker leaves. A killed worker cannot remove its own:
// the next worker on the machine removes those whose process has ended.
class ScratchFolder
{
public:
    ScratchFolder()
    {
        std::error_code error;
        const auto temporary = std::filesystem::temp_directory_path(error);
        if (error)
            return;
        removeAbandoned(temporary);
        std::string pattern =
            (temporary / (kPrefix + std::to_string(getpid()) + "-XXXXXX")).string();
        if (mkdtemp(pattern.data()))
            path_ = pattern;
    }
    ~ScratchFolder() { remove(); }
    ScratchFolder(const ScratchFolder &) = delete;
    ScratchFolder &operator=(const ScratchFolder &) = delete;

    void remove()
    {
        std::error_code error;
        if (!path_.empty())
            std::filesystem::remove_all(path_, error);
        path_.clear();
    }
    /// A file in it; "" when the folder could not be made (the runs then write no checkpoints).
    std::string file(const std::string &name) const
    {
        return path_.empty() ? "" : path_ + "/" + name;
    }

private:
    static constexpr const char *kPrefix = "normlab-worker-";

    static void removeAbandoned(const std::filesystem::path &temporary)
    {
        std::error_code error;
        for (const auto &entry : std::filesystem::directory_iterator(temporary, error)) {
            const std::string name = entry.path().filename().string();
            if (name.rfind(kPrefix, 0) != 0)
                continue;
            const int pid = std::atoi(name.c_str() + std::strlen(kPrefix));
            if (pid > 0 && !processAlive(pid))
                std::filesystem::remove_all(entry.path(), error);
        }
    }

    std::string path_;
};

// Continues `training` from the checkpoint a lost worker uploaded for `run`, if any. False when
// there is none or it does not fit (then `training` must be built anew: it may be half loaded).
bool resumeFromStore(TrainingRun &training, SweepStore &store, const SweepRun &run,
                     const std::string &file, TrainingObserver &publisher)
{
    if (file.empty() || !store.has(checkpointKey(run.index)))
        return false;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << store.get(checkpointKey(run.index));
    const std::string name = runName(run.config);
    try {
        const int epoch = readCheckpointInfo(file).epoch;
        training.resumeFrom(file);
        std::error_code ignored;
        std::filesystem::remove(file, ignored);
        publisher.message(name + ": resumed from epoch " + std::to_string(epoch) +
                          " (the checkpoint its lost worker uploaded)");
        return true;
    } catch (const InputError &error) {
        publisher.message(name + ": cannot resume from the uploaded checkpoint (" + error.what() +
                          "); training from the beginning");
        return false;
    }
}

// Where run `run` writes its checkpoint after every epoch: the kept files' folder, else the
// scratch folder ("" when there is none: no checkpoints).
std::string checkpointPath(const WorkerSettings &settings, const ScratchFolder &scratch,
                           const SweepRun &run)
{
    if (settings.keepFolder.empty())
        return scratch.file("run.pt");
    return settings.keepFolder + "/run-" + std::to_string(run.index) + ".normlab-checkpoint";
}

// --keep-files: the run's model file (its best weights) beside its checkpoint.
void keepModel(TrainingRun &training, const RunResult &result, const WorkerSettings &settings,
               const SweepRun &run, TrainingObserver &publisher)
{
    if (settings.keepFolder.empty() || result.history.empty())
        return; // no epoch finished: nothing worth keeping
    try {
        training.saveModel(
            settings.keepFolder + "/run-" + std::to_string(run.index) + ".normlab-model", result);
    } catch (const std::exception &error) {
        publisher.message(runName(run.config) + ": the model was not saved: " + error.what());
    }
}

RunResult trainRun(const SweepRun &run, DataCache &cache, SlotPublisher &publisher,
                   const Heartbeat &beat, SweepStore &store, const ScratchFolder &scratch,
                   const WorkerSettings &settings)
{
    std::string error;
    const auto data = cache.load(run.config, beat.cancelFlag(), error);
    if (!data)
        return failedRun(run.config, "data on worker " + hostName() + ": " + error);
    // One fold of a cross-validation is one run (the window queues each fold as a job); every
    // fold at once is several, which a sweep slot cannot report.
    if (run.config.folds != 0 && run.config.fold == 0)
        return failedRun(run.config, "cross-validation over every fold does not run in a worker; "
                                     "a single fold (fold 1..folds) does");
    try {
        auto training = std::make_unique<TrainingRun>(run.config, *data);
        if (!resumeFromStore(*training, store, run, scratch.file("resume.pt"), publisher) &&
            store.has(checkpointKey(run.index)))
            training = std::make_unique<TrainingRun>(run.config, *data);
        const std::string checkpoint = checkpointPath(settings, scratch, run);
        if (!checkpoint.empty()) {
            std::error_code ignored;
            std::filesystem::remove(checkpoint, ignored); // not the previous run's
            training->writeCheckpoints(checkpoint);
        }
        const RunResult result = training->run(&publisher, beat.cancelFlag());
        keepModel(*training, result, settings, run, publisher);
        return result;
    } catch (const std::exception &failure) {
        publisher.message(runName(run.config) + ": " + failure.what());
        return failedRun(run.config, failure.what());
    }
}

// Trains the run in `entry` ("<run> <attempt>") and publishes its result; false when this
// worker was stopped on its own, so the run goes back to the queue.
bool trainSlot(SweepStore &store, int64_t slot, const std::string &entry, int total,
               const WorkerSettings &settings, DataCache &cache, const Heartbeat &beat,
               const ScratchFolder &scratch, WorkerObserver *observer)
{
    std::istringstream fields(entry);
    SweepRun run;
    fields >> run.index;
    run.config = configFromJsonText(store.get("run/" + std::to_string(run.index)));
    if (settings.threads > 0 && run.config.threads == 0)
        run.config.threads = settings.threads; // a run's own count wins: its results depend on it
    if (observer)
        observer->workerRunStarting(run, total);
    SlotPublisher publisher(store, slot, run.index, checkpointPath(settings, scratch, run),
                            settings.keepFolder.empty() ? CheckpointAfterUpload::Remove
                                                        : CheckpointAfterUpload::Keep,
                            observer);
    const RunResult result = settings.simulatedTraining
                                 ? settings.simulatedTraining(run, publisher, beat.cancelFlag())
                                 : trainRun(run, cache, publisher, beat, store, scratch, settings);
    publisher.flush();
    if (result.status == RunStatus::Cancelled && !beat.sweepStopped()) {
        store.set(slotKey(slot, "abandoned"), "1");
        publisher.announce();
        return false;
    }
    store.set(slotKey(slot, "result"), resultToJson(result));
    publisher.announce(); // the coordinator reads the result at once, not at its next full poll
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
    if (!settings.keepFolder.empty()) {
        std::error_code error;
        std::filesystem::create_directories(settings.keepFolder, error);
        if (error)
            throw InputError("--keep-files " + settings.keepFolder + ": " + error.message());
    }
    Heartbeat beat(settings, worker, cancel);
    DataCache cache;
    ScratchFolder scratch;
    int trained = 0;
    while (!beat.sweepOver() && !beat.locallyCancelled()) {
        const int64_t slot = store.add("queue/claimed", 1) - 1;
        store.set(slotKey(slot, "worker"), std::to_string(worker));
        store.add("news", 1);
        const std::optional<std::string> entry = awaitSlot(store, slot, beat);
        if (!entry)
            break;
        if (*entry == "skip")
            continue;
        if (!trainSlot(store, slot, *entry, total, settings, cache, beat, scratch, observer))
            break;
        ++trained;
    }
    if (beat.lost())
        throw std::runtime_error("lost the coordinator at " + settings.coordinator.host + ":" +
                                 std::to_string(settings.coordinator.port));
    scratch.remove(); // before `left`: the coordinator may end this process once it reads it
    store.set(workerKey(worker, "left"), "1");
    return trained;
}

} // namespace normlab
