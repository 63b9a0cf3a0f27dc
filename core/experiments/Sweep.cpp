#include "normlab/Sweep.h"

#include "normlab/ConfigJson.h"
#include "normlab/ResultsCsv.h"

#include <QJsonObject>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#ifndef NORMLAB_PRESET_DIR
#define NORMLAB_PRESET_DIR "resources/presets"
#endif

namespace normlab {
namespace {

namespace fs = std::filesystem;

// Overrides the preset folder, e.g. to try presets of one's own.
constexpr const char *kPresetDirEnvironment = "NORMLAB_PRESET_DIR";
// Where `cmake --install` and the Debian package put the presets, from the executable's folder
// (GNUInstallDirs' bin/ and share/). A binary in the build tree has no such folder beside it.
constexpr const char *kInstalledPresetDir = "../share/normlab/presets";

// The installed presets beside the running executable, when they are there.
std::optional<fs::path> installedPresetDirectory()
{
    std::error_code ec;
    const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return std::nullopt;
    const fs::path presets = (executable.parent_path() / kInstalledPresetDir).lexically_normal();
    if (!fs::is_directory(presets, ec))
        return std::nullopt;
    return presets;
}

// A value for a run name: short ("0.1", not "0.10000000000000001").
std::string displayValue(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 12).toStdString();
    if (value.isBool())
        return value.toBool() ? "on" : "off";
    return value.toString().toStdString();
}

void applyAll(ExperimentConfig &config, const ConfigOverrides &overrides)
{
    for (const auto &[key, text] : overrides)
        setConfigValue(config, key, text);
}

// Names that several different configurations share get the values that tell them apart:
// "BatchNorm" -> "BatchNorm (batch-size 2)". Keys in the key table's order; seed and threads never
// (the seed tells repeats apart, not configurations).
void disambiguateNames(std::vector<ExperimentConfig> &configs)
{
    std::map<std::string, std::vector<size_t>> byName;
    for (size_t i = 0; i < configs.size(); ++i)
        byName[runName(configs[i])].push_back(i);
    std::vector<std::string> names(configs.size());
    for (const auto &[name, members] : byName) {
        std::vector<QJsonObject> objects;
        for (size_t i : members)
            objects.push_back(toJson(configs[i]));
        std::vector<std::string> differing;
        for (const ConfigKeyInfo &key : configKeys()) {
            if (key.name == "seed" || key.name == "threads" || key.name == "name")
                continue;
            const QString k = QString::fromStdString(key.name);
            for (const QJsonObject &object : objects) {
                if (object.value(k) != objects.front().value(k)) {
                    differing.push_back(key.name);
                    break;
                }
            }
        }
        for (size_t m = 0; m < members.size(); ++m) {
            std::string suffix;
            for (const std::string &key : differing)
                suffix += (suffix.empty() ? "" : ", ") + key + " " +
                          displayValue(objects[m].value(QString::fromStdString(key)));
            names[members[m]] = suffix.empty() ? name : name + " (" + suffix + ")";
        }
    }
    for (size_t i = 0; i < configs.size(); ++i)
        configs[i].name = names[i];
}

int64_t combinationCount(const std::vector<GridAxis> &grid)
{
    int64_t combinations = 1;
    for (const GridAxis &axis : grid)
        combinations *= static_cast<int64_t>(axis.values.size());
    return combinations;
}

// Throws InputError for a repeat count out of range or a sweep of more than kMaxSweepRuns runs.
void checkSweepSize(const SweepSpec &spec)
{
    if (spec.repeats < 1 || spec.repeats > kMaxSweepRepeats)
        throw InputError("repeats " + std::to_string(spec.repeats) + " must be from 1 to " +
                         std::to_string(kMaxSweepRepeats));
    if (spec.repeats > 1 && spec.gridVaries("seed"))
        throw InputError("repeats " + std::to_string(spec.repeats) +
                         ": the grid already sets the seeds; use one or the other");
    const int64_t entries = spec.runs.empty() ? 1 : static_cast<int64_t>(spec.runs.size());
    const int64_t total = entries * combinationCount(spec.grid) * spec.repeats;
    if (total > kMaxSweepRuns)
        throw InputError("the sweep has " + std::to_string(total) + " runs; at most " +
                         std::to_string(kMaxSweepRuns) + " are allowed");
}

// The grid values of combination number `combination`; the first axis varies slowest.
ConfigOverrides gridCombination(const std::vector<GridAxis> &grid, int64_t combination)
{
    ConfigOverrides values(grid.size());
    int64_t rest = combination;
    for (size_t a = grid.size(); a-- > 0;) {
        const auto &axis = grid[a];
        const auto count = static_cast<int64_t>(axis.values.size());
        values[a] = {axis.key, axis.values[static_cast<size_t>(rest % count)]};
        rest /= count;
    }
    return values;
}

// One configuration per (entry of the run list, grid combination), not yet named.
std::vector<ExperimentConfig> sweepConfigurations(const SweepSpec &spec)
{
    const int64_t combinations = combinationCount(spec.grid);
    const std::vector<ConfigOverrides> entries =
        spec.runs.empty() ? std::vector<ConfigOverrides>{{}} : spec.runs;
    std::vector<ExperimentConfig> configs;
    for (const ConfigOverrides &entry : entries) {
        for (int64_t combination = 0; combination < combinations; ++combination) {
            ExperimentConfig config = spec.base;
            applyAll(config, entry);
            applyAll(config, gridCombination(spec.grid, combination));
            configs.push_back(config);
        }
    }
    return configs;
}

// The queue: every configuration `spec.repeats` times, the seed counting up unless the grid
// sets it; runs with equal group keys form one group.
std::vector<SweepRun> repeatedRuns(const SweepSpec &spec,
                                   const std::vector<ExperimentConfig> &configs)
{
    const bool gridSetsSeed = spec.gridVaries("seed");
    std::vector<SweepRun> runs;
    std::vector<std::string> groupKeys;
    for (const ExperimentConfig &config : configs) {
        for (int r = 0; r < spec.repeats; ++r) {
            SweepRun run;
            run.index = static_cast<int>(runs.size());
            run.config = config;
            if (!gridSetsSeed)
                run.config.seed = config.seed + static_cast<uint64_t>(r);
            run.groupKey = groupKey(run.config);
            const auto found = std::find(groupKeys.begin(), groupKeys.end(), run.groupKey);
            run.group = static_cast<int>(found - groupKeys.begin());
            if (found == groupKeys.end())
                groupKeys.push_back(run.groupKey);
            run.repeat = static_cast<int>(
                std::count_if(runs.begin(), runs.end(),
                              [&](const SweepRun &other) { return other.group == run.group; }));
            runs.push_back(std::move(run));
        }
    }
    return runs;
}

RunResult unstartedRun(const ExperimentConfig &config, RunStatus status, const std::string &message)
{
    RunResult result;
    result.name = runName(config);
    result.config = config;
    result.status = status;
    result.message = message;
    summarizeHistory(result);
    return result;
}

bool isCancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

} // namespace

