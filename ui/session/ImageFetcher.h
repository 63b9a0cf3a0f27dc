#pragma once
// Fetches dataset images for the image views on a thread of its own: splitImages and
// augmentationPreview index tensors, which never happens on the GUI thread, and the training
// thread may be busy with a run for minutes. Answers arrive as queued signals tagged with the
// request id; a view keeps its latest id and ignores older answers.

#include "normlab/Config.h"
#include "session/SharedData.h"

#include <QImage>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

/// What one request returns: the images (RGB) with their labels, and the dataset's classes and
/// split sizes, so a view can name classes and bound its indices.
struct FetchedImages
{
    QList<QImage> images;
    QList<int> labels;
    QStringList classNames;
    qint64 trainSize = 0, valSize = 0, testSize = 0;
};
Q_DECLARE_METATYPE(FetchedImages)

class ImageFetcher : public QObject
{
    Q_OBJECT
public:
    explicit ImageFetcher(QObject *parent = nullptr);
    /// Abandons a load in progress and joins the thread.
    ~ImageFetcher() override;

    /// A dataset someone else already loaded for `config`: reused instead of loading it again.
    void offerData(const normlab::ExperimentConfig &config, const SharedData &data);
    /// Images `indices` of `split` ("validation" or "test") as the run with `config` saw them.
    /// Empty indices fetch only the class names and split sizes. Returns the request id.
    int fetchSplit(const normlab::ExperimentConfig &config, const QString &split,
                   const std::vector<int64_t> &indices);
    /// Training image `index` through the augmentation pipeline `count` times (first: original).
    int fetchAugmentation(const normlab::ExperimentConfig &config, qint64 index, int count,
                          quint64 seed);
    /// Requests sent and not answered yet.
    int pending() const { return m_pending; }

Q_SIGNALS:
    void imagesFetched(int requestId, const FetchedImages &images);
    /// Bad input (no such image, unreadable dataset): the message names it.
    void fetchFailed(int requestId, const QString &message);

private:
    struct Cache;
    using Job = std::function<std::vector<normlab::SampleImage>(const normlab::DataSplits &)>;
    int post(const normlab::ExperimentConfig &config, Job job);

    QThread m_thread;
    QObject *m_context;             // lives in m_thread: the fetching lambdas run in its event loop
    std::shared_ptr<Cache> m_cache; // touched only on m_thread
    std::shared_ptr<std::atomic<bool>> m_cancel;
    int m_nextId = 1;
    int m_pending = 0;
};
