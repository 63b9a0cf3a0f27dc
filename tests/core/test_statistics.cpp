// Statistics over repeated runs: t quantiles, mean/std/CI, Welch's t-test, grouping, comparison
// marks and the summary CSV, each against hand-computed or published values.

#include "normlab/Errors.h"
#include "normlab/ResultsCsv.h"
#include "normlab/Statistics.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

using namespace normlab;

namespace {

constexpr double kPi = 3.14159265358979323846;

RunResult resultWith(NormKind norm, uint64_t seed, double valLoss, double valAcc, double testLoss,
                     double testAcc, RunStatus status = RunStatus::Finished)
{
    RunResult r;
    r.config.norm = norm;
    r.config.seed = seed;
    r.name = defaultRunName(r.config);
    r.status = status;
    r.bestValLoss = valLoss;
    r.bestValAcc = valAcc;
    r.testLoss = testLoss;
    r.testAcc = testAcc;
    EpochMetrics last;
    last.epoch = 1;
    last.testAcc = testAcc - 0.01; // the last epoch need not be the best one
    r.history.push_back(last);
    r.parameters = 1234;
    return r;
}

} // namespace

TEST(Statistics, StudentTQuantilesMatchPublishedTables)
{
    // Two-sided 95% and 99% critical values and one-sided 95%, from any t table.
    EXPECT_NEAR(studentTQuantile(0.975, 1), 12.7062, 5e-4);
    EXPECT_NEAR(studentTQuantile(0.975, 2), 4.3027, 5e-4);
    EXPECT_NEAR(studentTQuantile(0.975, 4), 2.7764, 5e-4);
    EXPECT_NEAR(studentTQuantile(0.975, 9), 2.2622, 5e-4);
    EXPECT_NEAR(studentTQuantile(0.975, 30), 2.0423, 5e-4);
    EXPECT_NEAR(studentTQuantile(0.995, 5), 4.0321, 5e-4);
    EXPECT_NEAR(studentTQuantile(0.95, 10), 1.8125, 5e-4);
    // Large df approaches the normal quantile 1.95996.
    EXPECT_NEAR(studentTQuantile(0.975, 1e7), 1.95996, 1e-4);
    EXPECT_NEAR(studentTQuantile(0.025, 9), -studentTQuantile(0.975, 9), 1e-12);
    EXPECT_EQ(studentTQuantile(0.5, 3), 0.0);
    EXPECT_TRUE(std::isnan(studentTQuantile(1.0, 3)));
    EXPECT_TRUE(std::isnan(studentTQuantile(0.9, 0)));
}

TEST(Statistics, IncompleteBetaAndTCdfMatchClosedForms)
{
    for (double x : {0.1, 0.37, 0.5, 0.8, 0.99}) {
        EXPECT_NEAR(regularizedIncompleteBeta(1, 1, x), x, 1e-12);
        EXPECT_NEAR(regularizedIncompleteBeta(3, 1, x), std::pow(x, 3), 1e-12);
        EXPECT_NEAR(regularizedIncompleteBeta(1, 4, x), 1 - std::pow(1 - x, 4), 1e-12);
    }
    EXPECT_NEAR(regularizedIncompleteBeta(7.5, 7.5, 0.5), 0.5, 1e-12);
    EXPECT_EQ(regularizedIncompleteBeta(2, 3, 0), 0.0);
    EXPECT_EQ(regularizedIncompleteBeta(2, 3, 1), 1.0);
    for (double t : {-3.0, -0.5, 0.0, 0.7, 2.5}) {
        // df = 1 is the Cauchy distribution; df = 2 has the closed form 1/2 + t / (2 sqrt(2 +
        // t^2)).
        EXPECT_NEAR(studentTCdf(t, 1), 0.5 + std::atan(t) / kPi, 1e-12) << t;
        EXPECT_NEAR(studentTCdf(t, 2), 0.5 + t / (2 * std::sqrt(2 + t * t)), 1e-12) << t;
    }
}

TEST(Statistics, MeanStdAndConfidenceIntervalByHand)
{
    const std::vector<double> values = {1, 2, 3, 4, 5};
    EXPECT_DOUBLE_EQ(mean(values), 3.0);
    // Squared deviations 4 + 1 + 0 + 1 + 4 = 10, over n - 1 = 4.
    EXPECT_NEAR(sampleStd(values), std::sqrt(2.5), 1e-12);
    const MetricSummary s = summarizeSample(values);
    EXPECT_EQ(s.n, 5);
    // Half width t(0.975, 4) * s / sqrt(5) = 2.776445 * 1.581139 / 2.236068 = 1.963243.
    EXPECT_NEAR(s.ciLow, 3.0 - 1.963243, 1e-5);
    EXPECT_NEAR(s.ciHigh, 3.0 + 1.963243, 1e-5);
}

