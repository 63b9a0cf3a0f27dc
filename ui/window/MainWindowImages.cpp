// The image tabs of the main window: confusion matrix, predictions and augmentation preview.
// They follow the comparison table's first selected run (without a selection, the latest run).

#include "window/MainWindow.h"

#include "forms/ExperimentForm.h"
#include "images/AugmentationPreview.h"
#include "images/ConfusionMatrixView.h"
#include "images/ImageViews.h"
#include "images/PredictionGrid.h"
#include "session/TrainingController.h"
#include "tables/RunTableModel.h"

#include <QItemSelectionModel>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>

using namespace normlab;

void MainWindow::addImageTabs()
{
    m_imageViews = new ImageViews(this);
    m_tabs->addTab(m_imageViews->confusion(), tr("Confusion matrix"));
    m_tabs->addTab(m_imageViews->predictions(), tr("Predictions"));
    m_tabs->addTab(m_imageViews->augmentation(), tr("Augmentation"));
}

void MainWindow::connectImageViews()
{
    // A dataset the training worker loaded is reused, and becomes the augmentation preview's.
    connect(m_controller, &TrainingController::dataShared, this,
            [this](const ExperimentConfig &config, const SharedData &data) {
                m_imageViews->offerData(config, data);
                m_imageViews->setDatasetConfig(config);
            });
    // Before any load: the form's dataset, fetched only when the tab is opened.
    m_imageViews->setDatasetConfig(m_form->config());
}

void MainWindow::updateImageViews()
{
    if (!m_imageViews)
        return;
    int row = -1;
    int topmost = -1;
    for (const QModelIndex &index : m_runView->selectionModel()->selectedRows()) {
        if (topmost < 0 || index.row() < topmost) {
            topmost = index.row();
            row = m_sorted->mapToSource(index).row();
        }
    }
    if (row < 0 && m_table->rowCount() > 0)
        row = m_table->rowCount() - 1;
    m_imageViews->showRun(row >= 0 ? &m_table->recordAt(row) : nullptr);
}
