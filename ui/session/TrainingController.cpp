#include "session/TrainingController.h"

#include "normlab/Distributed.h"
#include "session/ProcessRun.h"
#include "session/RunModels.h"
#include "session/TrainingWorker.h"
#include "tables/RunQueueModel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <cstdlib>

using namespace normlab;

namespace {

// The store prefix of every parallel run of this process, made once (on the GUI thread, before
// any worker process starts). Workers read it from the environment: `ps` would show every
// user a command line, while /proc/PID/environ is readable by the owner only.
QString workerToken()
{
    static const QString token = [] {
        const std::string made = randomToken();
        setenv("NORMLAB_TOKEN", made.c_str(), 1);
        return QString::fromStdString(made);
    }();
    return token;
}

} // namespace

TrainingController::TrainingController(QObject *parent)
    : QObject(parent), m_worker(new TrainingWorker), m_queue(new RunQueueModel(this))
{
    registerMetaTypes();
    workerToken();
    m_workerProgram =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("normlab-cli"));
    m_thread.setObjectName(QStringLiteral("NormLab training"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    // Worker -> controller signals cross threads, so they are queued and arrive in order.
    connect(m_worker, &TrainingWorker::loadProgress, this, &TrainingController::loadProgress);
    connect(m_worker, &TrainingWorker::dataShared, this, &TrainingController::dataShared);
    connect(m_worker, &TrainingWorker::jobStarted, this, &TrainingController::runStarted);
    connect(m_worker, &TrainingWorker::jobBatch, this, &TrainingController::batchFinished);
    connect(m_worker, &TrainingWorker::jobEpoch, this, &TrainingController::epochFinished);
    connect(m_worker, &TrainingWorker::jobMessage, this, &TrainingController::runMessage);
    connect(m_worker, &TrainingWorker::jobLayerStats, this,
            &TrainingController::layerStatsRecorded);
    connect(m_worker, &TrainingWorker::jobGradientNorms, this,
            &TrainingController::gradientNormsRecorded);
    connect(m_worker, &TrainingWorker::datasetLoaded, this, [this](const DatasetPreviewData &p) {
        m_loadingPreview = false;
        Q_EMIT datasetLoaded(p);
        if (!isBusy())
            Q_EMIT busyChanged(false);
    });
    connect(m_worker, &TrainingWorker::previewFailed, this, [this](const QString &message) {
        m_loadingPreview = false;
        Q_EMIT previewFailed(message);
        if (!isBusy())
            Q_EMIT busyChanged(false);
    });
    connect(m_worker, &TrainingWorker::jobFinished, this,
            [this](int jobId, const RunResult &result) {
                Q_EMIT runFinished(jobId, result);
                onJobEnded();
            });
    connect(m_worker, &TrainingWorker::jobFailed, this, [this](int jobId, const QString &message) {
        Q_EMIT runFailed(jobId, message, m_currentCancelled);
        onJobEnded();
    });
    m_thread.start();
}

TrainingController::~TrainingController()
{
    m_queue->clear();
    for (auto &[jobId, run] : m_processRuns)
        run->cancel(); // all at once: each worker stops within a second
    for (auto &[jobId, run] : m_processRuns)
        delete run;
    m_processRuns.clear();
    m_worker->requestCancel();
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

int TrainingController::submit(const ExperimentConfig &config)
{
    const int jobId = m_nextJobId++;
    m_queue->append({jobId, config});
    dispatchNext();
    return jobId;
}

int TrainingController::submitResume(const ExperimentConfig &config, qint64 runId,
                                     const QString &checkpoint, int checkpointEpochs)
{
    const int jobId = m_nextJobId++;
    QueuedRun run;
    run.jobId = jobId;
    run.config = config;
    run.resumedRunId = runId;
    run.checkpoint = checkpoint;
    run.checkpointEpochs = checkpointEpochs;
    m_queue->append(run);
    dispatchNext();
    return jobId;
}

bool TrainingController::isContinuing(qint64 runId) const
{
    if (m_currentJob >= 0 && m_currentRun.resumedRunId == runId)
        return true;
    for (int row = 0; row < m_queue->rowCount(); ++row)
        if (m_queue->at(row).resumedRunId == runId)
            return true;
    return false;
}

void TrainingController::stopAfterEpoch(int epoch)
{
    if (m_currentJob >= 0)
        m_worker->stopAfterEpoch(epoch);
}

void TrainingController::setCheckpointTarget(int jobId, const QString &file)
{
    m_worker->setCheckpointTarget(jobId, file);
}

void TrainingController::stop()
{
    for (auto &[jobId, run] : m_processRuns)
        run->cancel();
    if (m_currentJob < 0)
        return;
    m_currentCancelled = true;
    m_worker->requestCancel();
}

void TrainingController::stopAll()
{
    m_queue->clear();
    stop();
}

void TrainingController::setParallelRuns(int runs)
{
    m_parallelRuns = std::clamp(runs, 1, kMaxParallelRuns);
    dispatchNext(); // more room: queued runs may start now
}

int TrainingController::threadsPerWorker() const
{
    return std::max(1, QThread::idealThreadCount() / m_parallelRuns);
}

int TrainingController::runningCount() const
{
    return (m_currentJob >= 0 ? 1 : 0) + static_cast<int>(m_processRuns.size());
}

void TrainingController::loadPreview(const ExperimentConfig &config)
{
    const bool wasBusy = isBusy();
    if (m_currentJob < 0)
        m_worker->clearCancel();
    m_loadingPreview = true;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, config] { worker->loadPreview(config); },
        Qt::QueuedConnection);
    if (!wasBusy)
        Q_EMIT busyChanged(true);
}

