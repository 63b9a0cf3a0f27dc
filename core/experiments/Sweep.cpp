#include "normlab/Sweep.h"

#include "normlab/ConfigJson.h"
#include "normlab/ResultsCsv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#ifndef NORMLAB_PRESET_DIR
#define NORMLAB_PRESET_DIR "resources/presets"
#endif

namespace normlab {
namespace {

namespace fs = std::filesystem;

// Repeats beyond this are a typo, not a statistical need.
constexpr int kMaxRepeats = 1000;
// The top-level keys of a sweep file.
const char *const kSweepKeys[] = {"name", "description", "base",     "grid",
                                  "runs", "repeats",     "reference"};
// The per-row keys of a reference table, in Metric order.
const char *const kReferenceMetricKeys[kMetricCount] = {"val-loss", "val-acc", "test-loss",
                                                        "test-acc"};
// Overrides the compiled-in preset folder, e.g. for an installed binary.
constexpr const char *kPresetDirEnvironment = "NORMLAB_PRESET_DIR";

[[noreturn]] void fail(const std::string &origin, const std::string &message)
{
    throw InputError("sweep file " + origin + ": " + message);
}

// JSON scalars become the text the command line would give, so one parser serves both. Doubles
// keep 17 digits: the text must read back as the same number.
std::string jsonToText(const std::string &origin, const std::string &where, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? "true" : "false";
    case QJsonValue::String:
        return value.toString().toStdString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9.0e15)
            return std::to_string(static_cast<long long>(d));
        return QString::number(d, 'g', 17).toStdString();
    }
    default:
        fail(origin, where + ": expected a string, number or boolean");
    }
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

// Position of a key in the key table: the order of grid axes and of name suffixes.
size_t keyRank(const std::string &key)
{
    const auto &keys = configKeys();
    for (size_t i = 0; i < keys.size(); ++i)
        if (keys[i].name == key)
            return i;
    return keys.size();
}

// Checks that `key` = `text` parses, naming the place in the file otherwise.
void checkValue(const std::string &origin, const std::string &where, const std::string &key,
                const std::string &text)
{
    ExperimentConfig scratch;
    try {
        setConfigValue(scratch, key, text);
    } catch (const InputError &error) {
        fail(origin, where + ": " + error.what());
    }
}

ConfigOverrides overridesFromObject(const std::string &origin, const std::string &where,
                                    const QJsonObject &object)
{
    ConfigOverrides overrides;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string key = it.key().toStdString();
        const std::string text = jsonToText(origin, where + " key '" + key + "'", it.value());
        checkValue(origin, where, key, text);
        overrides.push_back({key, text});
    }
    return overrides;
}

std::vector<GridAxis> parseGrid(const std::string &origin, const QJsonValue &value)
{
    if (!value.isObject())
        fail(origin, "grid: expected an object of key: [values]");
    std::vector<GridAxis> grid;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        GridAxis axis;
        axis.key = it.key().toStdString();
        const std::string where = "grid key '" + axis.key + "'";
        if (!it.value().isArray() || it.value().toArray().isEmpty())
            fail(origin, where + ": expected a non-empty array of values");
        for (const QJsonValue &entry : it.value().toArray()) {
            const std::string text = jsonToText(origin, where, entry);
            checkValue(origin, "grid", axis.key, text);
            axis.values.push_back(text);
        }
        grid.push_back(std::move(axis));
    }
    std::stable_sort(grid.begin(), grid.end(), [](const GridAxis &a, const GridAxis &b) {
        return keyRank(a.key) < keyRank(b.key);
    });
    return grid;
}

ReferenceTable parseReference(const std::string &origin, const QJsonValue &value)
{
    if (!value.isObject())
        fail(origin, "reference: expected an object with title, dataset and rows");
    const QJsonObject object = value.toObject();
    ReferenceTable table;
    table.title = object.value("title").toString().toStdString();
    table.dataset = object.value("dataset").toString().toStdString();
    const QJsonValue rows = object.value("rows");
    if (!rows.isArray())
        fail(origin, "reference: expected \"rows\": [{\"model\": ..., \"val-loss\": ...}, ...]");
    int index = 0;
    for (const QJsonValue &rowValue : rows.toArray()) {
        const std::string where = "reference row " + std::to_string(index++);
        const QJsonObject row = rowValue.toObject();
        ReferenceRow out;
        out.model = row.value("model").toString().toStdString();
        if (out.model.empty())
            fail(origin, where + ": needs a \"model\" name");
        for (size_t m = 0; m < kMetricCount; ++m) {
            const QJsonValue number = row.value(kReferenceMetricKeys[m]);
            if (!number.isDouble())
                fail(origin, where + " (" + out.model + "): \"" + kReferenceMetricKeys[m] +
                                 "\" must be a number");
            out.values[m] = number.toDouble();
        }
        table.rows.push_back(std::move(out));
    }
    return table;
}

bool gridVaries(const SweepSpec &spec, const std::string &key)
{
    return std::any_of(spec.grid.begin(), spec.grid.end(),
                       [&](const GridAxis &axis) { return axis.key == key; });
}

void applyAll(ExperimentConfig &config, const ConfigOverrides &overrides)
{
    for (const auto &[key, text] : overrides)
        setConfigValue(config, key, text);
}

