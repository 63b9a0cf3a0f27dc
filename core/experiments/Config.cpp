#include "normlab/Config.h"

#include "normlab/NumberFormat.h"

#include <algorithm>
#include <cmath>

namespace normlab {
namespace {

// Channels of the slides' three conv blocks at width 1.
constexpr int64_t kBaseChannels[] = {16, 32, 64};
// Hidden units of the FC head at width 1.
constexpr int64_t kBaseHidden = 128;
// Cross-validation folds: beyond this, held-out folds get too small to say anything.
constexpr int kMaxFolds = 100;
// CIFAR-10's validation split by default: one training record in ten (5,000 of 50,000).
constexpr int64_t kDefaultValidationShare = 10;

template <typename Enum, size_t N>
bool lookup(const std::string &s, Enum &out, const std::pair<const char *, Enum> (&table)[N])
{
    for (const auto &[key, value] : table) {
        if (s == key) {
            out = value;
            return true;
        }
    }
    return false;
}

template <typename Enum, size_t N>
std::string reverseLookup(Enum v, const std::pair<const char *, Enum> (&table)[N])
{
    for (const auto &[key, value] : table)
        if (value == v)
            return key;
    return "?";
}

const std::pair<const char *, DatasetKind> kDatasetKeys[] = {
    {"synthetic", DatasetKind::Synthetic},
    {"cifar10", DatasetKind::Cifar10},
    {"folder", DatasetKind::Folder},
};
const std::pair<const char *, Architecture> kArchKeys[] = {
    {"gap", Architecture::Gap},
    {"fc", Architecture::Fc},
};
const std::pair<const char *, NormKind> kNormKeys[] = {
    {"none", NormKind::None},         {"batch", NormKind::Batch}, {"layer", NormKind::Layer},
    {"instance", NormKind::Instance}, {"group", NormKind::Group}, {"weight", NormKind::Weight},
};
const std::pair<const char *, OptimizerKind> kOptimizerKeys[] = {
    {"sgd", OptimizerKind::Sgd},
    {"adam", OptimizerKind::Adam},
};

} // namespace

std::vector<int64_t> blockChannels(double width)
{
    std::vector<int64_t> channels;
    for (int64_t base : kBaseChannels)
        channels.push_back(std::max<int64_t>(1, std::llround(base * width)));
    return channels;
}

int64_t hiddenUnits(double width)
{
    return std::max<int64_t>(1, std::llround(kBaseHidden * width));
}

namespace {

using Problems = std::vector<std::string>;

// Data and split settings, cross-validation folds.
void checkData(const ExperimentConfig &c, Problems &errors)
{
    auto fail = [&](const std::string &message) { errors.push_back(message); };
    if (c.dataset != DatasetKind::Synthetic && c.dataPath.empty())
        fail("dataset " + toKey(c.dataset) + " needs a data path (--data PATH)");
    if (c.imageSize < 8 || c.imageSize > 512)
        fail("image-size " + std::to_string(c.imageSize) +
             " must be between 8 and 512 (three 2x2 poolings need at least 8 pixels)");
    if (c.limit < 0)
        fail("limit " + std::to_string(c.limit) + " must be 0 (all) or positive");
    if (c.cifarValidation < 0)
        fail("val-size " + std::to_string(c.cifarValidation) +
             " must be 0 (a tenth of the training records) or positive");
    if (!(c.valFraction > 0 && c.testFraction > 0 && c.valFraction + c.testFraction < 1))
        fail("val-fraction " + formatPlain(c.valFraction) + " and test-fraction " +
             formatPlain(c.testFraction) + " must be positive and sum to less than 1");
    if (!(c.labelNoise >= 0 && c.labelNoise <= 100))
        fail("label-noise " + formatPlain(c.labelNoise) + " must be in [0, 100]");
    if (c.fold != 0 && (c.folds < 2 || c.fold < 1 || c.fold > c.folds))
        fail("fold " + std::to_string(c.fold) + " needs --folds K with 1 <= fold <= K");
    if (c.folds != 0 && (c.folds < 2 || c.folds > kMaxFolds))
        fail("folds " + std::to_string(c.folds) + " must be 0 (off) or between 2 and " +
             std::to_string(kMaxFolds));
}

// Width, normalization and the network's options.
void checkModel(const ExperimentConfig &c, Problems &errors)
{
    auto fail = [&](const std::string &message) { errors.push_back(message); };
    if (!(c.width > 0 && c.width <= 16))
        fail("width " + formatPlain(c.width) + " must be in (0, 16]");
    if (c.groups < 1) {
        fail("groups " + std::to_string(c.groups) + " must be at least 1");
    } else if (c.norm == NormKind::Group && c.width > 0) {
        for (int64_t channels : blockChannels(c.width)) {
            if (channels % c.groups != 0) {
                fail("groups " + std::to_string(c.groups) +
                     " must divide every block's channels (" + std::to_string(channels) +
                     " at width " + formatPlain(c.width) + ")");
                break;
            }
        }
    }
    if (c.meanOnlyBatchNorm && c.norm != NormKind::Weight)
        fail("mean-only-bn is an option of WeightNorm (--norm weight)");
    if (c.globalPool && c.arch != Architecture::Fc)
        fail("global-pool replaces Flatten in the FC network; the GAP network already pools");
}

// Penalties, dropout and early stopping.
void checkRegularization(const ExperimentConfig &c, Problems &errors)
{
    auto fail = [&](const std::string &message) { errors.push_back(message); };
    if (!(c.l1 >= 0 && std::isfinite(c.l1)))
        fail("l1 " + formatPlain(c.l1) + " must be 0 or positive");
    if (!(c.l2 >= 0 && std::isfinite(c.l2)))
        fail("l2 " + formatPlain(c.l2) + " must be 0 or positive");
    if (!(c.dropout >= 0 && c.dropout < 1))
        fail("dropout " + formatPlain(c.dropout) + " must be in [0, 1)");
    if (!(c.dropconnect >= 0 && c.dropconnect < 1))
        fail("dropconnect " + formatPlain(c.dropconnect) + " must be in [0, 1)");
    if (c.earlyStopping < 0)
        fail("early-stopping " + std::to_string(c.earlyStopping) + " must be 0 (off) or positive");
    if (!(c.minDelta >= 0 && std::isfinite(c.minDelta)))
        fail("min-delta " + formatPlain(c.minDelta) + " must be 0 or positive");
}

// Optimizer, batches, epochs, threads and recording.
void checkTraining(const ExperimentConfig &c, Problems &errors)
{
    auto fail = [&](const std::string &message) { errors.push_back(message); };
    if (!(c.lr > 0 && std::isfinite(c.lr)))
        fail("lr " + formatPlain(c.lr) + " must be positive");
    if (!(c.momentum >= 0 && c.momentum < 1))
        fail("momentum " + formatPlain(c.momentum) + " must be in [0, 1)");
    if (c.nesterov && (c.optimizer != OptimizerKind::Sgd || c.momentum <= 0))
        fail("nesterov needs --optimizer sgd with a positive momentum");
    if (c.batchSize < 1 || c.batchSize > 65536)
        fail("batch-size " + std::to_string(c.batchSize) + " must be between 1 and 65536");
    if (c.epochs < 1 || c.epochs > 100000)
        fail("epochs " + std::to_string(c.epochs) + " must be at least 1");
    if (c.threads < 0 || c.threads > 1024)
        fail("threads " + std::to_string(c.threads) + " must be 0 (all cores) or positive");
    if (c.statsEvery < 0)
        fail("stats-every " + std::to_string(c.statsEvery) + " must be 0 (off) or positive");
}

} // namespace

std::vector<std::string> validate(const ExperimentConfig &c)
{
    // Problems in a fixed order: data, model, regularization, training.
    std::vector<std::string> errors;
    checkData(c, errors);
    checkModel(c, errors);
    checkRegularization(c, errors);
    checkTraining(c, errors);
    return errors;
}

int64_t cifarValidationCount(int64_t valSize, int64_t trainingRecords)
{
    if (valSize != 0)
        return valSize;
    return std::max<int64_t>(1, trainingRecords / kDefaultValidationShare);
}

std::string normLabel(NormKind norm)
{
    switch (norm) {
    case NormKind::None:
        return "None";
    case NormKind::Batch:
        return "BatchNorm";
    case NormKind::Layer:
        return "LayerNorm";
    case NormKind::Instance:
        return "InstanceNorm";
    case NormKind::Group:
        return "GroupNorm";
    case NormKind::Weight:
        return "WeightNorm";
    }
    return "?";
}

namespace {
// The regularizers in slide order, with the words the slides use.
std::vector<std::pair<std::string, std::string>> regularizerParts(const ExperimentConfig &c)
{
    std::vector<std::pair<std::string, std::string>> parts; // {slide name, value}
    if (c.l1 > 0)
        parts.push_back({"L1 Regularization", formatPlain(c.l1)});
    if (c.l2 > 0)
        parts.push_back({"L2 Regularization", formatPlain(c.l2)});
    if (c.dropout > 0)
        parts.push_back({"Dropout", formatPlain(c.dropout)});
    if (c.dropconnect > 0)
        parts.push_back({"DropConnect", formatPlain(c.dropconnect)});
    if (c.globalPool && c.arch == Architecture::Fc)
        parts.push_back({"GlobalPool", ""});
    if (c.augment)
        parts.push_back({"Data Augmentation", ""});
    if (c.earlyStopping > 0)
        parts.push_back({"Early Stopping", std::to_string(c.earlyStopping)});
    return parts;
}

// The name as the slides write it, before any label-noise suffix.
std::string slideRunName(const ExperimentConfig &c)
{
    const auto parts = regularizerParts(c);
    std::string normName = normLabel(c.norm);
    if (c.norm == NormKind::Weight && c.meanOnlyBatchNorm)
        normName += " + Mean-only BatchNorm";
    // The normalization experiment (GAP network) names runs by their normalization alone.
    if (parts.empty() && c.arch == Architecture::Gap)
        return c.norm == NormKind::None ? "No Normalization" : normName;
    std::string name = "CNN";
    if (c.norm != NormKind::None)
        name += " + " + normName;
    for (const auto &part : parts)
        name += " + " + part.first;
    return name;
}
} // namespace

std::string defaultRunName(const ExperimentConfig &c)
{
    // Runs on corrupted labels must not read like clean ones in a table.
    if (c.labelNoise > 0)
        return slideRunName(c) + " + Label Noise " + formatPlain(c.labelNoise) + "%";
    return slideRunName(c);
}

std::string runName(const ExperimentConfig &config)
{
    const std::string name = config.name.empty() ? defaultRunName(config) : config.name;
    if (config.folds >= 2 && config.fold >= 1)
        return name + " (fold " + std::to_string(config.fold) + "/" + std::to_string(config.folds) +
               ")";
    return name;
}

std::string regularizerLabel(const ExperimentConfig &c)
{
    const auto parts = regularizerParts(c);
    if (parts.empty())
        return "none";
    std::string label;
    for (const auto &[name, value] : parts) {
        if (!label.empty())
            label += " + ";
        label += value.empty() ? name : name + " " + value;
    }
    return label;
}

std::string datasetLabel(const ExperimentConfig &c)
{
    if (c.dataset == DatasetKind::Synthetic)
        return "synthetic";
    return toKey(c.dataset) + ":" + c.dataPath;
}

std::string toKey(DatasetKind v)
{
    return reverseLookup(v, kDatasetKeys);
}
std::string toKey(Architecture v)
{
    return reverseLookup(v, kArchKeys);
}
std::string toKey(NormKind v)
{
    return reverseLookup(v, kNormKeys);
}
std::string toKey(OptimizerKind v)
{
    return reverseLookup(v, kOptimizerKeys);
}
bool fromKey(const std::string &s, DatasetKind &out)
{
    return lookup(s, out, kDatasetKeys);
}
bool fromKey(const std::string &s, Architecture &out)
{
    return lookup(s, out, kArchKeys);
}
bool fromKey(const std::string &s, NormKind &out)
{
    return lookup(s, out, kNormKeys);
}
bool fromKey(const std::string &s, OptimizerKind &out)
{
    return lookup(s, out, kOptimizerKeys);
}

} // namespace normlab
