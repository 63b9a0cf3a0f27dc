#include "session/TrainingWorker.h"

#include "normlab/ModelFile.h"
#include "session/RunModels.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <exception>

using namespace normlab;

namespace {
constexpr int kSamplesPerClass = 4;
constexpr qint64 kGradientNormIntervalMs = 200; // live gradient norms: about 5 updates a second
} // namespace

TrainingWorker::TrainingWorker(QObject *parent) : QObject(parent)
{
    m_sinceNormsSent.start();
}

std::shared_ptr<const DataSplits> TrainingWorker::data(const ExperimentConfig &config)
{
    const std::string key = dataKey(config);
    if (SharedData cached = m_cache.find(key))
        return cached;
    // Image folders report every decoded file; pass on at most ~20 updates per second.
    QElapsedTimer sinceReport;
    sinceReport.start();
    const LoadProgress progress = [this, &sinceReport](int64_t done, int64_t total) {
        if (done == total || sinceReport.elapsed() >= 50) {
            sinceReport.restart();
            Q_EMIT loadProgress(done, total);
        }
    };
    Q_EMIT loadProgress(0, 0);
    auto loaded = loadData(config, progress, &m_cancel);
    m_cache.put(key, loaded);
    Q_EMIT datasetLoaded(preview(*loaded));
    Q_EMIT dataShared(config, loaded);
    return loaded;
}

DatasetPreviewData TrainingWorker::preview(const DataSplits &data) const
{
    DatasetPreviewData result;
    result.summary = summarize(data);
    for (const SampleImage &sample : sampleImages(data, kSamplesPerClass)) {
        result.images.append(toQImage(sample));
        result.labels.append(sample.label);
    }
    return result;
}

void TrainingWorker::loadPreview(const ExperimentConfig &config)
{
    try {
        const bool cached = m_cache.isNewest(dataKey(config));
        auto loaded = data(config);
        if (cached) // data() only announces fresh loads
            Q_EMIT datasetLoaded(preview(*loaded));
    } catch (const std::exception &e) {
        Q_EMIT previewFailed(QString::fromStdString(e.what()));
    } catch (...) {
        Q_EMIT previewFailed(tr("Loading the dataset failed for an unknown reason."));
    }
}

void TrainingWorker::train(int jobId, const ExperimentConfig &config, const RunFiles &files)
{
    m_currentJob = jobId;
    m_currentJobStarted = false;
    m_pendingNorms.clear();
    m_sinceNormsSent.start();
    try {
        auto loaded = data(config);
        RunResult result = files.model.isEmpty() && files.checkpoint.isEmpty()
                               ? runExperiment(config, *loaded, this, &m_cancel)
                               : trainWithFiles(config, *loaded, files);
        flushGradientNorms(); // the live series is complete before the result arrives
        if (!m_currentJobStarted && result.history.empty() &&
            result.status != RunStatus::Cancelled) {
            Q_EMIT jobFailed(jobId, result.message.empty()
                                        ? tr("The run did not start.")
                                        : QString::fromStdString(result.message));
        } else {
            Q_EMIT jobFinished(jobId, result);
        }
    } catch (const std::exception &e) {
        Q_EMIT jobFailed(jobId, QString::fromStdString(e.what()));
    } catch (...) {
        Q_EMIT jobFailed(jobId, tr("The run failed for an unknown reason."));
    }
    m_run = nullptr;
    m_currentJob = -1;
}

RunResult TrainingWorker::trainWithFiles(const ExperimentConfig &config, const DataSplits &data,
                                         const RunFiles &files)
{
    TrainingRun run(config, data);
    m_checkpointFile = files.checkpoint;
    if (!files.checkpoint.isEmpty()) {
        if (files.resume)
            run.resumeFrom(files.checkpoint.toStdString()); // throws InputError naming the file
        QDir().mkpath(QFileInfo(files.checkpoint).absolutePath());
        run.writeCheckpoints(files.checkpoint.toStdString());
    }
    m_run = &run;
    RunResult result = run.run(this, &m_cancel);
    followCheckpointTarget(); // the last epoch's checkpoint, when the target came late
    m_run = nullptr;
    if (!result.history.empty() && !files.model.isEmpty())
        saveModel(run, result, files.model); // else no epoch finished: nothing worth keeping
    return result;
}

void TrainingWorker::saveModel(TrainingRun &run, const RunResult &result, const QString &file)
{
    try {
        QDir().mkpath(QFileInfo(file).absolutePath());
        run.saveModel(file.toStdString(), result);
    } catch (const std::exception &e) {
        // The run itself is fine; only its model file is missing (Export Model says so).
        Q_EMIT jobMessage(m_currentJob,
                          tr("The model was not saved: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainingWorker::setCheckpointTarget(int jobId, const QString &file)
{
    QMutexLocker lock(&m_targetMutex);
    m_targetJob = jobId;
    m_checkpointTarget = file;
}

void TrainingWorker::followCheckpointTarget()
{
    QString target;
    {
        QMutexLocker lock(&m_targetMutex);
        if (m_targetJob != m_currentJob)
            return;
        target = m_checkpointTarget;
    }
    if (!m_run || m_checkpointFile.isEmpty() || target.isEmpty() || target == m_checkpointFile)
        return;
    if (QFileInfo::exists(m_checkpointFile))
        runmodels::replaceFile(m_checkpointFile, target);
    m_run->writeCheckpoints(target.toStdString());
    m_checkpointFile = target;
}

void TrainingWorker::runStarted(const RunInfo &info)
{
    m_currentJobStarted = true;
    Q_EMIT jobStarted(m_currentJob, info);
}

void TrainingWorker::batchFinished(const BatchProgress &progress)
{
    Q_EMIT jobBatch(m_currentJob, progress);
}

void TrainingWorker::epochFinished(const EpochMetrics &metrics)
{
    flushGradientNorms(); // an epoch's save then holds all of its steps
    Q_EMIT jobEpoch(m_currentJob, metrics);
    // The engine writes this epoch's checkpoint right after this call: to the target already.
    followCheckpointTarget();
    const int stopAfter = m_stopAfterEpoch.load();
    if (stopAfter > 0 && metrics.epoch >= stopAfter)
        m_cancel.store(true);
}

void TrainingWorker::message(const std::string &text)
{
    Q_EMIT jobMessage(m_currentJob, QString::fromStdString(text));
}

void TrainingWorker::layerStatsRecorded(const LayerStatsSample &sample)
{
    Q_EMIT jobLayerStats(m_currentJob, sample);
}

void TrainingWorker::gradientNormsRecorded(const GradientNormSample &sample)
{
    m_pendingNorms.push_back(sample);
    if (m_sinceNormsSent.elapsed() >= kGradientNormIntervalMs)
        flushGradientNorms();
}

void TrainingWorker::flushGradientNorms()
{
    m_sinceNormsSent.restart();
    if (m_pendingNorms.empty())
        return;
    std::vector<GradientNormSample> samples;
    samples.swap(m_pendingNorms);
    Q_EMIT jobGradientNorms(m_currentJob, samples);
}
