#pragma once
// Engine value structs that cross the worker/GUI thread boundary in queued signals.

#include "normlab/Engine.h"

#include <QImage>
#include <QList>
#include <QMetaType>

#include <vector>

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
Q_DECLARE_METATYPE(normlab::LayerStatsSample)
Q_DECLARE_METATYPE(normlab::GradientNormSample)
Q_DECLARE_METATYPE(std::vector<normlab::GradientNormSample>)
Q_DECLARE_METATYPE(std::vector<normlab::BatchProgress>)
Q_DECLARE_METATYPE(std::vector<normlab::LayerStatsSample>)
Q_DECLARE_METATYPE(normlab::RunInsight)

namespace normlab {
/// Registers the structs above for queued connections. Idempotent; call before connecting.
void registerMetaTypes();
} // namespace normlab
