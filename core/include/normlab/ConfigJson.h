#pragma once
// Experiment configurations as JSON: the keys are normlab-cli's option names without the dashes,
// e.g. {"norm": "batch", "batch-size": 64, "augment": true}.

#include "normlab/Config.h"

#include <QJsonObject>

#include <optional>
#include <string>
#include <vector>

namespace normlab {

/// Every key, with its value.
QJsonObject toJson(const ExperimentConfig &config);

/// Applies the keys present in `object` on top of `base`. Throws InputError naming the key for an
/// unknown key or a value of the wrong type or spelling. Does not range-check (see validate()).
ExperimentConfig configFromJson(const QJsonObject &object, const ExperimentConfig &base = {});

/// Reads one configuration object. Throws InputError naming the file.
ExperimentConfig loadConfigFile(const std::string &path, const ExperimentConfig &base = {});
/// Reads one object or an array of objects. Throws InputError naming the file.
std::vector<ExperimentConfig> loadConfigList(const std::string &path,
                                             const ExperimentConfig &base = {});
/// Reads one object or an array of objects and validates every one: a file is run whole or not
/// at all. Throws InputError naming the file, and each invalid experiment by number with every
/// problem ("runs.json, experiment 2: dropout 1.5 must be in [0, 1)").
std::vector<ExperimentConfig> loadValidConfigList(const std::string &path,
                                                  const ExperimentConfig &base = {});
/// Writes one object, indented. Throws InputError naming the file when it cannot be written.
void saveConfigFile(const ExperimentConfig &config, const std::string &path);

} // namespace normlab

namespace normlab {

/// One configuration key: a CLI option (--name) and a JSON key (name).
struct ConfigKeyInfo
{
    std::string name;      // "batch-size"
    std::string valueName; // "N", "X", "P", "none|batch|..."; empty for flags
    std::string help;      // one line
    bool isFlag = false;   // true/false; on the command line, present means true
};

/// A JSON scalar as the text the command line would give ("batch", "0.5", "true"), so that one
/// parser serves both; doubles keep 17 digits, so the text reads back as the same number. Nothing
/// for arrays, objects and null.
std::optional<std::string> jsonScalarText(const QJsonValue &value);

/// Every configuration key, in help order.
const std::vector<ConfigKeyInfo> &configKeys();

/// Sets one key from its text ("0.5", "batch", "true"). Throws InputError naming the key and the
/// value when the key is unknown or the text does not parse.
void setConfigValue(ExperimentConfig &config, const std::string &key, const std::string &text);

} // namespace normlab
