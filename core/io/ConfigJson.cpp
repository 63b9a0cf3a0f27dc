#include "normlab/ConfigJson.h"

#include "normlab/Errors.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <variant>

namespace normlab {
namespace {

using C = ExperimentConfig;
using Field =
    std::variant<std::string C::*, int C::*, int64_t C::*, uint64_t C::*, double C::*, bool C::*,
                 DatasetKind C::*, Architecture C::*, NormKind C::*, OptimizerKind C::*>;

struct KeySpec
{
    ConfigKeyInfo info;
    Field field;
};

// The data: which dataset, how it is cut and split.
std::vector<KeySpec> dataKeys()
{
    return {
        {{"dataset", "synthetic|cifar10|folder", "dataset to train on (default: synthetic)"},
         &C::dataset},
        {{"data", "PATH", "CIFAR-10 binary folder or image-folder root"}, &C::dataPath},
        {{"image-size", "N", "image folders are resized to N x N pixels (default 64)"},
         &C::imageSize},
        {{"limit", "N", "use at most N training images; validation and test shrink alike"},
         &C::limit},
        {{"val-size", "N",
          "CIFAR-10 training records held out for validation (default 0: a tenth, 5000 on "
          "CIFAR-10)"},
         &C::cifarValidation},
        {{"val-fraction", "X", "image folders: validation fraction (default 0.15)"},
         &C::valFraction},
        {{"test-fraction", "X", "image folders: test fraction (default 0.15)"}, &C::testFraction},
        {{"split-seed", "N", "seed of the train/validation/test split (default 42)"},
         &C::splitSeed},
        {{"label-noise", "PERCENT",
          "replace PERCENT % of the training labels by a wrong class (validation and test stay "
          "clean; default 0)"},
         &C::labelNoise},
        {{"folds", "K",
          "k-fold cross-validation over training+validation data, K >= 2 (default 0: off)"},
         &C::folds},
        {{"fold", "I", "with --folds: run only fold I (1..K), as the GUI queues folds"}, &C::fold},
    };
}

// The network.
std::vector<KeySpec> modelKeys()
{
    return {
        {{"arch", "gap|fc",
          "gap: conv blocks -> global average pool -> Linear; fc: conv blocks -> Flatten -> "
          "Linear(128) -> ReLU -> Linear"},
         &C::arch},
        {{"width", "K", "width multiplier: channels 16K, 32K, 64K, hidden units 128K"}, &C::width},
        {{"norm", "none|batch|layer|instance|group|weight", "normalization after each conv"},
         &C::norm},
        {{"groups", "N", "GroupNorm groups; must divide the channels (default 8)"}, &C::groups},
        {{"norm-after-relu", "", "place the normalization after ReLU instead of before", true},
         &C::normAfterActivation},
        {{"mean-only-bn", "", "WeightNorm with mean-only BatchNorm (Salimans & Kingma)", true},
         &C::meanOnlyBatchNorm},
        {{"global-pool", "", "FC network: global average pooling instead of Flatten", true},
         &C::globalPool},
    };
}

// Penalties, dropout, augmentation and early stopping.
std::vector<KeySpec> regularizationKeys()
{
    return {
        {{"l1", "X", "L1 penalty X * sum|w| over conv/linear weights"}, &C::l1},
        {{"l2", "X", "L2 penalty X * sum w^2 over conv/linear weights"}, &C::l2},
        {{"dropout", "P", "Dropout probability before the last Linear"}, &C::dropout},
        {{"dropconnect", "P", "DropConnect probability on the hidden Linear's weights"},
         &C::dropconnect},
        {{"augment", "", "random crop (4-pixel padding), flip, brightness/contrast jitter", true},
         &C::augment},
        {{"early-stopping", "PATIENCE",
          "stop after PATIENCE epochs without validation-loss improvement (0: off)"},
         &C::earlyStopping},
        {{"min-delta", "X", "early stopping: smallest validation-loss decrease that counts"},
         &C::minDelta},
    };
}

// The optimizer and the training loop, then the run's name.
std::vector<KeySpec> trainingKeys()
{
    return {
        {{"optimizer", "sgd|adam", "optimizer (default adam)"}, &C::optimizer},
        {{"lr", "X", "learning rate (default 0.001)"}, &C::lr},
        {{"momentum", "X", "SGD momentum (default 0.9)"}, &C::momentum},
        {{"nesterov", "", "SGD with Nesterov momentum", true}, &C::nesterov},
        {{"batch-size", "N", "training batch size (default 64)"}, &C::batchSize},
        {{"epochs", "N", "training epochs (default 10)"}, &C::epochs},
        {{"seed", "N", "seed of initialization, shuffling, dropout and augmentation"}, &C::seed},
        {{"threads", "N", "intra-op threads (default 0: all cores)"}, &C::threads},
        {{"stats-every", "N",
          "layer statistics every N steps, gradient norms every step (default 25; 0: off)"},
         &C::statsEvery},
        {{"name", "TEXT", "run name (default: the slides' style, e.g. \"CNN + Dropout\")"},
         &C::name},
    };
}

// Every key, in help order.
const std::vector<KeySpec> &keySpecs()
{
    static const std::vector<KeySpec> specs = [] {
        std::vector<KeySpec> all;
        for (auto group : {dataKeys, modelKeys, regularizationKeys, trainingKeys}) {
            auto keys = group();
            all.insert(all.end(), keys.begin(), keys.end());
        }
        return all;
    }();
    return specs;
}

const KeySpec *findKey(const std::string &key)
{
    for (const auto &spec : keySpecs())
        if (spec.info.name == key)
            return &spec;
    return nullptr;
}

[[noreturn]] void badValue(const std::string &key, const std::string &text, const std::string &what)
{
    throw InputError(key + ": '" + text + "' is not " + what);
}

long long parseInteger(const std::string &key, const std::string &text)
{
    errno = 0;
    char *end = nullptr;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE)
        badValue(key, text, "an integer");
    return value;
}

// Seeds are uint64_t: the whole range reads back, 0..18446744073709551615. strtoull would take
// "-1" as 2^64 - 1, so a sign is refused first.
uint64_t parseUnsigned(const std::string &key, const std::string &text)
{
    if (text.find('-') != std::string::npos)
        badValue(key, text, "a non-negative integer");
    errno = 0;
    char *end = nullptr;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE)
        badValue(key, text,
                 "an integer from 0 to " + std::to_string(std::numeric_limits<uint64_t>::max()));
    return value;
}

