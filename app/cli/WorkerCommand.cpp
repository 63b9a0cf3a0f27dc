// normlab-cli worker: connects to a coordinator (normlab-cli sweep --jobs / --listen) and trains
// the runs it hands out until the sweep is over. It trains configurations only: nothing the
// coordinator sends is run as a command (docs/distributed.md).

#include "cli/Commands.h"

#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"

#include "normlab/Distributed.h"
#include "normlab/Errors.h"

#include <cstdlib>
#include <iostream>

namespace normlab::cli {
namespace {

// What the worker trains, on its own stderr: a line per run, and per epoch unless quiet (the
// coordinator shows the same epochs; a local worker started by sweep --jobs runs quiet).
class WorkerPrinter : public WorkerObserver
{
public:
    WorkerPrinter(bool quiet, std::string address)
        : quiet_(quiet), address_(std::move(address)), epochs_(quiet)
    {
    }

    void connected(int worker, int runs) override
    {
        if (!quiet_)
            std::cerr << "worker " << worker << ": connected to " << address_ << ", a sweep of "
                      << runs << " runs\n";
    }
    void workerRunStarting(const SweepRun &run, int total) override
    {
        prefix_ = runPrefix(run, total);
        if (!quiet_)
            std::cerr << prefix_ << runName(run.config) << ", seed " << run.config.seed << ", "
                      << run.config.threads << " threads\n";
    }
    void workerRunFinished(const SweepRun &run, const RunResult &r) override
    {
        if (!quiet_)
            std::cerr << prefix_ << r.name << ", seed " << run.config.seed << ": "
                      << oneLineResult(r) << "\n";
    }
    void runStarted(const RunInfo &info) override { epochs_.runStarted(info); }
    void batchFinished(const BatchProgress &p) override { epochs_.batchFinished(p); }
    void epochFinished(const EpochMetrics &m) override { epochs_.epochFinished(m); }
    void message(const std::string &text) override
    {
        if (!quiet_) // the coordinator prints it too
            std::cerr << prefix_ << text << "\n";
    }

private:
    bool quiet_;
    std::string address_, prefix_;
    ProgressPrinter epochs_;
};

// --token, else $NORMLAB_TOKEN (which `ps` does not show; sweep --jobs hands it over that way).
std::string workerToken(const CliOptions &options)
{
    if (!options.token.empty())
        return options.token;
    const char *fromEnvironment = std::getenv("NORMLAB_TOKEN");
    return fromEnvironment ? fromEnvironment : "";
}

} // namespace

int worker(const CliOptions &options)
{
    WorkerSettings settings;
    settings.token = workerToken(options);
    settings.threads = options.config.threads;
    settings.connectTimeoutSeconds = options.connectTimeoutSeconds;
    settings.keepFolder = options.keepFilesDir;
    try {
        settings.coordinator = parseHostPort(options.connect, "connect");
    } catch (const InputError &error) {
        printError(error.what());
        return kExitBadInput;
    }
    const std::string address =
        settings.coordinator.host + ":" + std::to_string(settings.coordinator.port);
    WorkerPrinter printer(options.quiet, address);
    catchInterrupt();
    try {
        const int trained = runWorker(settings, &printer, interruptFlag());
        if (interrupted()) {
            printError("worker stopped; its run goes back to the coordinator's queue");
            return kExitInterrupted;
        }
        if (!options.quiet)
            std::cerr << "worker: the sweep at " << address << " is over; trained " << trained
                      << (trained == 1 ? " run\n" : " runs\n");
        return kExitOk;
    } catch (const InputError &error) {
        printError(std::string("worker: ") + error.what());
        return kExitBadInput;
    } catch (const std::exception &error) {
        printError(std::string("worker: ") + error.what());
        return kExitFailed;
    }
}

} // namespace normlab::cli
