// MainWindow's actions, menus and toolbar, and the file operations behind them.

#include "window/MainWindow.h"

#include "export/Exports.h"
#include "export/ImageFiles.h"
#include "export/SavePrompt.h"
#include "export/TableImage.h"
#include "forms/ExperimentForm.h"
#include "forms/GetCifarDialog.h"
#include "images/DatasetPreview.h"
#include "normlab/Config.h"
#include "normlab/ConfigJson.h"
#include "normlab/Errors.h"
#include "plots/CurvePlot.h"
#include "plots/PlotPanel.h"
#include "project/RunRecorder.h"
#include "project/RunStore.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"
#include "window/GuideDialog.h"
#include "window/Icons.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

#include <algorithm>
#include <exception>

using namespace normlab;

namespace {
QAction *makeAction(QObject *parent, const QString &text, const QKeySequence &shortcut,
                    const char *icon = nullptr)
{
    auto *action = new QAction(text, parent);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    if (icon)
        action->setIcon(paintedIcon(QLatin1String(icon)));
    const QString plain = QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    action->setToolTip(
        shortcut.isEmpty()
            ? plain
            : QStringLiteral("%1 (%2)").arg(plain, shortcut.toString(QKeySequence::NativeText)));
    return action;
}
} // namespace

void MainWindow::createActions()
{
    createProjectActions();
    createExperimentActions();
    createExportActions();
    createTableActions();
    m_resetViewAction =
        makeAction(this, tr("Reset Plot &View"), QKeySequence(Qt::CTRL | Qt::Key_0), "reset");
    m_quitAction = makeAction(this, tr("&Quit"), QKeySequence::Quit);
    m_aboutAction = makeAction(this, tr("&About NormLab"), {});
    m_guideAction = makeAction(this, tr("NormLab &Guide"), QKeySequence::HelpContents);
    connect(m_guideAction, &QAction::triggered, this, &MainWindow::showGuide);
    m_getCifarAction = makeAction(this, tr("&Get CIFAR-10…"), {});
    connect(m_getCifarAction, &QAction::triggered, this, &MainWindow::showGetCifar);
    connect(m_resetViewAction, &QAction::triggered, m_plots, &PlotPanel::resetViews);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About NormLab"),
                           tr("<b>NormLab %1</b><p>Normalization and anti-overfitting experiments "
                              "for the deep-learning course, trained with LibTorch.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createProjectActions()
{
    m_openProjectAction = makeAction(this, tr("&Open Project…"), QKeySequence::Open, "open");
    m_saveProjectAction = makeAction(this, tr("Save Project &As…"), QKeySequence::SaveAs, "save");
    const QString project = tr("NormLab project (*.normlab *.sqlite);;All files (*)");
    openPathOnTrigger(m_openProjectAction, tr("Open Project"), project, &MainWindow::openProject);
    savePathOnTrigger(
        m_saveProjectAction, tr("Save Project As"), project,
        [] { return QStringLiteral("normlab-project.normlab"); }, &MainWindow::saveProjectAs);
}

void MainWindow::createExperimentActions()
{
    m_trainAction =
        makeAction(this, tr("&Train"), QKeySequence(Qt::CTRL | Qt::Key_Return), "train");
    m_stopAction = makeAction(this, tr("&Stop"), QKeySequence(Qt::CTRL | Qt::Key_Period), "stop");
    m_previewAction =
        makeAction(this, tr("&Load Dataset Preview"), QKeySequence(Qt::CTRL | Qt::Key_L));
    m_queueFileAction = makeAction(this, tr("&Queue Experiment File…"), {});
    m_loadExperimentAction =
        makeAction(this, tr("Load &Experiment…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_saveExperimentAction = makeAction(this, tr("Save E&xperiment…"), QKeySequence::Save);
    connect(m_trainAction, &QAction::triggered, this, &MainWindow::train);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);
    connect(m_previewAction, &QAction::triggered, this, &MainWindow::loadPreview);
    const QString json = tr("Experiment (*.json)");
    openPathOnTrigger(m_loadExperimentAction, tr("Load Experiment"), json,
                      &MainWindow::loadExperiment);
    savePathOnTrigger(
        m_saveExperimentAction, tr("Save Experiment"), json,
        [this] { return experimentFileName(); }, &MainWindow::saveExperiment);
    openPathOnTrigger(m_queueFileAction, tr("Queue Experiment File"), json,
                      &MainWindow::queueExperimentFile);
}

void MainWindow::createExportActions()
{
    m_exportCsvAction =
        makeAction(this, tr("Export Table as &CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), "csv");
    m_exportTablePngAction = makeAction(this, tr("Export Table as &PNG…"),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), "table");
    m_exportPlotsPngAction = makeAction(this, tr("Export Plots as P&NG…"),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), "plot");
    m_exportPlotsPdfAction =
        makeAction(this, tr("Export Plots as P&DF…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    const QString csv = tr("CSV (*.csv)"), png = tr("PNG image (*.png)");
    savePathOnTrigger(
        m_exportCsvAction, tr("Export Table as CSV"), csv,
        [] { return QStringLiteral("normlab-table.csv"); }, &MainWindow::exportCsv);
    savePathOnTrigger(
        m_exportTablePngAction, tr("Export Table as PNG"), png,
        [] { return QStringLiteral("normlab-table.png"); }, &MainWindow::exportTablePng);
    savePathOnTrigger(
        m_exportPlotsPngAction, tr("Export Plots as PNG"), png,
        [] { return QStringLiteral("plots.png"); }, &MainWindow::exportPlotsPng);
    savePathOnTrigger(
        m_exportPlotsPdfAction, tr("Export Plots as PDF"), tr("PDF (*.pdf)"),
        [] { return QStringLiteral("plots.pdf"); }, &MainWindow::exportPlotsPdf);
}

void MainWindow::createTableActions()
{
    m_renameAction = makeAction(this, tr("&Rename Run"), QKeySequence(Qt::Key_F2));
    m_deleteAction = makeAction(this, tr("&Delete Runs"), QKeySequence::Delete);
    // Delete and F2 act on the table only, so they do not fight with text fields.
    for (QAction *action : {m_renameAction, m_deleteAction})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_runView->addActions({m_renameAction, m_deleteAction});
    m_runView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_renameAction, &QAction::triggered, this, &MainWindow::renameCurrentRun);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelectedRuns);
}

void MainWindow::openPathOnTrigger(QAction *action, const QString &title, const QString &filter,
                                   PathCommand command)
{
    connect(action, &QAction::triggered, this, [this, title, filter, command] {
        const QString path = askOpenPath(title, filter);
        if (!path.isEmpty())
            (this->*command)(path);
    });
}

void MainWindow::savePathOnTrigger(QAction *action, const QString &title, const QString &filter,
                                   SuggestedName suggestedName, PathCommand command)
{
    connect(action, &QAction::triggered, this, [this, title, filter, suggestedName, command] {
        const QString path = askSavePath(title, filter, suggestedName());
        if (!path.isEmpty())
            (this->*command)(path);
    });
}

void MainWindow::createMenusAndToolBar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_openProjectAction, m_saveProjectAction});
    file->addSeparator();
    file->addActions({m_loadExperimentAction, m_saveExperimentAction});
    file->addAction(m_getCifarAction);
    file->addSeparator();
    file->addActions({m_exportCsvAction, m_exportTablePngAction, m_exportPlotsPngAction,
                      m_exportPlotsPdfAction});
    addSeriesActions(file);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addActions({m_trainAction, m_stopAction, m_previewAction, m_queueFileAction});
    run->addSeparator();
    run->addAction(m_sweepAction);
    run->addSeparator();
    addParallelRunsMenu(run);
    QMenu *table = menuBar()->addMenu(tr("&Table"));
    table->addActions({m_renameAction, m_deleteAction});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_resetViewAction);
    view->addAction(m_groupAction);
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    menuBar()->addMenu(tr("&Help"))->addActions({m_guideAction, m_aboutAction});

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addActions({m_trainAction, m_stopAction});
    bar->addSeparator();
    bar->addActions({m_openProjectAction, m_saveProjectAction});
    bar->addSeparator();
    bar->addActions({m_exportCsvAction, m_exportTablePngAction, m_exportPlotsPngAction});
    bar->addSeparator();
    bar->addAction(m_resetViewAction);
}