TEST(Statistics, SummariesSkipNonFiniteValuesAndNeedTwoForSpread)
{
    const MetricSummary s = summarizeSample({0.5, NAN, 0.7, INFINITY});
    EXPECT_EQ(s.n, 2);
    EXPECT_DOUBLE_EQ(s.mean, 0.6);
    EXPECT_NEAR(s.std, std::sqrt(0.02), 1e-12);
    const MetricSummary one = summarizeSample({0.5});
    EXPECT_EQ(one.n, 1);
    EXPECT_DOUBLE_EQ(one.mean, 0.5);
    EXPECT_TRUE(std::isnan(one.std));
    EXPECT_TRUE(std::isnan(one.ciLow));
    EXPECT_EQ(formatMeanStd(one), "0.5000");
    EXPECT_EQ(formatInterval(one), "-");
    EXPECT_EQ(formatMeanStd(s), "0.6000 ± 0.1414");
    EXPECT_EQ(summarizeSample({}).n, 0);
    EXPECT_EQ(formatMeanStd(summarizeSample({})), "-");
}

TEST(Statistics, AccuracyIntervalsStayWithinZeroAndOne)
{
    // n = 2: t(0.975, 1) = 12.706, so the raw interval of 0.95 and 0.99 reaches past 1, and that
    // of 0.02 and 0.10 below 0. Accuracies are proportions: their intervals are cut to [0, 1].
    const std::vector<RunResult> results = {
        resultWith(NormKind::None, 1, 0.9, 0.95, 0.1, 0.02),
        resultWith(NormKind::None, 2, 0.1, 0.99, 0.9, 0.10),
    };
    const GroupSummary group = summarizeRuns(results);
    const double t = studentTQuantile(0.975, 1);
    // Two values: s = |a - b| / sqrt(2), so the half width t * s / sqrt(2) is t * |a - b| / 2.
    const auto rawInterval = [t](double a, double b) {
        const double m = (a + b) / 2, halfWidth = t * std::abs(a - b) / 2;
        return std::pair{m - halfWidth, m + halfWidth};
    };
    const auto [valLow, valHigh] = rawInterval(0.95, 0.99);
    ASSERT_GT(valHigh, 1.0);
    const MetricSummary &valAcc = group.metric(Metric::ValAcc);
    EXPECT_NEAR(valAcc.ciLow, valLow, 1e-12);
    EXPECT_EQ(valAcc.ciHigh, 1.0);
    EXPECT_TRUE(valAcc.ciClipped);
    EXPECT_NEAR(valAcc.mean, 0.97, 1e-12); // the mean and spread are not touched
    const auto [testLow, testHigh] = rawInterval(0.02, 0.10);
    ASSERT_LT(testLow, 0.0);
    const MetricSummary &testAcc = group.metric(Metric::TestAcc);
    EXPECT_EQ(testAcc.ciLow, 0.0);
    EXPECT_NEAR(testAcc.ciHigh, testHigh, 1e-12);
    EXPECT_EQ(formatInterval(testAcc), "[0.0000, " + formatMetric(testHigh) + "]*");
    EXPECT_TRUE(std::isfinite(group.finalTestError.ciLow));
    EXPECT_GE(group.finalTestError.ciLow, 0.0);
    EXPECT_LE(group.finalTestError.ciHigh, 1.0);

    // The summary CSV (and so `sweep --summary`) writes the clipped bounds.
    const auto header = summaryCsvHeader();
    const auto rows = summaryCsvRows({group}, {});
    const auto column = [&header](const std::string &name) {
        return size_t(std::find(header.begin(), header.end(), name) - header.begin());
    };
    EXPECT_EQ(rows[0][column("Validation Accuracy ci_high")], "1.000000");
    EXPECT_EQ(rows[0][column("Test Accuracy ci_low")], "0.000000");

    // Inside [0, 1] nothing changes; clipInterval is the rule itself.
    const MetricSummary inside = summarizeSample({0.70, 0.72, 0.71, 0.69});
    EXPECT_FALSE(clipInterval(inside, 0, 1).ciClipped);
    EXPECT_EQ(clipInterval(inside, 0, 1).ciLow, inside.ciLow);
    EXPECT_EQ(formatInterval(inside).back(), ']');
    EXPECT_FALSE(clipInterval(summarizeSample({0.5}), 0, 1).ciClipped); // no interval to clip
}

