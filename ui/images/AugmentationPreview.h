#pragma once
// One training image through the augmentation pipeline several times: the original first, then
// augmented versions (random crop with padding and horizontal flip), so the user sees what the
// network is trained on. "Reshuffle" draws a new seed. Works before any run.

#include "images/FetcherLink.h"
#include "normlab/Config.h"

#include <QWidget>

class ImageTileList;
class QLabel;
class QPushButton;
class QSpinBox;

class AugmentationPreview : public QWidget
{
    Q_OBJECT
public:
    /// The original and 11 augmented versions.
    static constexpr int kImages = 12;

    explicit AugmentationPreview(QWidget *parent = nullptr);

    void setFetcher(ImageFetcher *fetcher);
    /// The dataset to draw from (the experiment form's). Refreshes when shown.
    void setConfig(const normlab::ExperimentConfig &config);
    void setImageIndex(qint64 index);
    qint64 imageIndex() const;
    /// A new seed: different augmentations of the same image.
    void reshuffle();
    quint64 seed() const { return m_seed; }
    /// Fetches the images now (the view does so itself when it becomes visible).
    void refresh();

    ImageTileList *tiles() const { return m_tiles; }
    const QList<QImage> &images() const { return m_images; }
    QString statusText() const;
    bool savePng(const QString &path, QString *error);

Q_SIGNALS:
    /// The images arrived (or failed: `ok` false).
    void imagesShown(bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onFetched(int requestId, const FetchedImages &images);
    void onFetchFailed(int requestId, const QString &message);

    FetcherLink m_fetcher;
    normlab::ExperimentConfig m_config;
    bool m_hasConfig = false;
    bool m_stale = true; // the shown images do not match the config, index and seed
    quint64 m_seed = 1;
    PendingRequest m_request;
    QList<QImage> m_images;
    QSpinBox *m_index;
    QPushButton *m_nextImage, *m_reshuffle, *m_savePng;
    QLabel *m_status;
    ImageTileList *m_tiles;
};
