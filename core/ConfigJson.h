#pragma once
// Experiment configurations as JSON: the keys are normlab-cli's option names without the dashes,
// e.g. {"norm": "batch", "batch-size": 64, "augment": true}.

#include "core/Config.h"

#include <QJsonObject>

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
/// Writes one object, indented. Throws InputError naming the file when it cannot be written.
void saveConfigFile(const ExperimentConfig &config, const std::string &path);

} // namespace normlab
