#pragma once
// What the loaded dataset holds: description, classes, split sizes, warnings and a grid of
// labelled sample images. Shows the load's progress while the worker decodes.

#include "session/MetaTypes.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;

class DatasetPreview : public QWidget
{
    Q_OBJECT
public:
    explicit DatasetPreview(QWidget *parent = nullptr);

    void setLoading(qint64 done, qint64 total);
    void setPreview(const DatasetPreviewData &preview);
    void setError(const QString &message);
    /// The dataset fields changed: the shown preview may no longer match.
    void markStale();
    int sampleCount() const;
    QString summaryText() const;

private:
    QLabel *m_summary;
    QProgressBar *m_progress;
    QListWidget *m_samples;
};
