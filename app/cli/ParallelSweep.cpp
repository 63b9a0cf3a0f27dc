// sweep --jobs N / --listen HOST:PORT (ParallelSweep.h): the coordinator side of normlab-cli. It
// starts the local worker processes (and starts another when one dies), prints where remote
// workers connect, and turns the coordinator's reports into the plain sweep's lines and files.

#include "cli/ParallelSweep.h"

#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"

#include "normlab/Distributed.h"
#include "normlab/Errors.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <thread>
#include <unistd.h>

namespace normlab::cli {
namespace {

// The token reaches local workers through the environment: `ps` shows every user the command
// line, while /proc/PID/environ is readable by the owner only.
constexpr const char *kTokenVariable = "NORMLAB_TOKEN";

int coreCount()
{
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string addressText(const HostPort &address)
{
    const bool ipv6 = address.host.find(':') != std::string::npos;
    return (ipv6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(address.port);
}

// The host remote workers should connect to: the one listened on, or this machine's name when
// that was "every interface".
std::string advertisedHost(const std::string &host)
{
    if (host != "0.0.0.0" && host != "::")
        return host;
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    return name;
}

// The worker processes --jobs starts on this machine. One that ends while the sweep runs (killed,
// crashed) is replaced, up to a limit: a run may cost two workers before it is marked failed.
class LocalWorkerPool
{
public:
    LocalWorkerPool(int jobs, int runs) : jobs_(jobs), restartsLeft_(2 * runs + jobs) {}
    ~LocalWorkerPool() { stop(); }

    int jobs() const { return jobs_; }
    /// Each worker's share of the cores, for runs that leave --threads at 0.
    int threadsEach() const { return std::max(1, coreCount() / std::max(1, jobs_)); }

    void start(const HostPort &coordinator, const std::string &token)
    {
        if (jobs_ == 0)
            return;
        setenv(kTokenVariable, token.c_str(), 1); // inherited by the workers
        const HostPort local{isLoopbackHost(coordinator.host) ? coordinator.host : "127.0.0.1",
                             coordinator.port};
        processes_.emplace(std::filesystem::read_symlink("/proc/self/exe").string(),
                           std::vector<std::string>{"worker", "--connect", addressText(local),
                                                    "--threads", std::to_string(threadsEach()),
                                                    "--quiet"});
        for (int i = 0; i < jobs_; ++i)
            processes_->start();
    }
    /// Replaces the workers that ended; false when none runs and no more may be started.
    bool keepUp()
    {
        if (!processes_)
            return true;
        for (int ended = processes_->reapEnded(); ended > 0 && restartsLeft_ > 0; --ended) {
            std::cerr << "normlab-cli: a local worker process ended; starting another\n";
            --restartsLeft_;
            processes_->start();
        }
        return processes_->running() > 0;
    }
    void stop()
    {
        if (processes_)
            processes_->stopAll();
    }

private:
    int jobs_;
    int restartsLeft_;
    std::optional<LocalWorkerProcesses> processes_;
};

// The coordinator's reports as the plain sweep's lines and files, plus the workers' comings
// and goings and the retries.
class ParallelSweepPrinter : public DistributedSweepObserver
{
public:
    ParallelSweepPrinter(const CliOptions &options, StreamedRunFiles &files, LocalWorkerPool &pool)
        : options_(options), files_(files), pool_(pool)
    {
    }

    void listening(const HostPort &address, const std::string &token) override
    {
        if (pool_.jobs() > 0)
            std::cerr << "Training " << pool_.jobs() << " runs at a time in local worker "
                      << "processes, " << pool_.threadsEach()
                      << (pool_.threadsEach() == 1 ? " thread" : " threads")
                      << " each (runs that set --threads keep theirs)\n";
        if (!options_.listen.empty())
            printWorkerCommand(address, token);
        pool_.start(address, token);
    }
    void workerJoined(int worker, const std::string &description) override
    {
        if (!options_.quiet)
            std::cerr << "worker " << worker << " joined: " << description << "\n";
    }
    void workerLost(int worker, const std::string &why) override
    {
        printError("worker " + std::to_string(worker) + " lost: " + why);
    }
    void runStarted(const SweepRun &run, int worker, int total) override
    {
        total_ = total;
        std::cerr << runPrefix(run, total_) << runName(run.config) << ", seed " << run.config.seed
                  << ", on worker " << worker << "\n";
    }
    void runEpochFinished(const SweepRun &run, const EpochMetrics &metrics) override
    {
        // A retried run trains its first epochs again; --history has them already (equal bit
        // for bit when the retry has the same thread count on the same kind of machine).
        int &written = historyEpochs_[run.index];
        if (metrics.epoch > written) {
            written = metrics.epoch;
            files_.setRun(run.index + 1);
            files_.epochFinished(metrics); // --history; the printer leaves the line to us
        }
        if (!options_.quiet)
            std::cerr << runPrefix(run, total_) << epochLine(metrics, run.config.epochs) << "\n";
    }
    void runMessage(const SweepRun &run, const std::string &text) override
    {
        std::cerr << runPrefix(run, total_) << text << "\n"; // as the plain sweep prints them
    }
    void runRetried(const SweepRun &run, int attempt, const std::string &why,
                    int resumeEpoch) override
    {
        std::cerr << runPrefix(run, total_) << runName(run.config) << ", seed " << run.config.seed
                  << ": " << why << "; retried (attempt " << attempt << ")"
                  << (resumeEpoch > 0 ? ", resumes from epoch " + std::to_string(resumeEpoch) +
                                            " (its last checkpoint)"
                                      : std::string())
                  << "\n";
        retried_.push_back("[" + std::to_string(run.index + 1) + "/" + std::to_string(total_) +
                           "]");
    }
    void runFinished(const SweepRun &run, const RunResult &result) override
    {
        files_.sweepRunFinished(run, result); // its line and --results row
    }
    void poll() override
    {
        if (interrupted())
            stop_ = true;
        if (!stop_ && !pool_.keepUp() && options_.listen.empty()) {
            gaveUp_ = true;
            stop_ = true;
        }
    }

    const std::atomic<bool> *stopFlag() const { return &stop_; }
    bool gaveUp() const { return gaveUp_; }
    void printRetries() const
    {
        if (retried_.empty())
            return;
        std::cerr << "Retried after their worker was lost:";
        for (const std::string &run : retried_)
            std::cerr << " " << run;
        std::cerr << "\n";
    }

private:
    void printWorkerCommand(const HostPort &address, const std::string &token) const
    {
        const HostPort advertised{advertisedHost(address.host), address.port};
        std::cerr << "Waiting for workers at " << addressText(advertised)
                  << " (LibTorch's store answers on every interface; only the token guards the "
                     "sweep). On each worker machine run:\n  normlab-cli worker --connect "
                  << addressText(advertised) << " --token " << token << "\n";
    }

    const CliOptions &options_;
    StreamedRunFiles &files_;
    LocalWorkerPool &pool_;
    int total_ = 0;
    std::atomic<bool> stop_{false};
    bool gaveUp_ = false;
    std::vector<std::string> retried_;
    std::map<int, int> historyEpochs_; // run index -> the last epoch in --history
};

// --token, else $NORMLAB_TOKEN, else a random one; none when it would have to be made up for
// another machine (the user should choose to share it).
std::string sweepToken(const CliOptions &options, const HostPort &listen)
{
    if (!options.token.empty())
        return options.token;
    if (const char *fromEnvironment = std::getenv(kTokenVariable);
        fromEnvironment && *fromEnvironment)
        return fromEnvironment;
    if (!isLoopbackHost(listen.host))
        throw InputError("--listen " + listen.host +
                         " needs --token T (16 or more letters and digits, e.g. `openssl rand "
                         "-hex 16`): the store has no authentication, and the token is the "
                         "prefix without which a client sees none of the sweep's keys");
    return randomToken();
}

} // namespace

bool wantsWorkers(const CliOptions &options)
{
    return options.jobs > 1 || !options.listen.empty();
}

std::vector<RunResult> runParallelSweep(const CliOptions &options,
                                        const std::vector<SweepRun> &runs, StreamedRunFiles &files)
{
    CoordinatorSettings settings;
    if (!options.listen.empty())
        settings.listen = parseHostPort(options.listen, "listen");
    settings.token = sweepToken(options, settings.listen);
    // --listen alone waits for remote workers; --jobs N adds N local ones (no more than runs:
    // an idle worker would only hold cores back from the threads of the others).
    const int runCount = static_cast<int>(runs.size());
    LocalWorkerPool pool(std::min(options.jobs, runCount), runCount);
    ParallelSweepPrinter printer(options, files, pool);
    std::vector<RunResult> results =
        runDistributedSweep(runs, settings, &printer, printer.stopFlag());
    pool.stop();
    printer.printRetries();
    if (printer.gaveUp())
        throw InputError("the local worker processes kept ending (see above); the sweep "
                         "stopped with the runs finished so far in --results");
    return results;
}

} // namespace normlab::cli
