#pragma once
// Statistics over repeated runs: mean, sample standard deviation, Student-t confidence intervals,
// Welch's two-sample t-test, and the grouped comparison table (runs that differ only in their seed
// form one group). No torch, no Qt: the GUI includes it.
//
// Differences between groups are tested with Welch's unequal-variances t-test (two-sided), not a
// bootstrap: runs with different seeds are independent samples, and Welch's test stays valid when
// two methods differ in spread (BatchNorm at batch size 2 is far noisier than at 64).

#include "normlab/Results.h"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace normlab {

/// Two-sided significance level of the comparison marks.
constexpr double kSignificanceLevel = 0.05;
/// Coverage of the confidence intervals.
constexpr double kConfidenceLevel = 0.95;

// ---- Distributions -----------------------------------------------------------------------------

/// Regularized incomplete beta function I_x(a, b), a, b > 0, x in [0, 1].
double regularizedIncompleteBeta(double a, double b, double x);
/// P(T <= t) for Student's t with `df` > 0 degrees of freedom (df need not be an integer).
double studentTCdf(double t, double df);
/// The p-quantile of Student's t with `df` > 0 degrees of freedom, p in (0, 1):
/// studentTQuantile(0.975, 9) = 2.2622. NaN for arguments out of range.
double studentTQuantile(double p, double df);

// ---- One sample --------------------------------------------------------------------------------

/// Arithmetic mean; NaN for no values.
double mean(const std::vector<double> &values);
/// Sample standard deviation (divisor n - 1); NaN for fewer than 2 values.
double sampleStd(const std::vector<double> &values);

/// Mean, spread and confidence interval of one metric over a group's runs.
struct MetricSummary
{
    int n = 0;        // finite values used
    double mean = 0;  // NaN when n == 0
    double std = 0;   // sample standard deviation; NaN when n < 2
    double ciLow = 0; // mean -/+ t(0.975, n - 1) * std / sqrt(n); NaN when n < 2
    double ciHigh = 0;
    bool ciClipped = false; // the t-interval left the metric's range and was cut to it
};
/// Summary of the finite entries of `values` (NaN and infinities are left out).
MetricSummary summarizeSample(const std::vector<double> &values,
                              double confidence = kConfidenceLevel);
/// `summary` with its interval cut to [lower, upper], ciClipped set when that changed it. With few
/// runs the t-interval of a proportion can leave [0, 1] (n = 2 multiplies the spread by 12.7),
/// claiming accuracies that cannot happen.
MetricSummary clipInterval(MetricSummary summary, double lower, double upper);

// ---- Two samples -------------------------------------------------------------------------------

/// Welch's t-test of mean(a) == mean(b), two-sided.
struct WelchTest
{
    bool valid = false; // false when a sample has fewer than 2 finite values
    double t = 0;       // (mean(a) - mean(b)) / sqrt(s_a^2 / n_a + s_b^2 / n_b)
    double df = 0;      // Welch-Satterthwaite degrees of freedom
    double pValue = 1;  // 2 * P(T_df > |t|)
};
/// Both samples' finite values only. With zero variance in both samples the test is degenerate:
/// equal means give p = 1, different means p = 0.
WelchTest welchTTest(const std::vector<double> &a, const std::vector<double> &b);

// ---- Groups of runs ----------------------------------------------------------------------------

/// The four metrics of the slides' tables, in their column order.
enum class Metric
{
    ValLoss,
    ValAcc,
    TestLoss,
    TestAcc
};
constexpr size_t kMetricCount = 4;
constexpr std::array<Metric, kMetricCount> kSlideMetrics = {Metric::ValLoss, Metric::ValAcc,
                                                            Metric::TestLoss, Metric::TestAcc};
/// "Validation Loss", "Validation Accuracy", "Test Loss", "Test Accuracy" (the results CSV's
/// names).
std::string metricLabel(Metric metric);
/// Accuracies: higher is better; losses: lower is better.
bool higherIsBetter(Metric metric);
/// Accuracies are proportions in [0, 1]: summarizeRuns clips their intervals (and the final test
/// error's) to [0, 1].
bool isProportion(Metric metric);
/// The value the results table shows: best validation loss/accuracy, and the test loss/accuracy of
/// the epoch with the best validation loss.
double metricValue(const RunResult &result, Metric metric);
/// 1 - the test accuracy of the last epoch run (double descent plots the final error); NaN if none.
double finalTestError(const RunResult &result);

