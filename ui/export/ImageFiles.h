#pragma once
// Saving an image and saying why it failed: the one place every Save PNG… and export uses.

#include <QString>

class QImage;

/// "Could not write PATH. Check that the folder exists ...": what a failed file write says.
QString writeFailedMessage(const QString &path);
/// Saves `image` as a PNG file; false with `error` (may be null) naming the path.
bool saveImagePng(const QImage &image, const QString &path, QString *error);
