#pragma once
// The files a run writes while it trains (--history, --stats), so that a killed normlab-cli (kill
// -9, a crash, out of memory) keeps every finished epoch and loses at most the one in progress.

#include "cli/CliOptions.h"

#include "normlab/Engine.h"
#include "normlab/Results.h"
#include "normlab/ResultsCsv.h"
#include "normlab/Sweep.h"

#include <memory>
#include <string>

namespace normlab::cli {

/// A decorator observer: forwards every callback to the command's progress printer and writes
/// --history and --stats as the epochs finish.
class StreamedRunFiles : public SweepObserver
{
public:
    /// One run's history, or with a first column `run` (sweeps, cross-validation).
    enum class HistoryLayout
    {
        OneRun,
        RunColumn
    };

    /// Opens --history (when set) and writes its header, so an unwritable path is reported before
    /// any training. Throws InputError naming the path.
    StreamedRunFiles(const CliOptions &options, HistoryLayout layout, TrainingObserver &progress);
    /// A sweep's: run column, and the sweep's callbacks forwarded too.
    StreamedRunFiles(const CliOptions &options, SweepObserver &progress);

    /// The next run (a fold) begins; its history rows carry its 1-based position. A sweep's runs
    /// call it through sweepRunStarting.
    void beginRun() { ++run_; }
    /// The run whose epochs follow is run `position` (1-based): a parallel sweep's runs take
    /// turns, so their history rows carry their queue position rather than a count.
    void setRun(int position) { run_ = position; }

    void sweepRunStarting(const SweepRun &run, int total) override;
    void sweepRunFinished(const SweepRun &run, const RunResult &result) override;
    void runStarted(const RunInfo &info) override;
    void batchFinished(const BatchProgress &progress) override;
    void epochFinished(const EpochMetrics &metrics) override;
    void message(const std::string &text) override;
    void layerStatsRecorded(const LayerStatsSample &sample) override;
    void gradientNormsRecorded(const GradientNormSample &sample) override;

    /// Prints the first --history write error, if any; false when there was one (the file then
    /// lacks the epochs after it).
    bool reportHistoryError() const;

private:
    void appendHistory(const EpochMetrics &metrics);
    void rewriteStats();

    TrainingObserver &progress_;
    SweepObserver *sweepProgress_ = nullptr; // the same printer, when it is a sweep's
    HistoryLayout layout_;
    std::unique_ptr<HistoryCsvStream> history_;
    std::string historyError_;
    int run_ = 0;
    std::string statsPath_;
    bool statsFailed_ = false;
    RunResult recorded_; // the current run's insight and history so far, for --stats
};

} // namespace normlab::cli
