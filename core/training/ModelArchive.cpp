#include "training/ModelArchive.h"

#include "training/PickleCheck.h"

#include "normlab/ConfigJson.h"
#include "normlab/Errors.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/import_read.h>

#include <QJsonDocument>
#include <QSaveFile>

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#ifndef NORMLAB_VERSION
#define NORMLAB_VERSION "unknown"
#endif

namespace normlab {
namespace {

// Every PyTorch archive is a zip file: it starts with a local file header.
bool looksLikeZip(const std::vector<char> &bytes)
{
    return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 &&
           bytes[3] == 4;
}

std::vector<char> readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError("cannot read " + path + ": no such file or not readable");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// torch::pickle_load without its flaws: LibTorch 1.13 reads the bytes through an adapter that
// copies past their end when a damaged archive asks for it (found by AddressSanitizer on a
// truncated file); a stream reader fails such reads instead, with a c10::Error. And the pickle's
// opcodes are checked first (PickleCheck).
c10::IValue loadPickle(const std::vector<char> &bytes)
{
    std::istringstream in(std::string(bytes.begin(), bytes.end()));
    caffe2::serialize::PyTorchStreamReader reader(&in);
    const auto [record, size] = reader.getRecord("data.pkl");
    pickle::PickleCheck(static_cast<const char *>(record.get()), size).run();
    return torch::jit::readArchiveAndTensors("data", "", "", c10::nullopt, c10::nullopt,
                                             c10::nullopt, reader);
}

std::string shapeText(at::IntArrayRef sizes)
{
    std::ostringstream out;
    out << sizes;
    return out.str();
}

std::string formatList(const std::vector<std::pair<std::string, int64_t>> &formats)
{
    std::string names;
    for (const auto &format : formats)
        names += (names.empty() ? "" : " or ") + format.first;
    return names;
}

std::string configText(const ExperimentConfig &config)
{
    return QJsonDocument(toJson(config)).toJson(QJsonDocument::Compact).toStdString();
}

ExperimentConfig configFromText(const std::string &text, const ArchiveReader &archive)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        archive.fail("its configuration is not a JSON object");
    try {
        return configFromJson(document.object());
    } catch (const InputError &problem) {
        archive.fail(std::string("its configuration: ") + problem.what());
    }
}

template <typename T> c10::List<T> listOf(const std::vector<T> &values)
{
    c10::List<T> list;
    for (const T &value : values)
        list.push_back(value);
    return list;
}

} // namespace

ArchiveDict newArchiveDict()
{
    return ArchiveDict(c10::StringType::get(), c10::AnyType::get());
}

ArchiveDict newArchive(const std::string &format, int64_t version)
{
    ArchiveDict dict = newArchiveDict();
    dict.insert("format", format);
    dict.insert("format_version", version);
    dict.insert("normlab_version", std::string(NORMLAB_VERSION));
    return dict;
}

void writeArchive(const std::string &path, const ArchiveDict &dict)
{
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(bytes.data(), static_cast<qint64>(bytes.size())) !=
            static_cast<qint64>(bytes.size()) ||
        !file.commit())
        throw InputError("cannot write " + path + ": " + file.errorString().toStdString());
}

ArchiveDict readArchive(const std::string &path,
                        const std::vector<std::pair<std::string, int64_t>> &formats)
{
    const std::string expected = "a NormLab file (" + formatList(formats) + ")";
    const std::vector<char> bytes = readBytes(path);
    if (!looksLikeZip(bytes))
        throw InputError(path + " is not " + expected + ": not a PyTorch archive");
    c10::IValue value;
    try {
        value = loadPickle(bytes);
    } catch (const std::exception &) {
        throw InputError(path + " is truncated or damaged: not a complete PyTorch archive");
    }
    if (!value.isGenericDict())
        throw InputError(path + " is not " + expected + ": it holds no dictionary");
    const ArchiveReader archive(value.toGenericDict(), path);
    if (!archive.has("format") || !value.toGenericDict().at("format").isString())
        throw InputError(path + " is not " + expected + ": it has no NormLab format entry");
    const std::string found = archive.text("format");
    for (const auto &[name, newest] : formats) {
        if (found != name)
            continue;
        const int64_t version = archive.integer("format_version");
        if (version < 1 || version > newest)
            throw InputError(path + " has " + name + " format version " + std::to_string(version) +
                             "; this NormLab reads versions up to " + std::to_string(newest) +
                             " (written by a newer NormLab?)");
        return value.toGenericDict();
    }
    throw InputError(path + " is a '" + found + "' file, not " + expected);
}

c10::IValue ArchiveReader::value(const std::string &key) const
{
    if (!dict_.contains(key))
        fail("it has no '" + key + "' entry");
    return dict_.at(key);
}

void ArchiveReader::fail(const std::string &problem) const
{
    throw InputError(origin_ + ": " + problem);
}

std::string ArchiveReader::text(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isString())
        fail("'" + key + "' is not text");
    return v.toStringRef();
}

int64_t ArchiveReader::integer(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isInt())
        fail("'" + key + "' is not an integer");
    return v.toInt();
}

double ArchiveReader::number(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isDouble() && !v.isInt())
        fail("'" + key + "' is not a number");
    return v.isDouble() ? v.toDouble() : static_cast<double>(v.toInt());
}

bool ArchiveReader::flag(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isBool())
        fail("'" + key + "' is not true or false");
    return v.toBool();
}

at::Tensor ArchiveReader::tensor(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isTensor())
        fail("'" + key + "' is not a tensor");
    return v.toTensor();
}