QDialog *MainWindow::showGuide()
{
    if (!m_guide)
        m_guide = new GuideDialog(this);
    m_guide->show();
    m_guide->raise();
    return m_guide;
}

QDialog *MainWindow::showGetCifar()
{
    auto *dialog = new GetCifarDialog(normlab::download::defaultCifarSource(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GetCifarDialog::cifarReady, this, [this](const QString &folder) {
        m_form->setDataFolder(folder);
        statusBar()->showMessage(tr("CIFAR-10 is in %1; the experiment's Source uses it.")
                                     .arg(QDir::toNativeSeparators(folder)),
                                 15000);
    });
    dialog->show();
    return dialog;
}

QString MainWindow::askSavePath(const QString &title, const QString &filter,
                                const QString &fileName)
{
    // A file name in the last-used folder: the folder alone put "Documents" in the name field.
    QFileDialog dialog(this, title, suggestedSavePath(fileName), filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QFileInfo(fileName).suffix());
    const QString path = dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty()
                             ? dialog.selectedFiles().first()
                             : QString();
    rememberSaveFolder(path);
    return path;
}

QString MainWindow::askOpenPath(const QString &title, const QString &filter)
{
    return QFileDialog::getOpenFileName(this, title, QString(), filter);
}

bool MainWindow::openProject(const QString &path)
{
    if (m_controller->isRunning()) {
        reportError(tr("Open Project"), tr("Stop the run before opening another project."));
        return false;
    }
    auto store = std::make_unique<RunStore>();
    std::vector<RunRecord> runs;
    if (!store->open(path) || !store->loadRuns(runs)) {
        reportError(tr("Open Project"), store->lastError());
        return false;
    }
    m_store = std::move(store);
    m_recorder->setStore(m_store.get());
    useProjectModels();
    m_table->setRecords(std::move(runs));
    updateTitle();
    if (!m_store->insightWarnings().isEmpty()) // the runs opened; some series did not
        reportError(tr("Open Project"), m_store->insightWarnings().join(QLatin1Char('\n')));
    statusBar()->showMessage(tr("Opened %1 (%2 runs)").arg(path).arg(m_table->rowCount()), 5000);
    return true;
}

bool MainWindow::saveProjectAs(const QString &path)
{
    if (!m_store) {
        reportError(tr("Save Project"), tr("There is no open project to save."));
        return false;
    }
    if (m_controller->isRunning()) {
        reportError(tr("Save Project"), tr("Stop the run before saving the project elsewhere."));
        return false;
    }
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_store->path()).absoluteFilePath())
        return true; // every run is already saved there
    if (!m_store->saveCopy(path)) {
        reportError(tr("Save Project"), m_store->lastError());
        return false;
    }
    copyRunModels(path);
    return openProject(path);
}

