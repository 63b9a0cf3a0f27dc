#include "session/ImageFetcher.h"

#include "session/LoadedData.h"

#include <exception>
#include <string>
#include <utility>

using namespace normlab;

// Touched only on the fetcher's thread.
struct ImageFetcher::Cache
{
    DatasetCache datasets;

    SharedData get(const ExperimentConfig &config, const std::atomic<bool> *cancel)
    {
        const std::string key = dataKey(config);
        if (SharedData cached = datasets.find(key))
            return cached;
        // Not loaded by the training worker in this session (e.g. after a restart): load it here.
        SharedData loaded = loadData(config, {}, cancel);
        datasets.put(key, loaded);
        return loaded;
    }
};

ImageFetcher::ImageFetcher(QObject *parent)
    : QObject(parent), m_context(new QObject), m_cache(std::make_shared<Cache>()),
      m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<FetchedImages>();
    qRegisterMetaType<SharedData>();
    m_thread.setObjectName(QStringLiteral("NormLab images"));
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

ImageFetcher::~ImageFetcher()
{
    m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

void ImageFetcher::offerData(const ExperimentConfig &config, const SharedData &data)
{
    if (!data)
        return;
    const std::string key = dataKey(config);
    QMetaObject::invokeMethod(
        m_context, [cache = m_cache, key, data] { cache->datasets.put(key, data); },
        Qt::QueuedConnection);
}

int ImageFetcher::fetchSplit(const ExperimentConfig &config, const QString &split,
                             const std::vector<int64_t> &indices)
{
    const std::string name = split.toStdString();
    return post(config, [config, name, indices](const DataSplits &data) {
        return indices.empty() ? std::vector<SampleImage>{}
                               : splitImages(config, data, name, indices);
    });
}

int ImageFetcher::fetchAugmentation(const ExperimentConfig &config, qint64 index, int count,
                                    quint64 seed)
{
    return post(config, [index, count, seed](const DataSplits &data) {
        return augmentationPreview(data, index, count, seed);
    });
}

int ImageFetcher::post(const ExperimentConfig &config, Job job)
{
    const int id = m_nextId++;
    ++m_pending;
    // The answer is posted back to this object; if it is gone by then, Qt drops the call.
    auto answer = [this, id](FetchedImages images, QString error) {
        QMetaObject::invokeMethod(
            this,
            [this, id, images = std::move(images), error = std::move(error)] {
                --m_pending;
                if (error.isEmpty())
                    Q_EMIT imagesFetched(id, images);
                else
                    Q_EMIT fetchFailed(id, error);
            },
            Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(
        m_context,
        [cache = m_cache, cancel = m_cancel, config, job = std::move(job), answer] {
            FetchedImages result;
            try {
                const SharedData data = cache->get(config, cancel.get());
                const DatasetSummary summary = summarize(*data);
                for (const std::string &name : summary.classNames)
                    result.classNames << QString::fromStdString(name);
                result.trainSize = summary.trainSize;
                result.valSize = summary.valSize;
                result.testSize = summary.testSize;
                for (const SampleImage &sample : job(*data)) {
                    result.images << toQImage(sample);
                    result.labels << sample.label;
                }
                answer(std::move(result), {});
            } catch (const std::exception &e) {
                answer({}, QString::fromStdString(e.what()));
            } catch (...) {
                answer({}, QObject::tr("Fetching the images failed for an unknown reason."));
            }
        },
        Qt::QueuedConnection);
    return id;
}
