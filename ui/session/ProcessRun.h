#pragma once
// One job of the window trained in a worker process (Parallel runs, issue 12): the job gets a
// coordinator of its own (c10d TCPStore on 127.0.0.1, the engine's runDistributedSweep) and a
// `normlab-cli worker` process, on a thread of its own. A worker that dies (kill -9, a crash)
// only costs that job a retry, from its last checkpoint: the window and the other runs go on.
// Everything is reported as queued signals in the order the coordinator saw it.

#include "normlab/Config.h"
#include "session/MetaTypes.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <thread>
#include <vector>

/// How the window starts its worker processes.
struct WorkerLaunch
{
    QString program; // normlab-cli
    int threads = 1; // for runs that leave their thread count at 0
    /// With a project: the worker writes the run's files into `keepFolder` (--keep-files), and
    /// they become the job's model file and checkpoint when the run ends (RunModels.h).
    QString keepFolder, modelFile, checkpointFile;
};

class ProcessRun : public QObject
{
    Q_OBJECT
public:
    ProcessRun(int jobId, const normlab::ExperimentConfig &config, QObject *parent = nullptr);
    /// Starts the coordinator's thread, once the signals are connected. The workers find the
    /// token in the environment (TrainingController puts it there).
    void start(const WorkerLaunch &launch, const QString &token);
    /// Cancels and waits: the worker sees the stop within a second.
    ~ProcessRun() override;

    int jobId() const { return m_jobId; }
    const normlab::ExperimentConfig &config() const { return m_config; }
    /// Thread-safe: the run stops at its worker's next check (finished epochs are kept).
    void cancel() { m_cancel.store(true); }

Q_SIGNALS:
    void started(int jobId, const normlab::RunInfo &info);
    void batchesFinished(int jobId, const std::vector<normlab::BatchProgress> &batches);
    void epochFinished(int jobId, const normlab::EpochMetrics &metrics);
    void layerStatsRecorded(int jobId, const std::vector<normlab::LayerStatsSample> &samples);
    void gradientNormsRecorded(int jobId, const std::vector<normlab::GradientNormSample> &samples);
    void message(int jobId, const QString &text);
    /// The worker process `pid` took the run (again, after a retry).
    void workerStarted(int jobId, qint64 pid);
    /// The worker died; the run starts again in a new one, after epoch `resumeEpoch` (0: from
    /// the beginning). Its epochs up to resumeEpoch are reported again, equal bit for bit.
    void retried(int jobId, int attempt, const QString &why, int resumeEpoch);
    void finished(int jobId, const normlab::RunResult &result);
    /// The run never trained: cancelled before it started, or no worker could take it.
    void failed(int jobId, const QString &message, bool cancelled);

private:
    void serve(const WorkerLaunch &launch, const std::string &token);

    int m_jobId;
    normlab::ExperimentConfig m_config;
    std::atomic<bool> m_cancel{false}; // also raised when no worker is left to take the run
    std::thread m_thread;
};
