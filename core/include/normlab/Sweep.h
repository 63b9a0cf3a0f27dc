#pragma once
// Sweeps: a grid over configuration keys (and/or a list of runs), each repeated over seeds, queued
// and run one after another. Presets are sweep files shipped in resources/presets/.
// No torch, no Qt: the GUI includes it.
//
// A sweep file (JSON):
//   {"name": "...", "description": "...",
//    "base": {config keys},                       // as in normlab-cli --config
//    "grid": {"norm": ["none", "batch"], "lr": [0.01, 0.001]},
//    "runs": [{config keys}, ...],                // optional: runs that are not a grid
//    "repeats": 3,                                // seeds per configuration (default 1)
//    "reference": {"title": "...", "dataset": "...", "rows": [{"model": ..., "val-loss": ...}]}}
// See docs/experiments.md.

#include "normlab/Engine.h"
#include "normlab/Statistics.h"

#include <array>
#include <atomic>
#include <string>
#include <utility>
#include <vector>

namespace normlab {

/// Configuration keys and their values as text ("norm" -> "batch"), applied with setConfigValue.
using ConfigOverrides = std::vector<std::pair<std::string, std::string>>;

/// One grid dimension: a configuration key and the values it takes.
struct GridAxis
{
    std::string key;                 // "batch-size"
    std::vector<std::string> values; // {"2", "4", "8"}
};

/// One row of a published table (the lecture's single runs).
struct ReferenceRow
{
    std::string model;                         // "BatchNorm"
    std::array<double, kMetricCount> values{}; // by Metric: val loss, val acc, test loss, test acc
    double value(Metric m) const { return values[static_cast<size_t>(m)]; }
};

/// Numbers to show beside the user's results, labelled as someone else's.
struct ReferenceTable
{
    std::string title;   // "Lecture's values (single runs, slides p. ...)"
    std::string dataset; // what the numbers were measured on: "CIFAR-10"
    std::vector<ReferenceRow> rows;
    bool empty() const { return rows.empty(); }
};

struct SweepSpec
{
    std::string path; // the file it was read from ("" when parsed from text)
    std::string name; // "Lecture: normalization on CIFAR-10"
    std::string description;
    ExperimentConfig base;
    std::vector<GridAxis> grid;        // in the key table's order (normlab-cli --help)
    std::vector<ConfigOverrides> runs; // empty: one run, the base itself
    int repeats = 1;
    ReferenceTable reference;
    /// True when a grid axis sets `key`: then neither a run nor an override may set it.
    bool gridVaries(const std::string &key) const;
};

/// One queued run of an expanded sweep.
struct SweepRun
{
    int index = 0;           // 0-based position in the queue
    ExperimentConfig config; // name set: the group's name
    std::string groupKey;    // groupKey(config): equal for the repeats of one configuration
    int group = 0;           // 0-based group number, in queue order
    int repeat = 0;          // 0-based repeat within the group
};

/// Largest sweep accepted, in runs: a typo in a grid should not queue a million trainings.
constexpr int kMaxSweepRuns = 10000;
/// Most repeats of one configuration: beyond this they are a typo, not a statistical need.
constexpr int kMaxSweepRepeats = 1000;

/// Parses a sweep file. Throws InputError naming the file and the key for bad input.
SweepSpec loadSweepFile(const std::string &path);
/// Parses sweep JSON text; `origin` names it in error messages.
SweepSpec parseSweepJson(const std::string &json, const std::string &origin);

/// Where the shipped presets live: $NORMLAB_PRESET_DIR, else share/normlab/presets beside an
/// installed executable (../share/normlab/presets), else the source tree's resources/presets.
std::string presetDirectory();
/// Preset names (file names without .json), sorted.
std::vector<std::string> presetNames();
/// Loads preset `nameOrPath`: a name from presetNames(), or else a path to a sweep file.
/// Throws InputError listing the known presets when neither exists.
SweepSpec loadPreset(const std::string &nameOrPath);

/// Sets `overrides` on the base and on every run of the list (they win over the file). Throws
/// InputError for a key the grid varies (the override would collapse the grid) or a bad value.
void applyOverrides(SweepSpec &spec, const ConfigOverrides &overrides);

/// The queue: for each entry of `runs` (or the base alone), for each grid combination (the first
/// axis slowest), `repeats` runs with seed = seed + r, r = 0..repeats-1 (unless the grid sets the
/// seed). Each run is named runName() of its configuration; where that name is shared by
/// configurations that differ, the differing grid values are appended: "BatchNorm (batch-size 2)".
/// Deterministic. Throws InputError when the sweep has more than kMaxSweepRuns runs.
std::vector<SweepRun> expandSweep(const SweepSpec &spec);
/// Problems of the expanded runs, each naming the run: "run 3 (GroupNorm): groups 5 must ...".
std::vector<std::string> validateSweep(const std::vector<SweepRun> &runs);

/// Data paths (CIFAR-10 folders, image-folder roots) that the runs need and that do not exist.
std::vector<std::string> missingDataPaths(const std::vector<SweepRun> &runs);
/// Suffix of the names of runs moved onto the built-in dataset.
constexpr const char *kBuiltInDataSuffix = " (built-in data)";
/// Moves the runs whose data path does not exist onto the built-in synthetic dataset and appends
/// kBuiltInDataSuffix to their names (group keys follow). Returns how many runs were moved.
int useBuiltInDataWhereMissing(std::vector<SweepRun> &runs);

/// The reference row for a group name ("BatchNorm (built-in data)" finds "BatchNorm"); null if
/// none.
const ReferenceRow *findReferenceRow(const ReferenceTable &table, const std::string &groupName);

/// Receives a sweep's progress, on the thread that runs it.
class SweepObserver : public TrainingObserver
{
public:
    /// Before a run's data are loaded (or reused) and it trains.
    virtual void sweepRunStarting(const SweepRun &, int /*total*/) {}
    /// After every run, with its result (also failed and cancelled ones).
    virtual void sweepRunFinished(const SweepRun &, const RunResult &) {}
};

/// Runs `runs` in order, loading each dataset once for consecutive runs that share their dataKey()
/// (the settings that change the loaded data). A run whose data fail to load gets a Failed
/// result naming the problem, and the sweep goes on. When `cancel` is set the current run stops at
/// the next batch (its result has status Cancelled) and no further run starts. Returns one result
/// per run started, in queue order. The returned results hold summaries and histories; the
/// insight series (layer statistics, gradient norms, predictions) reach only the observer.
std::vector<RunResult> runSweep(const std::vector<SweepRun> &runs,
                                SweepObserver *observer = nullptr,
                                const std::atomic<bool> *cancel = nullptr);

/// Like ResultsCsv's history, with a first column `run`: the 1-based position of the run in
/// `results` (the row order of the results CSV).
std::vector<std::string> sweepHistoryCsvHeader();
/// One epoch's row of run `run` (1-based): historyCsvRow with `run` in front.
std::vector<std::string> sweepHistoryCsvRow(int run, const EpochMetrics &metrics);
void writeSweepHistoryCsv(const std::string &path, const std::vector<RunResult> &results);

} // namespace normlab