TEST(Statistics, WelchTestMatchesHandComputation)
{
    // a: mean 3, var 2.5; b: mean 6, var 10; n = 5 each. se^2 = 0.5 + 2 = 2.5,
    // t = -3 / sqrt(2.5), df = 2.5^2 / (0.5^2 / 4 + 2^2 / 4) = 100 / 17.
    // p = 0.107531 (R: t.test(1:5, c(2, 4, 6, 8, 10)) gives p-value = 0.1075).
    const WelchTest test = welchTTest({1, 2, 3, 4, 5}, {2, 4, 6, 8, 10});
    ASSERT_TRUE(test.valid);
    EXPECT_NEAR(test.t, -3.0 / std::sqrt(2.5), 1e-12);
    EXPECT_NEAR(test.df, 100.0 / 17.0, 1e-12);
    EXPECT_NEAR(test.pValue, 0.1075312, 1e-6);

    // Equal sizes and variances: df = 2(n - 1) = 2, where p = 1 - |t| / sqrt(2 + t^2) exactly.
    const WelchTest equal = welchTTest({0, 2}, {3, 5});
    const double t = -3.0 / std::sqrt(2.0);
    EXPECT_NEAR(equal.t, t, 1e-12);
    EXPECT_NEAR(equal.df, 2.0, 1e-12);
    EXPECT_NEAR(equal.pValue, 1 - std::abs(t) / std::sqrt(2 + t * t), 1e-10);

    const WelchTest swapped = welchTTest({2, 4, 6, 8, 10}, {1, 2, 3, 4, 5});
    EXPECT_NEAR(swapped.t, -test.t, 1e-12);
    EXPECT_NEAR(swapped.pValue, test.pValue, 1e-12);
}

TEST(Statistics, WelchTestEdgeCases)
{
    EXPECT_FALSE(welchTTest({1}, {2, 3}).valid);
    EXPECT_FALSE(welchTTest({1, NAN}, {2, 3}).valid);
    const WelchTest same = welchTTest({0.5, 0.5}, {0.5, 0.5, 0.5});
    EXPECT_TRUE(same.valid);
    EXPECT_EQ(same.pValue, 1.0);
    const WelchTest apart = welchTTest({0.5, 0.5}, {0.7, 0.7});
    EXPECT_EQ(apart.pValue, 0.0);
    // Far apart with little spread: tiny but positive p.
    const WelchTest clear = welchTTest({0.70, 0.71, 0.72}, {0.80, 0.81, 0.82});
    EXPECT_GT(clear.pValue, 0.0);
    EXPECT_LT(clear.pValue, 1e-3);
}

TEST(Statistics, GroupsRepeatsBySeedAndSkipsCancelledRuns)
{
    const std::vector<RunResult> results = {
        resultWith(NormKind::None, 1, 0.9, 0.70, 0.92, 0.69),
        resultWith(NormKind::Batch, 1, 0.8, 0.73, 0.81, 0.72),
        resultWith(NormKind::None, 2, 0.8, 0.72, 0.90, 0.71),
        resultWith(NormKind::Batch, 2, 0.7, 0.75, 0.79, 0.74),
        resultWith(NormKind::Batch, 3, 0.1, 0.99, 0.10, 0.99, RunStatus::Cancelled),
    };
    const auto groups = groupResults(results);
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].name, "No Normalization");
    EXPECT_EQ(groups[1].name, "BatchNorm");
    EXPECT_EQ(groups[0].n, 2);
    EXPECT_EQ(groups[1].runs, 3);
    EXPECT_EQ(groups[1].n, 2); // the cancelled run is not a repeat
    EXPECT_EQ(groups[1].seeds, (std::vector<uint64_t>{1, 2}));
    EXPECT_NEAR(groups[0].metric(Metric::ValLoss).mean, 0.85, 1e-12);
    EXPECT_NEAR(groups[1].metric(Metric::TestAcc).mean, 0.73, 1e-12);
    EXPECT_NEAR(groups[1].metric(Metric::TestAcc).std, std::sqrt(0.0002), 1e-12);
    EXPECT_NEAR(groups[1].finalTestError.mean, 1 - 0.72, 1e-12);
    EXPECT_EQ(groups[1].parameters, 1234);
    EXPECT_EQ(groupKey(results[0].config), groupKey(results[2].config));
    EXPECT_NE(groupKey(results[0].config), groupKey(results[1].config));
}

