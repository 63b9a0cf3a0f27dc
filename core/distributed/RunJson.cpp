#include "distributed/RunJson.h"

#include "normlab/ConfigJson.h"
#include "normlab/Errors.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

namespace normlab::distributed {
namespace {

QJsonValue exact(double value)
{
    return QString::fromStdString(hexDouble(value));
}

double exactValue(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isString())
        throw InputError(std::string("a worker's message lacks '") + key + "'");
    return fromHexDouble(value.toString().toStdString());
}

QJsonObject parseObject(const std::string &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text));
    if (!document.isObject())
        throw InputError("a worker's message is not a JSON object: " + text.substr(0, 80));
    return document.object();
}

std::string compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

QJsonObject epochObject(const EpochMetrics &m)
{
    return {{"epoch", m.epoch},
            {"trainLoss", exact(m.trainLoss)},
            {"trainAcc", exact(m.trainAcc)},
            {"valLoss", exact(m.valLoss)},
            {"valAcc", exact(m.valAcc)},
            {"testLoss", exact(m.testLoss)},
            {"testAcc", exact(m.testAcc)},
            {"seconds", exact(m.seconds)}};
}

EpochMetrics epochFromObject(const QJsonObject &o)
{
    EpochMetrics m;
    m.epoch = o.value(QLatin1String("epoch")).toInt();
    m.trainLoss = exactValue(o, "trainLoss");
    m.trainAcc = exactValue(o, "trainAcc");
    m.valLoss = exactValue(o, "valLoss");
    m.valAcc = exactValue(o, "valAcc");
    m.testLoss = exactValue(o, "testLoss");
    m.testAcc = exactValue(o, "testAcc");
    m.seconds = exactValue(o, "seconds");
    return m;
}

} // namespace

std::string hexDouble(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%a", value);
    return text;
}

double fromHexDouble(const std::string &text)
{
    return std::strtod(text.c_str(), nullptr);
}

std::string epochToJson(const EpochMetrics &metrics)
{
    return compact(epochObject(metrics));
}

EpochMetrics epochFromJson(const std::string &text)
{
    return epochFromObject(parseObject(text));
}

std::string resultToJson(const RunResult &r)
{
    QJsonArray history;
    for (const EpochMetrics &m : r.history)
        history.append(epochObject(m));
    const QJsonObject object{{"name", QString::fromStdString(r.name)},
                             {"status", QString::fromStdString(toKey(r.status))},
                             {"message", QString::fromStdString(r.message)},
                             {"bestValLoss", exact(r.bestValLoss)},
                             {"bestValAcc", exact(r.bestValAcc)},
                             {"testLoss", exact(r.testLoss)},
                             {"testAcc", exact(r.testAcc)},
                             {"bestTestLoss", exact(r.bestTestLoss)},
                             {"bestTestAcc", exact(r.bestTestAcc)},
                             {"epochsRun", r.epochsRun},
                             {"bestEpoch", r.bestEpoch},
                             {"seconds", exact(r.seconds)},
                             {"parameters", QString::number(r.parameters)},
                             {"history", history}};
    return compact(object);
}

RunResult resultFromJson(const std::string &text, const ExperimentConfig &config)
{
    const QJsonObject o = parseObject(text);
    RunResult r;
    r.config = config;
    r.name = o.value(QLatin1String("name")).toString().toStdString();
    if (!fromKey(o.value(QLatin1String("status")).toString().toStdString(), r.status))
        throw InputError("a worker's result has an unknown status");
    r.message = o.value(QLatin1String("message")).toString().toStdString();
    r.bestValLoss = exactValue(o, "bestValLoss");
    r.bestValAcc = exactValue(o, "bestValAcc");
    r.testLoss = exactValue(o, "testLoss");
    r.testAcc = exactValue(o, "testAcc");
    r.bestTestLoss = exactValue(o, "bestTestLoss");
    r.bestTestAcc = exactValue(o, "bestTestAcc");
    r.epochsRun = o.value(QLatin1String("epochsRun")).toInt();
    r.bestEpoch = o.value(QLatin1String("bestEpoch")).toInt();
    r.seconds = exactValue(o, "seconds");
    r.parameters = o.value(QLatin1String("parameters")).toString().toLongLong();
    for (const QJsonValue &epoch : o.value(QLatin1String("history")).toArray())
        r.history.push_back(epochFromObject(epoch.toObject()));
    return r;
}

std::string configToJson(const ExperimentConfig &config)
{
    return compact(toJson(config));
}

ExperimentConfig configFromJsonText(const std::string &text)
{
    return configFromJson(parseObject(text));
}

} // namespace normlab::distributed
