#pragma once
// The series a worker streams besides its epochs: the run's start (RunInfo) and chunks of batch
// losses, layer statistics and gradient norms, as JSON text with every double in hexadecimal
// floating point (RunJson.h), so the coordinator's observer gets the worker's values bit for bit.

#include "normlab/Insight.h"
#include "normlab/Results.h"

#include <string>
#include <vector>

namespace normlab::distributed {

/// What a worker gathered since its last chunk, in the order the trainer reported it.
struct SeriesChunk
{
    std::vector<BatchProgress> batches;
    std::vector<LayerStatsSample> layerStats;
    std::vector<GradientNormSample> gradientNorms;

    bool empty() const { return batches.empty() && layerStats.empty() && gradientNorms.empty(); }
};

std::string seriesToJson(const SeriesChunk &chunk);
/// Throws InputError when the text is not what seriesToJson writes.
SeriesChunk seriesFromJson(const std::string &text);

std::string runInfoToJson(const RunInfo &info);
/// Throws InputError when the text is not what runInfoToJson writes.
RunInfo runInfoFromJson(const std::string &text);

} // namespace normlab::distributed
