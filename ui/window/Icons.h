#pragma once
// Toolbar and window icons, painted in code: this Qt has no SVG image plugin, and a few simple
// shapes are cheaper than shipping bitmaps.

#include <QIcon>
#include <QString>

/// "train", "stop", "open", "save", "csv", "table", "plot", "reset" or "normlab"; a null icon
/// for any other name.
QIcon paintedIcon(const QString &name);
