#include "cli/StreamedFiles.h"

#include "cli/ConsoleOutput.h"

#include "normlab/Errors.h"
#include "normlab/Insight.h"

#include <filesystem>
#include <system_error>

namespace normlab::cli {

StreamedRunFiles::StreamedRunFiles(const CliOptions &options, HistoryLayout layout,
                                   TrainingObserver &progress)
    : progress_(progress), layout_(layout), statsPath_(options.statsPath)
{
    if (options.historyPath.empty())
        return;
    history_ = std::make_unique<HistoryCsvStream>(
        options.historyPath,
        layout == HistoryLayout::RunColumn ? sweepHistoryCsvHeader() : historyCsvHeader());
}

StreamedRunFiles::StreamedRunFiles(const CliOptions &options, SweepObserver &progress)
    : StreamedRunFiles(options, HistoryLayout::RunColumn, static_cast<TrainingObserver &>(progress))
{
    sweepProgress_ = &progress;
}

void StreamedRunFiles::sweepRunStarting(const SweepRun &run, int total)
{
    beginRun();
    if (sweepProgress_)
        sweepProgress_->sweepRunStarting(run, total);
}

void StreamedRunFiles::sweepRunFinished(const SweepRun &run, const RunResult &result)
{
    if (sweepProgress_)
        sweepProgress_->sweepRunFinished(run, result);
}

void StreamedRunFiles::runStarted(const RunInfo &info)
{
    recorded_ = RunResult();
    recorded_.insight.blockNames = info.blockNames;
    recorded_.insight.gradientLayers = info.gradientLayers;
    recorded_.insight.probeSize = info.probeSize;
    progress_.runStarted(info);
}

void StreamedRunFiles::batchFinished(const BatchProgress &progress)
{
    progress_.batchFinished(progress);
}

void StreamedRunFiles::epochFinished(const EpochMetrics &metrics)
{
    appendHistory(metrics);
    if (!statsPath_.empty()) {
        recorded_.history.push_back(metrics);
        rewriteStats();
    }
    progress_.epochFinished(metrics);
}

void StreamedRunFiles::message(const std::string &text)
{
    progress_.message(text);
}

void StreamedRunFiles::layerStatsRecorded(const LayerStatsSample &sample)
{
    if (!statsPath_.empty())
        recorded_.insight.layerStats.push_back(sample);
    progress_.layerStatsRecorded(sample);
}

void StreamedRunFiles::gradientNormsRecorded(const GradientNormSample &sample)
{
    if (!statsPath_.empty())
        recorded_.insight.gradientNorms.push_back(sample);
    progress_.gradientNormsRecorded(sample);
}

bool StreamedRunFiles::reportHistoryError() const
{
    if (historyError_.empty())
        return true;
    printError(historyError_ + "; it lacks the epochs after that");
    return false;
}

// The first error stops the appending (a row after a lost one would misplace it); the command
// reports it at the end.
void StreamedRunFiles::appendHistory(const EpochMetrics &metrics)
{
    if (!history_ || !historyError_.empty())
        return;
    try {
        history_->append(layout_ == HistoryLayout::RunColumn ? sweepHistoryCsvRow(run_, metrics)
                                                             : historyCsvRow(metrics));
    } catch (const InputError &error) {
        historyError_ = error.what();
    }
}

// The stats file is grouped by series (every layer statistic, then every gradient norm, then the
// loss gaps), so a finished epoch's rows cannot be appended at its end: the whole file is
// rewritten from what was recorded so far, into FILE.partial and then renamed over FILE, so a
// kill during the write leaves the previous complete file. The command still writes it whole
// when the run ends.
void StreamedRunFiles::rewriteStats()
{
    if (statsFailed_)
        return;
    const std::string partial = statsPath_ + ".partial";
    std::error_code ec;
    try {
        writeInsightCsv(partial, recorded_);
        std::filesystem::rename(partial, statsPath_, ec);
        if (ec)
            throw InputError("cannot replace " + statsPath_ + ": " + ec.message());
    } catch (const InputError &error) {
        statsFailed_ = true;
        std::filesystem::remove(partial, ec);
        printError(std::string(error.what()) + "; " + statsPath_ +
                   " will be written only when the run ends");
    }
}

} // namespace normlab::cli