double parseNumber(const std::string &key, const std::string &text)
{
    errno = 0;
    char *end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(value))
        badValue(key, text, "a number");
    return value;
}

bool parseBool(const std::string &key, const std::string &text)
{
    if (text == "true" || text == "1" || text == "yes" || text == "on")
        return true;
    if (text == "false" || text == "0" || text == "no" || text == "off")
        return false;
    badValue(key, text, "true or false");
}

template <typename Enum> Enum parseChoice(const KeySpec &spec, const std::string &text)
{
    Enum value{};
    if (!fromKey(text, value))
        badValue(spec.info.name, text, "one of " + spec.info.valueName);
    return value;
}

void applyText(ExperimentConfig &config, const KeySpec &spec, const std::string &text)
{
    const std::string &key = spec.info.name;
    std::visit(
        [&](auto member) {
            using T = std::decay_t<decltype(config.*member)>;
            if constexpr (std::is_same_v<T, std::string>) {
                config.*member = text;
            } else if constexpr (std::is_same_v<T, bool>) {
                config.*member = parseBool(key, text);
            } else if constexpr (std::is_same_v<T, double>) {
                config.*member = parseNumber(key, text);
            } else if constexpr (std::is_same_v<T, int>) {
                const long long v = parseInteger(key, text);
                if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
                    badValue(key, text, "a small enough integer");
                config.*member = static_cast<int>(v);
            } else if constexpr (std::is_same_v<T, int64_t>) {
                config.*member = parseInteger(key, text);
            } else if constexpr (std::is_same_v<T, uint64_t>) {
                config.*member = parseUnsigned(key, text);
            } else {
                config.*member = parseChoice<T>(spec, text);
            }
        },
        spec.field);
}

// A JSON number is a double: integers beyond 2^53 (large seeds) are written as decimal text,
// which the readers accept, so a saved configuration always reads back to itself.
template <typename Integer> QJsonValue integerToJson(Integer value)
{
    constexpr Integer kExactInDouble = Integer(1) << 53;
    if (value <= kExactInDouble && (std::is_unsigned_v<Integer> || value >= -kExactInDouble))
        return static_cast<qint64>(value);
    return QString::fromStdString(std::to_string(value));
}

QJsonValue fieldToJson(const ExperimentConfig &config, const KeySpec &spec)
{
    return std::visit(
        [&](auto member) -> QJsonValue {
            using T = std::decay_t<decltype(config.*member)>;
            const T &value = config.*member;
            if constexpr (std::is_same_v<T, std::string>)
                return QString::fromStdString(value);
            else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, double>)
                return value;
            else if constexpr (std::is_same_v<T, int>)
                return value;
            else if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, uint64_t>)
                return integerToJson(value);
            else
                return QString::fromStdString(toKey(value));
        },
        spec.field);
}

