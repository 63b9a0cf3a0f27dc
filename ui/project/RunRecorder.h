#pragma once
// Turns the controller's run signals into table rows and database writes: a row when a run starts,
// an update and a committed epoch after every epoch, the final result when it ends.

#include "session/MetaTypes.h"
#include "tables/RunQueueModel.h"
#include "tables/RunRecord.h"

#include <QObject>

#include <map>
#include <vector>

class RunStore;
class RunTableModel;
class TrainingController;

class RunRecorder : public QObject
{
    Q_OBJECT
public:
    RunRecorder(TrainingController *controller, RunTableModel *table, QObject *parent = nullptr);

    /// Not owned; replaced when another project is opened (never during a run).
    void setStore(RunStore *store)
    {
        m_store = store;
        m_storeErrorShown = false;
    }
    /// The table row id of a job's run; 0 when it has not started.
    qint64 recordIdOfJob(int jobId) const;
    /// The table row id of the run in progress (the first started, when several are); 0 when none.
    qint64 liveRecordId() const;
    /// The run in progress with its series so far (the table's copy is updated once an epoch);
    /// null when none.
    const RunRecord *liveRecord() const;
    /// The table row ids of the runs training now, in the order they started.
    std::vector<qint64> liveRecordIds() const;
    /// Run `id` with its series so far when it is training; null otherwise.
    const RunRecord *liveRecordWithId(qint64 id) const;

Q_SIGNALS:
    /// A write failed (a full disk, say). Sent once per project until a write succeeds again; the
    /// table keeps the run, and its status tooltip says which epochs are not saved yet.
    void storageError(const QString &message);
    /// A write succeeded after storageError: the epochs missed meanwhile are saved now.
    void storageRestored(const QString &message);
    void recordChanged(qint64 id);
    void runCompleted(qint64 id, int jobId);
    /// The live run's layer statistics or gradient norms grew (a few times a second at most).
    void liveInsightChanged(qint64 id);

private:
    void onDispatched(int jobId, const normlab::ExperimentConfig &config);
    /// A resumed job starts in its run's row: the epochs to come replace the ones after the
    /// checkpoint (the engine replays those before it), and the row is running again.
    RunRecord continuedRecord(qint64 runId, int checkpointEpochs) const;
    /// Back to the state of epoch `checkpointEpochs`: no history (the engine replays it), no
    /// insight samples after it.
    static void restartAfterEpoch(normlab::RunResult &result, int checkpointEpochs);
    /// A parallel run's worker died: its epochs after the checkpoint it resumes from are gone.
    void onRetried(int jobId, int attempt, const QString &why, int resumeEpoch);
    void onStarted(int jobId, const normlab::RunInfo &info);
    void onEpoch(int jobId, const normlab::EpochMetrics &metrics);
    void onFinished(int jobId, const normlab::RunResult &result);
    void onLayerStats(int jobId, const normlab::LayerStatsSample &sample);
    void onGradientNorms(int jobId, const std::vector<normlab::GradientNormSample> &samples);
    void onRenamed(qint64 id, const QString &name);
    void checkStore(bool ok);
    /// Saves the live run after an epoch: that epoch alone, or the whole run while earlier epochs
    /// are missing from the project. Marks the run while it is behind.
    void saveLiveEpoch(RunRecord &record);

    TrainingController *m_controller;
    RunTableModel *m_table;
    RunStore *m_store = nullptr;
    std::map<int, normlab::ExperimentConfig> m_dispatched;
    std::map<int, QueuedRun> m_resumed;        // dispatched jobs that continue a run, by job id
    std::map<int, RunRecord> m_live;           // by job id
    std::map<int, qint64> m_finished;          // job id -> record id, for scripted runs
    std::map<qint64, int> m_firstUnsavedEpoch; // live runs whose epochs from this one are unsaved
    qint64 m_unsavedId = -1;                   // ids for rows the database refused
    bool m_storeErrorShown = false;
};
