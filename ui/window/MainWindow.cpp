#include "window/MainWindow.h"

#include "forms/ExperimentForm.h"
#include "images/DatasetPreview.h"
#include "plots/EpochMarkers.h"
#include "plots/PlotPanel.h"
#include "plots/RunColors.h"
#include "plots/StudyPlot.h"
#include "project/RunRecorder.h"
#include "project/RunStore.h"
#include "session/TrainingController.h"
#include "tables/RunQueueModel.h"
#include "tables/RunTableModel.h"
#include "window/Icons.h"
#include "window/ProgressPanel.h"
#include "window/RunQueueView.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace normlab;

MainWindow::MainWindow(const QString &databasePath, ErrorReporter reporter, QWidget *parent)
    : QMainWindow(parent), m_reportError(std::move(reporter)),
      m_controller(new TrainingController(this)), m_table(new RunTableModel(this)),
      m_sorted(new QSortFilterProxyModel(this)),
      m_recorder(new RunRecorder(m_controller, m_table, this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(paintedIcon(QStringLiteral("normlab")));
    if (!m_reportError) {
        m_reportError = [this](const QString &title, const QString &message) {
            QMessageBox::critical(this, title, message);
        };
    }
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("NormLab"), question) == QMessageBox::Yes;
    };
    m_sorted->setSourceModel(m_table);
    m_sorted->setSortRole(RunTableModel::SortRole);

    setCentralWidget(buildCentral());
    auto *dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName(QStringLiteral("experimentDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(buildExperimentPanel());
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    m_speedLabel = new QLabel;
    m_speedLabel->setObjectName(QStringLiteral("speedLabel"));
    m_projectLabel = new QLabel;
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->addPermanentWidget(m_projectLabel);

    createActions();
    createMenusAndToolBar();
    connectController();
    connectRunOutcomes();
    setUpRunModels();
    setAcceptDrops(true);
    // 1280 x 800 is the smallest comfortable size; larger screens get most of their area.
    QSize size(1280, 800);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.expandedTo(screen->availableSize() * 0.9).boundedTo(screen->availableSize());
    resize(size);

    const QString path = databasePath.isEmpty() ? RunStore::defaultPath() : databasePath;
    if (!openProject(path))
        statusBar()->showMessage(tr("Runs are not being saved: the project could not be opened."));
    updateRunControls();
}

MainWindow::~MainWindow()
{
    // The controller stops and joins the training thread; its last signals go nowhere.
    delete m_controller;
    m_controller = nullptr;
}

RunStore *MainWindow::store() const
{
    return m_store.get();
}

QWidget *MainWindow::buildExperimentPanel()
{
    m_form = new ExperimentForm;
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(std::max(340, m_form->sizeHint().width() + 24));

    m_trainButton = new QPushButton(paintedIcon(QStringLiteral("train")), tr("Train"));
    m_trainButton->setObjectName(QStringLiteral("trainButton"));
    m_trainButton->setDefault(true);
    m_trainButton->setMinimumHeight(34);
    m_stopButton = new QPushButton(paintedIcon(QStringLiteral("stop")), tr("Stop"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setMinimumHeight(34);
    connect(m_trainButton, &QPushButton::clicked, this, &MainWindow::train);
    connect(m_stopButton, &QPushButton::clicked, this, &MainWindow::stop);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_trainButton, 2);
    buttons->addWidget(m_stopButton, 1);
    // Beside Train, not at the bottom of the scrolled form: why it is greyed out.
    m_trainReason = new QLabel;
    m_trainReason->setObjectName(QStringLiteral("trainReasonLabel"));
    m_trainReason->setWordWrap(true);
    m_trainReason->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_trainReason->setVisible(false);

    m_progress = new ProgressPanel;
    m_queueView = new RunQueueView(m_controller->queue());
    m_queueView->setMaximumHeight(120);
    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_trainReason);
    layout->addWidget(m_progress);
    layout->addWidget(m_queueView);

    connect(m_form, &ExperimentForm::configChanged, this, &MainWindow::updateRunControls);
    connect(m_form, &ExperimentForm::previewRequested, this, &MainWindow::loadPreview);
    connect(m_form, &ExperimentForm::dataChanged, this, [this] {
        m_preview->markStale();
        // An error about the previous source (a missing CIFAR-10 folder) no longer applies.
        if (!m_shownError.isEmpty() && statusBar()->currentMessage() == m_shownError)
            statusBar()->clearMessage();
        m_shownError.clear();
    });
    return panel;
}

QWidget *MainWindow::buildCentral()
{
    m_plots = new PlotPanel;
    m_preview = new DatasetPreview;
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("centralTabs"));
    m_tabs->addTab(m_plots, tr("Training curves"));
    addSeriesTabs();
    m_tabs->addTab(m_preview, tr("Dataset"));
    m_studyPlot = new StudyPlot;
    m_tabs->addTab(m_studyPlot, tr("Study plot"));
    addImageTabs();

    m_runView = new QTableView;
    m_runView->setObjectName(QStringLiteral("runTable"));
    m_runView->setModel(m_sorted);
    m_runView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_runView->setSortingEnabled(true);
    m_runView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runView->setEditTriggers(QAbstractItemView::DoubleClicked |
                               QAbstractItemView::EditKeyPressed);
    m_runView->setAlternatingRowColors(true);
    m_runView->verticalHeader()->setVisible(false);
    m_runView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runView->horizontalHeader()->setSectionResizeMode(RunTableModel::Model, QHeaderView::Stretch);
    m_runView->setToolTip(QString());
    connect(m_runView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updatePlots);
    connect(m_runView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateRunControls);
    connect(m_table, &QAbstractItemModel::modelReset, this, &MainWindow::updatePlots);
    connect(m_table, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updatePlots);

    QWidget *tableBox = buildComparisonBox();
    m_centralSplit = new QSplitter(Qt::Vertical);
    m_centralSplit->addWidget(m_tabs);
    m_centralSplit->addWidget(tableBox);
    m_centralSplit->setStretchFactor(0, 3);
    m_centralSplit->setStretchFactor(1, 2);
    m_centralSplit->setChildrenCollapsible(false);
    return m_centralSplit;
}

