#include "images/PredictPanel.h"

#include "tables/ConfusionMatrixModel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {
constexpr int kProbabilityRole = Qt::UserRole + 1;

// A class cell: a bar as wide as the class's probability, its name and percentage on top.
class ProbabilityBarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const QVariant probability = index.data(kProbabilityRole);
        if (probability.isValid()) {
            QRect bar = option.rect.adjusted(2, 4, -2, -4);
            bar.setWidth(int(bar.width() * std::clamp(probability.toDouble(), 0.0, 1.0)));
            painter->fillRect(bar, QColor(80, 140, 220, 110));
        }
        QStyledItemDelegate::paint(painter, option, index);
    }
};

QStringList localPaths(const QMimeData *mime)
{
    QStringList paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}
} // namespace

PredictPanel::PredictPanel(QWidget *parent)
    : QWidget(parent), m_worker(new PredictWorker(this)), m_modelLabel(new QLabel),
      m_addFiles(new QPushButton), m_addFolder(new QPushButton), m_clear(new QPushButton),
      m_summary(new QLabel), m_table(new QTableWidget(0, ColumnCount)),
      m_confusion(new ConfusionMatrixModel(this)), m_confusionView(new QTableView)
{
    setObjectName(QStringLiteral("predictPanel"));
    setAcceptDrops(true);
    m_modelLabel->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("predictSummary"));
    m_table->setObjectName(QStringLiteral("predictTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(PredictWorker::kThumbnailSize + 4);
    m_table->setIconSize(QSize(PredictWorker::kThumbnailSize, PredictWorker::kThumbnailSize));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Image, QHeaderView::ResizeToContents);
    m_table->setItemDelegate(new ProbabilityBarDelegate(m_table));
    m_confusionView->setModel(m_confusion);
    m_confusionView->setObjectName(QStringLiteral("predictConfusion"));
    // As the Confusion matrix tab shows it: the model's green diagonal and red confusions, with
    // no selection colour over them.
    m_confusionView->setSelectionMode(QAbstractItemView::NoSelection);
    m_confusionView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_confusionView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusionView->horizontalHeader()->setMinimumSectionSize(36);
    m_confusionView->setToolTip(
        tr("Rows: true class (images in brackets); columns: predicted class."));
    m_confusionView->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_modelLabel, 1);
    buttons->addWidget(m_addFiles);
    buttons->addWidget(m_addFolder);
    buttons->addWidget(m_clear);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(m_confusionView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_addFiles, &QPushButton::clicked, this, &PredictPanel::askFiles);
    connect(m_addFolder, &QPushButton::clicked, this, &PredictPanel::askFolder);
    connect(m_clear, &QPushButton::clicked, this, &PredictPanel::clearImages);
    connect(m_worker, &PredictWorker::finished, this, &PredictPanel::showReport);
    updateTexts();
}

void PredictPanel::setModel(const QString &modelFile, const QString &runName, const QString &reason)
{
    const QString usable = QFileInfo::exists(modelFile) ? modelFile : QString();
    const bool changed = usable != m_modelFile;
    m_modelFile = usable;
    m_runName = runName;
    m_noModelReason = reason;
    updateTexts();
    if (changed)
        requestPredictions();
}

void PredictPanel::addPaths(const QStringList &paths)
{
    for (const QString &path : paths)
        if (!m_paths.contains(path))
            m_paths << path;
    requestPredictions();
}

void PredictPanel::clearImages()
{
    m_paths.clear();
    requestPredictions();
}

void PredictPanel::requestPredictions()
{
    m_report = PredictionReport();
    m_table->setRowCount(0);
    m_confusion->clear();
    m_confusionView->hide();
    if (m_modelFile.isEmpty() || m_paths.isEmpty()) {
        m_latestRequest = 0; // answers still on their way are stale now
        updateTexts();
        return;
    }
    m_summary->setText(tr("Predicting…"));
    m_latestRequest = m_worker->predict(m_modelFile, m_paths);
}

