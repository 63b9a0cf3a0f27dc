// Replays fuzz inputs without libFuzzer: calls the target's LLVMFuzzerTestOneInput on every file
// of the folders (or files) given, in name order. A target aborts on an undocumented outcome, so
// the replay fails then. Usage: fuzz_replay_<reader> FOLDER_OR_FILE...

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputFiles(const fs::path &where)
{
    std::vector<fs::path> files;
    if (fs::is_directory(where)) {
        for (const auto &entry : fs::directory_iterator(where))
            if (entry.is_regular_file())
                files.push_back(entry.path());
    } else if (fs::is_regular_file(where)) {
        files.push_back(where);
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<uint8_t> readBytes(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

int main(int argc, char **argv)
{
    int replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::vector<fs::path> files = inputFiles(argv[i]);
        if (files.empty()) {
            std::fprintf(stderr, "%s: no inputs to replay\n", argv[i]);
            return 1;
        }
        for (const fs::path &file : files) {
            std::printf("replaying %s\n", file.string().c_str());
            std::fflush(stdout); // the name is on screen if the target aborts
            const std::vector<uint8_t> bytes = readBytes(file);
            LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
            ++replayed;
        }
    }
    std::printf("%d inputs replayed, none failed\n", replayed);
    return replayed > 0 ? 0 : 1;
}
