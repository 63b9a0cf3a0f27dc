#pragma once
// Predicts image files with a run's model file on a thread of its own, for the Predict tab. Like
// TrainingWorker it is a session/ class: the only GUI code that calls the engine.

#include <QImage>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <QVector>

/// One image's top classes, most probable first.
struct PredictedImage
{
    QString file;
    QImage thumbnail;             // null when the file could not be decoded
    bool readable = false;        // false: the model could not decode the file (no classes)
    QVector<int> classes;         // indexes into PredictionReport::classNames
    QVector<float> probabilities; // softmax probabilities of `classes`
    int truth = -1; // the class its folder names (a folder "cat" under a dropped folder), or -1
};

/// The answer to one PredictWorker::predict call.
struct PredictionReport
{
    int requestId = 0;
    QString modelFile;
    QStringList classNames;
    QVector<PredictedImage> images;
    QString error; // the model or a path could not be read: nothing else is set
};

class PredictWorker : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTopClasses = 3;
    static constexpr int kThumbnailSize = 64;

    explicit PredictWorker(QObject *parent = nullptr);
    /// Waits for the prediction in progress (they are short: a batch at a time).
    ~PredictWorker() override;

    /// Predicts every image file at `paths` (files, or folders searched below) with `modelFile`,
    /// in the background. Requests are answered in order by `finished`; returns the request id.
    int predict(const QString &modelFile, const QStringList &paths);

    /// The work itself, on the calling thread (the background thread calls it).
    static PredictionReport run(const QString &modelFile, const QStringList &paths);

Q_SIGNALS:
    void finished(const PredictionReport &report);

private:
    QThread m_thread;
    QObject *m_context; // lives in m_thread; the predictions run in its event loop
    int m_nextRequest = 1;
};