void PredictPanel::showReport(const PredictionReport &report)
{
    if (report.requestId != m_latestRequest)
        return; // the model or the images changed since it was asked for
    m_report = report;
    if (!report.error.isEmpty()) {
        m_summary->setText(report.error);
        Q_EMIT predictionsShown();
        return;
    }
    m_table->setRowCount(int(report.images.size()));
    for (int row = 0; row < report.images.size(); ++row)
        fillRow(row, report.images[row]);
    showAccuracy();
    Q_EMIT predictionsShown();
}

void PredictPanel::fillRow(int row, const PredictedImage &image)
{
    auto *picture = new QTableWidgetItem;
    picture->setIcon(QIcon(QPixmap::fromImage(image.thumbnail)));
    m_table->setItem(row, Image, picture);
    auto *file = new QTableWidgetItem(QFileInfo(image.file).fileName());
    file->setToolTip(image.file);
    m_table->setItem(row, File, file);
    if (!image.readable) {
        m_table->setItem(row, FirstClass, new QTableWidgetItem(tr("not a readable image")));
        return;
    }
    for (int rank = 0; rank < image.classes.size() && FirstClass + rank < ColumnCount; ++rank) {
        const QString name = m_report.classNames.value(image.classes[rank]);
        const float probability = image.probabilities.value(rank);
        auto *item = new QTableWidgetItem(
            tr("%1  %2 %").arg(name).arg(double(probability) * 100.0, 0, 'f', 1));
        item->setData(kProbabilityRole, double(probability));
        if (rank == 0 && image.truth >= 0)
            item->setForeground(image.truth == image.classes[0] ? QColor(0, 120, 0)
                                                                : QColor(180, 0, 0));
        m_table->setItem(row, FirstClass + rank, item);
    }
}

double PredictPanel::accuracy() const
{
    int known = 0, right = 0;
    for (const PredictedImage &image : m_report.images) {
        if (image.truth < 0 || !image.readable || image.classes.isEmpty())
            continue;
        ++known;
        right += image.classes[0] == image.truth;
    }
    return known > 0 ? double(right) / known : -1.0;
}

void PredictPanel::showAccuracy()
{
    normlab::SplitPredictions counted;
    for (const PredictedImage &image : m_report.images) {
        if (image.truth < 0 || !image.readable || image.classes.isEmpty())
            continue;
        counted.truth.push_back(image.truth);
        counted.predicted.push_back(image.classes[0]);
        counted.confidence.push_back(image.probabilities.value(0));
    }
    QString text =
        tr("%n image(s) predicted with %1.", nullptr, int(m_report.images.size())).arg(m_runName);
    if (!counted.empty()) {
        text += QLatin1Char(' ') + tr("Accuracy on the %n image(s) in class folders: %1 %.",
                                      nullptr, int(counted.truth.size()))
                                       .arg(accuracy() * 100.0, 0, 'f', 1);
        m_confusion->setPredictions(counted, m_report.classNames);
        m_confusionView->show();
    }
    m_summary->setText(text);
}

void PredictPanel::updateTexts()
{
    m_addFiles->setText(tr("Add Images…"));
    m_addFolder->setText(tr("Add Folder…"));
    m_clear->setText(tr("Clear"));
    if (m_modelFile.isEmpty())
        m_modelLabel->setText(m_noModelReason.isEmpty()
                                  ? tr("Select a trained run in the table to predict with its "
                                       "model.")
                                  : m_noModelReason);
    else
        m_modelLabel->setText(tr("Model: %1 (best weights)").arg(m_runName));
    if (m_paths.isEmpty())
        m_summary->setText(tr("Drop image files or folders here, or use Add Images… or Add "
                              "Folder…. A folder with one subfolder per class also gets an "
                              "accuracy and a confusion matrix."));
}

void PredictPanel::askFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add Images"), QString(), tr("Images (*.png *.jpg *.jpeg *.bmp);;All files (*)"));
    if (!files.isEmpty())
        addPaths(files);
}

void PredictPanel::askFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Folder"));
    if (!folder.isEmpty())
        addPaths({folder});
}

void PredictPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void PredictPanel::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    addPaths(paths);
}

void PredictPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        updateTexts();
    QWidget::changeEvent(event);
}
