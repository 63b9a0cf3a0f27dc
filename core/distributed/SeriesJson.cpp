#include "distributed/SeriesJson.h"

#include "distributed/RunJson.h"

#include "normlab/Errors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace normlab::distributed {
namespace {

QJsonValue exact(double value)
{
    return QString::fromStdString(hexDouble(value));
}

double exactAt(const QJsonArray &array, int index)
{
    const QJsonValue value = array.at(index);
    if (!value.isString())
        throw InputError("a worker's series holds a number that is not hexadecimal text");
    return fromHexDouble(value.toString().toStdString());
}

QJsonArray strings(const std::vector<std::string> &texts)
{
    QJsonArray array;
    for (const std::string &text : texts)
        array.append(QString::fromStdString(text));
    return array;
}

std::vector<std::string> stringsFrom(const QJsonValue &value)
{
    std::vector<std::string> texts;
    for (const QJsonValue &text : value.toArray())
        texts.push_back(text.toString().toStdString());
    return texts;
}

QJsonObject parseObject(const std::string &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text));
    if (!document.isObject())
        throw InputError("a worker's series is not a JSON object: " + text.substr(0, 80));
    return document.object();
}

std::string compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

// [epoch, batch, batchesPerEpoch, step, loss, imagesPerSecond]
QJsonArray batchArray(const BatchProgress &p)
{
    return {p.epoch,           p.batch,
            p.batchesPerEpoch, static_cast<double>(p.step),
            exact(p.loss),     exact(p.imagesPerSecond)};
}

BatchProgress batchFrom(const QJsonArray &a)
{
    if (a.size() != 6)
        throw InputError("a worker's batch entry has " + std::to_string(a.size()) + " fields");
    BatchProgress p;
    p.epoch = a.at(0).toInt();
    p.batch = a.at(1).toInt();
    p.batchesPerEpoch = a.at(2).toInt();
    p.step = static_cast<int64_t>(a.at(3).toDouble());
    p.loss = exactAt(a, 4);
    p.imagesPerSecond = exactAt(a, 5);
    return p;
}

// [step, epoch, [preMean, preStd, postMean, postStd] per block]
QJsonArray layerStatsArray(const LayerStatsSample &s)
{
    QJsonArray blocks;
    for (const LayerMoments &m : s.blocks)
        blocks.append(
            QJsonArray{exact(m.preMean), exact(m.preStd), exact(m.postMean), exact(m.postStd)});
    return {static_cast<double>(s.step), s.epoch, blocks};
}

LayerStatsSample layerStatsFrom(const QJsonArray &a)
{
    LayerStatsSample s;
    s.step = static_cast<int64_t>(a.at(0).toDouble());
    s.epoch = a.at(1).toInt();
    for (const QJsonValue &block : a.at(2).toArray()) {
        const QJsonArray m = block.toArray();
        if (m.size() != 4)
            throw InputError("a worker's layer statistics entry is malformed");
        s.blocks.push_back({exactAt(m, 0), exactAt(m, 1), exactAt(m, 2), exactAt(m, 3)});
    }
    return s;
}

// [step, epoch, [norm per layer]]
QJsonArray gradientNormArray(const GradientNormSample &s)
{
    QJsonArray norms;
    for (const double norm : s.norms)
        norms.append(exact(norm));
    return {static_cast<double>(s.step), s.epoch, norms};
}

GradientNormSample gradientNormFrom(const QJsonArray &a)
{
    GradientNormSample s;
    s.step = static_cast<int64_t>(a.at(0).toDouble());
    s.epoch = a.at(1).toInt();
    const QJsonArray norms = a.at(2).toArray();
    for (int i = 0; i < norms.size(); ++i)
        s.norms.push_back(exactAt(norms, i));
    return s;
}

} // namespace

std::string seriesToJson(const SeriesChunk &chunk)
{
    QJsonArray batches, layerStats, gradientNorms;
    for (const BatchProgress &p : chunk.batches)
        batches.append(batchArray(p));
    for (const LayerStatsSample &s : chunk.layerStats)
        layerStats.append(layerStatsArray(s));
    for (const GradientNormSample &s : chunk.gradientNorms)
        gradientNorms.append(gradientNormArray(s));
    return compact(
        {{"batches", batches}, {"layerStats", layerStats}, {"gradientNorms", gradientNorms}});
}

SeriesChunk seriesFromJson(const std::string &text)
{
    const QJsonObject o = parseObject(text);
    SeriesChunk chunk;
    for (const QJsonValue &p : o.value(QLatin1String("batches")).toArray())
        chunk.batches.push_back(batchFrom(p.toArray()));
    for (const QJsonValue &s : o.value(QLatin1String("layerStats")).toArray())
        chunk.layerStats.push_back(layerStatsFrom(s.toArray()));
    for (const QJsonValue &s : o.value(QLatin1String("gradientNorms")).toArray())
        chunk.gradientNorms.push_back(gradientNormFrom(s.toArray()));
    return chunk;
}

std::string runInfoToJson(const RunInfo &info)
{
    return compact({{"name", QString::fromStdString(info.name)},
                    {"sizes", QJsonArray{static_cast<double>(info.trainSize),
                                         static_cast<double>(info.valSize),
                                         static_cast<double>(info.testSize)}},
                    {"batchesPerEpoch", info.batchesPerEpoch},
                    {"epochs", info.epochs},
                    {"parameters", static_cast<double>(info.parameters)},
                    {"classNames", strings(info.classNames)},
                    {"blockNames", strings(info.blockNames)},
                    {"gradientLayers", strings(info.gradientLayers)},
                    {"probeSize", static_cast<double>(info.probeSize)}});
}

RunInfo runInfoFromJson(const std::string &text)
{
    const QJsonObject o = parseObject(text);
    const QJsonArray sizes = o.value(QLatin1String("sizes")).toArray();
    if (sizes.size() != 3)
        throw InputError("a worker's run information lacks its split sizes");
    RunInfo info;
    info.name = o.value(QLatin1String("name")).toString().toStdString();
    info.trainSize = static_cast<int64_t>(sizes.at(0).toDouble());
    info.valSize = static_cast<int64_t>(sizes.at(1).toDouble());
    info.testSize = static_cast<int64_t>(sizes.at(2).toDouble());
    info.batchesPerEpoch = o.value(QLatin1String("batchesPerEpoch")).toInt();
    info.epochs = o.value(QLatin1String("epochs")).toInt();
    info.parameters = static_cast<int64_t>(o.value(QLatin1String("parameters")).toDouble());
    info.classNames = stringsFrom(o.value(QLatin1String("classNames")));
    info.blockNames = stringsFrom(o.value(QLatin1String("blockNames")));
    info.gradientLayers = stringsFrom(o.value(QLatin1String("gradientLayers")));
    info.probeSize = static_cast<int64_t>(o.value(QLatin1String("probeSize")).toDouble());
    return info;
}

} // namespace normlab::distributed
