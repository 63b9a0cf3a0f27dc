#pragma once
// The NormLab window: wires the experiment panel, the training controller, the live plots, the
// comparison table and the run database together. The pieces live in their own files.

#include "normlab/Config.h"
#include "normlab/Results.h"
#include "normlab/Sweep.h"

#include <QMainWindow>

#include <functional>
#include <map>
#include <memory>
#include <vector>

class DatasetPreview;
class GuideDialog;
class QDialog;
class GroupPanel;
class GroupTableModel;
class ImageViews;
class QMenu;
class SeriesViews;
struct RunRecord;
class QCheckBox;
class QStackedWidget;
class ReferencePanel;
class StudyPlot;
class ExperimentForm;
class PlotPanel;
class PredictPanel;
class ProgressPanel;
class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTabWidget;
class RunQueueView;
class RunRecorder;
class RunStore;
class RunTableModel;
class TrainingController;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// Shows an error; tests and scripted runs replace the default dialog.
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;
    /// Asks a yes/no question; tests replace the default dialog.
    using Confirmer = std::function<bool(const QString &question)>;

    /// Opens `databasePath` (default: RunStore::defaultPath()). A refused file is reported and
    /// the window runs without saving, leaving the file untouched.
    /// `reporter` replaces the error dialog from the start (empty: dialogs).
    explicit MainWindow(const QString &databasePath = {}, ErrorReporter reporter = {},
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }
    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }

    /// Trains the form's configuration now, or queues it when a run is going. Returns the job id,
    /// or 0 (reported) when the configuration is invalid.
    int train();
    int submit(const normlab::ExperimentConfig &config);
    void stop();
    void loadPreview();

    bool openProject(const QString &path);
    bool saveProjectAs(const QString &path);
    bool loadExperiment(const QString &path);
    bool saveExperiment(const QString &path);
    /// The file name Save Experiment suggests: the experiment's (or its default run) name.
    QString experimentFileName() const;
    /// Queues every configuration of a JSON file (one object or a list).
    bool queueExperimentFile(const QString &path);
    bool exportCsv(const QString &path);
    bool exportTablePng(const QString &path);
    bool exportPlotsPng(const QString &path);
    bool exportPlotsPdf(const QString &path);
    // MainWindowSeries.cpp
    /// The selected (else live, else latest) run's layer statistics, gradient norms and loss gap.
    bool exportSeriesCsv(const QString &path);
    /// The layer-statistics and gradient-norm plots in one PNG.
    bool exportSeriesPng(const QString &path);
    // MainWindowModels.cpp
    /// The selected (else the latest) run's model file to `path` (reported when it has none).
    bool exportModel(const QString &path);
    /// Where the run's model file is kept beside the project (it may not exist); empty without
    /// a project.
    QString runModelFile(qint64 runId) const;
    PredictPanel *predictPanel() const { return m_predictPanel; }
    // MainWindowResume.cpp
    /// Continues a cancelled or interrupted run from its checkpoint, in its own row (Resume).
    /// Returns the job id, or 0 (reported) when the run cannot be resumed.
    int resumeRun(qint64 runId);
    /// Continues a finished run from its checkpoint up to `totalEpochs` epochs in all.
    int trainMoreEpochs(qint64 runId, int totalEpochs);
    /// Where the run's checkpoint is kept beside the project (it may not exist); empty without
    /// a project.
    QString runCheckpointFile(qint64 runId) const;
    QAction *resumeAction() const { return m_resumeAction; }
    // MainWindowParallel.cpp
    /// Run › Parallel Runs: how many runs train at once (TrainingController::setParallelRuns);
    /// from 2 on, each in a worker process of its own.
    void setParallelRuns(int runs);
    int parallelRuns() const;
    /// The largest choice the menu offers: this machine's cores (at least 2).
    static int maxParallelRuns();
    QAction *trainMoreAction() const { return m_trainMoreAction; }
    /// Deletes the selected finished runs (after confirmation); running ones are kept.
    void deleteSelectedRuns();
    void renameCurrentRun();

    // MainWindowSweeps.cpp
    /// Run > Presets and Sweeps…: the dialog, then queueSweep.
    void openSweepDialog();
    /// Queues `runs` one after another; a non-empty `reference` is shown beside the table.
    void queueSweep(const std::vector<normlab::SweepRun> &runs,
                    const normlab::ReferenceTable &reference = {});
    /// Shows the grouped table (repeats as mean ± std) instead of one row per run.
    void setGroupRepeats(bool grouped);
    bool groupRepeats() const;
    bool exportGroupedCsv(const QString &path);
    bool exportGroupedPng(const QString &path);
    GroupTableModel *groupTable() const { return m_groupModel; }
    GroupPanel *groupPanel() const { return m_groupPanel; }
    ReferencePanel *referencePanel() const { return m_referencePanel; }
    double imagesPerSecond() const { return m_imagesPerSecond; }

    ExperimentForm *form() const { return m_form; }
    TrainingController *controller() const { return m_controller; }
    RunRecorder *recorder() const { return m_recorder; }
    RunTableModel *runTable() const { return m_table; }
    QSortFilterProxyModel *sortedRuns() const { return m_sorted; }
    QTableView *runView() const { return m_runView; }
    PlotPanel *plots() const { return m_plots; }
    StudyPlot *studyPlot() const { return m_studyPlot; }
    ProgressPanel *progress() const { return m_progress; }
    DatasetPreview *datasetPreview() const { return m_preview; }
    ImageViews *imageViews() const { return m_imageViews; }
    SeriesViews *seriesViews() const { return m_series; }
    QTabWidget *tabs() const { return m_tabs; }
    RunStore *store() const;
    QPushButton *trainButton() const { return m_trainButton; }
    QPushButton *stopButton() const { return m_stopButton; }
    /// Why Train is disabled, in the window's words (hidden while Train is enabled).
    QLabel *trainReasonLabel() const { return m_trainReason; }
    /// Help > Guide: shows the guide (created on first use) and returns it.
    QDialog *showGuide();
    /// File › Get CIFAR-10…: downloads the lecture's dataset; when it is ready, Source uses it.
    QDialog *showGetCifar();

