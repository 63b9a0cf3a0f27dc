#pragma once
// How normlab-cli ends: its exit codes, and Ctrl-C, which stops a run after its current batch
// (the epochs done are kept) and makes the exit code 130 instead of killing the process.

#include "normlab/Results.h"

#include <atomic>
#include <vector>

namespace normlab::cli {

constexpr int kExitOk = 0;            // a result: finished, stopped early or diverged
constexpr int kExitFailed = 1;        // a run (or any run of a sweep) failed
constexpr int kExitBadInput = 2;      // bad options, configuration or files
constexpr int kExitInterrupted = 130; // Ctrl-C

/// From now on Ctrl-C sets interruptFlag() instead of ending the process. Commands call this
/// where their runs begin; before it (and in bench) Ctrl-C ends the process at once.
void catchInterrupt();

/// Set by Ctrl-C once catchInterrupt() ran; the engine's cancel flag.
const std::atomic<bool> *interruptFlag();

/// Whether Ctrl-C was pressed since catchInterrupt().
bool interrupted();

/// kExitInterrupted after Ctrl-C, else kExitFailed when a run failed, else kExitOk.
int exitStatus(const std::vector<RunResult> &results);

} // namespace normlab::cli
