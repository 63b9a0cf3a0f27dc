// normlab-cli sweep --jobs / --listen and normlab-cli worker, end to end on 127.0.0.1: the same
// results as one run after another, remote workers that complete a sweep, a worker killed -9
// mid-run whose run is retried from its checkpoint, and the clear refusals (wrong token, nobody
// listening).

#include "cli/CliOptions.h"
#include "normlab/Errors.h"

#include "CliRunner.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <netinet/in.h>
#include <optional>
#include <regex>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

using namespace normlab;
using fixtures::readLines;
using fixtures::runCli;
using fixtures::runShell;
using fixtures::TempDir;

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProcessLimit = std::chrono::seconds(90); // a hung coordinator fails, not hangs
constexpr auto kPollInterval = std::chrono::milliseconds(20);

// 4 runs of one epoch on 300 built-in images: a second or two each on one thread.
constexpr const char *kTinySweep = R"({"base": {"limit": 300, "epochs": 1, "threads": 1},
                                       "grid": {"norm": ["none", "batch"]}, "repeats": 2})";
// 2 runs of 4 epochs: long enough for a worker to be killed in the middle of one.
constexpr const char *kLongerSweep = R"({"base": {"limit": 500, "epochs": 4, "threads": 1},
                                         "grid": {"norm": ["batch"]}, "repeats": 2})";

