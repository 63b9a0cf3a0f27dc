// Run › Parallel Runs (issue 12): several runs at once, each in a worker process of its own, and
// what the window does with them: the plots and the table show every run in training, the
// progress panel follows one (the last started, then whichever still trains), and a run whose
// worker died is retried in its own row.

#include "window/MainWindow.h"

#include "plots/PlotPanel.h"
#include "project/RunRecorder.h"
#include "session/TrainingController.h"
#include "window/ProgressPanel.h"

#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QThread>

#include <algorithm>

using namespace normlab;

int MainWindow::maxParallelRuns()
{
    return std::clamp(QThread::idealThreadCount(), 2, TrainingController::kMaxParallelRuns);
}

int MainWindow::parallelRuns() const
{
    return m_controller->parallelRuns();
}

void MainWindow::setParallelRuns(int runs)
{
    m_controller->setParallelRuns(std::clamp(runs, 1, maxParallelRuns()));
    if (!m_parallelMenu)
        return;
    for (QAction *action : m_parallelMenu->actions())
        action->setChecked(action->data().toInt() == m_controller->parallelRuns());
}

void MainWindow::addParallelRunsMenu(QMenu *runMenu)
{
    m_parallelMenu = runMenu->addMenu(tr("Parallel Runs"));
    m_parallelMenu->setObjectName(QStringLiteral("parallelRunsMenu"));
    m_parallelMenu->setToolTipsVisible(true);
    auto *choices = new QActionGroup(m_parallelMenu);
    for (int runs = 1; runs <= maxParallelRuns(); ++runs) {
        QAction *action = m_parallelMenu->addAction(
            runs == 1 ? tr("One Run at a Time, in the Window")
                      : tr("%1 Runs at a Time, in Worker Processes").arg(runs));
        action->setCheckable(true);
        action->setData(runs);
        action->setChecked(runs == m_controller->parallelRuns());
        const int threads = std::max(1, QThread::idealThreadCount() / runs);
        action->setToolTip(
            runs == 1
                ? tr("Each run trains in the window with every core.")
                : tr("Up to %1 queued runs train at once, each in a normlab-cli worker process "
                     "with %2. A worker that crashes costs only a retry of its run.")
                      .arg(runs)
                      .arg(threads == 1 ? tr("1 thread") : tr("%1 threads").arg(threads)));
        choices->addAction(action);
        connect(action, &QAction::triggered, this, [this, runs] { setParallelRuns(runs); });
    }
}

void MainWindow::connectParallelRuns()
{
    connect(m_controller, &TrainingController::runRetried, this,
            [this](int jobId, int attempt, const QString &why, int resumeEpoch) {
                m_plots->dropBatchLossesAfter(m_recorder->recordIdOfJob(jobId), resumeEpoch);
                statusBar()->showMessage(
                    tr("A worker process was lost (%1); its run trains again (attempt %2).")
                        .arg(why)
                        .arg(attempt),
                    15000);
            });
}

void MainWindow::onRunStarted(int jobId, const RunInfo &info)
{
    m_liveRuns[jobId] = info;
    m_progressJob = jobId;
    m_progress->runStarted(info);
    const QString name = QString::fromStdString(info.name);
    m_plots->startBatchSeries(m_recorder->recordIdOfJob(jobId), name);
    statusBar()->showMessage(m_liveRuns.size() > 1
                                 ? tr("Training %1 runs at once…").arg(m_liveRuns.size())
                                 : tr("Training %1…").arg(name));
}

void MainWindow::onBatchFinished(int jobId, const BatchProgress &p)
{
    if (jobId != m_progressJob && !m_liveRuns.count(m_progressJob)) {
        // The run the panel followed ended: follow this one, which still trains.
        if (auto live = m_liveRuns.find(jobId); live != m_liveRuns.end()) {
            m_progressJob = jobId;
            m_progress->runStarted(live->second);
        }
    }
    if (jobId == m_progressJob) {
        m_progress->batchFinished(p);
        m_speedLabel->setText(tr("%1 images/s").arg(p.imagesPerSecond, 0, 'f', 0));
        if (p.imagesPerSecond > 0)
            m_imagesPerSecond = p.imagesPerSecond;
    }
    m_plots->addBatchLoss(m_recorder->recordIdOfJob(jobId), double(p.step), p.loss, p.epoch);
}

void MainWindow::onRunEnded(int jobId, const QString &text)
{
    m_liveRuns.erase(jobId);
    if (jobId != m_progressJob && !m_liveRuns.empty())
        return; // the panel follows another run, which still trains
    m_progress->runEnded(text);
    m_speedLabel->clear();
}