std::vector<std::string> ArchiveReader::texts(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isList())
        fail("'" + key + "' is not a list");
    std::vector<std::string> out;
    for (const c10::IValue &item : v.toListRef()) {
        if (!item.isString())
            fail("'" + key + "' holds an entry that is not text");
        out.push_back(item.toStringRef());
    }
    return out;
}

std::vector<double> ArchiveReader::numbers(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isList())
        fail("'" + key + "' is not a list");
    std::vector<double> out;
    for (const c10::IValue &item : v.toListRef()) {
        if (!item.isDouble())
            fail("'" + key + "' holds an entry that is not a number");
        out.push_back(item.toDouble());
    }
    return out;
}

StateDict ArchiveReader::state(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isGenericDict())
        fail("'" + key + "' is not a dictionary of tensors");
    StateDict out;
    for (const auto &entry : v.toGenericDict()) {
        if (!entry.key().isString() || !entry.value().isTensor())
            fail("'" + key + "' is not a dictionary of tensors");
        out.insert(entry.key().toStringRef(), entry.value().toTensor());
    }
    return out;
}

ArchiveReader ArchiveReader::child(const std::string &key) const
{
    const c10::IValue v = value(key);
    if (!v.isGenericDict())
        fail("'" + key + "' is not a dictionary");
    return ArchiveReader(v.toGenericDict(), origin_);
}

StateDict stateDict(const NormCnn &model)
{
    StateDict state;
    for (const auto &item : model->named_parameters())
        state.insert(item.key(), item.value().detach().clone());
    for (const auto &item : model->named_buffers())
        state.insert(item.key(), item.value().detach().clone());
    return state;
}

void loadStateDict(NormCnn &model, const StateDict &state, const std::string &origin)
{
    std::map<std::string, at::Tensor> expected;
    for (const auto &item : model->named_parameters())
        expected[item.key()] = item.value();
    for (const auto &item : model->named_buffers())
        expected[item.key()] = item.value();
    for (const auto &entry : state)
        if (expected.count(entry.key()) == 0)
            throw InputError(origin + ": weights do not match the network it describes ('" +
                             entry.key() + "' is not part of it)");
    torch::NoGradGuard noGrad;
    for (auto &[name, target] : expected) {
        if (!state.contains(name))
            throw InputError(origin + ": weights do not match the network it describes ('" + name +
                             "' is missing)");
        const at::Tensor source = state.at(name);
        if (source.sizes() != target.sizes() || source.scalar_type() != target.scalar_type())
            throw InputError(origin + ": weights do not match the network it describes ('" + name +
                             "' is " + shapeText(source.sizes()) + " " +
                             std::string(c10::toString(source.scalar_type())) + ", the network's " +
                             shapeText(target.sizes()) + " " +
                             std::string(c10::toString(target.scalar_type())) + ")");
        target.copy_(source);
    }
}

ArchiveDict modelMetadata(const ModelInfo &info)
{
    const ExperimentConfig &c = info.config;
    ArchiveDict meta = newArchiveDict();
    meta.insert("architecture", toKey(c.arch));
    meta.insert("width", c.width);
    meta.insert("normalization", toKey(c.norm));
    meta.insert("groups", static_cast<int64_t>(c.groups));
    meta.insert("norm_after_activation", c.normAfterActivation);
    meta.insert("mean_only_batchnorm", c.meanOnlyBatchNorm);
    meta.insert("global_pool", c.globalPool);
    meta.insert("dropout", c.dropout);
    meta.insert("dropconnect", c.dropconnect);
    meta.insert("class_names", listOf(info.classNames));
    meta.insert("image_size", static_cast<int64_t>(info.imageSize));
    meta.insert("channels", static_cast<int64_t>(info.channels));
    meta.insert("input_mean",
                listOf(std::vector<double>(info.inputMean.begin(), info.inputMean.end())));
    meta.insert("input_std",
                listOf(std::vector<double>(info.inputStd.begin(), info.inputStd.end())));
    meta.insert("run_name", info.runName);
    meta.insert("weights", info.weights);
    meta.insert("epoch", static_cast<int64_t>(info.epoch));
    meta.insert("config", configText(c));
    return meta;
}

ModelInfo readModelMetadata(const ArchiveReader &archive)
{
    ModelInfo info;
    info.file = archive.origin();
    info.format = archive.text("format");
    info.formatVersion = static_cast<int>(archive.integer("format_version"));
    info.normlabVersion = archive.text("normlab_version");
    const ArchiveReader meta = archive.child("metadata");
    info.config = configFromText(meta.text("config"), meta);
    info.runName = meta.text("run_name");
    info.classNames = meta.texts("class_names");
    info.imageSize = static_cast<int>(meta.integer("image_size"));
    info.channels = static_cast<int>(meta.integer("channels"));
    for (double v : meta.numbers("input_mean"))
        info.inputMean.push_back(static_cast<float>(v));
    for (double v : meta.numbers("input_std"))
        info.inputStd.push_back(static_cast<float>(v));
    info.weights = meta.text("weights");
    info.epoch = static_cast<int>(meta.integer("epoch"));
    const std::vector<std::string> problems = validate(info.config);
    if (!problems.empty())
        meta.fail("its configuration is invalid: " + problems.front());
    if (info.classNames.size() < 2)
        meta.fail("it names " + std::to_string(info.classNames.size()) +
                  " classes (a model needs at least 2)");
    if (info.imageSize < 8 || info.imageSize > 512)
        meta.fail("image size " + std::to_string(info.imageSize) + " is out of range");
    if (info.channels < 1 || info.inputMean.size() != static_cast<size_t>(info.channels) ||
        info.inputStd.size() != static_cast<size_t>(info.channels))
        meta.fail("its input statistics do not match its " + std::to_string(info.channels) +
                  " channels");
    return info;
}

} // namespace normlab
