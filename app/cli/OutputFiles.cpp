#include "cli/OutputFiles.h"

#include "cli/ConsoleOutput.h"

#include "normlab/Errors.h"
#include "normlab/Insight.h"
#include "normlab/Statistics.h"

#include <iostream>

namespace normlab::cli {

bool writeSummaryFile(const CliOptions &options, const std::vector<GroupSummary> &groups,
                      const std::vector<GroupComparison> &comparisons)
{
    try {
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