bool MainWindow::loadExperiment(const QString &path)
{
    try {
        const std::vector<ExperimentConfig> configs = loadConfigList(path.toStdString());
        if (configs.empty())
            throw InputError(path.toStdString() + ": holds no experiment");
        m_form->setConfig(configs.front());
        if (configs.size() > 1)
            statusBar()->showMessage(tr("%1 holds %2 experiments; the first is shown. Use Run > "
                                        "Queue Experiment File to run them all.")
                                         .arg(path)
                                         .arg(configs.size()));
        return true;
    } catch (const std::exception &e) {
        reportError(tr("Load Experiment"), QString::fromStdString(e.what()));
        return false;
    }
}

bool MainWindow::saveExperiment(const QString &path)
{
    try {
        saveConfigFile(m_form->config(), path.toStdString());
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
        return true;
    } catch (const std::exception &e) {
        reportError(tr("Save Experiment"), QString::fromStdString(e.what()));
        return false;
    }
}

QString MainWindow::experimentFileName() const
{
    const ExperimentConfig config = m_form->config();
    return fileNameFor(
        QString::fromStdString(config.name.empty() ? defaultRunName(config) : config.name),
        QStringLiteral("json"));
}

bool MainWindow::queueExperimentFile(const QString &path)
{
    std::vector<ExperimentConfig> configs;
    try {
        configs = loadValidConfigList(path.toStdString()); // the whole file or nothing
    } catch (const std::exception &e) {
        reportError(tr("Queue Experiment File"), QString::fromStdString(e.what()));
        return false;
    }
    for (const ExperimentConfig &config : configs)
        submit(config);
    return true;
}

