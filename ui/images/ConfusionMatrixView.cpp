#include "images/ConfusionMatrixView.h"

#include "export/SavePrompt.h"
#include "images/ImageTiles.h"
#include "normlab/Engine.h"
#include "tables/ConfusionMatrixModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <exception>

using namespace normlab;

ConfusionMatrixView::ConfusionMatrixView(QWidget *parent)
    : QWidget(parent),
      m_fetcher(this, &ConfusionMatrixView::onFetched, &ConfusionMatrixView::onFetchFailed),
      m_model(new ConfusionMatrixModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(createBar());
    layout->addWidget(createMatrixAndCells(), 1);
    clear();
}

QLayout *ConfusionMatrixView::createBar()
{
    m_split = new QComboBox;
    m_split->setObjectName(QStringLiteral("confusionSplit"));
    m_split->addItem(tr("Validation"), QStringLiteral("validation"));
    m_split->addItem(tr("Test"), QStringLiteral("test"));
    m_split->setCurrentIndex(1);
    m_split->setToolTip(tr("The split the best weights were evaluated on"));
    m_accuracy = new QLabel;
    m_accuracy->setObjectName(QStringLiteral("confusionAccuracy"));
    m_savePng =
        savePngButton(this, tr("Save the confusion matrix as PNG"), QStringLiteral("confusion.png"),
                      [this](const QString &path, QString *error) { return savePng(path, error); });
    m_saveCsv = new QPushButton(tr("Save CSV…"));
    connect(m_split, &QComboBox::currentIndexChanged, this, [this] { showSplit(); });
    connect(m_saveCsv, &QPushButton::clicked, this, &ConfusionMatrixView::askSaveCsv);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Split:")));
    bar->addWidget(m_split);
    bar->addWidget(m_accuracy, 1);
    bar->addWidget(m_savePng);
    bar->addWidget(m_saveCsv);
    return bar;
}

QWidget *ConfusionMatrixView::createMatrixAndCells()
{
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("confusionTable"));
    m_table->setModel(m_model);
    // No selection colour over the cells' colours: the clicked cell is drawn bold instead.
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(36);
    m_table->setToolTip(tr("Rows: true class (images in brackets); columns: predicted class. "
                           "Click a cell to see its images."));
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex &index) { selectCell(index.row(), index.column()); });

    m_cellCaption = new QLabel(tr("Click a cell to see the images behind it."));
    m_cellCaption->setWordWrap(true);
    m_images = new ImageTileList(64);
    m_images->setObjectName(QStringLiteral("confusionImages"));
    auto *cellBox = new QWidget;
    auto *cellLayout = new QVBoxLayout(cellBox);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->addWidget(m_cellCaption);
    cellLayout->addWidget(m_images, 1);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(cellBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    return split;
}

void ConfusionMatrixView::setFetcher(ImageFetcher *fetcher)
{
    m_fetcher.setFetcher(fetcher);
}

void ConfusionMatrixView::setRun(const RunResult &result)
{
    const bool sameData = m_hasRun && dataKey(m_run.config) == dataKey(result.config);
    m_run = result;
    m_hasRun = true;
    if (!sameData)
        m_classNames.clear();
    showSplit();
    if (m_classNames.isEmpty())
        requestClassNames();
}

void ConfusionMatrixView::clear()
{
    m_hasRun = false;
    m_run = RunResult();
    m_model->clear();
    m_images->clear();
    m_cellImages.clear();
    m_requested.clear();
    m_cellRequest.forget();
    m_namesRequest.forget();
    m_accuracy->setText(tr("No run selected."));
    m_savePng->setEnabled(false);
    m_saveCsv->setEnabled(false);
}

void ConfusionMatrixView::setSplit(const QString &split)
{
    const int index = m_split->findData(split);
    if (index >= 0)
        m_split->setCurrentIndex(index);
}

QString ConfusionMatrixView::split() const
{
    return m_split->currentData().toString();
}

void ConfusionMatrixView::showSplit()
{
    if (!m_hasRun)
        return;
    const SplitPredictions &predictions =
        split() == QLatin1String("validation") ? m_run.insight.validation : m_run.insight.test;
    m_model->setPredictions(predictions, m_classNames);
    m_images->clear();
    m_cellImages.clear();
    m_requested.clear();
    m_cellRequest.forget();
    m_cellTruth = m_cellPredicted = -1;
    m_cellCaption->setText(tr("Click a cell to see the images behind it."));
    m_savePng->setEnabled(!predictions.empty());
    m_saveCsv->setEnabled(!predictions.empty());
    m_accuracy->setText(accuracyText());
}

QString ConfusionMatrixView::accuracyText() const
{
    if (!m_hasRun)
        return tr("No run selected.");
    if (!m_model->error().isEmpty())
        return tr("The stored predictions cannot be counted: %1").arg(m_model->error());
    if (m_model->total() == 0)
        return tr("%1 has no %2 predictions: they are made with the best weights when a run "
                  "ends (runs saved before NormLab recorded them have none).")
            .arg(QString::fromStdString(m_run.name), split());
    int64_t trace = 0;
    for (int c = 0; c < m_model->classCount(); ++c)
        trace += m_model->count(c, c);
    return tr("%1, %2: accuracy %3 (%4 of %5 images correct)")
        .arg(QString::fromStdString(m_run.name), split())
        .arg(m_model->accuracy(), 0, 'f', 4)
        .arg(trace)
        .arg(m_model->total());
}