// The keys that tell the data apart: runs that agree on them can share one loaded dataset.
std::string dataKey(const ExperimentConfig &c)
{
    std::ostringstream key;
    key << toKey(c.dataset) << '\n'
        << c.dataPath << '\n'
        << c.imageSize << ' ' << c.limit << ' ' << c.cifarValidation << ' ' << c.valFraction << ' '
        << c.testFraction << ' ' << c.splitSeed;
    return key.str();
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

SweepSpec parseSweepJson(const std::string &json, const std::string &origin)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError)
        fail(origin, "not valid JSON: " + error.errorString().toStdString() + " at offset " +
                         std::to_string(error.offset));
    if (!document.isObject())
        fail(origin, "expected a JSON object with \"base\", \"grid\" and \"repeats\"");
    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it.key().toStdString();
        if (std::none_of(std::begin(kSweepKeys), std::end(kSweepKeys),
                         [&](const char *known) { return key == known; }))
            fail(origin,
                 "unknown key '" + key +
                     "' (expected name, description, base, grid, runs, repeats, reference)");
    }

    SweepSpec spec;
    spec.path = origin;
    spec.name = root.value("name").toString().toStdString();
    spec.description = root.value("description").toString().toStdString();
    if (root.contains("base")) {
        if (!root.value("base").isObject())
            fail(origin, "base: expected an object of configuration keys");
        try {
            spec.base = configFromJson(root.value("base").toObject());
        } catch (const InputError &e) {
            fail(origin, std::string("base: ") + e.what());
        }
    }
    if (root.contains("grid"))
        spec.grid = parseGrid(origin, root.value("grid"));
    if (root.contains("runs")) {
        if (!root.value("runs").isArray())
            fail(origin, "runs: expected an array of objects of configuration keys");
        int index = 0;
        for (const QJsonValue &run : root.value("runs").toArray()) {
            const std::string where = "runs[" + std::to_string(index++) + "]";
            if (!run.isObject())
                fail(origin, where + ": expected an object of configuration keys");
            ConfigOverrides overrides = overridesFromObject(origin, where, run.toObject());
            for (const auto &entry : overrides)
                if (gridVaries(spec, entry.first))
                    fail(origin, where + " sets '" + entry.first + "', which the grid varies");
            spec.runs.push_back(std::move(overrides));
        }
        if (spec.runs.empty())
            fail(origin, "runs: the list is empty (leave it out to run the base)");
    }
    if (root.contains("repeats")) {
        const QJsonValue repeats = root.value("repeats");
        const double value = repeats.toDouble(-1);
        if (!repeats.isDouble() || value != std::floor(value) || value < 1 || value > kMaxRepeats)
            fail(origin, "repeats: expected an integer from 1 to " + std::to_string(kMaxRepeats));
        spec.repeats = static_cast<int>(value);
    }
    if (root.contains("reference"))
        spec.reference = parseReference(origin, root.value("reference"));
    if (spec.repeats > 1 && gridVaries(spec, "seed"))
        fail(origin, "repeats: the grid already sets the seeds; use one or the other");
    return spec;
}

SweepSpec loadSweepFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!fs::exists(path))
        throw InputError("sweep file " + path + " does not exist");
    if (!in)
        throw InputError("cannot read sweep file " + path + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return parseSweepJson(text.str(), path);
}

std::string presetDirectory()
{
    if (const char *override = std::getenv(kPresetDirEnvironment); override && *override)
        return override;
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
        if (gridVaries(spec, key))
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
    if (spec.repeats < 1 || spec.repeats > kMaxRepeats)
        throw InputError("repeats " + std::to_string(spec.repeats) + " must be from 1 to " +
                         std::to_string(kMaxRepeats));
    if (spec.repeats > 1 && gridVaries(spec, "seed"))
        throw InputError("repeats " + std::to_string(spec.repeats) +
                         ": the grid already sets the seeds; use one or the other");
    int64_t combinations = 1;
    for (const GridAxis &axis : spec.grid)
        combinations *= static_cast<int64_t>(axis.values.size());
    const std::vector<ConfigOverrides> entries =
        spec.runs.empty() ? std::vector<ConfigOverrides>{{}} : spec.runs;
    const int64_t total = static_cast<int64_t>(entries.size()) * combinations * spec.repeats;
    if (total > kMaxSweepRuns)
        throw InputError("the sweep has " + std::to_string(total) + " runs; at most " +
                         std::to_string(kMaxSweepRuns) + " are allowed");

    // One configuration per (entry, grid combination); the first grid axis varies slowest.
    std::vector<ExperimentConfig> configs;
    for (const ConfigOverrides &entry : entries) {
        for (int64_t combination = 0; combination < combinations; ++combination) {
            ExperimentConfig config = spec.base;
            applyAll(config, entry);
            int64_t rest = combination;
            std::vector<std::pair<std::string, std::string>> values(spec.grid.size());
            for (size_t a = spec.grid.size(); a-- > 0;) {
                const auto &axis = spec.grid[a];
                const auto count = static_cast<int64_t>(axis.values.size());
                values[a] = {axis.key, axis.values[static_cast<size_t>(rest % count)]};
                rest /= count;
            }
            applyAll(config, values);
            configs.push_back(config);
        }
    }
    disambiguateNames(configs);

    const bool gridSetsSeed = gridVaries(spec, "seed");
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
        results.push_back(result);
        if (observer)
            observer->sweepRunFinished(run, result);
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

void writeSweepHistoryCsv(const std::string &path, const std::vector<RunResult> &results)
{
    std::ofstream out(path, std::ios::trunc);
    if (!out)
        throw InputError("cannot write " + path + ": " + std::strerror(errno));
    out << csvLine(sweepHistoryCsvHeader()) << '\n';
    for (size_t i = 0; i < results.size(); ++i) {
        for (auto row : historyCsvRows(results[i])) {
            row.insert(row.begin(), std::to_string(i + 1));
            out << csvLine(row) << '\n';
        }
    }
    out.flush();
    if (!out)
        throw InputError("cannot write " + path + " (disk full?)");
}

} // namespace normlab