bool MainWindow::exportWith(const QString &path, const std::function<bool(QString *)> &write)
{
    QString error;
    if (!write(&error)) {
        reportError(tr("Export"), error.isEmpty() ? tr("Could not write %1").arg(path) : error);
        return false;
    }
    statusBar()->showMessage(tr("Wrote %1").arg(path), 5000);
    return true;
}

bool MainWindow::exportCsv(const QString &path)
{
    if (groupRepeats())
        return exportGroupedCsv(path);
    // The rows in the order the table shows them, each in the state it shows.
    std::vector<RunRecord> records;
    for (int row = 0; row < m_sorted->rowCount(); ++row)
        records.push_back(m_table->recordAt(m_sorted->mapToSource(m_sorted->index(row, 0)).row()));
    return exportWith(path, [&](QString *error) { return exportRunsCsv(path, records, error); });
}

bool MainWindow::exportTablePng(const QString &path)
{
    if (groupRepeats())
        return exportGroupedPng(path);
    const std::vector<RunRecord> &records = m_table->records();
    const bool allComplete = std::all_of(records.begin(), records.end(),
                                         [](const RunRecord &r) { return r.isComplete(); });
    if (!m_table->hasRepeatedNames())
        return exportWith(path, [&](QString *error) {
            return ::exportTablePng(path, m_sorted, !allComplete, error);
        });
    // Repeats share a name: the seed tells their rows apart, as in the window.
    QList<int> columns = {RunTableModel::Model,  RunTableModel::Seed,     RunTableModel::ValLoss,
                          RunTableModel::ValAcc, RunTableModel::TestLoss, RunTableModel::TestAcc};
    if (!allComplete)
        columns << RunTableModel::Epochs << RunTableModel::Status;
    return exportWith(path, [&](QString *error) {
        return saveImagePng(renderTableImage(m_sorted, columns), path, error);
    });
}

bool MainWindow::exportPlotsPng(const QString &path)
{
    return exportWith(path, [&](QString *error) { return m_plots->savePng(path, error); });
}

bool MainWindow::exportPlotsPdf(const QString &path)
{
    return exportWith(path, [&](QString *error) { return m_plots->savePdf(path, error); });
}

void MainWindow::renameCurrentRun()
{
    const QModelIndex current = m_runView->currentIndex();
    if (current.isValid())
        m_runView->edit(current.siblingAtColumn(RunTableModel::Model));
}

void MainWindow::deleteSelectedRuns()
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_runView->selectionModel()->selectedRows()) {
        const RunRecord &record = m_table->recordAt(m_sorted->mapToSource(index).row());
        if (record.state != RunState::Running)
            ids << record.id;
    }
    if (ids.isEmpty())
        return;
    if (m_confirm && !m_confirm(tr("Delete %n run(s) from the table and the project?", nullptr,
                                   int(ids.size()))))
        return;
    for (qint64 id : ids) {
        if (m_store && id > 0 && !m_store->removeRun(id)) {
            reportError(tr("Delete Runs"), m_store->lastError());
            return; // the rest stay, in the table and in the file
        }
        m_table->removeRecord(id);
        removeRunModel(id);
    }
    statusBar()->showMessage(tr("Deleted %n run(s)", nullptr, int(ids.size())), 5000);
}
