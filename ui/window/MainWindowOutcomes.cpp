// How each submitted run ended, told once per run: what a scripted run waits for.

#include "window/MainWindow.h"

#include "project/RunRecorder.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"

#include <QStatusBar>

using namespace normlab;

namespace {

QString outcomeText(const RunResult &r)
{
    QString outcome = QStringLiteral("%1: %2").arg(QString::fromStdString(r.name),
                                                   QString::fromStdString(toKey(r.status)));
    if (!r.message.empty())
        outcome += QStringLiteral(" (%1)").arg(QString::fromStdString(r.message));
    return outcome;
}

} // namespace

void MainWindow::connectRunOutcomes()
{
    // A recorded run ends when its row is complete, so the table shows it when this is told.
    connect(m_recorder, &RunRecorder::runCompleted, this, [this](qint64 id, int jobId) {
        const int row = m_table->rowOf(id);
        if (row < 0)
            return;
        const RunResult &r = m_table->recordAt(row).result;
        Q_EMIT runEnded(jobId, outcomeText(r),
                        r.status == RunStatus::Finished || r.status == RunStatus::EarlyStopped);
    });
    connect(m_controller, &TrainingController::runFinished, this,
            [this](int jobId, const RunResult &r) {
                // Cancelled before its first epoch: the recorder has no row for it.
                if (m_recorder->recordIdOfJob(jobId) == 0)
                    Q_EMIT runEnded(
                        jobId,
                        QStringLiteral("%1: %2").arg(QString::fromStdString(r.name),
                                                     QString::fromStdString(toKey(r.status))),
                        false);
            });
    connect(m_controller, &TrainingController::runFailed, this,
            [this](int jobId, const QString &message, bool) {
                Q_EMIT runEnded(jobId, message, false);
            });
    connect(m_controller, &TrainingController::allDone, this, [this] {
        if (!m_controller->isBusy())
            Q_EMIT idle();
    });
    // Saving to the project failed (a full disk), or works again after a failure.
    connect(m_recorder, &RunRecorder::storageError, this,
            [this](const QString &message) { reportError(tr("Saving runs"), message); });
    connect(m_recorder, &RunRecorder::storageRestored, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
}
