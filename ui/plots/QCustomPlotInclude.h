#pragma once
// qcustomplot.h spells `signals:` and `foreach`, which QT_NO_KEYWORDS (needed by LibTorch) removes.
// Include QCustomPlot only through this header.

#include <QtGlobal>

#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach
