#pragma once
// A temporary folder of its own for one test: a fresh, uniquely named folder under the system's
// temporary directory, removed with everything in it when the TempDir goes out of scope. Tests
// running at the same time (ctest -j, several executables) never share or leave behind files.

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>
#include <unistd.h>

namespace normlab::fixtures {

class TempDir
{
public:
    TempDir()
    {
        // The pid and a counter keep names distinct within this machine; the random part keeps
        // them distinct from a folder an earlier, crashed run of the same pid left behind.
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        for (;;) {
            const std::string name = "normlab-test-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(counter++) + "-" + std::to_string(random());
            path_ = std::filesystem::temp_directory_path() / name;
            if (std::filesystem::create_directory(path_))
                return;
        }
    }
    ~TempDir()
    {
        std::error_code ignored; // a destructor must not throw; a leftover folder is harmless
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    const std::filesystem::path &path() const { return path_; }
    /// `name` inside the folder; nothing is created.
    std::filesystem::path file(const std::string &name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

} // namespace normlab::fixtures