bool SweepSpec::gridVaries(const std::string &key) const
{
    return std::any_of(grid.begin(), grid.end(),
                       [&](const GridAxis &axis) { return axis.key == key; });
}

std::string presetDirectory()
{
    if (const char *override = std::getenv(kPresetDirEnvironment); override && *override)
        return override;
    if (const std::optional<fs::path> installed = installedPresetDirectory())
        return installed->string();
    return NORMLAB_PRESET_DIR;
}

std::vector<std::string> presetNames()
{
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(presetDirectory(), ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

SweepSpec loadPreset(const std::string &nameOrPath)
{
    const fs::path preset = fs::path(presetDirectory()) / (nameOrPath + ".json");
    std::error_code ec;
    if (nameOrPath.find('/') == std::string::npos && fs::is_regular_file(preset, ec))
        return loadSweepFile(preset.string());
    if (fs::is_regular_file(nameOrPath, ec))
        return loadSweepFile(nameOrPath);
    std::string known;
    for (const std::string &name : presetNames())
        known += (known.empty() ? "" : ", ") + name;
    throw InputError("unknown preset '" + nameOrPath + "' (presets in " + presetDirectory() + ": " +
                     (known.empty() ? "none" : known) + "; or give a sweep file's path)");
}

void applyOverrides(SweepSpec &spec, const ConfigOverrides &overrides)
{
    for (const auto &[key, text] : overrides) {
        if (spec.gridVaries(key))
            throw InputError("--" + key + " is a grid dimension of " +
                             (spec.path.empty() ? std::string("the sweep") : spec.path) +
                             "; edit the grid to change it");
        setConfigValue(spec.base, key, text);
        for (ConfigOverrides &run : spec.runs)
            run.push_back({key, text});
    }
}

std::vector<SweepRun> expandSweep(const SweepSpec &spec)
{
    checkSweepSize(spec);
    std::vector<ExperimentConfig> configs = sweepConfigurations(spec);
    disambiguateNames(configs);
    return repeatedRuns(spec, configs);
}

std::vector<std::string> validateSweep(const std::vector<SweepRun> &runs)
{
    std::vector<std::string> problems;
    for (const SweepRun &run : runs) {
        const std::string label =
            "run " + std::to_string(run.index + 1) + " (" + runName(run.config) + "): ";
        for (const std::string &error : validate(run.config))
            problems.push_back(label + error);
        if (run.config.folds != 0)
            problems.push_back(label + "folds " + std::to_string(run.config.folds) +
                               ": cross-validation is a mode of a single experiment "
                               "(normlab-cli train --folds K); a sweep's repeats give the spread");
    }
    return problems;
}

std::vector<std::string> missingDataPaths(const std::vector<SweepRun> &runs)
{
    std::vector<std::string> missing;
    for (const SweepRun &run : runs) {
        const ExperimentConfig &c = run.config;
        if (c.dataset == DatasetKind::Synthetic)
            continue;
        std::error_code ec;
        std::string what;
        if (c.dataPath.empty())
            what = toKey(c.dataset) + " (no data path)";
        else if (!fs::exists(c.dataPath, ec))
            what = c.dataPath;
        if (!what.empty() && std::find(missing.begin(), missing.end(), what) == missing.end())
            missing.push_back(what);
    }
    return missing;
}

int useBuiltInDataWhereMissing(std::vector<SweepRun> &runs)
{
    int moved = 0;
    for (SweepRun &run : runs) {
        ExperimentConfig &c = run.config;
        std::error_code ec;
        if (c.dataset == DatasetKind::Synthetic ||
            (!c.dataPath.empty() && fs::exists(c.dataPath, ec)))
            continue;
        c.name = runName(c) + kBuiltInDataSuffix;
        c.dataset = DatasetKind::Synthetic;
        c.dataPath.clear();
        run.groupKey = groupKey(c);
        ++moved;
    }
    return moved;
}

const ReferenceRow *findReferenceRow(const ReferenceTable &table, const std::string &groupName)
{
    std::string name = groupName;
    const std::string suffix = kBuiltInDataSuffix;
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        name.erase(name.size() - suffix.size());
    for (const ReferenceRow &row : table.rows)
        if (row.model == name)
            return &row;
    return nullptr;
}

std::vector<RunResult> runSweep(const std::vector<SweepRun> &runs, SweepObserver *observer,
                                const std::atomic<bool> *cancel)
{
    std::vector<RunResult> results;
    std::shared_ptr<const DataSplits> data; // the last dataset loaded, reused while its keys match
    std::string loadedKey, loadError;
    bool loaded = false;
    for (const SweepRun &run : runs) {
        if (isCancelled(cancel))
            break;
        if (observer)
            observer->sweepRunStarting(run, static_cast<int>(runs.size()));
        const std::string key = dataKey(run.config);
        if (!loaded || key != loadedKey) {
            data.reset(); // free the previous dataset before decoding the next
            loadedKey = key;
            loadError.clear();
            loaded = true;
            try {
                data = loadData(run.config, {}, cancel);
            } catch (const InputError &error) {
                loadError = error.what();
            }
        }
        RunResult result;
        if (isCancelled(cancel) && !data) {
            result = unstartedRun(run.config, RunStatus::Cancelled, "stopped by the user");
            loaded = false; // a cancelled load is no verdict on the data
        } else if (run.config.folds != 0) {
            result = unstartedRun(run.config, RunStatus::Failed,
                                  "cross-validation (folds) does not run inside a sweep");
        } else if (!data) {
            result = unstartedRun(run.config, RunStatus::Failed, "data: " + loadError);
        } else {
            result = runExperiment(run.config, *data, observer, cancel);
        }
        if (observer && !data && !result.message.empty())
            observer->message(result.name + ": " + result.message);
        if (observer)
            observer->sweepRunFinished(run, result);
        // The observer has had the insight series; the summaries kept for the whole sweep drop
        // them, so memory stays flat over hundreds of runs (~150 KiB a run otherwise).
        result.insight = RunInsight{};
        results.push_back(std::move(result));
    }
    return results;
}

std::vector<std::string> sweepHistoryCsvHeader()
{
    std::vector<std::string> header = {"run"};
    for (const std::string &column : historyCsvHeader())
        header.push_back(column);
    return header;
}

std::vector<std::string> sweepHistoryCsvRow(int run, const EpochMetrics &metrics)
{
    std::vector<std::string> row = historyCsvRow(metrics);
    row.insert(row.begin(), std::to_string(run));
    return row;
}

void writeSweepHistoryCsv(const std::string &path, const std::vector<RunResult> &results)
{
    std::vector<std::vector<std::string>> rows{sweepHistoryCsvHeader()};
    for (size_t i = 0; i < results.size(); ++i)
        for (const EpochMetrics &metrics : results[i].history)
            rows.push_back(sweepHistoryCsvRow(static_cast<int>(i + 1), metrics));
    writeCsvRows(path, rows, std::ios::trunc);
}

} // namespace normlab
