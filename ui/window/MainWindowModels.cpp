// The runs' model files in the window: each run trained here keeps its model beside the project
// (session/RunModels.h), Export Model… copies it out, and the Predict tab uses the selected run's.

#include "window/MainWindow.h"

#include "export/SavePrompt.h"
#include "images/PredictPanel.h"
#include "project/RunRecorder.h"
#include "project/RunStore.h"
#include "session/RunModels.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QMenu>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

void MainWindow::setUpRunModels()
{
    m_predictPanel = new PredictPanel;
    m_tabs->addTab(m_predictPanel, tr("Predict"));

    m_exportModelAction = new QAction(tr("Export &Model…"), this);
    m_exportModelAction->setObjectName(QStringLiteral("exportModelAction"));
    m_exportModelAction->setToolTip(
        tr("Save the selected run's trained model (best weights) as a PyTorch file"));
    savePathOnTrigger(
        m_exportModelAction, tr("Export Model"), tr("NormLab model (*.normlab-model *.pt)"),
        [this] {
            const RunRecord *run = modelRun();
            return fileNameFor(run ? QString::fromStdString(run->result.name)
                                   : QStringLiteral("model"),
                               QStringLiteral("normlab-model"));
        },
        &MainWindow::exportModel);
    m_runView->addAction(m_exportModelAction);
    // Beside Rename and Delete in the Table menu, and after the other exports in File.
    for (QObject *object : m_renameAction->associatedObjects())
        if (auto *menu = qobject_cast<QMenu *>(object))
            menu->addAction(m_exportModelAction);
    for (QObject *object : m_exportPlotsPdfAction->associatedObjects())
        if (auto *menu = qobject_cast<QMenu *>(object)) {
            const QList<QAction *> actions = menu->actions();
            const int next = int(actions.indexOf(m_exportPlotsPdfAction)) + 1;
            menu->insertAction(actions.value(next), m_exportModelAction);
        }

    connect(m_recorder, &RunRecorder::runCompleted, this, &MainWindow::adoptJobModel);
    connect(m_runView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updatePredictModel);
    connect(m_table, &QAbstractItemModel::modelReset, this, &MainWindow::updatePredictModel);
    connect(m_table, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updatePredictModel);
    setUpResume();
}

QString MainWindow::runModelFile(qint64 runId) const
{
    if (!m_store || runId <= 0)
        return {};
    return runmodels::runFile(runmodels::folderOf(m_store->path()), runId);
}

void MainWindow::useProjectModels()
{
    m_controller->setModelFolder(m_store ? runmodels::folderOf(m_store->path()) : QString());
}

void MainWindow::adoptJobModel(qint64 runId, int jobId)
{
    const QString folder = m_controller->modelFolder();
    // A checkpoint still under the job's name (the run id came after its last epoch).
    const QString jobCheckpoint = runmodels::jobCheckpoint(folder, jobId);
    if (!folder.isEmpty() && QFileInfo::exists(jobCheckpoint))
        runmodels::replaceFile(jobCheckpoint, runmodels::runCheckpoint(folder, runId));
    const QString jobFile = runmodels::jobFile(folder, jobId);
    if (folder.isEmpty() || !QFileInfo::exists(jobFile))
        return; // no epoch finished, or the model could not be written (the run's log says)
    const QString runFile = runmodels::runFile(folder, runId);
    QFile::remove(runFile); // a file of a deleted run with the same id
    if (!QFile::rename(jobFile, runFile))
        reportError(tr("Model File"), tr("Could not keep the model of run %1 as %2")
                                          .arg(runId)
                                          .arg(QDir::toNativeSeparators(runFile)));
    updatePredictModel();
}

void MainWindow::copyRunModels(const QString &toProject)
{
    const QDir from(runmodels::folderOf(m_store->path()));
    const QString to = runmodels::folderOf(toProject);
    const QStringList files = from.entryList(runmodels::runFilePatterns(), QDir::Files);
    if (!files.isEmpty())
        QDir().mkpath(to);
    for (const QString &name : files) {
        QFile::remove(QDir(to).filePath(name));
        QFile::copy(from.filePath(name), QDir(to).filePath(name));
    }
}

void MainWindow::removeRunModel(qint64 runId)
{
    for (const QString &file : {runModelFile(runId), runCheckpointFile(runId)})
        if (!file.isEmpty())
            QFile::remove(file);
}

const RunRecord *MainWindow::modelRun() const
{
    // The topmost selected row; without a selection, the latest run.
    int row = -1, topmost = -1;
    for (const QModelIndex &index : m_runView->selectionModel()->selectedRows())
        if (topmost < 0 || index.row() < topmost) {
            topmost = index.row();
            row = m_sorted->mapToSource(index).row();
        }
    if (row < 0 && m_table->rowCount() > 0)
        row = m_table->rowCount() - 1;
    return row >= 0 ? &m_table->recordAt(row) : nullptr;
}

QString MainWindow::noModelReason(const RunRecord *run) const
{
    if (!run)
        return tr("Select a trained run in the table to use its model.");
    const QString name = QString::fromStdString(run->result.name);
    if (run->state == RunState::Running)
        return tr("The run “%1” is still training; its model is saved when it ends.").arg(name);
    return tr("The run “%1” has no model file: it was trained before NormLab kept models, in "
              "another project, or it stopped before its first epoch finished.")
        .arg(name);
}

void MainWindow::updatePredictModel()
{
    if (!m_predictPanel)
        return;
    const RunRecord *run = modelRun();
    const QString file = run ? runModelFile(run->id) : QString();
    m_predictPanel->setModel(QFileInfo::exists(file) ? file : QString(),
                             run ? QString::fromStdString(run->result.name) : QString(),
                             noModelReason(run));
}

bool MainWindow::exportModel(const QString &path)
{
    const RunRecord *run = modelRun();
    const QString file = run ? runModelFile(run->id) : QString();
    if (!QFileInfo::exists(file)) {
        reportError(tr("Export Model"), noModelReason(run));
        return false;
    }
    return exportWith(path, [&](QString *error) {
        // Written under another name and renamed: a failed copy leaves no half file at `path`.
        QFile source(file);
        QSaveFile target(path);
        const bool ok = source.open(QIODevice::ReadOnly) && target.open(QIODevice::WriteOnly) &&
                        target.write(source.readAll()) == source.size() && target.commit();
        if (!ok)
            *error = tr("Could not write %1: %2")
                         .arg(path, target.errorString().isEmpty() ? source.errorString()
                                                                   : target.errorString());
        return ok;
    });
}
