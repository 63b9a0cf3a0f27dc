#include "session/TrainingController.h"

#include "session/RunModels.h"
#include "session/TrainingWorker.h"
#include "tables/RunQueueModel.h"

#include <QFile>

using namespace normlab;

TrainingController::TrainingController(QObject *parent)
    : QObject(parent), m_worker(new TrainingWorker), m_queue(new RunQueueModel(this))
{
    registerMetaTypes();
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
    m_worker->requestCancel();
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

int TrainingController::submit(const ExperimentConfig &config)
{
    const int jobId = m_nextJobId++;
    m_queue->append({jobId, config});
    if (m_currentJob < 0)
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
    if (m_currentJob < 0)
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
    if (m_currentJob < 0) {
        Q_EMIT busyChanged(isBusy());
        Q_EMIT allDone();
    }
}

void TrainingController::dispatchNext()
{
    if (m_queue->isEmpty())
        return;
    const QueuedRun next = m_queue->takeFirst();
    const bool wasBusy = isBusy();
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
    Q_EMIT jobDispatched(next.jobId, next.config);
    if (!wasBusy)
        Q_EMIT busyChanged(true);
}
