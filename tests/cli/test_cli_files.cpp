// normlab-cli's files written while training: a killed run keeps every finished epoch, and the
// streamed files equal, byte for byte, what the end-of-run writers make of the same result.

#include "cli/CliOptions.h"
#include "cli/StreamedFiles.h"
#include "normlab/CrossValidation.h"
#include "normlab/Engine.h"
#include "normlab/Insight.h"
#include "normlab/ResultsCsv.h"
#include "normlab/Sweep.h"

#include "CliRunner.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

using namespace normlab;
using fixtures::runCli;
using fixtures::TempDir;
using normlab::cli::StreamedRunFiles;

namespace {

constexpr auto kPollLimit = std::chrono::seconds(60);
constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr int kHistoryFields = 8; // epoch,train_loss,...,seconds
constexpr const char *kHistoryHeader =
    "epoch,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,seconds";

// normlab-cli started with posix_spawn, output to /dev/null; killed with SIGKILL and reaped when
// the guard goes out of scope, whatever the test asserted before.
class CliChild
{
public:
    explicit CliChild(const std::vector<std::string> &args)
    {
        std::vector<std::string> argv{NORMLAB_CLI_PATH};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char *> pointers;
        for (std::string &arg : argv)
            pointers.push_back(arg.data());
        pointers.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        if (posix_spawn(&pid_, pointers[0], &actions, nullptr, pointers.data(), environ) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~CliChild() { killAndReap(); }
    CliChild(const CliChild &) = delete;
    CliChild &operator=(const CliChild &) = delete;

    bool started() const { return pid_ > 0; }
    /// Whether it is still running (reaps it when it has ended).
    bool running()
    {
        if (pid_ <= 0)
            return false;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == 0)
            return true;
        pid_ = -1;
        return false;
    }
    /// kill -9 and waitpid; true when it was still running and died of the signal.
    bool killAndReap()
    {
        if (pid_ <= 0)
            return false;
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }

private:
    pid_t pid_ = -1;
};

std::string readAll(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> split(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, separator);)
        parts.push_back(part);
    return parts;
}

// The file's lines; false when its last line lacks its newline (a row cut by the kill).
bool completeLines(const std::string &text, std::vector<std::string> &lines)
{
    lines = split(text, '\n');
    return text.empty() || text.back() == '\n';
}

bool isNumber(const std::string &field)
{
    if (field.empty())
        return false;
    char *end = nullptr;
    std::strtod(field.c_str(), &end);
    return end == field.c_str() + field.size();
}

// Polls until `enough` holds for the file's text, the child ends, or kPollLimit passes.
bool waitFor(CliChild &child, const std::filesystem::path &path,
             const std::function<bool(const std::string &)> &enough)
{
    const auto deadline = std::chrono::steady_clock::now() + kPollLimit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (enough(readAll(path)))
            return true;
        if (!child.running())
            return false;
        std::this_thread::sleep_for(kPollInterval);
    }
    return false;
}

size_t lineCount(const std::string &text)
{
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Checks a history file's rows: `runColumn` fields in front of the 8 numeric history fields, and
// epochs 1, 2, ... within each run. Returns the (run, epochs) pairs in file order.
std::vector<std::pair<int, int>> checkHistoryRows(const std::vector<std::string> &rows,
                                                  bool runColumn)
{
    std::vector<std::pair<int, int>> runs;
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto fields = split(rows[i], ',');
        EXPECT_EQ(fields.size(), static_cast<size_t>(kHistoryFields + (runColumn ? 1 : 0)))
            << "row " << i + 1 << ": " << rows[i];
        for (const std::string &field : fields)
            EXPECT_TRUE(isNumber(field)) << "row " << i + 1 << ": " << rows[i];
        if (fields.size() < 2)
            continue;
        const int run = runColumn ? std::atoi(fields[0].c_str()) : 1;
        const int epoch = std::atoi(fields[runColumn ? 1 : 0].c_str());
        if (runs.empty() || runs.back().first != run)
            runs.push_back({run, 0});
        EXPECT_EQ(epoch, runs.back().second + 1) << "row " << i + 1 << ": " << rows[i];
        runs.back().second = epoch;
    }
    return runs;
}

} // namespace

