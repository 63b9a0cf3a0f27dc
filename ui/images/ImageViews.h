#pragma once
// The image views of the main window — confusion matrix, predictions grid and augmentation
// preview — with the one ImageFetcher they share. The window tells it which run is selected and
// which dataset the form names; it keeps the views in step.

#include "normlab/Config.h"
#include "session/SharedData.h"
#include "tables/RunRecord.h"

#include <QObject>
#include <QPointer>
#include <QString>

class AugmentationPreview;
class ConfusionMatrixView;
class ImageFetcher;
class PredictionGrid;

class ImageViews : public QObject
{
    Q_OBJECT
public:
    explicit ImageViews(QObject *parent = nullptr);
    /// Deletes the views that were never given a parent widget.
    ~ImageViews() override;

    ConfusionMatrixView *confusion() const;
    PredictionGrid *predictions() const;
    AugmentationPreview *augmentation() const;
    ImageFetcher *fetcher() const { return m_fetcher; }

    /// The run the confusion matrix and the predictions show; null clears them. Cheap when the
    /// run and its predictions did not change (the live run updates every epoch).
    void showRun(const RunRecord *record);
    /// The dataset the augmentation preview draws from.
    void setDatasetConfig(const normlab::ExperimentConfig &config);
    /// A dataset the training worker loaded: the views reuse it.
    void offerData(const normlab::ExperimentConfig &config, const SharedData &data);

private:
    ImageFetcher *m_fetcher;
    // Guarded: once placed in a window, the views may be deleted with it before this object.
    QPointer<ConfusionMatrixView> m_confusion;
    QPointer<PredictionGrid> m_predictions;
    QPointer<AugmentationPreview> m_augmentation;
    QString m_shownSignature; // which run, name and predictions the views show
};
