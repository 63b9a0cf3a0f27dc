#pragma once
// Runs dataset loads and training runs on the controller's thread. The only place in the GUI that
// calls the engine. Everything it reports goes out as queued signals carrying small value structs.

#include "normlab/Engine.h"
#include "session/LoadedData.h"
#include "session/MetaTypes.h"
#include "session/SharedData.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class TrainingWorker : public QObject, public normlab::TrainingObserver
{
    Q_OBJECT
public:
    explicit TrainingWorker(QObject *parent = nullptr);

    /// Thread-safe: ask the running load or run to stop at its next check.
    void requestCancel() { m_cancel.store(true); }
    /// Thread-safe; the controller calls it before handing out the next job.
    void clearCancel() { m_cancel.store(false); }

public Q_SLOTS:
    /// Loads (or reuses) the config's dataset and reports a preview.
    void loadPreview(const normlab::ExperimentConfig &config);
    /// Loads the data, then trains. Always ends with jobFinished(jobId, ...) or jobFailed(jobId,
    /// ...). A non-empty `modelFile` receives the run's model (best weights) once an epoch
    /// finished, written atomically before jobFinished.
    void train(int jobId, const normlab::ExperimentConfig &config, const QString &modelFile = {});

Q_SIGNALS:
    void loadProgress(qint64 done, qint64 total);
    void datasetLoaded(const DatasetPreviewData &preview);
    /// A freshly loaded dataset, for the image views to reuse (read-only, shared across threads).
    void dataShared(const normlab::ExperimentConfig &config, const SharedData &data);
    void previewFailed(const QString &message);
    void jobStarted(int jobId, const normlab::RunInfo &info);
    void jobBatch(int jobId, const normlab::BatchProgress &progress);
    void jobEpoch(int jobId, const normlab::EpochMetrics &metrics);
    void jobMessage(int jobId, const QString &text);
    /// Layer statistics on the probe batch (every stats-every steps: rare, sent as they come).
    void jobLayerStats(int jobId, const normlab::LayerStatsSample &sample);
    /// Gradient norms of several steps: collected here and sent a few times a second (and
    /// before every jobEpoch and the job's end), so the GUI thread never handles one per step.
    void jobGradientNorms(int jobId, const std::vector<normlab::GradientNormSample> &samples);
    void jobFinished(int jobId, const normlab::RunResult &result);
    /// The job never trained (bad input, an exception): the message names the cause.
    void jobFailed(int jobId, const QString &message);

private:
    // normlab::TrainingObserver, called on this thread by runExperiment.
    void runStarted(const normlab::RunInfo &info) override;
    void batchFinished(const normlab::BatchProgress &progress) override;
    void epochFinished(const normlab::EpochMetrics &metrics) override;
    void message(const std::string &text) override;
    void layerStatsRecorded(const normlab::LayerStatsSample &sample) override;
    void gradientNormsRecorded(const normlab::GradientNormSample &sample) override;
    void flushGradientNorms();

    /// Trains through the engine's TrainingRun so the model can be written afterwards.
    normlab::RunResult trainKeepingModel(const normlab::ExperimentConfig &config,
                                         const normlab::DataSplits &data, const QString &modelFile);
    std::shared_ptr<const normlab::DataSplits> data(const normlab::ExperimentConfig &config);
    DatasetPreviewData preview(const normlab::DataSplits &data) const;

    std::atomic<bool> m_cancel{false};
    int m_currentJob = -1;
    bool m_currentJobStarted = false;
    std::vector<normlab::GradientNormSample> m_pendingNorms;
    QElapsedTimer m_sinceNormsSent;
    DatasetCache m_cache;
};
