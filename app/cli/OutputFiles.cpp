#include "cli/OutputFiles.h"

#include "cli/ConsoleOutput.h"

#include "normlab/Errors.h"
#include "normlab/Insight.h"
#include "normlab/Sweep.h"

#include <iostream>

namespace normlab::cli {

bool writeHistoryAndSummary(const CliOptions &options, const std::vector<RunResult> &results,
                            const std::vector<GroupSummary> &groups,
                            const std::vector<GroupComparison> &comparisons)
{
    try {
        if (!options.historyPath.empty())
            writeSweepHistoryCsv(options.historyPath, results);
        if (!options.summaryPath.empty())
            writeSummaryCsv(options.summaryPath, groups, comparisons);
    } catch (const InputError &error) {
        printError(error.what());
        return false;
    }
    return true;
}

bool writeInsightFiles(const CliOptions &options, const RunResult &result,
                       const std::vector<std::string> &classNames)
{
    try {
        if (!options.statsPath.empty())
            writeInsightCsv(options.statsPath, result);
        if (!options.confusionPath.empty()) {
            if (result.insight.test.empty())
                printError("no epoch finished, so " + options.confusionPath +
                           " holds an empty confusion matrix");
            writeConfusionCsv(options.confusionPath, result.insight.test, classNames);
        }
    } catch (const InputError &error) {
        printError(error.what());
        return false;
    }
    return true;
}

} // namespace normlab::cli
