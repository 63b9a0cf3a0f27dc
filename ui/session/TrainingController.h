#pragma once
// Owns the training thread and its worker, hands out jobs and keeps the queue of configurations
// submitted while runs are going. With Parallel runs at N >= 2, new runs train in worker
// processes (ProcessRun), N at a time; resumed runs, which continue a checkpoint file of the
// project, always train on the training thread.

#include "normlab/Config.h"
#include "session/MetaTypes.h"
#include "session/SharedData.h"
#include "tables/RunQueueModel.h"

#include <QObject>
#include <QThread>

#include <map>

class ProcessRun;
class TrainingWorker;

class TrainingController : public QObject
{
    Q_OBJECT
public:
    explicit TrainingController(QObject *parent = nullptr);
    /// Cancels the current job and waits for the thread: returns within about a second.
    ~TrainingController() override;

    /// Starts the run now when idle, otherwise appends it to the queue. Returns its job id.
    int submit(const normlab::ExperimentConfig &config);
    /// Continues run `runId` (a table row) from its checkpoint, holding `checkpointEpochs`
    /// epochs, up to config.epochs: now when idle, else queued. Returns its job id.
    int submitResume(const normlab::ExperimentConfig &config, qint64 runId,
                     const QString &checkpoint, int checkpointEpochs);
    /// Whether run `runId` is being continued now or waits in the queue to be.
    bool isContinuing(qint64 runId) const;
    /// Cancels the runs training now (their finished epochs are kept); the queue goes on.
    void stop();
    /// Cancels the current run once `epoch` has finished and its checkpoint is written: a stop
    /// at an exact epoch, which tests of Resume use.
    void stopAfterEpoch(int epoch);
    /// The current job writes its checkpoints to `file` from now on (see RunModels.h).
    void setCheckpointTarget(int jobId, const QString &file);
    /// Cancels the runs training now and empties the queue.
    void stopAll();
    /// Runs trained at once, 1 to kMaxParallelRuns. 1: on the training thread with every core;
    /// N >= 2: each new run in a `normlab-cli worker` process of its own, with cores/N threads
    /// (runs that set their thread count keep it). For runs dispatched from now on.
    void setParallelRuns(int runs);
    int parallelRuns() const { return m_parallelRuns; }
    /// The worker processes' program; default: normlab-cli beside this executable.
    void setWorkerProgram(const QString &program) { m_workerProgram = program; }
    const QString &workerProgram() const { return m_workerProgram; }
    /// The thread count a worker process gives runs that leave theirs at 0.
    int threadsPerWorker() const;
    /// Jobs training now (in this process and in worker processes).
    int runningCount() const;
    /// Runs dispatched from now on write their model files into `folder` (see RunModels.h);
    /// empty: no model files.
    void setModelFolder(const QString &folder) { m_modelFolder = folder; }
    const QString &modelFolder() const { return m_modelFolder; }
    /// Loads the config's dataset on the worker and reports a preview (or previewFailed).
    void loadPreview(const normlab::ExperimentConfig &config);

    bool isBusy() const { return isRunning() || m_loadingPreview; }
    bool isRunning() const { return runningCount() > 0; }
    /// The job on the training thread (-1 when none).
    int currentJob() const { return m_currentJob; }
    const normlab::ExperimentConfig &currentConfig() const { return m_currentRun.config; }
    /// The job running now (jobId 0 when none), with what it resumes.
    const QueuedRun &currentRun() const { return m_currentRun; }
    RunQueueModel *queue() const { return m_queue; }

Q_SIGNALS:
    void loadProgress(qint64 done, qint64 total);
    void datasetLoaded(const DatasetPreviewData &preview);
    /// A freshly loaded dataset (see TrainingWorker::dataShared).
    void dataShared(const normlab::ExperimentConfig &config, const SharedData &data);
    void previewFailed(const QString &message);
    void jobDispatched(int jobId, const normlab::ExperimentConfig &config);
    void runStarted(int jobId, const normlab::RunInfo &info);
    void batchFinished(int jobId, const normlab::BatchProgress &progress);
    void epochFinished(int jobId, const normlab::EpochMetrics &metrics);
    void runMessage(int jobId, const QString &text);
    void layerStatsRecorded(int jobId, const normlab::LayerStatsSample &sample);
    /// Several steps' gradient norms at once (the worker batches them).
    void gradientNormsRecorded(int jobId, const std::vector<normlab::GradientNormSample> &samples);
    /// The worker process of a parallel run died; it trains again in a new one from epoch
    /// `resumeEpoch` (0: from the start), whose epochs up to it are then reported again.
    void runRetried(int jobId, int attempt, const QString &why, int resumeEpoch);
    /// Worker process `pid` trains job `jobId` (Parallel runs).
    void workerStarted(int jobId, qint64 pid);
    void runFinished(int jobId, const normlab::RunResult &result);
    /// The job never trained. `cancelled`: the user stopped it while its data loaded.
    void runFailed(int jobId, const QString &message, bool cancelled);
    void busyChanged(bool busy);
    /// Nothing runs and nothing is queued.
    void allDone();

public:
    static constexpr int kMaxParallelRuns = 16;

private:
    void onJobEnded();
    void onProcessRunEnded(int jobId);
    void dispatchNext();
    void dispatchInProcess(const QueuedRun &next);
    void dispatchToProcess(const QueuedRun &next);
    void connectProcessRun(ProcessRun *run);

    QThread m_thread;
    TrainingWorker *m_worker = nullptr; // lives in m_thread, deleted when it finishes
    RunQueueModel *m_queue = nullptr;
    int m_nextJobId = 1;
    int m_currentJob = -1;
    bool m_currentCancelled = false;
    bool m_loadingPreview = false;
    QueuedRun m_currentRun;
    QString m_modelFolder;
    int m_parallelRuns = 1;
    QString m_workerProgram;
    std::map<int, ProcessRun *> m_processRuns; // by job id; owned
};
