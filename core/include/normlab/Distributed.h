#pragma once
// Runs of a sweep in worker processes, local or on other machines, coordinated through
// torch.distributed's c10d TCPStore (the coordinator hosts it, workers are its clients). No torch
// here: the CLI and the window include it. See docs/distributed.md.
//
// The coordinator queues every run as its configuration's JSON; a worker claims the next queue
// slot atomically (the store's `add` on a counter), trains it, and writes each finished epoch
// (one key per epoch), its batch losses, layer statistics and gradient norms (one key per
// ~0.2 s chunk), its messages, a checkpoint after every epoch (one key per run, overwritten:
// a retried run continues from it) and the final result back. Workers beat
// a heartbeat every second; a worker silent for heartbeatTimeoutSeconds is counted lost and its
// run is queued again, and a run that has lost maxWorkerLosses workers is marked failed.

#include "normlab/Engine.h"
#include "normlab/Sweep.h"

#include <atomic>
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace normlab {

/// A TCP address as the command line writes it: HOST:PORT.
struct HostPort
{
    std::string host;
    int port = 0; // 0: any free port (the coordinator reports the one it got)
};

/// Parses "HOST:PORT" (port 0..65535). Throws InputError naming `option` and the text.
HostPort parseHostPort(const std::string &text, const std::string &option);
/// True for 127.x.x.x, ::1 and localhost: addresses that other machines cannot reach.
bool isLoopbackHost(const std::string &host);

/// A fresh random store prefix (32 hex digits), for sweeps whose workers the coordinator starts.
std::string randomToken();

struct CoordinatorSettings
{
    HostPort listen{"127.0.0.1", 0};
    /// The store prefix every key lives under: a worker needs it to see the sweep. Required when
    /// listen.host is not a loopback address (runDistributedSweep throws InputError).
    std::string token;
    double heartbeatTimeoutSeconds = 10;
    int maxWorkerLosses = 2; // a run whose worker was lost this often is marked failed
};

/// What the coordinator reports, on the thread that called runDistributedSweep.
class DistributedSweepObserver
{
public:
    virtual ~DistributedSweepObserver() = default;
    /// The store accepts workers now (address.port is the real port, also when 0 was asked).
    virtual void listening(const HostPort &, const std::string & /*token*/) {}
    virtual void workerJoined(int /*worker*/, const std::string & /*description*/) {}
    virtual void workerLost(int /*worker*/, const std::string & /*why*/) {}
    virtual void runStarted(const SweepRun &, int /*worker*/, int /*total*/) {}
    /// What TrainingObserver::runStarted tells in-process (sizes, layers of the series below).
    virtual void runInfo(const SweepRun &, const RunInfo &) {}
    virtual void runEpochFinished(const SweepRun &, const EpochMetrics &) {}
    virtual void runMessage(const SweepRun &, const std::string &) {}
    /// The series a TrainingObserver sees in-process, in its order, a chunk at a time (a worker
    /// sends what gathered in ~0.2 s, and all of it before each epoch's runEpochFinished). The
    /// values are the worker's bit for bit.
    virtual void runBatchesFinished(const SweepRun &, const std::vector<BatchProgress> &) {}
    virtual void runLayerStats(const SweepRun &, const std::vector<LayerStatsSample> &) {}
    virtual void runGradientNorms(const SweepRun &, const std::vector<GradientNormSample> &) {}
    /// The run's worker was lost; the run is queued again (attempt is the next one, 2 or more).
    /// resumeEpoch > 0: its worker uploaded a checkpoint after that epoch, and the next worker
    /// continues from it (0: it starts from the beginning).
    virtual void runRetried(const SweepRun &, int /*attempt*/, const std::string & /*why*/,
                            int /*resumeEpoch*/)
    {
    }
    /// Finished, failed or cancelled; called once per run, as each ends.
    virtual void runFinished(const SweepRun &, const RunResult &) {}
    /// Called about every 100 ms while the sweep waits (the CLI restarts dead local workers).
    virtual void poll() {}
};

/// Hosts the store, queues `runs` and collects their results from whatever workers connect.
/// Returns one result per run, in queue order (runs never started are absent when `cancel` is
/// set; a cancelled sweep tells every worker to stop within a second). Throws InputError when
/// the address cannot be listened on or a token is missing for a non-loopback address.
std::vector<RunResult> runDistributedSweep(const std::vector<SweepRun> &runs,
                                           const CoordinatorSettings &settings,
                                           DistributedSweepObserver *observer = nullptr,
                                           const std::atomic<bool> *cancel = nullptr);

struct WorkerSettings
{
    HostPort coordinator;
    std::string token;
    int threads = 0; // > 0: the thread count of runs that leave it at 0 (this machine's share)
    double connectTimeoutSeconds = 10;
    /// Non-empty (a worker beside its coordinator: the window's): each run also writes its
    /// checkpoint after every epoch and, at its end, its model file into this folder, as
    /// run-<index>.normlab-checkpoint and run-<index>.normlab-model. Made when missing.
    std::string keepFolder;
    /// Replaces training (the coordinator benchmark's simulated workers): reports to the
    /// observer what a run would and returns its result. Empty: runs train.
    std::function<RunResult(const SweepRun &, TrainingObserver &, const std::atomic<bool> *)>
        simulatedTraining;
};

/// What a worker reports about its own runs, on its training thread.
class WorkerObserver : public TrainingObserver
{
public:
    virtual void connected(int /*worker*/, int /*runs*/) {}
    virtual void workerRunStarting(const SweepRun &, int /*total*/) {}
    virtual void workerRunFinished(const SweepRun &, const RunResult &) {}
};

/// Connects to a coordinator and trains the runs it claims until the sweep is over or `cancel`
/// is set. Returns the number of runs it trained. Throws InputError when the coordinator cannot
/// be reached or holds no sweep under the token, and std::runtime_error when the connection is
/// lost mid-sweep.
int runWorker(const WorkerSettings &settings, WorkerObserver *observer = nullptr,
              const std::atomic<bool> *cancel = nullptr);

/// Worker processes on this machine: `count` copies of `program args`, each in its own process
/// group (Ctrl-C reaches only the coordinator, which stops them through the store) and killed
/// when this process dies. Plain POSIX; the destructor kills and reaps what is left.
class LocalWorkerProcesses
{
public:
    LocalWorkerProcesses(std::string program, std::vector<std::string> args);
    ~LocalWorkerProcesses();
    LocalWorkerProcesses(const LocalWorkerProcesses &) = delete;
    LocalWorkerProcesses &operator=(const LocalWorkerProcesses &) = delete;

    /// Starts one more. Throws InputError when the program cannot be started.
    void start();
    /// Reaps the ones that ended; returns how many ended since the last call.
    int reapEnded();
    /// SIGTERM, a grace period of `graceSeconds`, then SIGKILL; reaps them all.
    void stopAll(double graceSeconds = 2);
    int running() const { return static_cast<int>(pids_.size()); }

private:
    std::string program_;
    std::vector<std::string> args_;
    std::vector<pid_t> pids_;
};

} // namespace normlab