void MainWindow::connectController()
{
    connect(m_controller, &TrainingController::busyChanged, this, &MainWindow::updateRunControls);
    connect(m_controller, &TrainingController::loadProgress, this,
            [this](qint64 done, qint64 total) {
                m_preview->setLoading(done, total);
                if (m_controller->isRunning())
                    m_progress->loading(done, total);
            });
    connect(m_controller, &TrainingController::datasetLoaded, m_preview,
            &DatasetPreview::setPreview);
    connect(m_controller, &TrainingController::previewFailed, this, [this](const QString &message) {
        m_preview->setError(message);
        reportError(tr("Dataset"), message);
    });
    connect(m_controller, &TrainingController::runStarted, this, &MainWindow::onRunStarted);
    connect(m_controller, &TrainingController::batchFinished, this, &MainWindow::onBatchFinished);
    connect(m_controller, &TrainingController::runMessage, this,
            [this](int, const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_controller, &TrainingController::runFinished, this,
            [this](int jobId, const RunResult &result) {
                QString text = tr("%1: %2 after %3 epochs")
                                   .arg(QString::fromStdString(result.name),
                                        RunTableModel::statusName(
                                            QString::fromStdString(toKey(result.status))))
                                   .arg(result.epochsRun);
                if (!result.message.empty())
                    text += QStringLiteral(" (%1)").arg(QString::fromStdString(result.message));
                onRunEnded(jobId, text);
                statusBar()->showMessage(text, 15000);
            });
    connect(m_controller, &TrainingController::runFailed, this,
            [this](int jobId, const QString &message, bool cancelled) {
                onRunEnded(jobId, cancelled ? tr("Stopped while loading the data.") : message);
                if (!cancelled)
                    reportError(tr("Training"), message);
            });
    connectParallelRuns();
    connect(m_controller, &TrainingController::allDone, this, [this] {
        if (m_closeWhenStopped)
            close();
    });
    connect(m_recorder, &RunRecorder::recordChanged, this, &MainWindow::updatePlots);
    connectImageViews();
}

int MainWindow::train()
{
    const QStringList problems = m_form->readableProblems();
    if (!problems.isEmpty()) {
        reportError(tr("Cannot train"), problems.join(QLatin1Char('\n')));
        return 0;
    }
    return submit(m_form->config());
}

int MainWindow::submit(const ExperimentConfig &config)
{
    // Cross-validation: one queued run a fold, which the grouped view then summarizes.
    if (config.folds >= 2 && config.fold == 0) {
        int first = 0;
        for (int fold = 1; fold <= config.folds; ++fold) {
            ExperimentConfig foldConfig = config;
            foldConfig.fold = fold;
            const int job = submit(foldConfig);
            first = fold == 1 ? job : first;
        }
        return first;
    }
    const bool queued = m_controller->isRunning();
    const int job = m_controller->submit(config);
    if (queued)
        statusBar()->showMessage(tr("Queued %1").arg(QString::fromStdString(runName(config))),
                                 5000);
    updateRunControls();
    return job;
}

void MainWindow::stop()
{
    if (!m_controller->isRunning())
        return;
    m_controller->stop();
    statusBar()->showMessage(tr("Stopping…"));
}

void MainWindow::loadPreview()
{
    m_tabs->setCurrentWidget(m_preview);
    m_controller->loadPreview(m_form->config());
}

void MainWindow::updateRunControls()
{
    const bool running = m_controller && m_controller->isRunning();
    const QString reason = m_form->readableProblems().join(QLatin1Char('\n'));
    const bool valid = reason.isEmpty();
    m_trainButton->setEnabled(valid);
    m_trainButton->setText(running ? tr("Queue") : tr("Train"));
    m_trainButton->setToolTip(valid ? (running ? tr("Add this configuration to the queue")
                                               : tr("Train this configuration (Ctrl+Enter)"))
                                    : reason);
    m_trainReason->setText(reason);
    m_trainReason->setVisible(!valid);
    m_stopButton->setEnabled(running);
    if (m_trainAction) {
        m_trainAction->setEnabled(valid);
        m_stopAction->setEnabled(running);
        m_previewAction->setEnabled(m_controller && !m_controller->isBusy());
        m_openProjectAction->setEnabled(!running);
        const bool anySelected = m_runView->selectionModel()->hasSelection();
        m_deleteAction->setEnabled(anySelected);
        m_renameAction->setEnabled(anySelected);
    }
}

void MainWindow::updatePlots()
{
    updateImageViews();
    if (groupRepeats() && updateGroupPlots())
        return;
    // The selected runs, plus the live ones; with neither, the latest run.
    std::vector<int> rows;
    for (const QModelIndex &index : m_runView->selectionModel()->selectedRows())
        rows.push_back(m_sorted->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    for (const qint64 liveId : m_recorder->liveRecordIds()) {
        const int liveRow = m_table->rowOf(liveId);
        if (liveRow >= 0 && std::find(rows.begin(), rows.end(), liveRow) == rows.end())
            rows.push_back(liveRow);
    }
    if (rows.empty() && m_table->rowCount() > 0)
        rows.push_back(m_table->rowCount() - 1);
    std::vector<RunCurves> curves;
    for (int row : rows) {
        const RunRecord &record = m_table->recordAt(row);
        RunCurves run{QString::fromStdString(record.result.name), runColor(int(curves.size())),
                      record.result.history};
        run.bestEpoch = record.result.bestEpoch;
        run.stoppedEpoch = record.state == RunState::Done ? stoppedEpochOf(record.result) : 0;
        curves.push_back(run);
    }
    m_plots->setRuns(curves);
    updateSeriesViews(rows);
}

void MainWindow::updateTitle()
{
    const QString project = m_store ? QFileInfo(m_store->path()).fileName() : tr("not saved");
    setWindowTitle(tr("%1 — NormLab").arg(project));
    m_projectLabel->setText(m_store ? tr("Project: %1").arg(m_store->path())
                                    : tr("Project not saved"));
}

void MainWindow::reportError(const QString &title, const QString &message)
{
    statusBar()->showMessage(message, 15000);
    m_shownError = message;
    if (m_reportError)
        m_reportError(title, message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Let the run end on its own terms so its result and status reach the database.
    if (m_controller && m_controller->isRunning()) {
        m_closeWhenStopped = true;
        m_controller->stopAll();
        statusBar()->showMessage(tr("Stopping the run before closing…"));
        event->ignore();
        return;
    }
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) {
            m_form->setDataFolder(url.toLocalFile());
            event->acceptProposedAction();
            if (!m_controller->isBusy())
                loadPreview();
            return;
        }
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    // The plain tr() texts are looked up again by the language switch itself; these are made of
    // several parts or depend on the state.
    if (event->type() == QEvent::LanguageChange && m_form) {
        updateTitle();
        updateRunControls();
        updatePlots();
        updatePredictModel(); // before the panel, which gets the event next, shows its reason
        updateContinueActions();
    }
    QMainWindow::changeEvent(event);
}
