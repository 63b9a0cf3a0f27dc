#include "normlab/Insight.h"

#include "normlab/Errors.h"
#include "normlab/NumberFormat.h"
#include "normlab/Results.h"
#include "normlab/ResultsCsv.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace normlab {
namespace {

std::string layerName(const std::vector<std::string> &names, size_t i, const char *fallback)
{
    return i < names.size() ? names[i] : fallback + std::to_string(i + 1);
}

} // namespace

GradientHealth gradientHealth(double norm)
{
    // NaN and infinity are as broken as an explosion.
    if (!std::isfinite(norm) || norm > kExplodingGradient)
        return GradientHealth::Exploding;
    if (norm < kVanishingGradient)
        return GradientHealth::Vanishing;
    return GradientHealth::Normal;
}

std::vector<std::vector<int64_t>> confusionMatrix(const SplitPredictions &predictions,
                                                  int numClasses)
{
    if (numClasses < 0)
        throw InputError("class count " + std::to_string(numClasses) + " must not be negative");
    if (predictions.predicted.size() != predictions.truth.size())
        throw InputError("the " + predictions.split + " predictions have " +
                         std::to_string(predictions.predicted.size()) + " labels for " +
                         std::to_string(predictions.truth.size()) + " images");
    std::vector<std::vector<int64_t>> counts(numClasses, std::vector<int64_t>(numClasses, 0));
    for (size_t i = 0; i < predictions.truth.size(); ++i) {
        const int t = predictions.truth[i], p = predictions.predicted[i];
        if (t < 0 || t >= numClasses || p < 0 || p >= numClasses)
            throw InputError("the " + predictions.split + " prediction " + std::to_string(i) +
                             " (true " + std::to_string(t) + ", predicted " + std::to_string(p) +
                             ") is outside the " + std::to_string(numClasses) + " classes");
        ++counts[t][p];
    }
    return counts;
}

void writeInsightCsv(const std::string &path, const RunResult &result)
{
    const RunInsight &insight = result.insight;
    std::vector<std::vector<std::string>> rows{{"series", "step", "epoch", "layer", "value"}};
    for (const LayerStatsSample &sample : insight.layerStats) {
        const std::string step = std::to_string(sample.step), epoch = std::to_string(sample.epoch);
        for (size_t b = 0; b < sample.blocks.size(); ++b) {
            const std::string layer = layerName(insight.blockNames, b, "block");
            const LayerMoments &m = sample.blocks[b];
            rows.push_back({"pre-mean", step, epoch, layer, formatExact(m.preMean)});
            rows.push_back({"pre-std", step, epoch, layer, formatExact(m.preStd)});
            rows.push_back({"post-mean", step, epoch, layer, formatExact(m.postMean)});
            rows.push_back({"post-std", step, epoch, layer, formatExact(m.postStd)});
        }
    }
    // The last recorded step of every epoch, to place the per-epoch loss gap on the step axis.
    std::map<int, int64_t> lastStep;
    for (const GradientNormSample &sample : insight.gradientNorms) {
        const std::string step = std::to_string(sample.step), epoch = std::to_string(sample.epoch);
        lastStep[sample.epoch] = std::max(lastStep[sample.epoch], sample.step);
        for (size_t l = 0; l < sample.norms.size(); ++l)
            rows.push_back({"grad-norm", step, epoch, layerName(insight.gradientLayers, l, "layer"),
                            formatExact(sample.norms[l])});
    }
    for (const EpochMetrics &m : result.history) {
        const auto found = lastStep.find(m.epoch);
        const std::string step = found == lastStep.end() ? "" : std::to_string(found->second);
        rows.push_back(
            {"loss-gap", step, std::to_string(m.epoch), "", formatExact(m.valLoss - m.trainLoss)});
    }
    writeCsvRows(path, rows);
}

void writeConfusionCsv(const std::string &path, const SplitPredictions &predictions,
                       const std::vector<std::string> &classNames)
{
    const int classes = static_cast<int>(classNames.size());
    const auto counts = confusionMatrix(predictions, classes);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header{"true \\ predicted"};
    header.insert(header.end(), classNames.begin(), classNames.end());
    rows.push_back(header);
    for (int t = 0; t < classes; ++t) {
        std::vector<std::string> row{classNames[t]};
        for (int p = 0; p < classes; ++p)
            row.push_back(std::to_string(counts[t][p]));
        rows.push_back(row);
    }
    writeCsvRows(path, rows);
}

} // namespace normlab
