#include "images/DatasetPreview.h"

#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace {
constexpr int kThumbnail = 72;
}

DatasetPreview::DatasetPreview(QWidget *parent) : QWidget(parent)
{
    m_summary = new QLabel(tr("No dataset loaded yet. Press <b>Load preview</b> or <b>Train</b>, "
                              "or drop a dataset folder onto the window."));
    m_summary->setObjectName(QStringLiteral("datasetSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Never squeezed by the sample grid below: the summary lines must all show.
    m_summary->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_progress = new QProgressBar;
    m_progress->setVisible(false);
    m_progress->setFormat(tr("Loading %v of %m"));
    m_samples = new QListWidget;
    m_samples->setObjectName(QStringLiteral("sampleGrid"));
    m_samples->setViewMode(QListView::IconMode);
    m_samples->setIconSize(QSize(kThumbnail, kThumbnail));
    m_samples->setGridSize(QSize(kThumbnail + 28, kThumbnail + 26));
    m_samples->setResizeMode(QListView::Adjust);
    m_samples->setMovement(QListView::Static);
    m_samples->setSelectionMode(QAbstractItemView::NoSelection);
    m_samples->setUniformItemSizes(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_samples, 1);
}

void DatasetPreview::setLoading(qint64 done, qint64 total)
{
    m_progress->setVisible(true);
    if (total <= 0) {
        m_progress->setRange(0, 0); // busy indicator until the loader knows its size
    } else {
        m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
        m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
    }
}

void DatasetPreview::setPreview(const DatasetPreviewData &preview)
{
    const normlab::DatasetSummary &s = preview.summary;
    m_progress->setVisible(false);
    QStringList classes;
    for (const std::string &name : s.classNames)
        classes << QString::fromStdString(name).toHtmlEscaped();
    QString text = tr("<b>%1</b><br>%2 classes: %3<br>train %4 · validation %5 · test %6 images, "
                      "%7×%8×%9, loaded in %10 s")
                       .arg(QString::fromStdString(s.description).toHtmlEscaped())
                       .arg(classes.size())
                       .arg(classes.join(QStringLiteral(", ")))
                       .arg(s.trainSize)
                       .arg(s.valSize)
                       .arg(s.testSize)
                       .arg(s.channels)
                       .arg(s.height)
                       .arg(s.width)
                       .arg(s.loadSeconds, 0, 'f', 1);
    for (const std::string &warning : s.warnings)
        text += QStringLiteral("<br><span style='color:#b26a00'>⚠ %1</span>")
                    .arg(QString::fromStdString(warning).toHtmlEscaped());
    m_summary->setText(text);

    m_samples->clear();
    for (int i = 0; i < preview.images.size(); ++i) {
        const int label = i < preview.labels.size() ? preview.labels[i] : -1;
        const QString name = label >= 0 && size_t(label) < s.classNames.size()
                                 ? QString::fromStdString(s.classNames[size_t(label)])
                                 : QString::number(label);
        const QPixmap pixmap = QPixmap::fromImage(preview.images[i].scaled(
            kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::FastTransformation));
        auto *item = new QListWidgetItem(QIcon(pixmap), name);
        item->setToolTip(name);
        m_samples->addItem(item);
    }
}

void DatasetPreview::setError(const QString &message)
{
    m_progress->setVisible(false);
    m_samples->clear(); // the old samples are not what failed to load
    m_summary->setText(
        QStringLiteral("<span style='color:#b71c1c'>%1</span>").arg(message.toHtmlEscaped()));
}

void DatasetPreview::markStale()
{
    static const QString note = tr("<br><i>The dataset settings changed; this preview shows the "
                                   "previous ones.</i>");
    if (m_samples->count() > 0 && !m_summary->text().endsWith(note))
        m_summary->setText(m_summary->text() + note);
}

int DatasetPreview::sampleCount() const
{
    return m_samples->count();
}

QString DatasetPreview::summaryText() const
{
    return m_summary->text();
}
