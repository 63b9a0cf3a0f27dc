#pragma once
// Compact binary blobs for a run's insight series in the project database: columns of
// little-endian numbers (steps, epochs, values), zlib-compressed. Doubles stay doubles, so a
// stored series reads back bit for bit. Decoding checks every size and never reads past the end.

#include "normlab/Insight.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace insightcodec {

QByteArray encodeLayerStats(const std::vector<normlab::LayerStatsSample> &samples);
QByteArray encodeGradientNorms(const std::vector<normlab::GradientNormSample> &samples);
QByteArray encodePredictions(const normlab::SplitPredictions &predictions);

/// False (with `error` saying what is wrong) for a blob that is not a valid encoding; `out` is
/// then left empty. An empty blob decodes to an empty series.
bool decodeLayerStats(const QByteArray &blob, std::vector<normlab::LayerStatsSample> &out,
                      QString *error);
bool decodeGradientNorms(const QByteArray &blob, std::vector<normlab::GradientNormSample> &out,
                         QString *error);
bool decodePredictions(const QByteArray &blob, normlab::SplitPredictions &out, QString *error);

} // namespace insightcodec