TEST(Statistics, MarksBetterAndWorseAgainstTheBaseline)
{
    std::vector<RunResult> results;
    const double base[] = {0.70, 0.71, 0.72};
    for (uint64_t s = 0; s < 3; ++s) {
        results.push_back(
            resultWith(NormKind::None, s, 1.0 - base[s], base[s], 1.0 - base[s], base[s]));
        // BatchNorm clearly better: higher accuracy and lower loss.
        results.push_back(resultWith(NormKind::Batch, s, 0.9 - base[s], base[s] + 0.1,
                                     0.9 - base[s], base[s] + 0.1));
        // LayerNorm clearly worse.
        results.push_back(resultWith(NormKind::Layer, s, 1.1 - base[s], base[s] - 0.1,
                                     1.1 - base[s], base[s] - 0.1));
        // GroupNorm: the same numbers in another order, no difference at all.
        const double shuffled = base[(s + 1) % 3];
        results.push_back(
            resultWith(NormKind::Group, s, 1.0 - shuffled, shuffled, 1.0 - shuffled, shuffled));
    }
    results.push_back(resultWith(NormKind::Instance, 1, 0.5, 0.5, 0.5, 0.5)); // one run only
    const auto groups = groupResults(results);
    ASSERT_EQ(groups.size(), 5u);
    const auto marks = compareWithBaseline(groups, 0);
    ASSERT_EQ(marks.size(), 5u);
    for (Metric metric : kSlideMetrics) {
        EXPECT_EQ(marks[0].metric(metric).mark, Significance::Baseline);
        EXPECT_EQ(marks[1].metric(metric).mark, Significance::Better) << metricLabel(metric);
        EXPECT_EQ(marks[2].metric(metric).mark, Significance::Worse) << metricLabel(metric);
        EXPECT_EQ(marks[3].metric(metric).mark, Significance::NotSignificant);
        EXPECT_NEAR(marks[3].metric(metric).test.pValue, 1.0, 1e-9);
        EXPECT_EQ(marks[4].metric(metric).mark, Significance::Untestable);
    }
    EXPECT_NEAR(marks[1].metric(Metric::TestAcc).difference, 0.1, 1e-12);
    // Against another baseline the signs flip.
    const auto fromBatch = compareWithBaseline(groups, 1);
    EXPECT_EQ(fromBatch[0].metric(Metric::TestAcc).mark, Significance::Worse);
    EXPECT_EQ(findGroup(groups, "BatchNorm"), 1);
    EXPECT_EQ(findGroup(groups, "Layer"), 2); // a unique prefix
    EXPECT_EQ(findGroup(groups, "Nothing"), -1);
}

TEST(Statistics, SummaryCsvHasOneRowPerGroupWithTheTestColumns)
{
    const std::vector<RunResult> results = {
        resultWith(NormKind::None, 1, 0.9, 0.70, 0.92, 0.69),
        resultWith(NormKind::None, 2, 0.8, 0.72, 0.90, 0.71),
        resultWith(NormKind::Batch, 1, 0.8, 0.73, 0.81, 0.72),
        resultWith(NormKind::Batch, 2, 0.7, 0.75, 0.79, 0.74),
    };
    const auto groups = groupResults(results);
    const auto comparisons = compareWithBaseline(groups, 0);
    const auto header = summaryCsvHeader();
    EXPECT_EQ(header[0], "Model");
    EXPECT_EQ(header[1], "n");
    EXPECT_EQ(header[2], "Validation Loss mean");
    EXPECT_EQ(header[5], "Validation Loss ci_high");
    EXPECT_EQ(header[6], "Validation Loss p_value_vs_baseline");
    EXPECT_EQ(header[7], "Validation Loss significant");
    EXPECT_EQ(header[2 + 6 * 3], "Test Accuracy mean");
    const auto rows = summaryCsvRows(groups, comparisons);
    ASSERT_EQ(rows.size(), 2u);
    for (const auto &row : rows)
        EXPECT_EQ(row.size(), header.size());
    EXPECT_EQ(rows[0][0], "No Normalization");
    EXPECT_EQ(rows[0][1], "2");
    EXPECT_EQ(rows[0][2], "0.850000");
    EXPECT_EQ(rows[0][7], "baseline");
    EXPECT_EQ(rows[0][6], "");
    EXPECT_FALSE(rows[1][6].empty());

    const fixtures::TempDir dir;
    const auto path = dir.file("summary.csv");
    writeSummaryCsv(path.string(), groups, comparisons);
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].rfind("Model,n,Validation Loss mean,", 0), 0u);
    EXPECT_EQ(lines[2].rfind("BatchNorm,2,", 0), 0u);
    EXPECT_THROW(writeSummaryCsv("/nonexistent/dir/summary.csv", groups, comparisons), InputError);
}
