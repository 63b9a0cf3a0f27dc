// RunStore's insight table (project version 2): a run's layer statistics, gradient norms and
// predictions, one row per run, the series as InsightCodec blobs.

#include "project/RunStore.h"

#include "project/InsightCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <map>

using namespace normlab;

namespace {

QString namesJson(const std::vector<std::string> &names)
{
    QJsonArray array;
    for (const std::string &name : names)
        array.append(QString::fromStdString(name));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::vector<std::string> namesFromJson(const QVariant &value)
{
    std::vector<std::string> names;
    for (const QJsonValue &name : QJsonDocument::fromJson(value.toByteArray()).array())
        names.push_back(name.toString().toStdString());
    return names;
}

QVariant blobValue(const QByteArray &blob)
{
    return blob.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(blob);
}

} // namespace

QString RunStore::insightTableStatement()
{
    return QStringLiteral("CREATE TABLE run_insight ("
                          " run_id INTEGER PRIMARY KEY,"
                          " block_names TEXT NOT NULL," // JSON array of strings
                          " gradient_layers TEXT NOT NULL,"
                          " probe_size INTEGER,"
                          " layer_stats BLOB, gradient_norms BLOB," // NULL: none
                          " validation BLOB, test BLOB)");
}

bool RunStore::loadInsight(std::vector<RunRecord> &runs)
{
    m_insightWarnings.clear();
    std::map<qint64, RunRecord *> byId;
    for (RunRecord &record : runs)
        byId[record.id] = &record;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT run_id, block_names, gradient_layers, probe_size,"
                                   " layer_stats, gradient_norms, validation, test"
                                   " FROM run_insight")))
        return fail(QStringLiteral("cannot be read"), query.lastError().text());
    while (query.next()) {
        auto found = byId.find(query.value(0).toLongLong());
        if (found == byId.end())
            continue; // the series of a deleted run
        RunRecord &record = *found->second;
        RunInsight &insight = record.result.insight;
        insight.blockNames = namesFromJson(query.value(1));
        insight.gradientLayers = namesFromJson(query.value(2));
        insight.probeSize = query.value(3).toLongLong();
        const auto warn = [&](const QString &series, const QString &error) {
            m_insightWarnings << QStringLiteral("%1: %2 of run %3 (\"%4\") not loaded: %5")
                                     .arg(m_path, series)
                                     .arg(record.id)
                                     .arg(QString::fromStdString(record.result.name), error);
        };
        QString error;
        if (!insightcodec::decodeLayerStats(query.value(4).toByteArray(), insight.layerStats,
                                            &error))
            warn(QStringLiteral("layer statistics"), error);
        if (!insightcodec::decodeGradientNorms(query.value(5).toByteArray(), insight.gradientNorms,
                                               &error))
            warn(QStringLiteral("gradient norms"), error);
        if (!insightcodec::decodePredictions(query.value(6).toByteArray(), insight.validation,
                                             &error))
            warn(QStringLiteral("validation predictions"), error);
        if (!insightcodec::decodePredictions(query.value(7).toByteArray(), insight.test, &error))
            warn(QStringLiteral("test predictions"), error);
    }
    return true;
}

bool RunStore::writeInsight(qint64 id, const RunInsight &insight)
{
    if (insight.empty() && insight.validation.empty() && insight.blockNames.empty() &&
        insight.gradientLayers.empty())
        return true; // recording was off: no row
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO run_insight (run_id, block_names, gradient_layers, probe_size,"
        " layer_stats, gradient_norms, validation, test) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(id);
    query.addBindValue(namesJson(insight.blockNames));
    query.addBindValue(namesJson(insight.gradientLayers));
    query.addBindValue(qint64(insight.probeSize));
    query.addBindValue(blobValue(insightcodec::encodeLayerStats(insight.layerStats)));
    query.addBindValue(blobValue(insightcodec::encodeGradientNorms(insight.gradientNorms)));
    query.addBindValue(blobValue(insightcodec::encodePredictions(insight.validation)));
    query.addBindValue(blobValue(insightcodec::encodePredictions(insight.test)));
    if (!query.exec())
        return fail(QStringLiteral("the series of run %1 could not be saved").arg(id),
                    query.lastError().text());
    return true;
}
