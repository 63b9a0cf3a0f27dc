#include "project/RunRecorder.h"

#include "project/RunStore.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"

#include <algorithm>

using namespace normlab;

RunRecorder::RunRecorder(TrainingController *controller, RunTableModel *table, QObject *parent)
    : QObject(parent), m_controller(controller), m_table(table)
{
    connect(controller, &TrainingController::jobDispatched, this, &RunRecorder::onDispatched);
    connect(controller, &TrainingController::runStarted, this, &RunRecorder::onStarted);
    connect(controller, &TrainingController::epochFinished, this, &RunRecorder::onEpoch);
    connect(controller, &TrainingController::runFinished, this, &RunRecorder::onFinished);
    connect(controller, &TrainingController::runRetried, this, &RunRecorder::onRetried);
    connect(controller, &TrainingController::layerStatsRecorded, this, &RunRecorder::onLayerStats);
    connect(controller, &TrainingController::gradientNormsRecorded, this,
            &RunRecorder::onGradientNorms);
    connect(controller, &TrainingController::runFailed, this,
            [this](int jobId, const QString &, bool) {
                m_dispatched.erase(jobId);
                m_resumed.erase(jobId);
            });
    connect(table, &RunTableModel::runRenamed, this, &RunRecorder::onRenamed);
}

qint64 RunRecorder::recordIdOfJob(int jobId) const
{
    if (auto it = m_live.find(jobId); it != m_live.end())
        return it->second.id;
    if (auto it = m_finished.find(jobId); it != m_finished.end())
        return it->second;
    return 0;
}

qint64 RunRecorder::liveRecordId() const
{
    return m_live.empty() ? 0 : m_live.begin()->second.id;
}

const RunRecord *RunRecorder::liveRecord() const
{
    return m_live.empty() ? nullptr : &m_live.begin()->second;
}

std::vector<qint64> RunRecorder::liveRecordIds() const
{
    std::vector<qint64> ids; // job ids grow with dispatch order
    for (const auto &[jobId, record] : m_live)
        ids.push_back(record.id);
    return ids;
}

const RunRecord *RunRecorder::liveRecordWithId(qint64 id) const
{
    for (const auto &[jobId, record] : m_live)
        if (record.id == id)
            return &record;
    return nullptr;
}

void RunRecorder::checkStore(bool ok)
{
    if (ok) {
        if (m_storeErrorShown)
            Q_EMIT storageRestored(tr("Saving runs to %1 works again; the epochs missed meanwhile "
                                      "are saved now.")
                                       .arg(m_store->path()));
        m_storeErrorShown = false;
    } else if (!m_storeErrorShown) {
        m_storeErrorShown = true;
        Q_EMIT storageError(tr("The run could not be saved to the project: %1\n"
                               "It stays in the table until NormLab closes.")
                                .arg(m_store->lastError()));
    }
}

void RunRecorder::onDispatched(int jobId, const ExperimentConfig &config)
{
    m_dispatched[jobId] = config;
    const QueuedRun &current = m_controller->currentRun();
    if (current.jobId == jobId && current.resumedRunId != 0)
        m_resumed[jobId] = current;
}

RunRecord RunRecorder::continuedRecord(qint64 runId, int checkpointEpochs) const
{
    RunRecord record = m_table->recordAt(m_table->rowOf(runId));
    record.state = RunState::Running;
    restartAfterEpoch(record.result, checkpointEpochs);
    return record;
}

void RunRecorder::restartAfterEpoch(RunResult &r, int checkpointEpochs)
{
    r.history.clear(); // replayed from the checkpoint next
    summarizeHistory(r);
    r.epochsRun = 0;
    r.seconds = 0;
    r.message.clear();
    auto later = [checkpointEpochs](const auto &sample) { return sample.epoch > checkpointEpochs; };
    auto &stats = r.insight.layerStats;
    stats.erase(std::remove_if(stats.begin(), stats.end(), later), stats.end());
    auto &norms = r.insight.gradientNorms;
    norms.erase(std::remove_if(norms.begin(), norms.end(), later), norms.end());
}

void RunRecorder::onRetried(int jobId, int attempt, const QString &why, int resumeEpoch)
{
    auto it = m_live.find(jobId);
    if (it == m_live.end())
        return; // lost before it started: the next worker starts its row
    RunRecord &record = it->second;
    restartAfterEpoch(record.result, resumeEpoch);
    record.result.message =
        (resumeEpoch > 0 ? tr("Attempt %1, from epoch %2 (its last checkpoint): %3")
                               .arg(attempt)
                               .arg(resumeEpoch)
                               .arg(why)
                         : tr("Attempt %1, from the start: %2").arg(attempt).arg(why))
            .toStdString();
    m_table->updateRecord(record);
    Q_EMIT recordChanged(record.id);
}

