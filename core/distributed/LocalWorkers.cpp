// Worker processes on this machine (Distributed.h): fork and exec, each in its own process group
// and killed by the kernel when this process dies, so none outlives its coordinator.

#include "normlab/Distributed.h"
#include "normlab/Errors.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace normlab {

LocalWorkerProcesses::LocalWorkerProcesses(std::string program, std::vector<std::string> args)
    : program_(std::move(program)), args_(std::move(args))
{
}

LocalWorkerProcesses::~LocalWorkerProcesses()
{
    stopAll(0.5);
}

void LocalWorkerProcesses::start()
{
    // Everything the child needs is built before fork: after it, only async-signal-safe calls.
    std::vector<char *> argv;
    argv.push_back(program_.data());
    for (auto &arg : args_)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0)
        throw InputError("cannot start a worker process: " + std::string(std::strerror(errno)));
    if (pid == 0) {
        setpgid(0, 0); // Ctrl-C in the terminal reaches the coordinator only
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127); // the coordinator died before prctl took effect
        execv(argv[0], argv.data());
        _exit(127);
    }
    pids_.push_back(pid);
}

int LocalWorkerProcesses::reapEnded()
{
    int ended = 0;
    for (auto it = pids_.begin(); it != pids_.end();) {
        int status = 0;
        if (waitpid(*it, &status, WNOHANG) == *it) {
            it = pids_.erase(it);
            ++ended;
        } else {
            ++it;
        }
    }
    return ended;
}

void LocalWorkerProcesses::stopAll(double graceSeconds)
{
    for (const pid_t pid : pids_)
        kill(pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<int64_t>(graceSeconds * 1000));
    while (!pids_.empty() && std::chrono::steady_clock::now() < deadline) {
        reapEnded();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (const pid_t pid : pids_) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    pids_.clear();
}

} // namespace normlab