std::string jsonToText(const std::string &key, const QJsonValue &value)
{
    if (const auto text = jsonScalarText(value))
        return *text;
    throw InputError(key + ": expected a string, number or boolean");
}

QByteArray readFile(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.exists())
        throw InputError("config file " + path + " does not exist");
    if (!file.open(QIODevice::ReadOnly))
        throw InputError("cannot read config file " + path + ": " +
                         file.errorString().toStdString());
    return file.readAll();
}

QJsonDocument parseJson(const std::string &path)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(readFile(path), &error);
    if (error.error != QJsonParseError::NoError)
        throw InputError("config file " + path +
                         " is not valid JSON: " + error.errorString().toStdString() +
                         " at offset " + std::to_string(error.offset));
    return document;
}

ExperimentConfig fromJsonInFile(const QJsonValue &value, const ExperimentConfig &base,
                                const std::string &path)
{
    if (!value.isObject())
        throw InputError("config file " + path + ": expected a JSON object of options");
    try {
        return configFromJson(value.toObject(), base);
    } catch (const InputError &error) {
        throw InputError("config file " + path + ": " + error.what());
    }
}

} // namespace

const std::vector<ConfigKeyInfo> &configKeys()
{
    static const std::vector<ConfigKeyInfo> keys = [] {
        std::vector<ConfigKeyInfo> out;
        for (const auto &spec : keySpecs())
            out.push_back(spec.info);
        return out;
    }();
    return keys;
}

void setConfigValue(ExperimentConfig &config, const std::string &key, const std::string &text)
{
    const KeySpec *spec = findKey(key);
    if (!spec)
        throw InputError("unknown option '" + key + "'");
    applyText(config, *spec, text);
}

std::optional<std::string> jsonScalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return std::string(value.toBool() ? "true" : "false");
    case QJsonValue::String:
        return value.toString().toStdString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9.0e15)
            return std::to_string(static_cast<long long>(d));
        return QString::number(d, 'g', 17).toStdString();
    }
    default:
        return std::nullopt;
    }
}

QJsonObject toJson(const ExperimentConfig &config)
{
    QJsonObject object;
    for (const auto &spec : keySpecs())
        object.insert(QString::fromStdString(spec.info.name), fieldToJson(config, spec));
    return object;
}

ExperimentConfig configFromJson(const QJsonObject &object, const ExperimentConfig &base)
{
    ExperimentConfig config = base;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string key = it.key().toStdString();
        const KeySpec *spec = findKey(key);
        if (!spec)
            throw InputError("unknown key '" + key + "'");
        applyText(config, *spec, jsonToText(key, it.value()));
    }
    return config;
}

ExperimentConfig loadConfigFile(const std::string &path, const ExperimentConfig &base)
{
    const QJsonDocument document = parseJson(path);
    return fromJsonInFile(document.isObject() ? QJsonValue(document.object()) : QJsonValue(), base,
                          path);
}

std::vector<ExperimentConfig> loadConfigList(const std::string &path, const ExperimentConfig &base)
{
    const QJsonDocument document = parseJson(path);
    std::vector<ExperimentConfig> configs;
    if (document.isObject()) {
        configs.push_back(fromJsonInFile(document.object(), base, path));
    } else {
        const QJsonArray array = document.array();
        for (const QJsonValue &value : array)
            configs.push_back(fromJsonInFile(value, base, path));
    }
    if (configs.empty())
        throw InputError("config file " + path + " holds no experiment");
    return configs;
}

std::vector<ExperimentConfig> loadValidConfigList(const std::string &path,
                                                  const ExperimentConfig &base)
{
    const std::vector<ExperimentConfig> configs = loadConfigList(path, base);
    if (configs.empty())
        throw InputError(path + " holds no experiment");
    std::string problems;
    for (size_t i = 0; i < configs.size(); ++i)
        for (const std::string &problem : validate(configs[i]))
            problems += (problems.empty() ? "" : "\n") + path + ", experiment " +
                        std::to_string(i + 1) + ": " + problem;
    if (!problems.empty())
        throw InputError(problems);
    return configs;
}

void saveConfigFile(const ExperimentConfig &config, const std::string &path)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        throw InputError("cannot write " + path + ": " + file.errorString().toStdString());
    file.write(QJsonDocument(toJson(config)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        throw InputError("cannot write " + path + ": " + file.errorString().toStdString());
}

} // namespace normlab
