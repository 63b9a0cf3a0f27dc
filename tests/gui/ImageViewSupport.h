#pragma once
// Helpers for the image-view tests: hand-built predictions, the tiny dataset loaded directly,
// and "is this picture more than a blank rectangle".

#include "normlab/Engine.h"
#include "session/SharedData.h"

#include <QImage>
#include <QPixmap>
#include <QSet>

#include <vector>

namespace guitest {

inline normlab::SplitPredictions makePredictions(const std::string &split, std::vector<int> truth,
                                                 std::vector<int> predicted)
{
    normlab::SplitPredictions p;
    p.split = split;
    p.truth = std::move(truth);
    p.predicted = std::move(predicted);
    for (size_t i = 0; i < p.truth.size(); ++i)
        p.confidence.push_back(0.5f + 0.04f * float(i % 10));
    return p;
}

/// Distinct colours in a picture: a blank widget has one or two (background, frame).
inline int distinctColors(const QPixmap &pixmap)
{
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_RGB32);
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colors.insert(image.pixel(x, y));
    return int(colors.size());
}

/// A SampleImage as a QImage, for pixel comparisons.
inline QImage toImage(const normlab::SampleImage &sample)
{
    return QImage(sample.rgb.data(), sample.width, sample.height, sample.width * 3,
                  QImage::Format_RGB888)
        .copy();
}

} // namespace guitest
