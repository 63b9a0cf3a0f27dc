#pragma once
// One row of the comparison table: a run as stored, finished or not, and the state the table shows
// (and every export of the table writes) for it.

#include "normlab/Results.h"

#include <QString>

enum class RunState
{
    Running,     // training now (or, in the database, when the app last wrote it)
    Done,        // result.status says how it ended
    Interrupted, // was running when the app quit unexpectedly; its saved epochs are kept
};

struct RunRecord
{
    qint64 id = 0; // database row id
    RunState state = RunState::Running;
    normlab::RunResult result; // result.name is the (editable) model name
    QString created;           // ISO date-time

    /// "running", "interrupted" or the engine's status key ("finished", "early-stopped", ...).
    /// What the table shows and every export of the table writes.
    QString statusKey() const;
    /// Finished or stopped early: a result that needs no word about its state beside it.
    bool isComplete() const
    {
        return state == RunState::Done && (result.status == normlab::RunStatus::Finished ||
                                           result.status == normlab::RunStatus::EarlyStopped);
    }
};

inline QString RunRecord::statusKey() const
{
    switch (state) {
    case RunState::Running:
        return QStringLiteral("running");
    case RunState::Interrupted:
        return QStringLiteral("interrupted");
    case RunState::Done:
        break;
    }
    return QString::fromStdString(normlab::toKey(result.status));
}