/// Runs that share a configuration apart from the seed.
struct GroupSummary
{
    std::string key;             // groupKey() of the configurations
    std::string name;            // the first run's name
    ExperimentConfig config;     // the first run's configuration
    int runs = 0;                // results in the group
    int n = 0;                   // results in the statistics: all but cancelled and failed
    std::vector<uint64_t> seeds; // of the results in the statistics
    std::array<std::vector<double>, kMetricCount> values; // per counted run, by Metric
    std::array<MetricSummary, kMetricCount> metrics;      // by Metric
    MetricSummary finalTestError; // 1 - last epoch's test accuracy (double descent)
    int64_t parameters = 0;       // trainable parameters of the model

    const MetricSummary &metric(Metric m) const { return metrics[static_cast<size_t>(m)]; }
    const std::vector<double> &valuesOf(Metric m) const { return values[static_cast<size_t>(m)]; }
};

/// Identifies a run's group: the configuration as compact JSON without the keys that do not change
/// the experiment's design (seed, threads). Equal keys = repeats of one configuration.
std::string groupKey(const ExperimentConfig &config);

/// One group summarizing `results` (all taken as repeats of one configuration). Cancelled and
/// failed runs count in `runs` but not in the statistics; a diverged run is a real outcome of its
/// configuration, and its finite metrics count.
GroupSummary summarizeRuns(const std::vector<RunResult> &results);
/// Groups `results` by groupKey(result.config), in order of first appearance.
std::vector<GroupSummary> groupResults(const std::vector<RunResult> &results);

// ---- Comparison with a baseline group ----------------------------------------------------------

enum class Significance
{
    Baseline,       // the group compared against
    Better,         // p < alpha and the mean is better (lower loss, higher accuracy)
    Worse,          // p < alpha and the mean is worse
    NotSignificant, // p >= alpha
    Untestable      // fewer than 2 values in this group or the baseline
};
/// "baseline", "better", "worse", "no", "untestable".
std::string toKey(Significance significance);

struct MetricComparison
{
    double difference = 0; // mean(group) - mean(baseline)
    WelchTest test;
    Significance mark = Significance::Untestable;
};
struct GroupComparison
{
    std::array<MetricComparison, kMetricCount> metrics; // by Metric
    const MetricComparison &metric(Metric m) const { return metrics[static_cast<size_t>(m)]; }
};

/// Each group against groups[baseline] with Welch's t-test on every metric, marked at `alpha`.
/// One entry per group; the baseline's own entry is marked Baseline.
std::vector<GroupComparison> compareWithBaseline(const std::vector<GroupSummary> &groups,
                                                 size_t baseline,
                                                 double alpha = kSignificanceLevel);
/// Index of the group named `name` (exact, else the only group whose name starts with it); -1 if
/// none or ambiguous.
int findGroup(const std::vector<GroupSummary> &groups, const std::string &name);

// ---- Text and CSV ------------------------------------------------------------------------------

/// "0.7217 ± 0.0031" (4 decimals, as the slides); "0.7217" when n < 2; "-" when n == 0.
std::string formatMeanStd(const MetricSummary &summary);
/// "[0.7140, 0.7294]"; "[0.9105, 1.0000]*" when clipped to the metric's range; "-" when n < 2.
std::string formatInterval(const MetricSummary &summary);

/// Model, n, then for each metric: "<metric> mean", "<metric> std", "<metric> ci_low",
/// "<metric> ci_high", "<metric> p_value_vs_baseline", "<metric> significant"; then Parameters,
/// "Final Test Error mean", "Final Test Error std".
std::vector<std::string> summaryCsvHeader();
/// One row per group; `comparisons` from compareWithBaseline (empty: p-value and mark left blank).
std::vector<std::vector<std::string>>
summaryCsvRows(const std::vector<GroupSummary> &groups,
               const std::vector<GroupComparison> &comparisons);
/// Writes the header and rows, replacing the file. Throws InputError naming the path.
void writeSummaryCsv(const std::string &path, const std::vector<GroupSummary> &groups,
                     const std::vector<GroupComparison> &comparisons);

} // namespace normlab
