#pragma once
// Runs dataset loads and training runs on the controller's thread. The only place in the GUI that
// calls the engine. Everything it reports goes out as queued signals carrying small value structs.

#include "normlab/Engine.h"
#include "session/LoadedData.h"
#include "session/MetaTypes.h"
#include "session/SharedData.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace normlab {
class TrainingRun;
}

/// The files of one job (session/RunModels.h); empty paths: none.
struct RunFiles
{
    QString model;       // written (best weights) once an epoch finished, before jobFinished
    QString checkpoint;  // written after every epoch
    bool resume = false; // the run continues from `checkpoint`
};

class TrainingWorker : public QObject, public normlab::TrainingObserver
{
    Q_OBJECT
public:
    explicit TrainingWorker(QObject *parent = nullptr);

    /// Thread-safe: ask the running load or run to stop at its next check.
    void requestCancel() { m_cancel.store(true); }
    /// Thread-safe; the controller calls it before handing out the next job.
    void clearCancel()
    {
        m_cancel.store(false);
        m_stopAfterEpoch.store(0);
    }
    /// Thread-safe: the running job stops once `epoch` has finished and its checkpoint is written.
    void stopAfterEpoch(int epoch) { m_stopAfterEpoch.store(epoch); }
    /// Thread-safe: job `jobId` writes its checkpoints to `file` from its next epoch on, and moves
    /// the one written so far there (the window learns the run id after the job started).
    void setCheckpointTarget(int jobId, const QString &file);

public Q_SLOTS:
    /// Loads (or reuses) the config's dataset and reports a preview.
    void loadPreview(const normlab::ExperimentConfig &config);
    /// Loads the data, then trains. Always ends with jobFinished(jobId, ...) or jobFailed(jobId,
    /// ...). The files are written atomically; a checkpoint that cannot be resumed (another
    /// configuration, damaged) fails the job with a message naming it.
    void train(int jobId, const normlab::ExperimentConfig &config, const RunFiles &files = {});

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

    /// Trains through the engine's TrainingRun, with checkpoints and the model file.
    normlab::RunResult trainWithFiles(const normlab::ExperimentConfig &config,
                                      const normlab::DataSplits &data, const RunFiles &files);
    void saveModel(normlab::TrainingRun &run, const normlab::RunResult &result,
                   const QString &file);
    /// Between epochs, on this thread: follows setCheckpointTarget.
    void followCheckpointTarget();
    std::shared_ptr<const normlab::DataSplits> data(const normlab::ExperimentConfig &config);
    DatasetPreviewData preview(const normlab::DataSplits &data) const;

    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_stopAfterEpoch{0};
    normlab::TrainingRun *m_run = nullptr; // the job training now, when it has files
    QString m_checkpointFile;              // where m_run writes its checkpoints
    QMutex m_targetMutex;                  // guards the two below, set from the GUI thread
    int m_targetJob = -1;
    QString m_checkpointTarget;
    int m_currentJob = -1;
    bool m_currentJobStarted = false;
    std::vector<normlab::GradientNormSample> m_pendingNorms;
    QElapsedTimer m_sinceNormsSent;
    DatasetCache m_cache;
};