TEST(CliKilled, TrainKeepsTheHeaderAndEveryFinishedEpoch)
{
    const TempDir dir;
    const auto history = dir.file("h.csv"), stats = dir.file("s.csv");
    CliChild child({"train", "--limit", "600", "--epochs", "200", "--threads", "1", "--history",
                    history.string(), "--stats", stats.string()});
    ASSERT_TRUE(child.started());
    const bool enough = waitFor(child, history, [&](const std::string &text) {
        return lineCount(text) >= 4 && std::filesystem::exists(stats);
    });
    ASSERT_TRUE(enough) << "no 3 epoch rows in " << history << " within the time limit";
    ASSERT_TRUE(child.killAndReap()) << "normlab-cli ended before the kill";

    std::vector<std::string> lines;
    EXPECT_TRUE(completeLines(readAll(history), lines)) << "the last row is cut off";
    ASSERT_GE(lines.size(), 4u);
    EXPECT_EQ(lines[0], kHistoryHeader);
    const auto runs = checkHistoryRows({lines.begin() + 1, lines.end()}, false);
    ASSERT_EQ(runs.size(), 1u);
    const int epochs = runs[0].second;
    EXPECT_EQ(epochs, static_cast<int>(lines.size()) - 1);

    // --stats is whole as of the epoch before the kill, or the one before that (it is rewritten
    // just after the history row): its loss gaps are epochs 1..m, m = epochs or epochs - 1.
    std::vector<std::string> statsLines;
    EXPECT_TRUE(completeLines(readAll(stats), statsLines));
    ASSERT_FALSE(statsLines.empty());
    EXPECT_EQ(statsLines[0], "series,step,epoch,layer,value");
    int lossGaps = 0;
    for (size_t i = 1; i < statsLines.size(); ++i) {
        const auto fields = split(statsLines[i], ',');
        ASSERT_GE(fields.size(), 3u) << statsLines[i];
        if (fields[0] == "loss-gap") {
            EXPECT_EQ(std::atoi(fields[2].c_str()), ++lossGaps) << statsLines[i];
        }
    }
    EXPECT_GE(lossGaps, epochs - 1);
    EXPECT_LE(lossGaps, epochs);
}

TEST(CliKilled, SweepKeepsEveryFinishedEpochWithItsRun)
{
    const TempDir dir;
    const auto sweepFile = dir.file("sweep.json"), history = dir.file("h.csv"),
               results = dir.file("r.csv");
    std::ofstream(sweepFile) << R"({"base": {"limit": 600, "epochs": 2, "threads": 1},
                                    "grid": {"norm": ["none", "batch"]}, "repeats": 100})";
    CliChild child({"sweep", sweepFile.string(), "--history", history.string(), "--results",
                    results.string()});
    ASSERT_TRUE(child.started());
    // Until run 3 has its first epoch: two runs whole, one begun.
    const bool enough = waitFor(child, history, [](const std::string &text) {
        return text.find("\n3,1,") != std::string::npos;
    });
    ASSERT_TRUE(enough) << "run 3 did not start within the time limit";
    ASSERT_TRUE(child.killAndReap()) << "normlab-cli ended before the kill";

    std::vector<std::string> lines;
    EXPECT_TRUE(completeLines(readAll(history), lines)) << "the last row is cut off";
    ASSERT_GE(lines.size(), 2u);
    EXPECT_EQ(lines[0], std::string("run,") + kHistoryHeader);
    const auto runs = checkHistoryRows({lines.begin() + 1, lines.end()}, true);
    ASSERT_GE(runs.size(), 3u);
    for (size_t i = 0; i < runs.size(); ++i) {
        EXPECT_EQ(runs[i].first, static_cast<int>(i + 1));
        if (i + 1 < runs.size()) {
            EXPECT_EQ(runs[i].second, 2) << "run " << i + 1 << " finished both its epochs";
        }
    }
    // --results: one row per finished run, appended as it finished (the last run in the history
    // may have ended just before the kill).
    const auto resultRows = fixtures::readLines(results);
    ASSERT_FALSE(resultRows.empty());
    EXPECT_GE(resultRows.size() - 1, runs.size() - 1);
    EXPECT_LE(resultRows.size() - 1, runs.size());
}

