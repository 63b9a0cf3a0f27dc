// normlab-cli get cifar10 end to end, against a local HTTP server (tests/cli/http_server.py on
// 127.0.0.1, an ephemeral port) serving a small CIFAR-format archive the test builds: the download,
// its resume with a Range request, and each way it can fail, with what it leaves on disk.
// Every child gets XDG_DATA_HOME and HOME inside the test's folder: the user's own stay untouched.

#include "CliRunner.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace fs = std::filesystem;
using normlab::fixtures::CliOutcome;
using normlab::fixtures::runShell;
using normlab::fixtures::TempDir;

namespace {

constexpr int kRecordsPerBatch = 10;                    // labels 0..9: every class in every batch
constexpr int kRecordBytes = 1 + 3072;                  // label byte + pixels
constexpr int kServerStartMs = 20'000;                  // python3 starting on a loaded machine
constexpr const char *kChildLimit = "timeout -k 5 120"; // no child runs unbounded
const std::vector<std::string> kCifarFiles = {
    "batches.meta.txt", "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
    "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"};

std::string quoted(const std::string &text)
{
    return "'" + text + "'";
}

std::string trimmed(std::string text)
{
    text.erase(std::remove(text.begin(), text.end(), '\n'), text.end());
    return text;
}

std::vector<std::string> entries(const fs::path &folder)
{
    std::vector<std::string> names;
    std::error_code ignored;
    for (const auto &entry : fs::directory_iterator(folder, ignored))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const fs::path &path, const std::string &bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

// A port nothing listens on: bound by the kernel's choice, then released.
int unusedPort()
{
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = -1;
    if (::bind(sock, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        ::getsockname(sock, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(sock);
    return port;
}

// http_server.py serving `root`, its requests logged to `log`; killed and reaped when the guard
// goes out of scope, whatever the test asserted before.
class HttpServer
{
public:
    HttpServer(const fs::path &root, const fs::path &log)
    {
        int fds[2];
        if (::pipe(fds) != 0)
            return;
        std::vector<std::string> argv{"python3", NORMLAB_HTTP_SERVER_SCRIPT, "serve", root.string(),
                                      log.string()};
        std::vector<char *> pointers;
        for (std::string &arg : argv)
            pointers.push_back(arg.data());
        pointers.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        if (posix_spawnp(&pid_, "python3", &actions, nullptr, pointers.data(), environ) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        port_ = readPort(fds[0]);
        ::close(fds[0]);
    }
    ~HttpServer()
    {
        if (pid_ <= 0)
            return;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    int port() const { return port_; }

private:
    // The first line the server prints, waited for a bounded time; -1 when none came.
    static int readPort(int fd)
    {
        std::string line;
        pollfd readable{fd, POLLIN, 0};
        char byte = 0;
        while (line.find('\n') == std::string::npos && ::poll(&readable, 1, kServerStartMs) > 0 &&
               ::read(fd, &byte, 1) == 1)
            line += byte;
        return line.empty() ? -1 : std::atoi(line.c_str());
    }

    pid_t pid_ = -1;
    int port_ = -1;
};

class CliGet : public ::testing::Test
{
protected:
    void SetUp() override
    {
        for (const fs::path &folder : {www(), out(), xdg(), home()})
            fs::create_directories(folder);
        server_ = std::make_unique<HttpServer>(www(), log());
        ASSERT_GT(server_->port(), 0) << "the test HTTP server did not start";
        archiveMd5_ = makeArchive(www() / "cifar.tar.gz", false);
        ASSERT_EQ(archiveMd5_.size(), 32u) << archiveMd5_;
    }

    fs::path www() const { return temp_.file("www"); }
    fs::path out() const { return temp_.file("out"); } // holds --dir and, beside it, the .part
    fs::path xdg() const { return temp_.file("xdg"); }
    fs::path home() const { return temp_.file("home"); }
    fs::path log() const { return temp_.file("requests.log"); }
    fs::path dir() const { return out() / "cifar-10-batches-bin"; }
    std::string url(const std::string &path) const
    {
        return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
    }

    // Writes the archive; returns its MD5, computed by python3's hashlib.
    std::string makeArchive(const fs::path &archive, bool evil) const
    {
        const CliOutcome made = runShell(
            "python3 " + quoted(NORMLAB_HTTP_SERVER_SCRIPT) + " make " + quoted(archive.string()) +
            " " + std::to_string(kRecordsPerBatch) + (evil ? " --evil" : ""));
        return made.exitCode == 0 ? trimmed(made.output) : made.output;
    }

    // normlab-cli in the test's folder, with the user's folders pointed into it.
    // `environment`: more VARIABLE=VALUE words for the child (a proxy setting).
    CliOutcome runCli(const std::string &arguments, const std::string &environment = {}) const
    {
        return runShell("cd " + quoted(temp_.path().string()) + " && env XDG_DATA_HOME=" +
                        quoted(xdg().string()) + " HOME=" + quoted(home().string()) + " " +
                        environment + " " + kChildLimit + " " + NORMLAB_CLI_PATH + " " + arguments);
    }
    CliOutcome get(const std::string &path, const std::string &md5, bool intoDir = true) const
    {
        return runCli("get cifar10 --url " + quoted(url(path)) + " --md5 " + md5 +
                      (intoDir ? " --dir " + quoted(dir().string()) : std::string()));
    }

    void expectCifarFolder(const fs::path &folder) const
    {
        EXPECT_EQ(entries(folder), kCifarFiles);
        for (const std::string &name : kCifarFiles) {
            if (name != "batches.meta.txt") {
                EXPECT_EQ(fs::file_size(folder / name), kRecordsPerBatch * kRecordBytes) << name;
            }
        }
    }
    // Nothing but `expected` in out/, nothing in the user's folders, nothing beside out/.
    void expectOnly(const std::vector<std::string> &expected) const
    {
        EXPECT_EQ(entries(out()), expected);
        EXPECT_TRUE(entries(xdg()).empty());
        EXPECT_TRUE(entries(home()).empty());
        std::vector<std::string> beside = entries(temp_.path());
        beside.erase(std::remove(beside.begin(), beside.end(), log().filename().string()),
                     beside.end()); // absent when no request reached the server
        EXPECT_EQ(beside, (std::vector<std::string>{"home", "out", "www", "xdg"}));
    }

    TempDir temp_;
    std::unique_ptr<HttpServer> server_;
    std::string archiveMd5_;
};

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

TEST_F(CliGet, DownloadsIntoTheDataFolderAndTrainUsesItWithoutData)
{
    const CliOutcome got = get("/cifar.tar.gz", archiveMd5_, false);
    const fs::path folder = xdg() / "normlab" / "cifar-10-batches-bin";
    ASSERT_EQ(got.exitCode, 0) << got.output;
    EXPECT_TRUE(contains(got.output, url("/cifar.tar.gz"))) << got.output;
    EXPECT_TRUE(contains(got.output, "CIFAR-10 is in " + folder.string())) << got.output;
    EXPECT_EQ(entries(xdg() / "normlab"), std::vector<std::string>{"cifar-10-batches-bin"});
    expectCifarFolder(folder);
    EXPECT_EQ(readAll(log()), "GET /cifar.tar.gz range=-\n");

    const CliOutcome trained = runCli("train --dataset cifar10 --epochs 1 --limit 20 --threads 1 "
                                      "--results " +
                                      quoted(temp_.file("results.csv").string()));
    ASSERT_EQ(trained.exitCode, 0) << trained.output;
    EXPECT_TRUE(contains(trained.output, "using the downloaded CIFAR-10 in " + folder.string()))
        << trained.output;
    EXPECT_EQ(normlab::fixtures::readLines(temp_.file("results.csv")).size(), 2u);

    // The lecture's preset names data/cifar-10-batches-bin, which is not here: it finds the
    // downloaded folder instead of falling back to the built-in shapes.
    const CliOutcome swept = runCli("sweep --preset lecture-normalization --repeats 1 --epochs 1 "
                                    "--limit 20 --val-size 10 --threads 1 --results " +
                                    quoted(temp_.file("sweep.csv").string()));
    ASSERT_EQ(swept.exitCode, 0) << swept.output;
    EXPECT_TRUE(contains(swept.output, "6 runs use the downloaded CIFAR-10 in " + folder.string()))
        << swept.output;
    EXPECT_FALSE(contains(swept.output, "built-in")) << swept.output;
    EXPECT_EQ(normlab::fixtures::readLines(temp_.file("sweep.csv")).size(), 7u);
}

TEST_F(CliGet, ResumesAPartFileWithARangeRequest)
{
    const std::string archive = readAll(www() / "cifar.tar.gz");
    ASSERT_GT(archive.size(), 5000u);
    writeAll(out() / "cifar.tar.gz.part", archive.substr(0, 5000));
    const CliOutcome got = get("/cifar.tar.gz", archiveMd5_);
    ASSERT_EQ(got.exitCode, 0) << got.output;
    EXPECT_TRUE(contains(got.output, "resuming after the 5000 bytes")) << got.output;
    EXPECT_EQ(readAll(log()), "GET /cifar.tar.gz range=bytes=5000-\n");
    expectCifarFolder(dir());
    expectOnly({"cifar-10-batches-bin"});
}

TEST_F(CliGet, ClosedConnectionKeepsThePartAndTheNextRunResumesIt)
{
    const CliOutcome cut = get("/truncate/4000/cifar.tar.gz", archiveMd5_);
    EXPECT_EQ(cut.exitCode, 2) << cut.output;
    EXPECT_TRUE(contains(cut.output, url("/truncate/4000/cifar.tar.gz"))) << cut.output;
    EXPECT_TRUE(contains(cut.output, "closed after 4000 of")) << cut.output;
    expectOnly({"cifar.tar.gz.part"});
    EXPECT_EQ(fs::file_size(out() / "cifar.tar.gz.part"), 4000u);

    const CliOutcome resumed = get("/cifar.tar.gz", archiveMd5_);
    ASSERT_EQ(resumed.exitCode, 0) << resumed.output;
    EXPECT_TRUE(contains(readAll(log()), "GET /cifar.tar.gz range=bytes=4000-\n"))
        << readAll(log());
    expectCifarFolder(dir());
    expectOnly({"cifar-10-batches-bin"});
}

TEST_F(CliGet, WrongChecksumExitsTwoAndDeletesTheArchive)
{
    const CliOutcome got = get("/cifar.tar.gz", std::string(32, '0'));
    EXPECT_EQ(got.exitCode, 2) << got.output;
    EXPECT_TRUE(contains(got.output, "wrong checksum")) << got.output;
    EXPECT_TRUE(contains(got.output, url("/cifar.tar.gz"))) << got.output;
    EXPECT_TRUE(contains(got.output, archiveMd5_)) << got.output;
    expectOnly({});
}

TEST_F(CliGet, TruncatedArchiveExitsTwoAndLeavesNoFolder)
{
    const std::string archive = readAll(www() / "cifar.tar.gz");
    writeAll(www() / "cut.tar.gz", archive.substr(0, archive.size() / 2));
    const CliOutcome md5 = runShell("md5sum " + quoted((www() / "cut.tar.gz").string()));
    ASSERT_EQ(md5.exitCode, 0) << md5.output;
    const CliOutcome got = get("/cut.tar.gz", md5.output.substr(0, 32));
    EXPECT_EQ(got.exitCode, 2) << got.output;
    EXPECT_TRUE(contains(got.output, (out() / "cut.tar.gz.part").string() + " is damaged"))
        << got.output;
    expectOnly({});
}

TEST_F(CliGet, EntryOutsideTheFolderExitsTwoAndWritesNothingThere)
{
    const std::string md5 = makeArchive(www() / "evil.tar.gz", true);
    ASSERT_EQ(md5.size(), 32u) << md5;
    const CliOutcome got = get("/evil.tar.gz", md5);
    EXPECT_EQ(got.exitCode, 2) << got.output;
    EXPECT_TRUE(contains(got.output, "../evil.txt")) << got.output;
    EXPECT_TRUE(contains(got.output, "evil.tar.gz")) << got.output;
    expectOnly({});
    EXPECT_FALSE(fs::exists(temp_.file("evil.txt")));
}

TEST_F(CliGet, MissingFileExitsTwoNamingTheUrl)
{
    const CliOutcome got = get("/missing.tar.gz", archiveMd5_);
    EXPECT_EQ(got.exitCode, 2) << got.output;
    EXPECT_TRUE(contains(got.output, url("/missing.tar.gz") + ": HTTP 404")) << got.output;
    expectOnly({});
}

TEST_F(CliGet, RefusedConnectionExitsTwoNamingTheUrl)
{
    const int port = unusedPort();
    ASSERT_GT(port, 0);
    const std::string address = "http://127.0.0.1:" + std::to_string(port) + "/cifar.tar.gz";
    const CliOutcome got = runCli("get cifar10 --url " + address + " --md5 " + archiveMd5_ +
                                  " --dir " + quoted(dir().string()));
    EXPECT_EQ(got.exitCode, 2) << got.output;
    EXPECT_TRUE(contains(got.output, "cannot connect to " + address)) << got.output;
    expectOnly({});
}

} // namespace

// A campus proxy from http_proxy: the download goes through it (the test server answers the
// proxy's absolute-URL request), to a host name that only the proxy could resolve.
TEST_F(CliGet, DownloadsThroughTheProxyInHttpProxy)
{
    const std::string address = "http://normlab-proxied.invalid/cifar.tar.gz";
    const CliOutcome got = runCli("get cifar10 --url " + address + " --md5 " + archiveMd5_ +
                                      " --dir " + quoted(dir().string()),
                                  "http_proxy=" + url("") + " no_proxy=");
    ASSERT_EQ(got.exitCode, 0) << got.output;
    expectCifarFolder(dir());
    EXPECT_EQ(readAll(log()), "GET " + address + " range=-\n");
}

TEST_F(CliGet, UnreachableProxyExitsTwoNamingTheProxy)
{
    const int port = unusedPort();
    ASSERT_GT(port, 0);
    const std::string proxy = "127.0.0.1:" + std::to_string(port);
    const std::string address = "http://normlab-proxied.invalid/cifar.tar.gz";
    const CliOutcome got = runCli("get cifar10 --url " + address + " --md5 " + archiveMd5_ +
                                      " --dir " + quoted(dir().string()),
                                  "http_proxy=http://" + proxy + " no_proxy=");
    EXPECT_EQ(got.exitCode, 2) << got.output;
    EXPECT_TRUE(contains(got.output, "cannot reach the proxy " + proxy + " to fetch " + address))
        << got.output;
    EXPECT_TRUE(contains(got.output, "http_proxy")) << got.output;
    expectOnly({});
}
