#pragma once
// What normlab-cli prints: progress lines on stderr, result lines and grouped tables on stdout.

#include "normlab/Config.h"
#include "normlab/Engine.h"
#include "normlab/Statistics.h"
#include "normlab/Sweep.h"

#include <cstddef>
#include <string>
#include <vector>

namespace normlab::cli {

/// One progress line per epoch on stderr (none when quiet); the engine's messages always.
class ProgressPrinter : public TrainingObserver
{
public:
    explicit ProgressPrinter(bool quiet) : quiet_(quiet) {}

    void runStarted(const RunInfo &info) override;
    void batchFinished(const BatchProgress &p) override { imagesPerSecond_ = p.imagesPerSecond; }
    void epochFinished(const EpochMetrics &m) override;
    void message(const std::string &text) override;

private:
    bool quiet_;
    int epochs_ = 0;
    double imagesPerSecond_ = 0;
};

/// "epoch 2/10  train loss 0.9123 acc 0.6712  val loss ... test loss ...  3.1 s".
std::string epochLine(const EpochMetrics &metrics, int epochs);

/// "[3/12] ": a sweep's run by its 1-based queue position, in front of its lines.
std::string runPrefix(const SweepRun &run, int total);

/// "normlab-cli: MESSAGE" on stderr.
void printError(const std::string &message);

/// Prints every problem validate() finds in `config`; true when there was one.
bool printConfigProblems(const ExperimentConfig &config);

/// Display width of UTF-8 text ("±" is one column, two bytes).
size_t columns(const std::string &text);

/// `text` followed by spaces up to `width` columns, and at least one.
std::string padded(const std::string &text, size_t width);

/// "finished, val loss 0.41 acc 0.86, test loss ... (12.3 s)", and the run's message if any.
std::string oneLineResult(const RunResult &result);

/// Mean ± std and the 95% CI of every slide metric, one group per line, then Welch's tests
/// against groups[baseline] when there are two groups or more. `samples` names what the
/// standard deviation is over ("repeats", "folds").
void printGroupTable(const std::vector<GroupSummary> &groups,
                     const std::vector<GroupComparison> &comparisons, size_t baseline,
                     const std::string &samples = "repeats");

/// The lecture's reference numbers of a sweep, if it has any.
void printReference(const ReferenceTable &reference);

} // namespace normlab::cli