TEST(CliStreamedFiles, HistoryAndStatsEqualTheEndOfRunWriters)
{
    const TempDir dir;
    CliOptions options;
    options.historyPath = dir.file("streamed.csv").string();
    options.statsPath = dir.file("stats.csv").string();
    options.config.limit = 200;
    options.config.epochs = 3;
    options.config.threads = 1;
    options.config.statsEvery = 2;
    const auto data = loadData(options.config);
    TrainingObserver silent;
    RunResult result;
    {
        StreamedRunFiles files(options, StreamedRunFiles::HistoryLayout::OneRun, silent);
        result = runExperiment(options.config, *data, &files);
    }
    ASSERT_EQ(result.history.size(), 3u);
    ASSERT_FALSE(result.insight.gradientNorms.empty());
    const auto expected = dir.file("expected.csv").string();
    writeHistoryCsv(expected, result);
    EXPECT_EQ(readAll(options.historyPath), readAll(expected));
    // The stats as last rewritten (the command writes them once more at the end).
    const auto expectedStats = dir.file("expected-stats.csv").string();
    writeInsightCsv(expectedStats, result);
    EXPECT_EQ(readAll(options.statsPath), readAll(expectedStats));
    EXPECT_FALSE(std::filesystem::exists(options.statsPath + ".partial"));
}

TEST(CliStreamedFiles, SweepAndFoldHistoriesEqualTheEndOfRunWriter)
{
    const TempDir dir;
    CliOptions options;
    options.historyPath = dir.file("sweep.csv").string();
    const auto runs = expandSweep(parseSweepJson(
        R"({"base": {"limit": 120, "epochs": 2, "threads": 1}, "grid": {"norm": ["none", "batch"]}})",
        "test sweep"));
    SweepObserver silentSweep;
    std::vector<RunResult> results;
    {
        StreamedRunFiles files(options, silentSweep);
        results = runSweep(runs, &files);
    }
    ASSERT_EQ(results.size(), 2u);
    const auto expected = dir.file("expected.csv").string();
    writeSweepHistoryCsv(expected, results);
    EXPECT_EQ(readAll(options.historyPath), readAll(expected));

    // train --folds: the fold's position in the run column.
    options.historyPath = dir.file("folds.csv").string();
    ExperimentConfig config = runs[0].config;
    config.folds = 2;
    const auto data = loadData(config);
    TrainingObserver silent;
    CrossValidationResult cv;
    {
        StreamedRunFiles files(options, StreamedRunFiles::HistoryLayout::RunColumn, silent);
        cv = runCrossValidation(config, *data, &files, nullptr,
                                [&files](int, int) { files.beginRun(); });
    }
    ASSERT_EQ(cv.folds.size(), 2u);
    writeSweepHistoryCsv(expected, cv.folds);
    EXPECT_EQ(readAll(options.historyPath), readAll(expected));
}

TEST(CliStreamedFiles, AnUnwritableHistoryStopsBeforeAnyTraining)
{
    const TempDir dir;
    const std::string path = dir.file("no-such-folder").string() + "/h.csv";
    const auto sweepFile = dir.file("sweep.json");
    std::ofstream(sweepFile) << R"({"base": {"limit": 600, "epochs": 200}})";
    for (const std::string &command : std::vector<std::string>{
             "train --limit 600 --epochs 200", "train --limit 600 --epochs 200 --folds 2",
             "sweep " + sweepFile.string()}) {
        const auto started = std::chrono::steady_clock::now();
        const auto out = runCli(command + " --history " + path);
        const auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        EXPECT_EQ(out.exitCode, 2) << command << "\n" << out.output;
        EXPECT_NE(out.output.find("cannot write " + path), std::string::npos) << out.output;
        EXPECT_EQ(out.output.find("epoch 1/"), std::string::npos) << out.output;
        EXPECT_EQ(out.output.find("training,"), std::string::npos) << out.output; // runStarted
        // 200 epochs take far longer than this; the check is that none ran, not a speed.
        EXPECT_LT(seconds, 20.0) << command;
    }
}
