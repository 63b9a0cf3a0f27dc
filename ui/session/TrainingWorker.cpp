#include "session/TrainingWorker.h"

#include "normlab/ModelFile.h"

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

void TrainingWorker::train(int jobId, const ExperimentConfig &config, const QString &modelFile)
{
    m_currentJob = jobId;
    m_currentJobStarted = false;
    m_pendingNorms.clear();
    m_sinceNormsSent.start();
    try {
        auto loaded = data(config);
        RunResult result = modelFile.isEmpty() ? runExperiment(config, *loaded, this, &m_cancel)
                                               : trainKeepingModel(config, *loaded, modelFile);
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
    m_currentJob = -1;
}

RunResult TrainingWorker::trainKeepingModel(const ExperimentConfig &config, const DataSplits &data,
                                            const QString &modelFile)
{
    TrainingRun run(config, data);
    RunResult result = run.run(this, &m_cancel);
    if (result.history.empty())
        return result; // no epoch finished: nothing worth keeping
    try {
        QDir().mkpath(QFileInfo(modelFile).absolutePath());
        run.saveModel(modelFile.toStdString(), result);
    } catch (const std::exception &e) {
        // The run itself is fine; only its model file is missing (Export Model says so).
        Q_EMIT jobMessage(m_currentJob,
                          tr("The model was not saved: %1").arg(QString::fromStdString(e.what())));
    }
    return result;
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