void RunRecorder::onStarted(int jobId, const RunInfo &info)
{
    if (auto resumed = m_resumed.find(jobId); resumed != m_resumed.end()) {
        if (m_table->rowOf(resumed->second.resumedRunId) >= 0) {
            RunRecord record =
                continuedRecord(resumed->second.resumedRunId, resumed->second.checkpointEpochs);
            record.result.config = resumed->second.config;
            m_dispatched.erase(jobId);
            if (m_store && record.id > 0)
                checkStore(m_store->saveEpoch(record)); // "running" in the project too
            m_live[jobId] = record;
            m_table->updateRecord(record);
            Q_EMIT recordChanged(record.id);
            return;
        }
        m_resumed.erase(resumed); // its row was deleted meanwhile: a row of its own
    }
    RunRecord record;
    record.state = RunState::Running;
    if (auto it = m_dispatched.find(jobId); it != m_dispatched.end()) {
        record.result.config = it->second;
        m_dispatched.erase(it);
    }
    record.result.name = info.name.empty() ? runName(record.result.config) : info.name;
    record.result.parameters = info.parameters;
    record.result.insight.blockNames = info.blockNames;
    record.result.insight.gradientLayers = info.gradientLayers;
    record.result.insight.probeSize = info.probeSize;
    bool saved = m_store && m_store->addRun(record);
    if (m_store)
        checkStore(saved);
    if (!saved)
        record.id = m_unsavedId--;
    m_live[jobId] = record;
    m_table->addRecord(record);
    Q_EMIT recordChanged(record.id);
}

void RunRecorder::onEpoch(int jobId, const EpochMetrics &metrics)
{
    auto it = m_live.find(jobId);
    if (it == m_live.end())
        return;
    RunRecord &record = it->second;
    RunResult &r = record.result;
    r.history.push_back(metrics);
    summarizeHistory(r);
    r.epochsRun = int(r.history.size());
    r.seconds += metrics.seconds;
    if (m_store && record.id > 0)
        saveLiveEpoch(record);
    m_table->updateRecord(record);
    Q_EMIT recordChanged(record.id);
}

void RunRecorder::saveLiveEpoch(RunRecord &record)
{
    auto behind = m_firstUnsavedEpoch.find(record.id);
    bool saved = false;
    if (behind == m_firstUnsavedEpoch.end()) {
        saved = m_store->saveEpoch(record);
        if (!saved)
            behind =
                m_firstUnsavedEpoch.emplace(record.id, record.result.history.back().epoch).first;
    } else {
        record.result.message.clear(); // the mark below, which the rewrite must not store
        saved = m_store->saveRun(record);
        if (saved)
            m_firstUnsavedEpoch.erase(behind);
    }
    if (!saved) {
        record.result.message = tr("Epochs %1 to %2 are not saved to the project yet: %3")
                                    .arg(behind->second)
                                    .arg(record.result.history.back().epoch)
                                    .arg(m_store->lastError())
                                    .toStdString();
    }
    checkStore(saved);
}

void RunRecorder::onLayerStats(int jobId, const LayerStatsSample &sample)
{
    auto it = m_live.find(jobId);
    if (it == m_live.end())
        return;
    it->second.result.insight.layerStats.push_back(sample);
    Q_EMIT liveInsightChanged(it->second.id);
}

void RunRecorder::onGradientNorms(int jobId, const std::vector<GradientNormSample> &samples)
{
    auto it = m_live.find(jobId);
    if (it == m_live.end())
        return;
    auto &norms = it->second.result.insight.gradientNorms;
    norms.insert(norms.end(), samples.begin(), samples.end());
    Q_EMIT liveInsightChanged(it->second.id);
}

void RunRecorder::onFinished(int jobId, const RunResult &result)
{
    m_dispatched.erase(jobId);
    auto it = m_live.find(jobId);
    if (it == m_live.end()) {
        m_resumed.erase(jobId);
        return; // cancelled before it started: nothing to keep
    }
    RunRecord record = it->second;
    m_live.erase(it);
    const std::string name = record.result.name; // the user may have renamed it meanwhile
    record.result = result;
    record.result.name = name;
    if (auto resumed = m_resumed.find(jobId); resumed != m_resumed.end()) {
        // The run's time: its epochs before the checkpoint, then this session's.
        const size_t before =
            std::min(result.history.size(), size_t(std::max(0, resumed->second.checkpointEpochs)));
        for (size_t i = 0; i < before; ++i)
            record.result.seconds += result.history[i].seconds;
        m_resumed.erase(resumed);
    }
    record.state = RunState::Done;
    m_firstUnsavedEpoch.erase(record.id); // saveRun writes every epoch
    if (m_store && record.id > 0) {
        const bool saved = m_store->saveRun(record);
        if (!saved) {
            const QString note = tr("Not saved to the project: %1").arg(m_store->lastError());
            record.result.message =
                (record.result.message.empty()
                     ? note
                     : note + QStringLiteral("\n") + QString::fromStdString(record.result.message))
                    .toStdString();
        }
        checkStore(saved);
    }
    m_table->updateRecord(record);
    m_finished[jobId] = record.id;
    Q_EMIT recordChanged(record.id);
    Q_EMIT runCompleted(record.id, jobId);
}

void RunRecorder::onRenamed(qint64 id, const QString &name)
{
    for (auto &[job, record] : m_live)
        if (record.id == id)
            record.result.name = name.toStdString();
    if (m_store && id > 0)
        checkStore(m_store->renameRun(id, name));
}
