// The pickle check in front of LibTorch's unpickler (core/training/PickleCheck.h) on the model
// archive's regression inputs: the pickles the fuzzer found harmful are refused, the real model
// file's and checkpoint's pass. The replay alone cannot tell: without the sanitizers LibTorch
// often survives those pickles, or fails with an exception the reader turns into an InputError.
// Usage: pickle_check_regressions REGRESSIONS_FOLDER

#include "ArchiveEntries.h"

#include "training/PickleCheck.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace {

// The data.pkl entry of an entries-form input (see ArchiveEntries.h).
std::string pickleOf(const std::string &file)
{
    std::ifstream in(file, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.empty() || bytes[0] % 2 == 0)
        throw std::runtime_error(file + " is not in the entries form");
    for (const auto &[name, content] : fuzzsupport::archiveEntries(
             reinterpret_cast<const uint8_t *>(bytes.data()) + 1, bytes.size() - 1))
        if (name == "data.pkl")
            return content;
    throw std::runtime_error(file + " has no data.pkl");
}

// Whether the check refuses the pickle, as `refused` says it must; prints what differs.
bool checkedAsExpected(const std::string &folder, const std::string &name, bool refused)
{
    const std::string pickle = pickleOf(folder + "/" + name);
    std::string problem;
    try {
        normlab::pickle::PickleCheck(pickle.data(), pickle.size()).run();
    } catch (const std::runtime_error &error) {
        problem = error.what();
    }
    if (problem.empty() == !refused)
        return true;
    std::fprintf(stderr, "%s: %s\n", name.c_str(),
                 refused ? "passed the pickle check" : ("refused: " + problem).c_str());
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: pickle_check_regressions REGRESSIONS_FOLDER\n");
        return 2;
    }
    const std::string folder = argv[1];
    bool ok = true;
    try {
        for (const char *name : {"model-entries", "checkpoint-entries"})
            ok = checkedAsExpected(folder, name, false) && ok;
        for (const char *name :
             {"binunicode-claims-1.6-gb-refused", "long-binput-memo-index-2-billion-refused",
              "tuple2-on-one-value-refused"})
            ok = checkedAsExpected(folder, name, true) && ok;
    } catch (const std::exception &error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 1;
    }
    std::printf(ok ? "pickle check: as expected on 5 inputs\n" : "pickle check: FAILED\n");
    return ok ? 0 : 1;
}
