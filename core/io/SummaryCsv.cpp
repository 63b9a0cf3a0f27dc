// The summary CSV of grouped runs: one row per group, mean, spread, confidence interval and the
// test against the baseline for every slide metric.

#include "normlab/NumberFormat.h"
#include "normlab/ResultsCsv.h"
#include "normlab/Statistics.h"

namespace normlab {

std::vector<std::string> summaryCsvHeader()
{
    std::vector<std::string> header = {"Model", "n"};
    for (Metric metric : kSlideMetrics) {
        const std::string label = metricLabel(metric);
        for (const char *column :
             {" mean", " std", " ci_low", " ci_high", " p_value_vs_baseline", " significant"})
            header.push_back(label + column);
    }
    header.insert(header.end(), {"Parameters", "Final Test Error mean", "Final Test Error std"});
    return header;
}

std::vector<std::vector<std::string>>
summaryCsvRows(const std::vector<GroupSummary> &groups,
               const std::vector<GroupComparison> &comparisons)
{
    std::vector<std::vector<std::string>> rows;
    for (size_t g = 0; g < groups.size(); ++g) {
        const GroupSummary &group = groups[g];
        std::vector<std::string> row = {group.name, std::to_string(group.n)};
        for (Metric metric : kSlideMetrics) {
            const MetricSummary &s = group.metric(metric);
            row.push_back(formatFixed(s.mean, 6));
            row.push_back(formatFixed(s.std, 6));
            row.push_back(formatFixed(s.ciLow, 6));
            row.push_back(formatFixed(s.ciHigh, 6));
            if (g < comparisons.size()) {
                const MetricComparison &c = comparisons[g].metric(metric);
                const bool tested =
                    c.mark != Significance::Baseline && c.mark != Significance::Untestable;
                row.push_back(tested ? formatSignificant(c.test.pValue, 4) : "");
                row.push_back(toKey(c.mark));
            } else {
                row.insert(row.end(), {"", ""});
            }
        }
        row.push_back(std::to_string(group.parameters));
        row.push_back(formatFixed(group.finalTestError.mean, 6));
        row.push_back(formatFixed(group.finalTestError.std, 6));
        rows.push_back(std::move(row));
    }
    return rows;
}

void writeSummaryCsv(const std::string &path, const std::vector<GroupSummary> &groups,
                     const std::vector<GroupComparison> &comparisons)
{
    std::vector<std::vector<std::string>> rows{summaryCsvHeader()};
    for (auto &row : summaryCsvRows(groups, comparisons))
        rows.push_back(std::move(row));
    writeCsvRows(path, rows, std::ios::trunc);
}

} // namespace normlab
