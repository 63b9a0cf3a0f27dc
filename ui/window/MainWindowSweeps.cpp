// MainWindow's presets and sweeps: the sweep dialog, the grouped comparison table and the
// reference table of the last preset queued.

#include "window/MainWindow.h"

#include "export/Exports.h"
#include "forms/SweepDialog.h"
#include "plots/PlotPanel.h"
#include "plots/RunColors.h"
#include "plots/StudyPlot.h"
#include "tables/GroupTableModel.h"
#include "tables/RunTableModel.h"
#include "window/GroupPanel.h"
#include "window/Icons.h"

#include <QAction>
#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace normlab;

namespace {
constexpr int kMostRowsMadeRoomFor = 10; // beyond this the table scrolls
} // namespace

QWidget *MainWindow::buildComparisonBox()
{
    m_groupModel = new GroupTableModel(this);
    m_groupPanel = new GroupPanel(m_groupModel);
    m_referencePanel = new ReferencePanel;
    m_tableStack = new QStackedWidget;
    m_tableStack->addWidget(m_runView);
    m_tableStack->addWidget(m_groupPanel);

    m_groupCheck = new QCheckBox(tr("Group repeats"));
    m_groupCheck->setObjectName(QStringLiteral("groupCheck"));
    m_groupCheck->setToolTip(tr("One row per configuration: mean ± std over its seeds (Ctrl+G)"));
    m_groupAction = new QAction(tr("&Group Repeats"), this);
    m_groupAction->setCheckable(true);
    m_groupAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    m_sweepAction = new QAction(tr("&Presets and Sweeps…"), this);
    m_sweepAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_groupCheck, &QCheckBox::toggled, this, &MainWindow::setGroupRepeats);
    connect(m_groupAction, &QAction::toggled, this, &MainWindow::setGroupRepeats);
    connect(m_sweepAction, &QAction::triggered, this, &MainWindow::openSweepDialog);
    connect(m_groupPanel->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updatePlots);

    // Regrouped whenever the runs change: plain doubles, cheap even for hundreds of runs.
    connect(m_table, &QAbstractItemModel::modelReset, this, &MainWindow::updateGroups);
    connect(m_table, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateGroups);
    connect(m_table, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateGroups);
    connect(m_table, &QAbstractItemModel::dataChanged, this, &MainWindow::updateGroups);

    // The title shares its row with the controls: one row more for the runs.
    auto *box = new QGroupBox;
    box->setObjectName(QStringLiteral("comparisonBox"));
    auto *layout = new QVBoxLayout(box);
    auto *title = new QLabel(tr("<b>Comparison</b>"));
    m_comparisonHint = new QLabel(tr("select runs to overlay their curves"));
    m_comparisonHint->setObjectName(QStringLiteral("comparisonHint"));
    m_comparisonHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addWidget(m_comparisonHint);
    top->addSpacing(16);
    top->addWidget(m_groupCheck);
    top->addSpacing(16);
    top->addWidget(m_groupPanel->controls(), 1);
    m_groupPanel->controls()->setVisible(false);
    layout->addLayout(top);
    // The reference sits under the table, at most its own rows high, and folds to one line.
    layout->addWidget(m_tableStack, 1);
    layout->addWidget(m_referencePanel);
    return box;
}

void MainWindow::updateGroups()
{
    // Repeats share a name: the seed tells them apart.
    m_runView->setColumnHidden(RunTableModel::Seed, !m_table->hasRepeatedNames());
    // Only finished runs enter the statistics; unfinished ones are counted as left out. A running
    // run's epochs change nothing here, so the grouped view (and the selection in it) is left
    // alone until a run starts, ends or is renamed.
    QStringList signature;
    for (const RunRecord &record : m_table->records()) {
        const bool done = record.state == RunState::Done;
        signature << QStringLiteral("%1 %2 %3 %4 %5")
                         .arg(record.id)
                         .arg(record.statusKey())
                         .arg(done ? record.result.epochsRun : 0)
                         .arg(done ? record.result.seconds : 0.0)
                         .arg(QString::fromStdString(record.result.name));
    }
    const QString joined = signature.join(QLatin1Char('\n'));
    if (joined == m_groupedSignature)
        return;
    m_groupedSignature = joined;
    m_groupModel->setRuns(m_table->records());
    m_studyPlot->setGroups(m_groupModel->groups());
    if (groupRepeats())
        updatePlots();
}

