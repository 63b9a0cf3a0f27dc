#include "project/InsightCodec.h"

#include <QtEndian>

#include <cstring>
#include <type_traits>

using namespace normlab;

namespace insightcodec {
namespace {

// One tag per blob kind, so a blob stored in the wrong column is refused, not misread.
constexpr quint32 kLayerStatsTag = 0x4E4C5331;    // "NLS1"
constexpr quint32 kGradientNormsTag = 0x4E4C4731; // "NLG1"
constexpr quint32 kPredictionsTag = 0x4E4C5031;   // "NLP1"

class Writer
{
public:
    template <typename T> void put(T value)
    {
        static_assert(std::is_arithmetic_v<T>);
        char bytes[sizeof(T)];
        if constexpr (std::is_floating_point_v<T>) {
            using Bits = std::conditional_t<sizeof(T) == 8, quint64, quint32>;
            Bits bits;
            std::memcpy(&bits, &value, sizeof(T));
            qToLittleEndian(bits, bytes);
        } else {
            qToLittleEndian(value, bytes);
        }
        m_bytes.append(bytes, sizeof(T));
    }
    QByteArray finish() const { return qCompress(m_bytes, 1); } // fast: runs once an epoch

private:
    QByteArray m_bytes;
};

// zlib inflates at most ~1032 bytes per input byte; qUncompress allocates the size the blob's
// first four bytes claim, so a claim beyond that bound is refused before it sizes an allocation.
constexpr quint64 kMaxInflation = 1032;
QByteArray uncompressBounded(const QByteArray &blob)
{
    if (blob.size() < 4)
        return {};
    const quint64 claimed = qFromBigEndian<quint32>(blob.constData());
    if (claimed > quint64(blob.size() - 4) * kMaxInflation + 64)
        return {};
    return qUncompress(blob);
}

class Reader
{
public:
    explicit Reader(const QByteArray &blob) : m_bytes(uncompressBounded(blob)) {}
    bool valid() const { return !m_bytes.isEmpty(); }

