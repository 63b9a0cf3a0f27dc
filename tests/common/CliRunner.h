#pragma once
// Runs the built normlab-cli for end-to-end tests and reads the files it writes.

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace normlab::fixtures {

struct CliOutcome
{
    int exitCode = -1;
    std::string output; // stdout and stderr together
};

// A shell command's exit status and its stdout and stderr together.
inline CliOutcome runShell(const std::string &command)
{
    CliOutcome outcome;
    FILE *pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        return outcome;
    std::array<char, 4096> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe))
        outcome.output += buffer.data();
    const int status = pclose(pipe);
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

inline CliOutcome runCli(const std::string &arguments)
{
    return runShell(std::string(NORMLAB_CLI_PATH) + " " + arguments);
}

inline std::vector<std::string> readLines(const std::filesystem::path &path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

} // namespace normlab::fixtures
