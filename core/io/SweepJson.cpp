// Sweep files: the JSON of a grid, a list of runs, repeats and a reference table (see Sweep.h).
// Every value is checked as it is read, so an error names the place in the file.

#include "normlab/ConfigJson.h"
#include "normlab/Sweep.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace normlab {
namespace {

// The top-level keys of a sweep file.
const char *const kSweepKeys[] = {"name", "description", "base",     "grid",
                                  "runs", "repeats",     "reference"};
// The per-row keys of a reference table, in Metric order.
const char *const kReferenceMetricKeys[kMetricCount] = {"val-loss", "val-acc", "test-loss",
                                                        "test-acc"};

[[noreturn]] void fail(const std::string &origin, const std::string &message)
{
    throw InputError("sweep file " + origin + ": " + message);
}

// JSON scalars become the text the command line would give, so one parser serves both.
std::string jsonToText(const std::string &origin, const std::string &where, const QJsonValue &value)
{
    if (const auto text = jsonScalarText(value))
        return *text;
    fail(origin, where + ": expected a string, number or boolean");
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

void checkTopLevelKeys(const std::string &origin, const QJsonObject &root)
{
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it.key().toStdString();
        if (std::none_of(std::begin(kSweepKeys), std::end(kSweepKeys),
                         [&](const char *known) { return key == known; }))
            fail(origin,
                 "unknown key '" + key +
                     "' (expected name, description, base, grid, runs, repeats, reference)");
    }
}

ExperimentConfig parseBase(const std::string &origin, const QJsonValue &value)
{
    if (!value.isObject())
        fail(origin, "base: expected an object of configuration keys");
    try {
        return configFromJson(value.toObject());
    } catch (const InputError &e) {
        fail(origin, std::string("base: ") + e.what());
    }
}

std::vector<GridAxis> parseGrid(const std::string &origin, const QJsonValue &value)
{
    if (!value.isObject())
        fail(origin, "grid: expected an object of key: [values]");
    std::vector<GridAxis> grid;
    int64_t combinations = 1;
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
        // Bounded as it is read: the product of many axes would overflow an integer.
        combinations *= static_cast<int64_t>(grid.back().values.size());
        if (combinations > kMaxSweepRuns)
            fail(origin, "grid: more than " + std::to_string(kMaxSweepRuns) +
                             " combinations (at most " + std::to_string(kMaxSweepRuns) +
                             " runs are allowed)");
    }
    std::stable_sort(grid.begin(), grid.end(), [](const GridAxis &a, const GridAxis &b) {
        return keyRank(a.key) < keyRank(b.key);
    });
    return grid;
}

// The list of runs; none may set a key the grid varies (`spec.grid` is parsed first).
std::vector<ConfigOverrides> parseRuns(const std::string &origin, const SweepSpec &spec,
                                       const QJsonValue &value)
{
    if (!value.isArray())
        fail(origin, "runs: expected an array of objects of configuration keys");
    std::vector<ConfigOverrides> runs;
    int index = 0;
    for (const QJsonValue &run : value.toArray()) {
        const std::string where = "runs[" + std::to_string(index++) + "]";
        if (!run.isObject())
            fail(origin, where + ": expected an object of configuration keys");
        ConfigOverrides overrides = overridesFromObject(origin, where, run.toObject());
        for (const auto &entry : overrides)
            if (spec.gridVaries(entry.first))
                fail(origin, where + " sets '" + entry.first + "', which the grid varies");
        runs.push_back(std::move(overrides));
    }
    if (runs.empty())
        fail(origin, "runs: the list is empty (leave it out to run the base)");
    return runs;
}

int parseRepeats(const std::string &origin, const QJsonValue &repeats)
{
    const double value = repeats.toDouble(-1);
    if (!repeats.isDouble() || value != std::floor(value) || value < 1 || value > kMaxSweepRepeats)
        fail(origin, "repeats: expected an integer from 1 to " + std::to_string(kMaxSweepRepeats));
    return static_cast<int>(value);
}

ReferenceRow parseReferenceRow(const std::string &origin, const std::string &where,
                               const QJsonObject &row)
{
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
    return out;
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
        table.rows.push_back(parseReferenceRow(origin, where, rowValue.toObject()));
    }
    return table;
}

QJsonObject parseRoot(const std::string &json, const std::string &origin)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError)
        fail(origin, "not valid JSON: " + error.errorString().toStdString() + " at offset " +
                         std::to_string(error.offset));
    if (!document.isObject())
        fail(origin, "expected a JSON object with \"base\", \"grid\" and \"repeats\"");
    return document.object();
}

} // namespace

SweepSpec parseSweepJson(const std::string &json, const std::string &origin)
{
    const QJsonObject root = parseRoot(json, origin);
    checkTopLevelKeys(origin, root);
    SweepSpec spec;
    spec.path = origin;
    spec.name = root.value("name").toString().toStdString();
    spec.description = root.value("description").toString().toStdString();
    if (root.contains("base"))
        spec.base = parseBase(origin, root.value("base"));
    if (root.contains("grid"))
        spec.grid = parseGrid(origin, root.value("grid"));
    if (root.contains("runs"))
        spec.runs = parseRuns(origin, spec, root.value("runs"));
    if (root.contains("repeats"))
        spec.repeats = parseRepeats(origin, root.value("repeats"));
    if (root.contains("reference"))
        spec.reference = parseReference(origin, root.value("reference"));
    if (spec.repeats > 1 && spec.gridVaries("seed"))
        fail(origin, "repeats: the grid already sets the seeds; use one or the other");
    return spec;
}

SweepSpec loadSweepFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!std::filesystem::exists(path))
        throw InputError("sweep file " + path + " does not exist");
    if (!in)
        throw InputError("cannot read sweep file " + path + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return parseSweepJson(text.str(), path);
}

} // namespace normlab
