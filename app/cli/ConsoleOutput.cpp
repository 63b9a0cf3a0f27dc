#include "cli/ConsoleOutput.h"

#include "normlab/NumberFormat.h"
#include "normlab/ResultsCsv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace normlab::cli {
namespace {

constexpr size_t kMinNameWidth = 6;
constexpr size_t kCountWidth = 4;
constexpr size_t kCellWidth = 21; // "0.8768 ± 0.0100" and "[0.8500, 0.9000]" with room

// An epoch's loss or accuracy. A non-finite one keeps the text an ostream gives it ("inf",
// "-nan"): a validation loss can overflow to inf in the epoch a run diverges, and an empty split
// gives 0/0.
std::string epochMetric(double value)
{
    return std::isfinite(value) ? formatFixed(value, 4) : formatPlain(value);
}

// "Model", then "n" when the rows have a count, then the slide metrics' names.
void printMetricHeader(size_t nameWidth, bool withCount)
{
    std::cout << padded("Model", nameWidth);
    if (withCount)
        std::cout << padded("n", kCountWidth);
    for (Metric metric : kSlideMetrics)
        std::cout << padded(metricLabel(metric), kCellWidth);
    std::cout << "\n";
}

// One line per group: its name, its count, and cell(group index, metric) for each slide metric.
template <typename Cell>
void printGroupRows(const std::vector<GroupSummary> &groups, size_t nameWidth, Cell cell)
{
    for (size_t g = 0; g < groups.size(); ++g) {
        std::cout << padded(groups[g].name, nameWidth)
                  << padded(std::to_string(groups[g].n), kCountWidth);
        for (Metric metric : kSlideMetrics)
            std::cout << padded(cell(g, metric), kCellWidth);
        std::cout << "\n";
    }
}

// "baseline", "n < 2", or the p-value with "better"/"worse" when significant.
std::string welchCell(const MetricComparison &comparison)
{
    switch (comparison.mark) {
    case Significance::Baseline:
        return "baseline";
    case Significance::Untestable:
        return "n < 2";
    default:
        break;
    }
    char p[32];
    std::snprintf(p, sizeof p, "p=%.3g", comparison.test.pValue);
    std::string cell = p;
    if (comparison.mark == Significance::Better)
        cell += " better";
    else if (comparison.mark == Significance::Worse)
        cell += " worse";
    return cell;
}

} // namespace

void ProgressPrinter::runStarted(const RunInfo &info)
{
    epochs_ = info.epochs;
    if (!quiet_)
        std::cerr << info.name << ": " << info.trainSize << " training, " << info.valSize
                  << " validation, " << info.testSize << " test images; " << info.parameters
                  << " parameters\n";
}

void ProgressPrinter::epochFinished(const EpochMetrics &m)
{
    if (quiet_)
        return;
    std::cerr << epochLine(m, epochs_) << ", " << static_cast<long>(imagesPerSecond_) << " img/s\n";
}

std::string epochLine(const EpochMetrics &m, int epochs)
{
    return "epoch " + std::to_string(m.epoch) + "/" + std::to_string(epochs) + "  train loss " +
           epochMetric(m.trainLoss) + " acc " + epochMetric(m.trainAcc) + "  val loss " +
           epochMetric(m.valLoss) + " acc " + epochMetric(m.valAcc) + "  test loss " +
           epochMetric(m.testLoss) + " acc " + epochMetric(m.testAcc) + "  " +
           formatFixed(m.seconds, 1) + " s";
}

void ProgressPrinter::message(const std::string &text)
{
    std::cerr << text << "\n";
}

std::string runPrefix(const SweepRun &run, int total)
{
    return "[" + std::to_string(run.index + 1) + "/" + std::to_string(total) + "] ";
}

void printError(const std::string &message)
{
    std::cerr << "normlab-cli: " << message << "\n";
}

bool printConfigProblems(const ExperimentConfig &config)
{
    const auto problems = validate(config);
    for (const auto &problem : problems)
        printError(problem);
    return !problems.empty();
}

size_t columns(const std::string &text)
{
    size_t count = 0;
    for (unsigned char ch : text)
        count += (ch & 0xC0) != 0x80;
    return count;
}

std::string padded(const std::string &text, size_t width)
{
    const size_t used = columns(text);
    return text + std::string(used < width ? width - used : 1, ' ');
}

std::string oneLineResult(const RunResult &r)
{
    return toKey(r.status) + ", val loss " + formatMetric(r.bestValLoss) + " acc " +
           formatMetric(r.bestValAcc) + ", test loss " + formatMetric(r.testLoss) + " acc " +
           formatMetric(r.testAcc) + " (" + formatFixed(r.seconds, 1) + " s)" +
           (r.message.empty() ? "" : ": " + r.message);
}

void printGroupTable(const std::vector<GroupSummary> &groups,
                     const std::vector<GroupComparison> &comparisons, size_t baseline,
                     const std::string &samples)
{
    size_t nameWidth = kMinNameWidth;
    for (const auto &group : groups)
        nameWidth = std::max(nameWidth, columns(group.name) + 2);
    std::cout << "\nGrouped results: mean ± sample std over the " << samples << "\n";
    printMetricHeader(nameWidth, true);
    printGroupRows(groups, nameWidth, [&](size_t g, Metric metric) {
        return formatMeanStd(groups[g].metric(metric));
    });
    std::cout << "\n95% confidence intervals of the mean (Student's t, n - 1 degrees of freedom)\n";
    printMetricHeader(nameWidth, true);
    bool clipped = false;
    printGroupRows(groups, nameWidth, [&](size_t g, Metric metric) {
        clipped = clipped || groups[g].metric(metric).ciClipped;
        return formatInterval(groups[g].metric(metric));
    });
    if (clipped)
        std::cout << "* clipped to [0, 1]: with few runs the t-interval of a proportion leaves "
                     "its range\n";
    if (groups.size() < 2)
        return;
    std::cout << "\nWelch's t-test (two-sided) against \"" << groups[baseline].name
              << "\": p-value, and better/worse where p < " << kSignificanceLevel << "\n";
    printMetricHeader(nameWidth, true);
    printGroupRows(groups, nameWidth, [&](size_t g, Metric metric) {
        return welchCell(comparisons[g].metric(metric));
    });
}

void printReference(const ReferenceTable &reference)
{
    if (reference.empty())
        return;
    std::cout << "\n"
              << (reference.title.empty() ? "Reference values" : reference.title)
              << (reference.dataset.empty() ? "" : " [" + reference.dataset + "]")
              << " - the lecture's numbers, not measured here\n";
    size_t nameWidth = kMinNameWidth;
    for (const auto &row : reference.rows)
        nameWidth = std::max(nameWidth, columns(row.model) + 2);
    printMetricHeader(nameWidth, false);
    for (const auto &row : reference.rows) {
        std::cout << padded(row.model, nameWidth);
        for (Metric metric : kSlideMetrics)
            std::cout << padded(formatMetric(row.value(metric)), kCellWidth);
        std::cout << "\n";
    }
}

} // namespace normlab::cli
