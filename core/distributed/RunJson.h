#pragma once
// What a worker sends back, as JSON text: one epoch's metrics, and a run's result. Doubles travel
// as hexadecimal floating point ("%a"), so the coordinator gets the worker's values bit for bit
// (NaN and infinity included: a diverged run's losses). The configuration travels as ConfigJson.

#include "normlab/Config.h"
#include "normlab/Results.h"

#include <string>

namespace normlab::distributed {

/// A double as hexadecimal floating point ("%a"), and back: exact, NaN and infinity included.
std::string hexDouble(double value);
double fromHexDouble(const std::string &text);

std::string epochToJson(const EpochMetrics &metrics);
/// Throws InputError when the text is not what epochToJson writes.
EpochMetrics epochFromJson(const std::string &text);

/// The result without its configuration and insight (the coordinator has the configuration).
std::string resultToJson(const RunResult &result);
/// Throws InputError when the text is not what resultToJson writes.
RunResult resultFromJson(const std::string &text, const ExperimentConfig &config);

std::string configToJson(const ExperimentConfig &config);
ExperimentConfig configFromJsonText(const std::string &text);

} // namespace normlab::distributed
