#pragma once
// The files a command writes besides its console output. Each function prints a message and
// returns false when a file cannot be written; the command then exits with kExitBadInput.

#include "cli/CliOptions.h"

#include "normlab/Results.h"
#include "normlab/Statistics.h"

#include <string>
#include <vector>

namespace normlab::cli {

/// --summary (the grouped table) of a sweep or of train --folds. (--history is written as the
/// runs go: StreamedFiles.h.)
bool writeSummaryFile(const CliOptions &options, const std::vector<GroupSummary> &groups,
                      const std::vector<GroupComparison> &comparisons);

/// train --stats and --confusion, of one run.
bool writeInsightFiles(const CliOptions &options, const RunResult &result,
                       const std::vector<std::string> &classNames);

} // namespace normlab::cli