bool MainWindow::updateGroupPlots()
{
    const std::vector<GroupSummary> &groups = m_groupModel->groups();
    std::vector<int> rows;
    for (const QModelIndex &index : m_groupPanel->view()->selectionModel()->selectedRows())
        rows.push_back(index.row());
    std::sort(rows.begin(), rows.end());
    if (rows.empty())
        for (int i = 0; i < int(groups.size()); ++i)
            rows.push_back(i);
    std::vector<GroupCurves> curves;
    std::vector<int> firstRuns; // each group's first run stands for it in the insight tabs
    for (int row : rows) {
        const GroupSummary &g = groups[size_t(row)];
        GroupCurves c{QString::fromStdString(g.name), runColor(int(curves.size())), {}};
        int first = -1;
        for (int run = 0; run < m_table->rowCount(); ++run) {
            const RunRecord &record = m_table->recordAt(run);
            if (record.state == RunState::Done && groupKey(record.result.config) == g.key &&
                !record.result.history.empty()) {
                c.histories.push_back(record.result.history);
                first = first < 0 ? run : first;
            }
        }
        if (!c.histories.empty()) {
            curves.push_back(std::move(c));
            firstRuns.push_back(first);
        }
    }
    if (curves.empty())
        return false;
    m_plots->setGroups(curves);
    updateSeriesViews(firstRuns);
    return true;
}

void MainWindow::setGroupRepeats(bool grouped)
{
    {
        const QSignalBlocker a(m_groupCheck), b(m_groupAction);
        m_groupCheck->setChecked(grouped);
        m_groupAction->setChecked(grouped);
    }
    m_tableStack->setCurrentWidget(grouped ? static_cast<QWidget *>(m_groupPanel) : m_runView);
    m_groupPanel->controls()->setVisible(grouped);
    m_comparisonHint->setVisible(!grouped); // the baseline controls need the room
    updatePlots();
}

bool MainWindow::groupRepeats() const
{
    return m_groupCheck && m_groupCheck->isChecked();
}

void MainWindow::openSweepDialog()
{
    SweepDialog dialog(m_imagesPerSecond, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    queueSweep(dialog.runs(), dialog.spec().reference);
}

void MainWindow::queueSweep(const std::vector<SweepRun> &runs, const ReferenceTable &reference)
{
    m_referencePanel->setReference(reference); // hidden when the sweep has none
    // Folded once there are runs to compare: their table needs the room more.
    m_referencePanel->suggestExpanded(runs.empty() && m_table->rowCount() == 0);
    m_groupModel->setReference(reference);
    if (!runs.empty()) // compared with the sweep's own first configuration, not an older run
        m_groupModel->preferBaseline(runs.front().groupKey);
    for (const SweepRun &run : runs)
        submit(run.config);
    // Repeats are what a sweep is for: show them grouped.
    if (!runs.empty() && runs.size() > size_t(runs.back().group + 1))
        setGroupRepeats(true);
    const int sweepGroups = runs.empty() ? 0 : runs.back().group + 1;
    giveTableRoomFor(groupRepeats() ? int(m_groupModel->groups().size()) + sweepGroups
                                    : m_table->rowCount() + int(runs.size()));
    statusBar()->showMessage(tr("Queued %n run(s)", nullptr, int(runs.size())), 8000);
}

void MainWindow::giveTableRoomFor(int rows)
{
    const QList<int> sizes = m_centralSplit->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    QTableView *view = groupRepeats() ? m_groupPanel->view() : m_runView;
    const int chrome = sizes.value(1) - m_tableStack->height() +
                       view->horizontalHeader()->sizeHint().height() + 2 * view->frameWidth();
    const int wanted = chrome + std::min(rows, kMostRowsMadeRoomFor) *
                                    view->verticalHeader()->defaultSectionSize();
    // At most half the height: the plots stay readable (and keep their minimum).
    const int table = std::min(wanted, total / 2);
    if (table > sizes.value(1))
        m_centralSplit->setSizes({total - table, table});
}

bool MainWindow::exportGroupedCsv(const QString &path)
{
    return exportWith(path,
                      [&](QString *error) { return exportGroupsCsv(path, m_groupModel, error); });
}

bool MainWindow::exportGroupedPng(const QString &path)
{
    return exportWith(path,
                      [&](QString *error) { return exportGroupsPng(path, m_groupModel, error); });
}
