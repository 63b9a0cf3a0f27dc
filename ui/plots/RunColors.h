#pragma once
// The colours that tell overlaid runs apart, shared by every plot that draws several runs.

#include <QColor>

/// Distinct colours for overlaid runs (Tableau 10), cycling: run `index` of those shown.
QColor runColor(int index);
