#pragma once
// Plain progress and result structs: what the engine reports to observers.

#include "normlab/Config.h"
#include "normlab/Insight.h"

#include <cstdint>
#include <string>
#include <vector>

namespace normlab {

enum class RunStatus
{
    Finished,
    EarlyStopped,
    Cancelled,
    Diverged,
    Failed
};
std::string toKey(RunStatus status); // "finished", "early-stopped", ...
bool fromKey(const std::string &s, RunStatus &out);

/// Metrics of one epoch. Accuracies are fractions in [0, 1], as in the slides.
struct EpochMetrics
{
    int epoch = 0; // 1-based
    double trainLoss = 0, trainAcc = 0;
    double valLoss = 0, valAcc = 0;
    double testLoss = 0, testAcc = 0;
    double seconds = 0; // wall time of this epoch, evaluation included
};

/// Sent after every training batch, for live plots and progress bars.
struct BatchProgress
{
    int epoch = 0; // 1-based
    int batch = 0; // 1-based within the epoch
    int batchesPerEpoch = 0;
    int64_t step = 0;           // 1-based over the run
    double loss = 0;            // data loss of this batch (penalties excluded)
    double imagesPerSecond = 0; // training throughput so far in this epoch
};

/// Sent once before the first epoch.
struct RunInfo
{
    std::string name;
    int64_t trainSize = 0, valSize = 0, testSize = 0;
    int batchesPerEpoch = 0;
    int epochs = 0;
    int64_t parameters = 0;
    std::vector<std::string> classNames;
    std::vector<std::string> blockNames;     // layers of the layer statistics
    std::vector<std::string> gradientLayers; // layers of the gradient norms
    int64_t probeSize = 0;                   // 0: recording off (stats-every 0)
};

struct RunResult
{
    std::string name;
    ExperimentConfig config;
    RunStatus status = RunStatus::Finished;
    std::string message; // why it stopped early, diverged or failed

    double bestValLoss = 0; // minimum over epochs
    double bestValAcc = 0;  // maximum over epochs
    double testLoss = 0;    // weights with the best validation loss
    double testAcc = 0;
    double bestTestLoss = 0; // minimum over epochs, as the slides report
    double bestTestAcc = 0;  // maximum over epochs
    int epochsRun = 0;
    int bestEpoch = 0; // epoch with the best validation loss (0: none)
    double seconds = 0;
    int64_t parameters = 0;
    std::vector<EpochMetrics> history;
    RunInsight insight; // layer statistics, gradient norms, predictions with the best weights
};

/// Fills the best-of fields of `result` from result.history. Non-finite values never win.
void summarizeHistory(RunResult &result);

} // namespace normlab
