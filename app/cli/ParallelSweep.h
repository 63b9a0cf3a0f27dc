#pragma once
// sweep --jobs N / --listen HOST:PORT: a sweep's runs in worker processes (normlab-cli worker),
// handed out by the distributed engine (normlab/Distributed.h, docs/distributed.md), with the
// plain sweep's progress lines and streamed files.

#include "cli/CliOptions.h"
#include "cli/StreamedFiles.h"

#include "normlab/Results.h"
#include "normlab/Sweep.h"

#include <vector>

namespace normlab::cli {

/// True when the options ask for worker processes: --jobs 2 or more, or --listen.
bool wantsWorkers(const CliOptions &options);

/// Runs `runs` on local worker processes (--jobs) and/or workers that connect from elsewhere
/// (--listen). `files` receives each epoch (--history, with the run's queue position) and each
/// finished run (its line and --results row) as it comes. Returns the results in queue order
/// (runs never started after Ctrl-C are absent). Throws InputError for an address it cannot
/// listen on, a missing token, or local workers that keep ending.
std::vector<RunResult> runParallelSweep(const CliOptions &options,
                                        const std::vector<SweepRun> &runs, StreamedRunFiles &files);

} // namespace normlab::cli
