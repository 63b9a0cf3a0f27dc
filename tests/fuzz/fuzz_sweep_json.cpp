// The sweep file reader (normlab-cli sweep, the window's sweep editor and presets): the bytes are
// the file's text. Documented outcomes: a SweepSpec, or an InputError naming the file. A parsed
// sweep is checked against Sweep.h: repeats in 1..kMaxSweepRepeats, every grid axis non-empty,
// and its expansion (what the CLI queues next) either refused with an InputError or exactly
// (runs or 1) x (product of the axes) x repeats runs, at most kMaxSweepRuns, numbered in order.

#include "FuzzSupport.h"

#include "normlab/Errors.h"
#include "normlab/Sweep.h"

namespace {

using fuzzsupport::require;
using namespace normlab;

const std::string kOrigin = "fuzz-sweep.json";

// The queue's length by Sweep.h's definition, or kMaxSweepRuns + 1 when beyond it.
int64_t expectedRuns(const SweepSpec &spec)
{
    int64_t runs = std::max<int64_t>(1, static_cast<int64_t>(spec.runs.size())) * spec.repeats;
    for (const GridAxis &axis : spec.grid) {
        runs *= static_cast<int64_t>(axis.values.size());
        if (runs > kMaxSweepRuns)
            return kMaxSweepRuns + 1;
    }
    return std::min<int64_t>(runs, kMaxSweepRuns + 1);
}

void checkExpansion(const SweepSpec &spec)
{
    const int64_t expected = expectedRuns(spec);
    std::vector<SweepRun> runs;
    try {
        runs = expandSweep(spec);
    } catch (const InputError &error) {
        require(expected > kMaxSweepRuns,
                std::string("refused to expand a sweep within the limit: ") + error.what());
        return;
    }
    require(static_cast<int64_t>(runs.size()) == expected, "expanded to the wrong number of runs");
    for (size_t i = 0; i < runs.size(); ++i)
        require(runs[i].index == static_cast<int>(i), "expanded runs are not numbered in order");
    validateSweep(runs); // problems are reported as text; it must not throw
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    SweepSpec spec;
    try {
        spec = parseSweepJson(std::string(reinterpret_cast<const char *>(data), size), kOrigin);
    } catch (const InputError &error) {
        require(fuzzsupport::mentions(error.what(), kOrigin),
                std::string("error does not name the file: ") + error.what());
        return 0;
    }
    require(spec.repeats >= 1 && spec.repeats <= kMaxSweepRepeats, "repeats out of range");
    for (const GridAxis &axis : spec.grid)
        require(!axis.values.empty(), "a grid axis without values");
    checkExpansion(spec);
    return 0;
}
