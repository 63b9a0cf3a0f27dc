#pragma once
// Engine value structs that cross the worker/GUI thread boundary in queued signals.

#include "core/Engine.h"

#include <QImage>
#include <QList>
#include <QMetaType>

/// A loaded dataset as the GUI shows it: the summary and a few labelled sample images.
struct DatasetPreviewData
{
    normlab::DatasetSummary summary;
    QList<QImage> images;
    QList<int> labels;
};

Q_DECLARE_METATYPE(normlab::ExperimentConfig)
Q_DECLARE_METATYPE(normlab::BatchProgress)
Q_DECLARE_METATYPE(normlab::EpochMetrics)
Q_DECLARE_METATYPE(normlab::RunInfo)
Q_DECLARE_METATYPE(normlab::RunResult)
Q_DECLARE_METATYPE(normlab::DatasetSummary)
Q_DECLARE_METATYPE(DatasetPreviewData)

namespace normlab {
/// Registers the structs above for queued connections. Idempotent; call before connecting.
void registerMetaTypes();
} // namespace normlab