void ConfusionMatrixView::requestClassNames()
{
    if (m_fetcher.fetcher() && m_hasRun)
        m_namesRequest.expect(m_fetcher.fetcher()->fetchSplit(m_run.config, split(), {}));
}

void ConfusionMatrixView::selectCell(int truth, int predicted)
{
    if (truth < 0 || truth >= m_model->classCount() || predicted < 0 ||
        predicted >= m_model->classCount())
        return;
    m_cellTruth = truth;
    m_cellPredicted = predicted;
    m_table->setCurrentIndex(m_model->index(truth, predicted));
    m_model->setHighlighted(truth, predicted);
    std::vector<int64_t> indices = m_model->cellIndices(truth, predicted);
    if (indices.size() > size_t(kMaxCellImages))
        indices.resize(size_t(kMaxCellImages));
    m_requested = indices;
    m_images->clear();
    m_cellImages.clear();
    if (indices.empty() || !m_fetcher.fetcher()) {
        m_cellRequest.forget();
        m_cellCaption->setText(cellCaption());
        return;
    }
    m_cellCaption->setText(cellCaption() + tr(" — loading…"));
    m_cellRequest.expect(m_fetcher.fetcher()->fetchSplit(m_run.config, split(), indices));
}

void ConfusionMatrixView::onFetched(int requestId, const FetchedImages &images)
{
    if (m_namesRequest.isAnsweredBy(requestId) || m_cellRequest.isAnsweredBy(requestId)) {
        if (m_classNames != images.classNames) {
            m_classNames = images.classNames;
            const int truth = m_cellTruth, predicted = m_cellPredicted;
            m_model->setClassNames(m_classNames);
            if (truth >= 0) {
                m_table->setCurrentIndex(m_model->index(truth, predicted));
                m_model->setHighlighted(truth, predicted);
            }
            m_accuracy->setText(accuracyText());
            if (!m_cellRequest.isPending())
                m_cellCaption->setText(cellCaption());
        }
    }
    if (!m_cellRequest.take(requestId))
        return; // a names request, or an answer for a cell no longer selected
    const SplitPredictions &predictions = m_model->predictions();
    const QColor frame =
        m_cellTruth == m_cellPredicted ? tilecolors::kCorrect : tilecolors::kMistake;
    m_cellImages = images.images;
    for (int i = 0; i < images.images.size() && size_t(i) < m_requested.size(); ++i) {
        const size_t position = size_t(m_requested[size_t(i)]);
        const float confidence =
            position < predictions.confidence.size() ? predictions.confidence[position] : 0.f;
        m_images->addTile(
            images.images[i], tr("#%1\n%2%").arg(position).arg(100.0 * confidence, 0, 'f', 1),
            frame,
            tr("%1 image %2: true %3, predicted %4 with confidence %5")
                .arg(split())
                .arg(position)
                .arg(m_model->className(m_cellTruth), m_model->className(m_cellPredicted))
                .arg(double(confidence), 0, 'f', 3));
    }
    m_cellCaption->setText(cellCaption());
    Q_EMIT cellImagesShown(true);
}

QString ConfusionMatrixView::cellCaption() const
{
    if (m_cellTruth < 0)
        return tr("Click a cell to see the images behind it.");
    const QString truth = m_model->className(m_cellTruth);
    const size_t all = m_model->cellIndices(m_cellTruth, m_cellPredicted).size();
    QString caption = tr("True %1, predicted %2: %3 of the %4 images of class %1")
                          .arg(truth, m_model->className(m_cellPredicted))
                          .arg(all)
                          .arg(m_model->rowTotal(m_cellTruth));
    if (all > m_requested.size())
        caption += tr(" (the first %1 shown)").arg(m_requested.size());
    return caption;
}

void ConfusionMatrixView::onFetchFailed(int requestId, const QString &message)
{
    if (m_namesRequest.take(requestId)) {
        // Class numbers instead of names; the matrix itself is complete.
        m_accuracy->setText(accuracyText() + tr(" — dataset not available: %1").arg(message));
    }
    if (!m_cellRequest.take(requestId))
        return;
    m_cellCaption->setText(tr("The images could not be loaded: %1").arg(message));
    Q_EMIT cellImagesShown(false);
}

bool ConfusionMatrixView::savePng(const QString &path, QString *error)
{
    return saveWidgetPng(this, path, error);
}

bool ConfusionMatrixView::saveCsv(const QString &path, QString *error)
{
    std::vector<std::string> names;
    for (int c = 0; c < m_model->classCount(); ++c)
        names.push_back(m_model->className(c).toStdString());
    try {
        writeConfusionCsv(path.toStdString(), m_model->predictions(), names);
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

void ConfusionMatrixView::askSaveCsv()
{
    promptAndSave(this,
                  {tr("Save the confusion matrix as CSV"),
                   fileNameFor(QString::fromStdString(m_run.name) + QStringLiteral("-confusion"),
                               QStringLiteral("csv")),
                   tr("CSV files (*.csv)")},
                  tr("Save CSV"),
                  [this](const QString &path, QString *error) { return saveCsv(path, error); });
}
