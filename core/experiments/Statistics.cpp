#include "normlab/Statistics.h"

#include "normlab/ConfigJson.h"
#include "normlab/ResultsCsv.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <limits>

namespace normlab {
namespace {

// Lentz's continued fraction for the incomplete beta: converges in a few dozen terms on the side
// of (a + 1) / (a + b + 2) where it is used; the cap only guards against pathological input.
constexpr int kBetaMaxTerms = 500;
// Relative change of the continued fraction below which it has converged.
constexpr double kBetaEpsilon = 1e-15;
// Replaces zero denominators in Lentz's method (Numerical Recipes' FPMIN).
constexpr double kBetaTiny = 1e-300;
// Bisection steps of the t quantile: each halves the bracket, so 200 reach double precision from
// any starting bracket.
constexpr int kQuantileBisections = 200;

const double kNaN = std::numeric_limits<double>::quiet_NaN();

double betaContinuedFraction(double a, double b, double x)
{
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kBetaTiny)
        d = kBetaTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= kBetaMaxTerms; ++m) {
        const double m2 = 2.0 * m;
        // Even step.
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kBetaTiny)
            d = kBetaTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kBetaTiny)
            c = kBetaTiny;
        d = 1.0 / d;
        h *= d * c;
        // Odd step.
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kBetaTiny)
            d = kBetaTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kBetaTiny)
            c = kBetaTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < kBetaEpsilon)
            break;
    }
    return h;
}

// 2 * P(T_df > |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2), computed directly so tiny p-values keep
// their precision instead of vanishing in 1 - cdf.
double twoSidedTailProbability(double t, double df)
{
    if (std::isinf(t))
        return 0.0;
    return regularizedIncompleteBeta(df / 2.0, 0.5, df / (df + t * t));
}

std::vector<double> finiteValues(const std::vector<double> &values)
{
    std::vector<double> out;
    for (double v : values)
        if (std::isfinite(v))
            out.push_back(v);
    return out;
}

// Runs whose numbers mean something: a diverged run is a genuine outcome of its configuration (its
// finite metrics count), a cancelled or failed one is not.
bool counts(const RunResult &result)
{
    return result.status != RunStatus::Cancelled && result.status != RunStatus::Failed;
}

} // namespace

