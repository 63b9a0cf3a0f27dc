// Runs continue from their checkpoints, kept beside the project (session/RunModels.h): Resume on
// a cancelled or interrupted run, Train More Epochs… on a finished one. The run goes on in its
// own row: its finished epochs stay, the new ones append.

#include "window/MainWindow.h"

#include "normlab/Config.h"
#include "normlab/ModelFile.h"
#include "project/RunRecorder.h"
#include "project/RunStore.h"
#include "session/RunModels.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"

#include <QAction>
#include <QFileInfo>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

#include <exception>

using namespace normlab;

namespace {
constexpr int kMostEpochs = 10000; // the dialog's limit; validate() has the final word

// Puts `action` right after `after` wherever `after` is shown (menus, toolbars).
void insertAfter(QAction *after, QAction *action, bool inToolBars)
{
    for (QObject *object : after->associatedObjects()) {
        auto *widget = qobject_cast<QWidget *>(object);
        if (!widget || (!inToolBars && qobject_cast<QToolBar *>(widget)) ||
            !(qobject_cast<QMenu *>(widget) || qobject_cast<QToolBar *>(widget)))
            continue;
        const QList<QAction *> actions = widget->actions();
        widget->insertAction(actions.value(int(actions.indexOf(after)) + 1), action);
    }
}
} // namespace

void MainWindow::setUpResume()
{
    m_resumeAction = new QAction(tr("Res&ume Run"), this);
    m_resumeAction->setObjectName(QStringLiteral("resumeAction"));
    m_trainMoreAction = new QAction(tr("Train &More Epochs…"), this);
    m_trainMoreAction->setObjectName(QStringLiteral("trainMoreAction"));
    connect(m_resumeAction, &QAction::triggered, this, [this] {
        if (const RunRecord *run = selectedRun())
            resumeRun(run->id);
    });
    connect(m_trainMoreAction, &QAction::triggered, this, &MainWindow::askTrainMoreEpochs);
    // In the table's context menu, after Stop in the Run menu, and Resume after Stop in the
    // toolbar.
    m_runView->addActions({m_resumeAction, m_trainMoreAction});
    insertAfter(m_stopAction, m_trainMoreAction, false);
    insertAfter(m_stopAction, m_resumeAction, true);

    connect(m_runView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateContinueActions);
    connect(m_table, &QAbstractItemModel::modelReset, this, &MainWindow::updateContinueActions);
    connect(m_table, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateContinueActions);
    connect(m_table, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateContinueActions);
    connect(m_table, &QAbstractItemModel::dataChanged, this, &MainWindow::updateContinueActions);
    connect(m_controller, &TrainingController::busyChanged, this,
            &MainWindow::updateContinueActions);
    connect(m_controller, &TrainingController::jobDispatched, this,
            &MainWindow::updateContinueActions);
    connect(m_controller->queue(), &QAbstractItemModel::rowsRemoved, this,
            &MainWindow::updateContinueActions);
    // After the recorder (connected first) gave the new run its row: its checkpoint goes by the
    // run's id from now on.
    connect(m_controller, &TrainingController::runStarted, this,
            [this](int jobId) { followRunCheckpoint(jobId); });
    updateContinueActions();
}

QString MainWindow::runCheckpointFile(qint64 runId) const
{
    if (!m_store || runId <= 0)
        return {};
    return runmodels::runCheckpoint(runmodels::folderOf(m_store->path()), runId);
}

void MainWindow::followRunCheckpoint(int jobId)
{
    if (jobId != m_controller->currentJob() || m_controller->currentRun().resumedRunId != 0)
        return; // a worker process's run (no checkpoint here), or one that writes its run's
                // checkpoint from the start
    const QString file = runCheckpointFile(m_recorder->recordIdOfJob(jobId));
    if (!file.isEmpty())
        m_controller->setCheckpointTarget(jobId, file);
}

const RunRecord *MainWindow::selectedRun() const
{
    int topmost = -1, row = -1;
    for (const QModelIndex &index : m_runView->selectionModel()->selectedRows())
        if (topmost < 0 || index.row() < topmost) {
            topmost = index.row();
            row = m_sorted->mapToSource(index).row();
        }
    return row >= 0 ? &m_table->recordAt(row) : nullptr;
}

