#include "session/PredictWorker.h"

#include "normlab/ModelFile.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

using namespace normlab;

namespace {
constexpr size_t kBatchFiles = 128; // decoded images held at once, whatever the folder's size

struct FoundImage
{
    std::string file;
    QString givenFolder; // the folder it was found under, empty for a file given itself
};

std::vector<FoundImage> findImages(const QStringList &paths)
{
    std::vector<FoundImage> found;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        const QString folder = info.isDir() ? info.absoluteFilePath() : QString();
        for (const std::string &file : imageFilesAt(path.toStdString()))
            found.push_back({file, folder});
    }
    return found;
}

// A folder's class subfolders: the image's folder names a class when it lies below a folder the
// user gave (so "given/cat/x.png" is a cat).
int truthOf(const FoundImage &image, const QStringList &classNames)
{
    if (image.givenFolder.isEmpty())
        return -1;
    const QFileInfo info(QString::fromStdString(image.file));
    if (info.absolutePath() == image.givenFolder)
        return -1;
    return int(classNames.indexOf(info.dir().dirName()));
}

PredictedImage toPredictedImage(const ImagePrediction &prediction, const FoundImage &image,
                                const QStringList &classNames)
{
    PredictedImage result;
    result.file = QString::fromStdString(image.file);
    result.readable = prediction.readable;
    result.classes = QVector<int>(prediction.classes.begin(), prediction.classes.end());
    result.probabilities =
        QVector<float>(prediction.probabilities.begin(), prediction.probabilities.end());
    result.truth = truthOf(image, classNames);
    const QImage picture(result.file);
    if (!picture.isNull())
        result.thumbnail =
            picture.scaled(PredictWorker::kThumbnailSize, PredictWorker::kThumbnailSize,
                           Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return result;
}
} // namespace

PredictWorker::PredictWorker(QObject *parent) : QObject(parent), m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("NormLab prediction"));
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

PredictWorker::~PredictWorker()
{
    m_thread.quit();
    m_thread.wait();
}

int PredictWorker::predict(const QString &modelFile, const QStringList &paths)
{
    const int requestId = m_nextRequest++;
    QMetaObject::invokeMethod(
        m_context,
        [this, requestId, modelFile, paths] {
            PredictionReport report = run(modelFile, paths);
            report.requestId = requestId;
            // Back on this object's thread; dropped when the worker is gone meanwhile.
            QMetaObject::invokeMethod(
                this, [this, report] { Q_EMIT finished(report); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return requestId;
}

PredictionReport PredictWorker::run(const QString &modelFile, const QStringList &paths)
{
    PredictionReport report;
    report.modelFile = modelFile;
    try {
        const ModelPredictor predictor(modelFile.toStdString());
        for (const std::string &name : predictor.info().classNames)
            report.classNames << QString::fromStdString(name);
        const std::vector<FoundImage> images = findImages(paths);
        for (size_t begin = 0; begin < images.size(); begin += kBatchFiles) {
            const size_t end = std::min(images.size(), begin + kBatchFiles);
            std::vector<std::string> files;
            for (size_t i = begin; i < end; ++i)
                files.push_back(images[i].file);
            const std::vector<ImagePrediction> predictions = predictor.predict(files, kTopClasses);
            for (size_t i = begin; i < end; ++i)
                report.images.append(
                    toPredictedImage(predictions[i - begin], images[i], report.classNames));
        }
    } catch (const std::exception &e) {
        report.classNames.clear();
        report.images.clear();
        report.error = QString::fromStdString(e.what());
    }
    return report;
}
