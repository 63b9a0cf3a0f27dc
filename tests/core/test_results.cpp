// Result summaries and the CSV files.

#include "normlab/Errors.h"
#include "normlab/ResultsCsv.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace normlab;

namespace {
RunResult sampleResult()
{
    RunResult r;
    r.name = "CNN + Dropout";
    r.config.dropout = 0.5;
    r.config.arch = Architecture::Fc;
    for (int e = 1; e <= 3; ++e) {
        EpochMetrics m;
        m.epoch = e;
        m.valLoss = std::vector<double>{0.9, 0.7, 0.8}[e - 1];
        m.valAcc = std::vector<double>{0.6, 0.7, 0.75}[e - 1];
        m.testLoss = std::vector<double>{0.95, 0.72, 0.69}[e - 1];
        m.testAcc = std::vector<double>{0.58, 0.71, 0.74}[e - 1];
        r.history.push_back(m);
    }
    summarizeHistory(r);
    return r;
}

std::vector<std::string> readLines(const std::string &path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}
} // namespace

TEST(Results, SummaryUsesTheBestValidationEpochForTest)
{
    const RunResult r = sampleResult();
    EXPECT_EQ(r.bestEpoch, 2);
    EXPECT_DOUBLE_EQ(r.bestValLoss, 0.7);
    EXPECT_DOUBLE_EQ(r.bestValAcc, 0.75);
    EXPECT_DOUBLE_EQ(r.testLoss, 0.72);
    EXPECT_DOUBLE_EQ(r.testAcc, 0.71);
    EXPECT_DOUBLE_EQ(r.bestTestLoss, 0.69);
    EXPECT_DOUBLE_EQ(r.bestTestAcc, 0.74);
    EXPECT_EQ(r.epochsRun, 3);
}

TEST(Results, NaNNeverWins)
{
    RunResult r = sampleResult();
    r.history[1].valLoss = std::nan("");
    summarizeHistory(r);
    EXPECT_EQ(r.bestEpoch, 3);
    RunResult empty;
    summarizeHistory(empty);
    EXPECT_TRUE(std::isnan(empty.bestValLoss));
    EXPECT_EQ(formatMetric(empty.bestValLoss), "nan");
}

TEST(Results, CsvStartsWithTheSlidesColumns)
{
    const auto header = resultsCsvHeader();
    const std::vector<std::string> slides = {"Model", "Validation Loss", "Validation Accuracy",
                                             "Test Loss", "Test Accuracy"};
    ASSERT_GE(header.size(), slides.size());
    EXPECT_TRUE(std::equal(slides.begin(), slides.end(), header.begin()));
    const auto row = resultsCsvRow(sampleResult());
    ASSERT_EQ(row.size(), header.size());
    EXPECT_EQ(row[0], "CNN + Dropout");
    EXPECT_EQ(row[1], "0.7000");
    EXPECT_EQ(row[2], "0.7500");
    EXPECT_EQ(row[3], "0.7200");
    EXPECT_EQ(row[4], "0.7100");
}

TEST(Results, CsvQuotesFieldsThatNeedIt)
{
    EXPECT_EQ(csvLine({"a", "b,c", "say \"hi\""}), "a,\"b,c\",\"say \"\"hi\"\"\"");
}

TEST(Results, AppendWritesTheHeaderOnce)
{
    const fixtures::TempDir dir;
    const auto path = dir.file("results.csv").string();
    appendResultsCsv(path, sampleResult());
    appendResultsCsv(path, sampleResult());
    const auto lines = readLines(path);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(
        lines[0].rfind("Model,Validation Loss,Validation Accuracy,Test Loss,Test Accuracy", 0), 0u);
    writeHistoryCsv(path, sampleResult());
    const auto history = readLines(path);
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[0], "epoch,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,seconds");
    EXPECT_EQ(history[2].substr(0, 2), "2,");
    try {
        appendResultsCsv("/nonexistent-dir/r.csv", sampleResult());
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/r.csv"), std::string::npos);
    }
}
