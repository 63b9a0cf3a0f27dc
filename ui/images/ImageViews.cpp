#include "images/ImageViews.h"

#include "images/AugmentationPreview.h"
#include "images/ConfusionMatrixView.h"
#include "images/PredictionGrid.h"
#include "session/ImageFetcher.h"

ImageViews::ImageViews(QObject *parent)
    : QObject(parent), m_fetcher(new ImageFetcher(this)), m_confusion(new ConfusionMatrixView),
      m_predictions(new PredictionGrid), m_augmentation(new AugmentationPreview)
{
    m_confusion->setObjectName(QStringLiteral("confusionView"));
    m_predictions->setObjectName(QStringLiteral("predictionGrid"));
    m_augmentation->setObjectName(QStringLiteral("augmentationPreview"));
    m_confusion->setFetcher(m_fetcher);
    m_predictions->setFetcher(m_fetcher);
    m_augmentation->setFetcher(m_fetcher);
}

ImageViews::~ImageViews()
{
    // Views placed in a window are deleted with it (before this object, a child of the window).
    for (QWidget *view :
         {static_cast<QWidget *>(m_confusion.data()), static_cast<QWidget *>(m_predictions.data()),
          static_cast<QWidget *>(m_augmentation.data())}) {
        if (view && !view->parent())
            delete view;
    }
}

ConfusionMatrixView *ImageViews::confusion() const
{
    return m_confusion;
}

PredictionGrid *ImageViews::predictions() const
{
    return m_predictions;
}

AugmentationPreview *ImageViews::augmentation() const
{
    return m_augmentation;
}

void ImageViews::showRun(const RunRecord *record)
{
    if (!record) {
        if (!m_shownSignature.isEmpty()) {
            m_confusion->clear();
            m_predictions->clear();
        }
        m_shownSignature.clear();
        return;
    }
    const normlab::RunInsight &insight = record->result.insight;
    const QString signature = QStringLiteral("%1|%2|%3|%4")
                                  .arg(record->id)
                                  .arg(QString::fromStdString(record->result.name))
                                  .arg(insight.validation.truth.size())
                                  .arg(insight.test.truth.size());
    if (signature == m_shownSignature)
        return;
    m_shownSignature = signature;
    m_confusion->setRun(record->result);
    m_predictions->setRun(record->result);
}

void ImageViews::setDatasetConfig(const normlab::ExperimentConfig &config)
{
    m_augmentation->setConfig(config);
}

void ImageViews::offerData(const normlab::ExperimentConfig &config, const SharedData &data)
{
    m_fetcher->offerData(config, data);
}