void TrainingController::onJobEnded()
{
    m_currentJob = -1;
    m_currentRun = {};
    m_currentCancelled = false;
    dispatchNext();
    if (!isRunning()) {
        Q_EMIT busyChanged(isBusy());
        Q_EMIT allDone();
    }
}

void TrainingController::onProcessRunEnded(int jobId)
{
    const auto found = m_processRuns.find(jobId);
    if (found == m_processRuns.end())
        return;
    found->second->deleteLater(); // its thread has ended: this was its last signal
    m_processRuns.erase(found);
    dispatchNext();
    if (!isRunning()) {
        Q_EMIT busyChanged(isBusy());
        Q_EMIT allDone();
    }
}

// Starts queued jobs, in queue order, while fewer than parallelRuns() train. A resumed run (or
// any run with Parallel runs at 1) needs the training thread and waits for it.
void TrainingController::dispatchNext()
{
    while (!m_queue->isEmpty() && runningCount() < m_parallelRuns) {
        const bool inProcess = m_parallelRuns < 2 || m_queue->at(0).resumedRunId != 0;
        if (inProcess && m_currentJob >= 0)
            return;
        const bool wasBusy = isBusy();
        const QueuedRun next = m_queue->takeFirst();
        if (inProcess)
            dispatchInProcess(next);
        else
            dispatchToProcess(next);
        Q_EMIT jobDispatched(next.jobId, next.config);
        if (!wasBusy)
            Q_EMIT busyChanged(true);
    }
}

void TrainingController::dispatchToProcess(const QueuedRun &next)
{
    WorkerLaunch launch{m_workerProgram, threadsPerWorker(), {}, {}, {}};
    if (!m_modelFolder.isEmpty()) { // the run's files, as a run trained here has them
        launch.keepFolder = runmodels::jobWorkerFolder(m_modelFolder, next.jobId);
        launch.modelFile = runmodels::jobFile(m_modelFolder, next.jobId);
        launch.checkpointFile = runmodels::jobCheckpoint(m_modelFolder, next.jobId);
        // Left by a session that was killed (job ids restart at 1): never another run's files.
        QDir(launch.keepFolder).removeRecursively();
        QFile::remove(launch.modelFile);
        QFile::remove(launch.checkpointFile);
    }
    auto *run = new ProcessRun(next.jobId, next.config, this);
    m_processRuns[next.jobId] = run;
    connectProcessRun(run);
    run->start(launch, workerToken());
}

// A worker sends its series in chunks of ~0.2 s: one queued signal each, unpacked here into the
// per-item signals the training thread sends.
void TrainingController::connectProcessRun(ProcessRun *run)
{
    connect(run, &ProcessRun::started, this, &TrainingController::runStarted);
    connect(run, &ProcessRun::batchesFinished, this,
            [this](int jobId, const std::vector<BatchProgress> &batches) {
                for (const BatchProgress &batch : batches)
                    Q_EMIT batchFinished(jobId, batch);
            });
    connect(run, &ProcessRun::epochFinished, this, &TrainingController::epochFinished);
    connect(run, &ProcessRun::layerStatsRecorded, this,
            [this](int jobId, const std::vector<LayerStatsSample> &samples) {
                for (const LayerStatsSample &sample : samples)
                    Q_EMIT layerStatsRecorded(jobId, sample);
            });
    connect(run, &ProcessRun::gradientNormsRecorded, this,
            &TrainingController::gradientNormsRecorded);
    connect(run, &ProcessRun::message, this, &TrainingController::runMessage);
    connect(run, &ProcessRun::workerStarted, this, &TrainingController::workerStarted);
    connect(run, &ProcessRun::retried, this, &TrainingController::runRetried);
    connect(run, &ProcessRun::finished, this, [this](int jobId, const RunResult &result) {
        Q_EMIT runFinished(jobId, result);
        onProcessRunEnded(jobId);
    });
    connect(run, &ProcessRun::failed, this,
            [this](int jobId, const QString &message, bool cancelled) {
                Q_EMIT runFailed(jobId, message, cancelled);
                onProcessRunEnded(jobId);
            });
}

void TrainingController::dispatchInProcess(const QueuedRun &next)
{
    m_currentJob = next.jobId;
    m_currentRun = next;
    m_currentCancelled = false;
    // Cleared here, on this thread, before the job is posted: a Stop pressed right after
    // dispatch then still reaches the new run.
    m_worker->clearCancel();
    RunFiles files;
    if (!m_modelFolder.isEmpty()) {
        files.model = runmodels::jobFile(m_modelFolder, next.jobId);
        files.checkpoint = runmodels::jobCheckpoint(m_modelFolder, next.jobId);
        // Left by a session that was killed (job ids restart at 1): never another run's files.
        QFile::remove(files.model);
        QFile::remove(files.checkpoint);
    }
    if (next.resumedRunId != 0) { // continues, and keeps writing, the run's own checkpoint
        files.checkpoint = next.checkpoint;
        files.resume = true;
    }
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, id = next.jobId, config = next.config, files] {
            worker->train(id, config, files);
        },
        Qt::QueuedConnection);
}