double regularizedIncompleteBeta(double a, double b, double x)
{
    if (!(a > 0 && b > 0) || std::isnan(x))
        return kNaN;
    if (x <= 0)
        return 0.0;
    if (x >= 1)
        return 1.0;
    const double logFront =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(logFront);
    // The continued fraction converges fast below (a + 1) / (a + b + 2); above, use the symmetry
    // I_x(a, b) = 1 - I_{1-x}(b, a).
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * betaContinuedFraction(a, b, x) / a;
    return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double studentTCdf(double t, double df)
{
    if (!(df > 0) || std::isnan(t))
        return kNaN;
    const double tail = 0.5 * twoSidedTailProbability(t, df);
    return t > 0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double df)
{
    if (!(p > 0 && p < 1) || !(df > 0))
        return kNaN;
    if (p == 0.5)
        return 0.0;
    if (p < 0.5)
        return -studentTQuantile(1.0 - p, df);
    // The cdf is increasing: bracket the quantile in [0, high], then bisect.
    double low = 0.0, high = 1.0;
    while (studentTCdf(high, df) < p && high < 1e300)
        high *= 2.0;
    for (int i = 0; i < kQuantileBisections && high - low > 1e-15 * high; ++i) {
        const double middle = 0.5 * (low + high);
        if (studentTCdf(middle, df) < p)
            low = middle;
        else
            high = middle;
    }
    return 0.5 * (low + high);
}

double mean(const std::vector<double> &values)
{
    if (values.empty())
        return kNaN;
    double sum = 0;
    for (double v : values)
        sum += v;
    return sum / static_cast<double>(values.size());
}

double sampleStd(const std::vector<double> &values)
{
    if (values.size() < 2)
        return kNaN;
    const double m = mean(values);
    double squares = 0;
    for (double v : values)
        squares += (v - m) * (v - m);
    return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

MetricSummary summarizeSample(const std::vector<double> &values, double confidence)
{
    const std::vector<double> finite = finiteValues(values);
    MetricSummary summary;
    summary.n = static_cast<int>(finite.size());
    summary.mean = mean(finite);
    summary.std = sampleStd(finite);
    summary.ciLow = summary.ciHigh = kNaN;
    if (summary.n >= 2) {
        const double t = studentTQuantile(0.5 + confidence / 2.0, summary.n - 1.0);
        const double halfWidth = t * summary.std / std::sqrt(static_cast<double>(summary.n));
        summary.ciLow = summary.mean - halfWidth;
        summary.ciHigh = summary.mean + halfWidth;
    }
    return summary;
}

MetricSummary clipInterval(MetricSummary summary, double lower, double upper)
{
    if (summary.n < 2 || std::isnan(summary.ciLow) || std::isnan(summary.ciHigh))
        return summary;
    if (summary.ciLow < lower || summary.ciHigh > upper) {
        summary.ciLow = std::max(summary.ciLow, lower);
        summary.ciHigh = std::min(summary.ciHigh, upper);
        summary.ciClipped = true;
    }
    return summary;
}

WelchTest welchTTest(const std::vector<double> &a, const std::vector<double> &b)
{
    const std::vector<double> x = finiteValues(a), y = finiteValues(b);
    WelchTest test;
    if (x.size() < 2 || y.size() < 2)
        return test;
    const double nx = static_cast<double>(x.size()), ny = static_cast<double>(y.size());
    const double sx = sampleStd(x), sy = sampleStd(y);
    const double vx = sx * sx / nx, vy = sy * sy / ny; // squared standard errors
    const double difference = mean(x) - mean(y);
    test.valid = true;
    if (vx + vy == 0) {
        // No spread at all: the means are either identical or certainly different.
        test.df = nx + ny - 2.0;
        test.t = difference == 0
                     ? 0.0
                     : std::copysign(std::numeric_limits<double>::infinity(), difference);
        test.pValue = difference == 0 ? 1.0 : 0.0;
        return test;
    }
    test.t = difference / std::sqrt(vx + vy);
    test.df = (vx + vy) * (vx + vy) / (vx * vx / (nx - 1.0) + vy * vy / (ny - 1.0));
    test.pValue = twoSidedTailProbability(test.t, test.df);
    return test;
}

std::string metricLabel(Metric metric)
{
    switch (metric) {
    case Metric::ValLoss:
        return "Validation Loss";
    case Metric::ValAcc:
        return "Validation Accuracy";
    case Metric::TestLoss:
        return "Test Loss";
    case Metric::TestAcc:
        return "Test Accuracy";
    }
    return "?";
}

bool higherIsBetter(Metric metric)
{
    return metric == Metric::ValAcc || metric == Metric::TestAcc;
}

bool isProportion(Metric metric)
{
    return metric == Metric::ValAcc || metric == Metric::TestAcc;
}

double metricValue(const RunResult &result, Metric metric)
{
    switch (metric) {
    case Metric::ValLoss:
        return result.bestValLoss;
    case Metric::ValAcc:
        return result.bestValAcc;
    case Metric::TestLoss:
        return result.testLoss;
    case Metric::TestAcc:
        return result.testAcc;
    }
    return kNaN;
}

double finalTestError(const RunResult &result)
{
    if (result.history.empty())
        return kNaN;
    return 1.0 - result.history.back().testAcc;
}

std::string groupKey(const ExperimentConfig &config)
{
    QJsonObject object = toJson(config);
    object.remove("seed");
    object.remove("threads");
    object.remove("stats-every"); // recording does not change the training
    object.remove("fold");        // the folds of one cross-validation form one group
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

GroupSummary summarizeRuns(const std::vector<RunResult> &results)
{
    GroupSummary group;
    if (!results.empty()) {
        group.key = groupKey(results.front().config);
        group.name = results.front().name;
        group.config = results.front().config;
    }
    std::vector<double> finalErrors;
    for (const RunResult &result : results) {
        ++group.runs;
        if (result.parameters > 0 && group.parameters == 0)
            group.parameters = result.parameters;
        if (!counts(result))
            continue;
        ++group.n;
        group.seeds.push_back(result.config.seed);
        for (Metric metric : kSlideMetrics)
            group.values[static_cast<size_t>(metric)].push_back(metricValue(result, metric));
        finalErrors.push_back(finalTestError(result));
    }
    for (Metric metric : kSlideMetrics) {
        const MetricSummary summary = summarizeSample(group.valuesOf(metric));
        group.metrics[static_cast<size_t>(metric)] =
            isProportion(metric) ? clipInterval(summary, 0.0, 1.0) : summary;
    }
    group.finalTestError = clipInterval(summarizeSample(finalErrors), 0.0, 1.0);
    return group;
}

std::vector<GroupSummary> groupResults(const std::vector<RunResult> &results)
{
    std::vector<std::string> keys;
    std::vector<std::vector<RunResult>> members;
    for (const RunResult &result : results) {
        const std::string key = groupKey(result.config);
        size_t index = 0;
        while (index < keys.size() && keys[index] != key)
            ++index;
        if (index == keys.size()) {
            keys.push_back(key);
            members.emplace_back();
        }
        members[index].push_back(result);
    }
    std::vector<GroupSummary> groups;
    for (const auto &runs : members)
        groups.push_back(summarizeRuns(runs));
    return groups;
}

std::string toKey(Significance significance)
{
    switch (significance) {
    case Significance::Baseline:
        return "baseline";
    case Significance::Better:
        return "better";
    case Significance::Worse:
        return "worse";
    case Significance::NotSignificant:
        return "no";
    case Significance::Untestable:
        return "untestable";
    }
    return "?";
}

std::vector<GroupComparison> compareWithBaseline(const std::vector<GroupSummary> &groups,
                                                 size_t baseline, double alpha)
{
    std::vector<GroupComparison> comparisons(groups.size());
    if (baseline >= groups.size())
        return comparisons;
    const GroupSummary &reference = groups[baseline];
    for (size_t g = 0; g < groups.size(); ++g) {
        for (Metric metric : kSlideMetrics) {
            MetricComparison &out = comparisons[g].metrics[static_cast<size_t>(metric)];
            out.difference = groups[g].metric(metric).mean - reference.metric(metric).mean;
            if (g == baseline) {
                out.mark = Significance::Baseline;
                continue;
            }
            out.test = welchTTest(groups[g].valuesOf(metric), reference.valuesOf(metric));
            if (!out.test.valid)
                out.mark = Significance::Untestable;
            else if (!(out.test.pValue < alpha))
                out.mark = Significance::NotSignificant;
            else
                out.mark = (out.difference > 0) == higherIsBetter(metric) ? Significance::Better
                                                                          : Significance::Worse;
        }
    }
    return comparisons;
}

int findGroup(const std::vector<GroupSummary> &groups, const std::string &name)
{
    int prefixMatch = -1, prefixMatches = 0;
    for (size_t i = 0; i < groups.size(); ++i) {
        if (groups[i].name == name)
            return static_cast<int>(i);
        if (groups[i].name.rfind(name, 0) == 0) {
            prefixMatch = static_cast<int>(i);
            ++prefixMatches;
        }
    }
    return prefixMatches == 1 ? prefixMatch : -1;
}

std::string formatMeanStd(const MetricSummary &summary)
{
    if (summary.n == 0)
        return "-";
    if (summary.n < 2)
        return formatMetric(summary.mean);
    return formatMetric(summary.mean) + " ± " + formatMetric(summary.std);
}

std::string formatInterval(const MetricSummary &summary)
{
    if (summary.n < 2)
        return "-";
    return "[" + formatMetric(summary.ciLow) + ", " + formatMetric(summary.ciHigh) + "]" +
           (summary.ciClipped ? "*" : "");
}

} // namespace normlab