std::string readAll(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// normlab-cli started in the background with stdout and stderr into a file; killed (-9) and
// reaped when the guard goes out of scope, whatever the test asserted before. Its local
// workers die with it (they are started with PR_SET_PDEATHSIG).
class BackgroundCli
{
public:
    BackgroundCli(const std::vector<std::string> &args, std::filesystem::path output)
        : output_(std::move(output))
    {
        std::vector<std::string> argv{NORMLAB_CLI_PATH};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char *> pointers;
        for (std::string &arg : argv)
            pointers.push_back(arg.data());
        pointers.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
        if (posix_spawn(&pid_, pointers[0], &actions, nullptr, pointers.data(), environ) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~BackgroundCli() { kill9(); }
    BackgroundCli(const BackgroundCli &) = delete;
    BackgroundCli &operator=(const BackgroundCli &) = delete;

    bool started() const { return pid_ > 0; }
    std::string output() const { return readAll(output_); }

    /// Polls until `enough` holds for its output; false when it ended first or time ran out.
    bool waitForOutput(const std::function<bool(const std::string &)> &enough)
    {
        for (const auto deadline = Clock::now() + kProcessLimit; Clock::now() < deadline;) {
            if (enough(output()))
                return true;
            if (!running())
                return enough(output());
            std::this_thread::sleep_for(kPollInterval);
        }
        return false;
    }
    /// Its exit status once it ends; -1 when it had to be killed after kProcessLimit.
    int exitCode()
    {
        for (const auto deadline = Clock::now() + kProcessLimit; Clock::now() < deadline;) {
            if (!running())
                return exitCode_;
            std::this_thread::sleep_for(kPollInterval);
        }
        kill9();
        return -1;
    }
    void signal(int number)
    {
        if (pid_ > 0)
            ::kill(pid_, number);
    }
    /// kill -9 and reap at once (a zombie would still look alive to the coordinator).
    void kill9()
    {
        if (pid_ <= 0)
            return;
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    bool running()
    {
        if (pid_ <= 0)
            return false;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == 0)
            return true;
        exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
        return false;
    }

    std::filesystem::path output_;
    pid_t pid_ = -1;
    int exitCode_ = -1;
};

std::vector<std::string> split(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, separator);)
        parts.push_back(part);
    return parts;
}

// A results CSV's rows without its header, with the Seconds column (wall time) blanked, sorted:
// runs in parallel append in the order they finish.
std::vector<std::string> resultValues(const std::filesystem::path &path)
{
    auto lines = readLines(path);
    if (lines.empty())
        return {};
    const auto header = split(lines[0], ',');
    const auto seconds = std::find(header.begin(), header.end(), "Seconds") - header.begin();
    std::vector<std::string> rows;
    for (size_t i = 1; i < lines.size(); ++i) {
        auto fields = split(lines[i], ',');
        if (seconds < static_cast<long>(fields.size()))
            fields[seconds].clear();
        std::string row;
        for (const auto &field : fields)
            row += field + ",";
        rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// A sweep history's rows without the seconds column, sorted by run and epoch.
std::vector<std::string> historyValues(const std::filesystem::path &path)
{
    std::vector<std::string> rows;
    const auto lines = readLines(path);
    for (size_t i = 1; i < lines.size(); ++i)
        rows.push_back(lines[i].substr(0, lines[i].rfind(',')));
    std::sort(rows.begin(), rows.end());
    return rows;
}

size_t countOf(const std::string &text, const std::string &part)
{
    size_t count = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++count;
    return count;
}

// The address and token of the worker command a --listen coordinator printed.
struct WorkerCommand
{
    std::string address, token;
};

std::optional<WorkerCommand> printedWorkerCommand(const std::string &output)
{
    std::smatch match;
    static const std::regex pattern(
        "worker --connect (127\\.0\\.0\\.1:[0-9]+) --token ([0-9a-f]+)");
    if (!std::regex_search(output, match, pattern))
        return std::nullopt;
    return WorkerCommand{match[1], match[2]};
}

// A port nobody listens on: bound to get it from the kernel, then released.
int closedPort()
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    bind(fd, reinterpret_cast<sockaddr *>(&address), size);
    getsockname(fd, reinterpret_cast<sockaddr *>(&address), &size);
    close(fd);
    return ntohs(address.sin_port);
}

std::filesystem::path writeSweep(const TempDir &dir, const char *json)
{
    const auto path = dir.file("sweep.json");
    std::ofstream(path) << json;
    return path;
}

} // namespace

TEST(CliDistributedParse, SweepAndWorkerOptions)
{
    const CliOptions sweep = parseCli({"sweep", "s.json", "--jobs", "2", "--listen", "127.0.0.1:0",
                                       "--token", "0123456789abcdef"});
    EXPECT_EQ(sweep.jobs, 2);
    EXPECT_EQ(sweep.listen, "127.0.0.1:0");
    EXPECT_EQ(sweep.token, "0123456789abcdef");
    const CliOptions worker = parseCli({"worker", "--connect", "example.org:29500", "--threads",
                                        "3", "--connect-timeout", "2.5", "--quiet"});
    EXPECT_EQ(worker.command, CliCommand::Worker);
    EXPECT_EQ(worker.connect, "example.org:29500");
    EXPECT_EQ(worker.config.threads, 3);
    EXPECT_DOUBLE_EQ(worker.connectTimeoutSeconds, 2.5);
    EXPECT_TRUE(worker.quiet);

    EXPECT_THROW(parseCli({"worker"}), InputError);                        // no --connect
    EXPECT_THROW(parseCli({"worker", "--connect", "nohost"}), InputError); // no port
    EXPECT_THROW(parseCli({"worker", "--connect", "h:1", "--lr", "1"}), InputError);
    EXPECT_THROW(parseCli({"sweep", "s.json", "--token", "short"}), InputError);
    EXPECT_THROW(parseCli({"sweep", "s.json", "--jobs", "0"}), InputError);
    EXPECT_THROW(parseCli({"train", "--jobs", "2"}), InputError);
}

TEST(CliDistributed, JobsTwoGiveTheSameResultsAsOneRunAfterAnother)
{
    const TempDir dir;
    const auto sweep = writeSweep(dir, kTinySweep);
    const auto one =
        runCli("sweep " + sweep.string() + " --jobs 1 --threads 1 --quiet --results " +
               dir.file("one.csv").string() + " --history " + dir.file("one-h.csv").string());
    ASSERT_EQ(one.exitCode, 0) << one.output;
    const auto two =
        runCli("sweep " + sweep.string() + " --jobs 2 --threads 1 --quiet --results " +
               dir.file("two.csv").string() + " --history " + dir.file("two-h.csv").string());
    ASSERT_EQ(two.exitCode, 0) << two.output;
    EXPECT_NE(two.output.find("2 runs at a time in local worker processes"), std::string::npos)
        << two.output;
    EXPECT_EQ(countOf(two.output, ", on worker "), 4u) << two.output;

    const auto expected = resultValues(dir.file("one.csv"));
    ASSERT_EQ(expected.size(), 4u);
    EXPECT_EQ(resultValues(dir.file("two.csv")), expected);
    // The history rows carry each run's queue position, so they pair up too.
    EXPECT_EQ(historyValues(dir.file("two-h.csv")), historyValues(dir.file("one-h.csv")));
}

TEST(CliDistributed, ListenWithTwoWorkersCompletesEveryRun)
{
    const TempDir dir;
    const auto sweep = writeSweep(dir, kTinySweep);
    BackgroundCli coordinator({"sweep", sweep.string(), "--listen", "127.0.0.1:0", "--results",
                               dir.file("r.csv").string()},
                              dir.file("coordinator.txt"));
    ASSERT_TRUE(coordinator.started());
    ASSERT_TRUE(coordinator.waitForOutput([](const std::string &text) {
        return printedWorkerCommand(text).has_value();
    })) << coordinator.output();
    const WorkerCommand command = *printedWorkerCommand(coordinator.output());
    BackgroundCli first({"worker", "--connect", command.address, "--token", command.token},
                        dir.file("first.txt"));
    BackgroundCli second({"worker", "--connect", command.address, "--token", command.token},
                         dir.file("second.txt"));

    EXPECT_EQ(coordinator.exitCode(), 0) << coordinator.output();
    EXPECT_EQ(first.exitCode(), 0) << first.output();
    EXPECT_EQ(second.exitCode(), 0) << second.output();
    const auto rows = resultValues(dir.file("r.csv"));
    ASSERT_EQ(rows.size(), 4u) << coordinator.output();
    for (const auto &row : rows)
        EXPECT_NE(row.find(",finished,"), std::string::npos) << row;
    EXPECT_NE(coordinator.output().find("worker 0 joined"), std::string::npos);
    EXPECT_NE(coordinator.output().find("worker 1 joined"), std::string::npos);
    // Each worker says how many runs it trained; together they trained all four.
    std::smatch match;
    int trained = 0;
    for (const std::string &text : {first.output(), second.output()})
        if (std::regex_search(text, match, std::regex("is over; trained ([0-9]+) run")))
            trained += std::stoi(match[1]);
    EXPECT_EQ(trained, 4) << first.output() << second.output();
}

// The retried run continues from the checkpoint its first worker uploaded after each epoch, and
// ends exactly as the same sweep run in-process without interruption.
TEST(CliDistributed, AWorkerKilledMidRunHasItsRunResumedFromItsCheckpoint)
{
    const TempDir dir;
    const auto sweep = writeSweep(dir, kLongerSweep);
    BackgroundCli coordinator({"sweep", sweep.string(), "--listen", "127.0.0.1:0", "--results",
                               dir.file("r.csv").string(), "--history", dir.file("h.csv").string()},
                              dir.file("coordinator.txt"));
    ASSERT_TRUE(coordinator.waitForOutput([](const std::string &text) {
        return printedWorkerCommand(text).has_value();
    })) << coordinator.output();
    const WorkerCommand command = *printedWorkerCommand(coordinator.output());
    BackgroundCli doomed({"worker", "--connect", command.address, "--token", command.token},
                         dir.file("doomed.txt"));
    // Once its first run has finished two epochs of four, it is in the middle of that run and
    // has uploaded the checkpoint of epoch 1 at least (at epoch 2's first batch).
    ASSERT_TRUE(doomed.waitForOutput([](const std::string &text) {
        return text.find("epoch 2/4") != std::string::npos;
    })) << doomed.output();
    doomed.kill9();
    BackgroundCli survivor({"worker", "--connect", command.address, "--token", command.token},
                           dir.file("survivor.txt"));

    EXPECT_EQ(coordinator.exitCode(), 0) << coordinator.output();
    EXPECT_EQ(survivor.exitCode(), 0) << survivor.output();
    const auto rows = resultValues(dir.file("r.csv"));
    ASSERT_EQ(rows.size(), 2u) << coordinator.output();
    for (const auto &row : rows)
        EXPECT_NE(row.find(",finished,"), std::string::npos) << row;
    const std::string output = coordinator.output();
    EXPECT_NE(output.find("worker 0 lost"), std::string::npos) << output;
    EXPECT_EQ(countOf(output, "retried (attempt 2)"), 1u) << output;
    EXPECT_NE(output.find("Retried after their worker was lost: [1/2]\n"), std::string::npos)
        << output;
    EXPECT_TRUE(std::regex_search(output, std::regex("retried \\(attempt 2\\), resumes from "
                                                     "epoch [1-3] \\(its last checkpoint\\)")))
        << output;
    EXPECT_TRUE(std::regex_search(output, std::regex("\\[1/2\\] BatchNorm: resumed from epoch "
                                                     "[1-3] \\(the checkpoint its lost worker")))
        << output; // the survivor's own word that it resumed
    // The resumed epochs are not written twice: one row per run and epoch.
    const auto history = historyValues(dir.file("h.csv"));
    std::vector<std::string> runEpochs;
    for (const auto &row : history)
        runEpochs.push_back(row.substr(0, row.find(',', row.find(',') + 1)));
    EXPECT_EQ(runEpochs,
              (std::vector<std::string>{"1,1", "1,2", "1,3", "1,4", "2,1", "2,2", "2,3", "2,4"}));
    // Bit for bit the uninterrupted runs' results and histories.
    const auto alone =
        runCli("sweep " + sweep.string() + " --quiet --results " + dir.file("alone.csv").string() +
               " --history " + dir.file("alone-h.csv").string());
    ASSERT_EQ(alone.exitCode, 0) << alone.output;
    EXPECT_EQ(rows, resultValues(dir.file("alone.csv")));
    EXPECT_EQ(history, historyValues(dir.file("alone-h.csv")));
}

TEST(CliDistributed, AWrongTokenIsRefusedAndCtrlCStopsTheCoordinator)
{
    const TempDir dir;
    const auto sweep = writeSweep(dir, kTinySweep);
    BackgroundCli coordinator(
        {"sweep", sweep.string(), "--listen", "127.0.0.1:0", "--token", "right-token-0123456789"},
        dir.file("coordinator.txt"));
    ASSERT_TRUE(coordinator.waitForOutput([](const std::string &text) {
        return text.find("--token right-") != std::string::npos;
    })) << coordinator.output();
    std::smatch match;
    const std::string printed = coordinator.output();
    ASSERT_TRUE(
        std::regex_search(printed, match, std::regex("--connect (127\\.0\\.0\\.1:[0-9]+)")));
    const std::string address = match[1];

    const auto refused = runCli("worker --connect " + address +
                                " --token wrong-token-0123456789 --connect-timeout 1");
    EXPECT_EQ(refused.exitCode, 2) << refused.output;
    EXPECT_NE(refused.output.find("the coordinator at " + address + " holds no NormLab sweep"),
              std::string::npos)
        << refused.output;

    coordinator.signal(SIGINT);
    EXPECT_EQ(coordinator.exitCode(), 130) << coordinator.output();
}

TEST(CliDistributed, AnUnreachableCoordinatorIsNamed)
{
    const std::string address = "127.0.0.1:" + std::to_string(closedPort());
    const auto outcome = runCli("worker --connect " + address + " --connect-timeout 1");
    EXPECT_EQ(outcome.exitCode, 2) << outcome.output;
    EXPECT_NE(outcome.output.find("cannot reach the coordinator at " + address), std::string::npos)
        << outcome.output;
}

TEST(CliDistributed, ListeningBeyondThisMachineNeedsAToken)
{
    const TempDir dir;
    const auto sweep = writeSweep(dir, kTinySweep);
    const auto outcome = runShell("env -u NORMLAB_TOKEN " + std::string(NORMLAB_CLI_PATH) +
                                  " sweep " + sweep.string() + " --listen 0.0.0.0:0");
    EXPECT_EQ(outcome.exitCode, 2) << outcome.output;
    EXPECT_NE(outcome.output.find("--listen 0.0.0.0 needs --token"), std::string::npos)
        << outcome.output;
}
