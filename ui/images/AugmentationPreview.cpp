#include "images/AugmentationPreview.h"

#include "export/SavePrompt.h"
#include "images/ImageTiles.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShowEvent>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

using namespace normlab;

AugmentationPreview::AugmentationPreview(QWidget *parent)
    : QWidget(parent),
      m_fetcher(this, &AugmentationPreview::onFetched, &AugmentationPreview::onFetchFailed)
{
    m_index = new QSpinBox;
    m_index->setObjectName(QStringLiteral("augmentIndex"));
    m_index->setRange(0, INT_MAX);
    m_index->setToolTip(tr("Which training image (0-based)"));
    m_nextImage = new QPushButton(tr("Next image"));
    m_reshuffle = new QPushButton(tr("Reshuffle"));
    m_reshuffle->setObjectName(QStringLiteral("augmentReshuffle"));
    m_reshuffle->setToolTip(tr("Draw other random augmentations of the same image"));
    m_savePng = savePngButton(
        this, tr("Save the augmentation preview as PNG"), QStringLiteral("augmentation.png"),
        [this](const QString &path, QString *error) { return savePng(path, error); });
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("augmentStatus"));
    m_status->setWordWrap(true);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Training image:")));
    bar->addWidget(m_index);
    bar->addWidget(m_nextImage);
    bar->addWidget(m_reshuffle);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_savePng);
    m_tiles = new ImageTileList(96);
    m_tiles->setObjectName(QStringLiteral("augmentTiles"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_tiles, 1);

    connect(m_index, &QSpinBox::valueChanged, this, [this] {
        m_stale = true;
        refresh();
    });
    connect(m_nextImage, &QPushButton::clicked, this,
            [this] { setImageIndex(m_index->value() + 1); });
    connect(m_reshuffle, &QPushButton::clicked, this, &AugmentationPreview::reshuffle);
    m_status->setText(statusText());
    m_savePng->setEnabled(false);
}

void AugmentationPreview::setFetcher(ImageFetcher *fetcher)
{
    m_fetcher.setFetcher(fetcher);
}

void AugmentationPreview::setConfig(const ExperimentConfig &config)
{
    m_config = config;
    m_hasConfig = true;
    m_stale = true;
    if (isVisible())
        refresh();
}

void AugmentationPreview::setImageIndex(qint64 index)
{
    m_index->setValue(int(std::clamp<qint64>(index, 0, m_index->maximum())));
}

qint64 AugmentationPreview::imageIndex() const
{
    return m_index->value();
}

void AugmentationPreview::reshuffle()
{
    ++m_seed;
    m_stale = true;
    refresh();
}

void AugmentationPreview::refresh()
{
    if (!m_fetcher.fetcher() || !m_hasConfig)
        return;
    m_stale = false;
    m_status->setText(tr("Loading…"));
    m_request.expect(
        m_fetcher.fetcher()->fetchAugmentation(m_config, m_index->value(), kImages, m_seed));
}

void AugmentationPreview::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

QString AugmentationPreview::statusText() const
{
    if (!m_hasConfig)
        return tr("Load a dataset to preview its augmentations.");
    if (m_images.isEmpty())
        return tr("No images yet.");
    return tr("Image %1: the original, then %2 augmented versions (seed %3)")
        .arg(m_index->value())
        .arg(m_images.size() - 1)
        .arg(m_seed);
}

void AugmentationPreview::onFetched(int requestId, const FetchedImages &images)
{
    if (!m_request.take(requestId))
        return; // an older image, seed or dataset
    if (images.trainSize > 0) {
        const QSignalBlocker blocker(m_index);
        m_index->setMaximum(int(std::min<qint64>(images.trainSize - 1, INT_MAX)));
    }
    m_images = images.images;
    m_tiles->clear();
    for (int i = 0; i < images.images.size(); ++i) {
        const int label = i < images.labels.size() ? images.labels[i] : -1;
        const QString name = label >= 0 && label < images.classNames.size()
                                 ? images.classNames[label]
                                 : QString::number(label);
        m_tiles->addTile(images.images[i],
                         i == 0 ? tr("original\n%1").arg(name) : tr("augmented %1").arg(i),
                         i == 0 ? tilecolors::kCorrect : tilecolors::kNeutral);
    }
    m_savePng->setEnabled(!m_images.isEmpty());
    m_status->setText(statusText());
    Q_EMIT imagesShown(true);
}

void AugmentationPreview::onFetchFailed(int requestId, const QString &message)
{
    if (!m_request.take(requestId))
        return;
    m_images.clear();
    m_tiles->clear();
    m_savePng->setEnabled(false);
    m_status->setText(tr("No preview: %1").arg(message));
    Q_EMIT imagesShown(false);
}

bool AugmentationPreview::savePng(const QString &path, QString *error)
{
    return saveWidgetPng(this, path, error);
}