QString MainWindow::continueBlocker(const RunRecord *run, bool more) const
{
    if (!run)
        return tr("Select a run in the table.");
    const QString name = QString::fromStdString(run->result.name);
    if (run->state == RunState::Running || m_controller->isContinuing(run->id))
        return tr("The run “%1” is training or waiting in the queue.").arg(name);
    const bool finished = run->state == RunState::Done && run->result.status == RunStatus::Finished;
    const bool stopped =
        run->state == RunState::Interrupted ||
        (run->state == RunState::Done && run->result.status == RunStatus::Cancelled);
    if (more && !finished)
        return tr("Only a finished run trains more epochs; “%1” is %2.")
            .arg(name, RunTableModel::statusName(run->statusKey()));
    if (!more && !stopped)
        return finished ? tr("The run “%1” finished; Train More Epochs… continues it.").arg(name)
                        : tr("Only a cancelled or interrupted run resumes; “%1” is %2.")
                              .arg(name, RunTableModel::statusName(run->statusKey()));
    if (!m_store)
        return tr("Runs keep checkpoints only in a project file; this window has none.");
    if (!QFileInfo::exists(runCheckpointFile(run->id)))
        return tr("The run “%1” has no checkpoint: it was trained before NormLab kept "
                  "checkpoints, in another project, or it stopped before its first epoch "
                  "finished.")
            .arg(name);
    return {};
}

void MainWindow::updateContinueActions()
{
    if (!m_resumeAction)
        return;
    const RunRecord *run = selectedRun();
    const QString resumeReason = continueBlocker(run, false);
    const QString moreReason = continueBlocker(run, true);
    m_resumeAction->setEnabled(resumeReason.isEmpty());
    m_resumeAction->setToolTip(
        resumeReason.isEmpty()
            ? tr("Continue the selected run from its checkpoint; its finished epochs stay")
            : resumeReason);
    m_trainMoreAction->setEnabled(moreReason.isEmpty());
    m_trainMoreAction->setToolTip(
        moreReason.isEmpty() ? tr("Train the selected finished run for more epochs, continuing "
                                  "from its checkpoint")
                             : moreReason);
}

int MainWindow::resumeRun(qint64 runId)
{
    return continueRun(runId, 0, tr("Resume Run"));
}

int MainWindow::trainMoreEpochs(qint64 runId, int totalEpochs)
{
    return continueRun(runId, totalEpochs, tr("Train More Epochs"));
}

void MainWindow::askTrainMoreEpochs()
{
    const RunRecord *run = selectedRun();
    if (!run)
        return;
    const qint64 id = run->id;
    const int epochs = int(run->result.history.size());
    bool ok = false;
    const int total =
        QInputDialog::getInt(this, tr("Train More Epochs"),
                             tr("Train “%1” up to this many epochs in all (it has %2):")
                                 .arg(QString::fromStdString(run->result.name))
                                 .arg(epochs),
                             2 * epochs, epochs + 1, kMostEpochs, 1, &ok);
    if (ok)
        trainMoreEpochs(id, total);
}

int MainWindow::continueRun(qint64 runId, int totalEpochs, const QString &title)
{
    const int row = m_table->rowOf(runId);
    const RunRecord *run = row >= 0 ? &m_table->recordAt(row) : nullptr;
    const QString reason = continueBlocker(run, totalEpochs > 0);
    if (!reason.isEmpty()) {
        reportError(title, reason);
        return 0;
    }
    const QString file = runCheckpointFile(runId);
    CheckpointInfo checkpoint;
    try {
        checkpoint = readCheckpointInfo(file.toStdString());
    } catch (const std::exception &e) {
        reportError(title, QString::fromStdString(e.what()));
        return 0;
    }
    ExperimentConfig config = checkpoint.config;
    if (totalEpochs > 0) {
        if (totalEpochs <= checkpoint.epoch) {
            reportError(title,
                        tr("The run has %1 epochs already; ask for more.").arg(checkpoint.epoch));
            return 0;
        }
        config.epochs = totalEpochs;
    }
    if (const std::vector<std::string> problems = validate(config); !problems.empty()) {
        reportError(title, QString::fromStdString(problems.front()));
        return 0;
    }
    const bool queued = m_controller->isRunning();
    const int job = m_controller->submitResume(config, runId, file, checkpoint.epoch);
    if (queued)
        statusBar()->showMessage(tr("Queued %1").arg(QString::fromStdString(run->result.name)),
                                 5000);
    updateRunControls();
    updateContinueActions();
    return job;
}
