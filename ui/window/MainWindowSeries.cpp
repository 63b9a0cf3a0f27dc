// The numeric insight tabs of the main window — layer statistics and gradient norms — and their
// exports. They overlay the same runs, in the same colours, as the training curves.

#include "window/MainWindow.h"

#include "export/SavePrompt.h"
#include "normlab/Engine.h"
#include "plots/BatchLossPlot.h"
#include "plots/GradientNormPlot.h"
#include "plots/LayerStatsPlot.h"
#include "plots/PlotPanel.h"
#include "plots/RunColors.h"
#include "plots/SeriesViews.h"
#include "project/RunRecorder.h"
#include "tables/RunTableModel.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>

#include <exception>

using namespace normlab;

void MainWindow::addSeriesTabs()
{
    m_series = new SeriesViews(m_recorder, this);
    m_tabs->addTab(m_series->layerStats(), tr("Layer statistics"));
    m_tabs->addTab(m_series->gradientNorms(), tr("Gradient norms"));
}

void MainWindow::updateSeriesViews(const std::vector<int> &rows)
{
    if (!m_series)
        return;
    std::vector<std::pair<const RunRecord *, QColor>> runs;
    std::vector<BatchRun> batchRuns; // the same runs in the same colours
    for (int row : rows) {
        const RunRecord &record = m_table->recordAt(row);
        runs.emplace_back(&record, runColor(int(runs.size())));
        batchRuns.push_back(
            {record.id, QString::fromStdString(record.result.name), runs.back().second});
    }
    m_series->showRuns(runs);
    m_plots->setBatchRuns(batchRuns);
}

void MainWindow::addSeriesActions(QMenu *fileMenu)
{
    m_exportSeriesCsvAction = new QAction(tr("Export Run &Series as CSV…"), this);
    m_exportSeriesCsvAction->setToolTip(
        tr("Layer statistics, gradient norms and the loss gap of the selected run, as a tidy CSV"));
    m_exportSeriesPngAction = new QAction(tr("Export Layer && &Gradient Plots as PNG…"), this);
    // Named after the run the export will hold.
    const auto seriesFileName = [this](const QString &what, const QString &suffix) {
        const RunRecord *run = seriesExportRun();
        const QString name = run ? QString::fromStdString(run->result.name) : tr("run");
        return fileNameFor(name + QLatin1Char('-') + what, suffix);
    };
    savePathOnTrigger(
        m_exportSeriesCsvAction, tr("Export Run Series as CSV"), tr("CSV (*.csv)"),
        [seriesFileName] {
            return seriesFileName(QStringLiteral("series"), QStringLiteral("csv"));
        },
        &MainWindow::exportSeriesCsv);
    savePathOnTrigger(
        m_exportSeriesPngAction, tr("Export Layer and Gradient Plots as PNG"),
        tr("PNG image (*.png)"),
        [seriesFileName] {
            return seriesFileName(QStringLiteral("insight"), QStringLiteral("png"));
        },
        &MainWindow::exportSeriesPng);
    fileMenu->addActions({m_exportSeriesCsvAction, m_exportSeriesPngAction});
}

const RunRecord *MainWindow::seriesExportRun() const
{
    // The topmost selected run; without a selection, the live one, then the latest.
    int row = -1, topmost = -1;
    for (const QModelIndex &index : m_runView->selectionModel()->selectedRows()) {
        if (topmost < 0 || index.row() < topmost) {
            topmost = index.row();
            row = m_sorted->mapToSource(index).row();
        }
    }
    if (row < 0)
        row = m_table->rowOf(m_recorder->liveRecordId());
    if (row < 0 && m_table->rowCount() > 0)
        row = m_table->rowCount() - 1;
    if (row < 0)
        return nullptr;
    const RunRecord &record = m_table->recordAt(row);
    const RunRecord *live = m_recorder->liveRecordWithId(record.id);
    return live ? live : &record;
}

bool MainWindow::exportSeriesCsv(const QString &path)
{
    const RunRecord *record = seriesExportRun();
    if (!record) {
        reportError(tr("Export"), tr("There is no run to export to %1.").arg(path));
        return false;
    }
    return exportWith(path, [&](QString *error) {
        try {
            writeInsightCsv(path.toStdString(), record->result);
            return true;
        } catch (const std::exception &e) {
            *error = QString::fromStdString(e.what());
            if (!error->contains(path))
                *error = tr("Could not write %1: %2").arg(path, *error);
            return false;
        }
    });
}

bool MainWindow::exportSeriesPng(const QString &path)
{
    m_series->refreshNow();
    return exportWith(path, [&](QString *error) { return m_series->savePng(path, error); });
}
