// The project database's insight blobs (InsightCodec). The first byte picks the decoder (layer
// statistics, gradient norms, predictions) and whether the rest is the stored blob itself or the
// uncompressed payload, compressed here as the encoder does, so that the fuzzer reaches the
// column parsing behind zlib. Documented outcomes: true with a series, or false with an error
// text and an empty series. A decoded series must encode and decode back to itself, bit for bit.

#include "FuzzSupport.h"

#include "project/InsightCodec.h"

#include <QtGlobal>

#include <cstring>

namespace {

using fuzzsupport::require;
using namespace normlab;

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}
bool sameBits(float a, float b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

bool sameMoments(const LayerMoments &a, const LayerMoments &b)
{
    return sameBits(a.preMean, b.preMean) && sameBits(a.preStd, b.preStd) &&
           sameBits(a.postMean, b.postMean) && sameBits(a.postStd, b.postStd);
}

template <typename Sample, typename Same>
bool sameSeries(const std::vector<Sample> &a, const std::vector<Sample> &b, Same same)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].step != b[i].step || a[i].epoch != b[i].epoch || !same(a[i], b[i]))
            return false;
    return true;
}

void checkLayerStats(const QByteArray &blob)
{
    std::vector<LayerStatsSample> out, again;
    QString error;
    if (!insightcodec::decodeLayerStats(blob, out, &error)) {
        require(out.empty() && !error.isEmpty(), "refused layer statistics without an error");
        return;
    }
    require(insightcodec::decodeLayerStats(insightcodec::encodeLayerStats(out), again, nullptr),
            "re-encoded layer statistics do not decode");
    require(sameSeries(out, again,
                       [](const LayerStatsSample &a, const LayerStatsSample &b) {
                           return a.blocks.size() == b.blocks.size() &&
                                  std::equal(a.blocks.begin(), a.blocks.end(), b.blocks.begin(),
                                             sameMoments);
                       }),
            "layer statistics do not survive a round trip");
}

void checkGradientNorms(const QByteArray &blob)
{
    std::vector<GradientNormSample> out, again;
    QString error;
    if (!insightcodec::decodeGradientNorms(blob, out, &error)) {
        require(out.empty() && !error.isEmpty(), "refused gradient norms without an error");
        return;
    }
    require(
        insightcodec::decodeGradientNorms(insightcodec::encodeGradientNorms(out), again, nullptr),
        "re-encoded gradient norms do not decode");
    require(sameSeries(out, again,
                       [](const GradientNormSample &a, const GradientNormSample &b) {
                           return a.norms.size() == b.norms.size() &&
                                  std::equal(a.norms.begin(), a.norms.end(), b.norms.begin(),
                                             [](double x, double y) { return sameBits(x, y); });
                       }),
            "gradient norms do not survive a round trip");
}

void checkPredictions(const QByteArray &blob)
{
    SplitPredictions out, again;
    QString error;
    if (!insightcodec::decodePredictions(blob, out, &error)) {
        require(out.empty() && out.split.empty() && !error.isEmpty(),
                "refused predictions without an error");
        return;
    }
    require(out.predicted.size() == out.truth.size() && out.confidence.size() == out.truth.size(),
            "decoded prediction columns differ in length");
    require(insightcodec::decodePredictions(insightcodec::encodePredictions(out), again, nullptr),
            "re-encoded predictions do not decode");
    // An empty series is stored as an empty blob, split name and all.
    require((out.empty() || again.split == out.split) && again.truth == out.truth &&
                again.predicted == out.predicted &&
                std::equal(out.confidence.begin(), out.confidence.end(), again.confidence.begin(),
                           again.confidence.end(), [](float x, float y) { return sameBits(x, y); }),
            "predictions do not survive a round trip");
}

void quiet(QtMsgType, const QMessageLogContext &, const QString &) {} // qUncompress's warnings

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool installed = (qInstallMessageHandler(quiet), true);
    (void)installed;
    if (size == 0)
        return 0;
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const bool compressHere = (data[0] / 3) % 2 == 1;
    const QByteArray blob = compressHere ? qCompress(rest, 1) : rest;
    switch (data[0] % 3) {
    case 0:
        checkLayerStats(blob);
        break;
    case 1:
        checkGradientNorms(blob);
        break;
    default:
        checkPredictions(blob);
        break;
    }
    return 0;
}