Q_SIGNALS:
    /// A submitted run ended, as "NAME: STATUS (message)"; `ok` when it finished or stopped early.
    void runEnded(int jobId, const QString &outcome, bool ok);
    /// Nothing trains and nothing is queued any more (a run removed from the queue never ends).
    void idle();

protected:
    void closeEvent(QCloseEvent *event) override;
    /// On a language switch, composes again the texts the window builds itself (its title, ...).
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *buildExperimentPanel();
    QWidget *buildCentral();
    void connectController();
    void connectRunOutcomes();     // MainWindowOutcomes.cpp
    QWidget *buildComparisonBox(); // MainWindowSweeps.cpp
    void updateGroups();
    /// Moves the splitter so the comparison shows `rows` rows (up to a limit, at most half).
    void giveTableRoomFor(int rows);
    // MainWindowImages.cpp: the confusion matrix, predictions and augmentation tabs.
    void addImageTabs();
    void connectImageViews();
    void updateImageViews();
    // MainWindowSeries.cpp: the layer-statistics and gradient-norm tabs.
    void addSeriesTabs();
    void updateSeriesViews(const std::vector<int> &rows);
    void addSeriesActions(QMenu *fileMenu);
    const RunRecord *seriesExportRun() const;
    /// Grouped view: the selected groups' (or all groups') mean curves. False when none.
    bool updateGroupPlots();
    // MainWindowModels.cpp: the runs' model files, Export Model… and the Predict tab.
    void setUpRunModels();
    void useProjectModels();
    void adoptJobModel(qint64 runId, int jobId);
    void copyRunModels(const QString &toProject);
    void removeRunModel(qint64 runId);
    const RunRecord *modelRun() const;
    QString noModelReason(const RunRecord *run) const;
    void updatePredictModel();
    // MainWindowResume.cpp: Resume and Train More Epochs from the runs' checkpoints.
    void setUpResume();
    void followRunCheckpoint(int jobId);
    /// The topmost selected run; null without a selection.
    const RunRecord *selectedRun() const;
    /// Why `run` cannot be continued (empty: it can); `more`: Train More Epochs.
    QString continueBlocker(const RunRecord *run, bool more) const;
    void updateContinueActions();
    void askTrainMoreEpochs();
    // MainWindowParallel.cpp: Parallel Runs, and the progress of several runs at once.
    void addParallelRunsMenu(QMenu *runMenu);
    void connectParallelRuns();
    void onRunStarted(int jobId, const normlab::RunInfo &info);
    void onBatchFinished(int jobId, const normlab::BatchProgress &progress);
    /// A run ended: the progress panel says so when it followed that run or no other trains.
    void onRunEnded(int jobId, const QString &text);
    int continueRun(qint64 runId, int totalEpochs, const QString &title);
    // MainWindowActions.cpp
    void createActions();
    void createProjectActions();
    void createExperimentActions();
    void createExportActions();
    void createTableActions();
    void createMenusAndToolBar();
    /// What a file action does with the path the user chose.
    using PathCommand = bool (MainWindow::*)(const QString &path);
    /// When `action` triggers: asks for a file to open (or save) and runs `command` on it.
    void openPathOnTrigger(QAction *action, const QString &title, const QString &filter,
                           PathCommand command);
    /// The file name a save dialog suggests (its suffix is the default suffix), asked when the
    /// dialog opens so it can name the current experiment.
    using SuggestedName = std::function<QString()>;
    void savePathOnTrigger(QAction *action, const QString &title, const QString &filter,
                           SuggestedName suggestedName, PathCommand command);
    QString askSavePath(const QString &title, const QString &filter, const QString &fileName);
    QString askOpenPath(const QString &title, const QString &filter);

    void reportError(const QString &title, const QString &message);
    void updateRunControls();
    void updatePlots();
    void updateTitle();
    bool exportWith(const QString &path, const std::function<bool(QString *)> &write);

    ErrorReporter m_reportError;
    QString m_shownError; // the last error put on the status line, cleared when the data changes
    Confirmer m_confirm;
    std::unique_ptr<RunStore> m_store; // null when the project file was refused
    TrainingController *m_controller;
    RunTableModel *m_table;
    QSortFilterProxyModel *m_sorted;
    RunRecorder *m_recorder;

    ExperimentForm *m_form = nullptr;
    PlotPanel *m_plots = nullptr;
    StudyPlot *m_studyPlot = nullptr;
    ProgressPanel *m_progress = nullptr;
    DatasetPreview *m_preview = nullptr;
    ImageViews *m_imageViews = nullptr;
    SeriesViews *m_series = nullptr;
    RunQueueView *m_queueView = nullptr;
    QTableView *m_runView = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPushButton *m_trainButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QLabel *m_trainReason = nullptr;
    GuideDialog *m_guide = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_projectLabel = nullptr;
    bool m_closeWhenStopped = false;
    GroupTableModel *m_groupModel = nullptr;
    GroupPanel *m_groupPanel = nullptr;
    ReferencePanel *m_referencePanel = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QSplitter *m_centralSplit = nullptr; // the tabs above, the comparison below
    QLabel *m_comparisonHint = nullptr;
    QCheckBox *m_groupCheck = nullptr;
    QAction *m_groupAction = nullptr, *m_sweepAction = nullptr;
    double m_imagesPerSecond = 0; // last measured training speed
    QString m_groupedSignature;   // the finished runs the grouped table was built from

    QAction *m_trainAction = nullptr, *m_stopAction = nullptr, *m_previewAction = nullptr;
    QAction *m_openProjectAction = nullptr, *m_saveProjectAction = nullptr;
    QAction *m_loadExperimentAction = nullptr, *m_saveExperimentAction = nullptr;
    QAction *m_queueFileAction = nullptr;
    QAction *m_exportCsvAction = nullptr, *m_exportTablePngAction = nullptr;
    QAction *m_exportPlotsPngAction = nullptr, *m_exportPlotsPdfAction = nullptr;
    QAction *m_exportSeriesCsvAction = nullptr, *m_exportSeriesPngAction = nullptr;
    QAction *m_renameAction = nullptr, *m_deleteAction = nullptr, *m_resetViewAction = nullptr;
    PredictPanel *m_predictPanel = nullptr;
    QAction *m_exportModelAction = nullptr;
    QAction *m_resumeAction = nullptr, *m_trainMoreAction = nullptr;
    QAction *m_quitAction = nullptr, *m_aboutAction = nullptr, *m_guideAction = nullptr;
    QAction *m_getCifarAction = nullptr;
    QMenu *m_parallelMenu = nullptr;
    std::map<int, normlab::RunInfo> m_liveRuns; // by job id: the runs training now
    int m_progressJob = 0;                      // the one the progress panel follows
};
