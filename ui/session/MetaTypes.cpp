#include "session/MetaTypes.h"

namespace normlab {

void registerMetaTypes()
{
    qRegisterMetaType<ExperimentConfig>();
    qRegisterMetaType<BatchProgress>();
    qRegisterMetaType<EpochMetrics>();
    qRegisterMetaType<RunInfo>();
    qRegisterMetaType<RunResult>();
    qRegisterMetaType<DatasetSummary>();
    qRegisterMetaType<DatasetPreviewData>();
    qRegisterMetaType<LayerStatsSample>();
    qRegisterMetaType<GradientNormSample>();
    qRegisterMetaType<std::vector<GradientNormSample>>();
    qRegisterMetaType<std::vector<BatchProgress>>();
    qRegisterMetaType<std::vector<LayerStatsSample>>();
    qRegisterMetaType<RunInsight>();
}

} // namespace normlab
