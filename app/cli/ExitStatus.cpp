#include "cli/ExitStatus.h"

#include <csignal>

namespace normlab::cli {
namespace {

std::atomic<bool> interruptRequested{false};

void onInterrupt(int)
{
    interruptRequested.store(true);
}

} // namespace

void catchInterrupt()
{
    std::signal(SIGINT, onInterrupt);
}

const std::atomic<bool> *interruptFlag()
{
    return &interruptRequested;
}

bool interrupted()
{
    return interruptRequested.load();
}

int exitStatus(const std::vector<RunResult> &results)
{
    if (interrupted())
        return kExitInterrupted;
    for (const auto &result : results)
        if (result.status == RunStatus::Failed)
            return kExitFailed;
    return kExitOk;
}

} // namespace normlab::cli
