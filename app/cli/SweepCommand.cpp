// normlab-cli sweep: a sweep file's or preset's runs one after another (or in worker processes,
// ParallelSweep.h), then the grouped table, Welch's tests against the baseline group and the
// lecture's reference numbers.

#include "cli/Commands.h"

#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"
#include "cli/OutputFiles.h"
#include "cli/ParallelSweep.h"
#include "cli/StreamedFiles.h"

#include "download/DataFolders.h"
#include "normlab/Errors.h"
#include "normlab/ResultsCsv.h"
#include "normlab/Statistics.h"
#include "normlab/Sweep.h"

#include <iostream>
#include <optional>
#include <utility>

namespace normlab::cli {
namespace {

// Progress of a sweep: one line per run on stderr, plus the epoch lines of ProgressPrinter.
class SweepPrinter : public SweepObserver
{
public:
    SweepPrinter(bool quiet, int total) : epochs_(quiet), total_(total) {}

    void sweepRunStarting(const SweepRun &run, int) override
    {
        std::cerr << runPrefix(run, total_) << runName(run.config) << ", seed " << run.config.seed
                  << "\n";
    }
    void sweepRunFinished(const SweepRun &run, const RunResult &r) override
    {
        std::cerr << runPrefix(run, total_) << r.name << ", seed " << run.config.seed << ": "
                  << oneLineResult(r) << "\n";
    }
    void runStarted(const RunInfo &info) override { epochs_.runStarted(info); }
    void batchFinished(const BatchProgress &p) override { epochs_.batchFinished(p); }
    void epochFinished(const EpochMetrics &m) override { epochs_.epochFinished(m); }
    void message(const std::string &) override {} // the run's line says it

private:
    ProgressPrinter epochs_;
    int total_;
};

// Appends each run's row to --results as it finishes, so an interrupted sweep keeps what it
// did. The first error stops the appending; the sweep reports it at the end.
class ResultsAppender : public SweepPrinter
{
public:
    ResultsAppender(bool quiet, int total, std::string path)
        : SweepPrinter(quiet, total), path_(std::move(path))
    {
    }

    void sweepRunFinished(const SweepRun &run, const RunResult &r) override
    {
        SweepPrinter::sweepRunFinished(run, r);
        if (path_.empty() || !writeError_.empty())
            return;
        try {
            appendResultsCsv(path_, r);
        } catch (const InputError &error) {
            writeError_ = error.what();
        }
    }
    const std::string &writeError() const { return writeError_; }

private:
    std::string path_, writeError_;
};

// The sweep as the command line asks for it, with its runs expanded.
struct PlannedSweep
{
    SweepSpec spec;
    std::vector<SweepRun> runs;
};

// The sweep file or preset, with the command line's options and --repeats applied. Throws
// InputError.
PlannedSweep planSweep(const CliOptions &options)
{
    PlannedSweep planned;
    planned.spec =
        options.preset.empty() ? loadSweepFile(options.sweepFile) : loadPreset(options.preset);
    applyOverrides(planned.spec, options.configOverrides);
    if (options.sweepRepeats > 0)
        planned.spec.repeats = options.sweepRepeats;
    planned.runs = expandSweep(planned.spec);
    return planned;
}

// CIFAR-10 runs whose folder is missing use the downloaded CIFAR-10 (normlab-cli get cifar10);
// other runs whose data folder is missing move to the built-in synthetic data, with a notice.
void replaceMissingData(std::vector<SweepRun> &runs)
{
    if (const int found = download::useDownloadedCifarWhereMissing(runs); found > 0)
        std::cerr << "normlab-cli: " << found << " runs use the downloaded CIFAR-10 in "
                  << download::defaultCifarFolder().toStdString() << "\n";
    const auto missing = missingDataPaths(runs);
    if (missing.empty())
        return;
    std::string list;
    for (const auto &path : missing)
        list += (list.empty() ? "" : ", ") + path;
    const int moved = useBuiltInDataWhereMissing(runs);
    std::cerr << "normlab-cli: data not found (" << list << "); " << moved
              << " runs use the built-in synthetic dataset instead and their names end in \""
              << kBuiltInDataSuffix << "\". Pass --data PATH to use the real data.\n";
}

// Prints every problem of the runs' configurations; true when there was one.
bool printSweepProblems(const std::vector<SweepRun> &runs)
{
    const auto problems = validateSweep(runs);
    for (const auto &problem : problems)
        printError(problem);
    return !problems.empty();
}

void printSweepStart(const PlannedSweep &planned)
{
    const auto &runs = planned.runs;
    const int groupCount = runs.empty() ? 0 : runs.back().group + 1;
    std::cerr << (planned.spec.name.empty() ? "Sweep " + planned.spec.path : planned.spec.name)
              << ": " << runs.size() << " runs of " << groupCount << " configurations\n";
}

// The group --baseline names, or the first (with a notice when the name fits no single group).
size_t baselineGroup(const std::vector<GroupSummary> &groups, const std::string &name)
{
    if (name.empty())
        return 0;
    const int found = findGroup(groups, name);
    if (found >= 0)
        return static_cast<size_t>(found);
    std::cerr << "normlab-cli: --baseline '" << name
              << "' names no single group; testing against the first\n";
    return 0;
}

// The tables on stdout and the files; the exit status of the whole sweep.
int finishSweep(const CliOptions &options, const PlannedSweep &planned,
                const std::vector<RunResult> &results, const ResultsAppender &appender,
                const StreamedRunFiles &files)
{
    const auto groups = groupResults(results);
    const size_t baseline = baselineGroup(groups, options.baseline);
    const auto comparisons = compareWithBaseline(groups, baseline);
    if (!groups.empty())
        printGroupTable(groups, comparisons, baseline);
    printReference(planned.spec.reference);
    bool written = files.reportHistoryError();
    if (!writeSummaryFile(options, groups, comparisons))
        written = false;
    if (!appender.writeError().empty()) {
        printError(appender.writeError());
        written = false;
    }
    return written ? exitStatus(results) : kExitBadInput;
}

} // namespace

int sweep(const CliOptions &options)
{
    PlannedSweep planned;
    try {
        planned = planSweep(options);
    } catch (const InputError &error) {
        printError(error.what());
        return kExitBadInput;
    }
    replaceMissingData(planned.runs);
    if (printSweepProblems(planned.runs))
        return kExitBadInput;
    printSweepStart(planned);

    // Runs in parallel print their epochs themselves, with the run in front.
    const bool parallel = wantsWorkers(options);
    ResultsAppender appender(options.quiet || parallel, static_cast<int>(planned.runs.size()),
                             options.resultsPath);
    std::optional<StreamedRunFiles> files;
    try {
        files.emplace(options, appender); // opens --history before any run
    } catch (const InputError &error) {
        printError(error.what());
        return kExitBadInput;
    }
    catchInterrupt();
    std::vector<RunResult> results;
    try {
        results = parallel ? runParallelSweep(options, planned.runs, *files)
                           : runSweep(planned.runs, &*files, interruptFlag());
    } catch (const InputError &error) {
        printError(error.what());
        return kExitBadInput;
    }
    return finishSweep(options, planned, results, appender, *files);
}

} // namespace normlab::cli