    template <typename T> bool get(T &value)
    {
        if (m_at + qsizetype(sizeof(T)) > m_bytes.size())
            return false;
        const char *bytes = m_bytes.constData() + m_at;
        m_at += sizeof(T);
        if constexpr (std::is_floating_point_v<T>) {
            using Bits = std::conditional_t<sizeof(T) == 8, quint64, quint32>;
            const Bits bits = qFromLittleEndian<Bits>(bytes);
            std::memcpy(&value, &bits, sizeof(T));
        } else {
            value = qFromLittleEndian<T>(bytes);
        }
        return true;
    }
    /// True when `count` items of `itemBytes` bytes each can still be read.
    bool holds(quint64 count, quint64 itemBytes) const
    {
        const quint64 left = quint64(m_bytes.size() - m_at);
        return itemBytes == 0 || count <= left / itemBytes;
    }
    bool atEnd() const { return m_at == m_bytes.size(); }

private:
    QByteArray m_bytes;
    qsizetype m_at = 0;
};

bool refuse(QString *error, const QString &what)
{
    if (error)
        *error = what;
    return false;
}

/// Opens a blob: checks the tag and reads the row count and the row width.
bool openBlob(Reader &in, quint32 tag, quint64 &rows, quint32 &width, QString *error)
{
    quint32 readTag = 0;
    if (!in.valid() || !in.get(readTag) || readTag != tag || !in.get(rows) || !in.get(width))
        return refuse(error, QStringLiteral("not a readable series (damaged data)"));
    return true;
}

} // namespace

QByteArray encodeLayerStats(const std::vector<LayerStatsSample> &samples)
{
    if (samples.empty())
        return {};
    const quint32 blocks = quint32(samples.front().blocks.size());
    Writer out;
    out.put(kLayerStatsTag);
    out.put(quint64(samples.size()));
    out.put(blocks);
    for (const LayerStatsSample &s : samples)
        out.put(qint64(s.step));
    for (const LayerStatsSample &s : samples)
        out.put(qint32(s.epoch));
    for (const LayerStatsSample &s : samples) {
        for (quint32 b = 0; b < blocks; ++b) {
            const LayerMoments m = b < s.blocks.size() ? s.blocks[b] : LayerMoments{};
            for (double v : {m.preMean, m.preStd, m.postMean, m.postStd})
                out.put(v);
        }
    }
    return out.finish();
}

QByteArray encodeGradientNorms(const std::vector<GradientNormSample> &samples)
{
    if (samples.empty())
        return {};
    const quint32 layers = quint32(samples.front().norms.size());
    Writer out;
    out.put(kGradientNormsTag);
    out.put(quint64(samples.size()));
    out.put(layers);
    for (const GradientNormSample &s : samples)
        out.put(qint64(s.step));
    for (const GradientNormSample &s : samples)
        out.put(qint32(s.epoch));
    for (const GradientNormSample &s : samples)
        for (quint32 l = 0; l < layers; ++l)
            out.put(l < s.norms.size() ? s.norms[l] : 0.0);
    return out.finish();
}

QByteArray encodePredictions(const SplitPredictions &p)
{
    if (p.empty())
        return {};
    const QByteArray split = QByteArray::fromStdString(p.split);
    Writer out;
    out.put(kPredictionsTag);
    out.put(quint64(p.truth.size()));
    out.put(quint32(split.size()));
    for (char c : split)
        out.put(qint8(c));
    for (size_t i = 0; i < p.truth.size(); ++i)
        out.put(qint32(p.truth[i]));
    for (size_t i = 0; i < p.truth.size(); ++i)
        out.put(qint32(i < p.predicted.size() ? p.predicted[i] : -1));
    for (size_t i = 0; i < p.truth.size(); ++i)
        out.put(i < p.confidence.size() ? p.confidence[i] : 0.0f);
    return out.finish();
}

bool decodeLayerStats(const QByteArray &blob, std::vector<LayerStatsSample> &out, QString *error)
{
    out.clear();
    if (blob.isEmpty())
        return true;
    Reader in(blob);
    quint64 rows = 0;
    quint32 blocks = 0;
    if (!openBlob(in, kLayerStatsTag, rows, blocks, error))
        return false;
    if (!in.holds(rows, 8 + 4 + 32ull * blocks))
        return refuse(error, QStringLiteral("layer statistics are truncated"));
    std::vector<LayerStatsSample> samples(rows);
    for (LayerStatsSample &s : samples) {
        qint64 step = 0;
        in.get(step);
        s.step = step;
    }
    for (LayerStatsSample &s : samples) {
        qint32 epoch = 0;
        in.get(epoch);
        s.epoch = epoch;
    }
    for (LayerStatsSample &s : samples) {
        s.blocks.resize(blocks);
        for (LayerMoments &m : s.blocks)
            in.get(m.preMean), in.get(m.preStd), in.get(m.postMean), in.get(m.postStd);
    }
    if (!in.atEnd())
        return refuse(error, QStringLiteral("layer statistics have trailing data"));
    out = std::move(samples);
    return true;
}

bool decodeGradientNorms(const QByteArray &blob, std::vector<GradientNormSample> &out,
                         QString *error)
{
    out.clear();
    if (blob.isEmpty())
        return true;
    Reader in(blob);
    quint64 rows = 0;
    quint32 layers = 0;
    if (!openBlob(in, kGradientNormsTag, rows, layers, error))
        return false;
    if (!in.holds(rows, 8 + 4 + 8ull * layers))
        return refuse(error, QStringLiteral("gradient norms are truncated"));
    std::vector<GradientNormSample> samples(rows);
    for (GradientNormSample &s : samples) {
        qint64 step = 0;
        in.get(step);
        s.step = step;
    }
    for (GradientNormSample &s : samples) {
        qint32 epoch = 0;
        in.get(epoch);
        s.epoch = epoch;
    }
    for (GradientNormSample &s : samples) {
        s.norms.resize(layers);
        for (double &v : s.norms)
            in.get(v);
    }
    if (!in.atEnd())
        return refuse(error, QStringLiteral("gradient norms have trailing data"));
    out = std::move(samples);
    return true;
}

bool decodePredictions(const QByteArray &blob, SplitPredictions &out, QString *error)
{
    out = SplitPredictions{};
    if (blob.isEmpty())
        return true;
    Reader in(blob);
    quint64 rows = 0;
    quint32 nameBytes = 0;
    if (!openBlob(in, kPredictionsTag, rows, nameBytes, error))
        return false;
    if (!in.holds(nameBytes, 1))
        return refuse(error, QStringLiteral("predictions are truncated"));
    SplitPredictions p;
    for (quint32 i = 0; i < nameBytes; ++i) {
        qint8 c = 0;
        in.get(c);
        p.split.push_back(char(c));
    }
    if (!in.holds(rows, 12))
        return refuse(error, QStringLiteral("predictions are truncated"));
    p.truth.resize(rows);
    p.predicted.resize(rows);
    p.confidence.resize(rows);
    for (int &t : p.truth) {
        qint32 v = 0;
        in.get(v);
        t = v;
    }
    for (int &t : p.predicted) {
        qint32 v = 0;
        in.get(v);
        t = v;
    }
    for (float &c : p.confidence)
        in.get(c);
    if (!in.atEnd())
        return refuse(error, QStringLiteral("predictions have trailing data"));
    out = std::move(p);
    return true;
}

} // namespace insightcodec
