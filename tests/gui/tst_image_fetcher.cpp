// The image fetcher answers off the GUI thread: a request returns at once even when the dataset
// must first be loaded, the event loop keeps turning meanwhile, answers carry their request id,
// a dataset handed over is reused, and a bad dataset is a message naming it.

#include "GuiTestSupport.h"
#include "ImageViewSupport.h"

#include "session/ImageFetcher.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace normlab;

class TestImageFetcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void requestsNeverBlockTheGuiThread()
    {
        ExperimentConfig config = guitest::tinyConfig();
        config.limit = 3000; // a load of a second or more, on the fetcher's thread
        ImageFetcher fetcher;
        QSignalSpy fetched(&fetcher, &ImageFetcher::imagesFetched);
        QElapsedTimer call;
        call.start();
        const int first = fetcher.fetchSplit(config, QStringLiteral("test"), {0, 1, 2});
        const int second = fetcher.fetchAugmentation(config, 0, 3, 1);
        QVERIFY2(call.elapsed() < 100, qPrintable(QString::number(call.elapsed())));
        QCOMPARE(fetcher.pending(), 2);
        QVERIFY(second > first);

        // A 10 ms timer keeps firing while the dataset loads: the longest gap stays short.
        QElapsedTimer sinceTick;
        sinceTick.start();
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this,
                [&] { longestGap = std::max(longestGap, sinceTick.restart()); });
        ticker.start();
        QTRY_COMPARE_WITH_TIMEOUT(fetched.count(), 2, 120000);
        ticker.stop();
        QVERIFY2(longestGap < 500, qPrintable(QString::number(longestGap)));

        QCOMPARE(fetched[0][0].toInt(), first);
        const FetchedImages split = fetched[0][1].value<FetchedImages>();
        QCOMPARE(split.images.size(), 3);
        QVERIFY(split.testSize > 2);
        QVERIFY(!split.classNames.isEmpty());
        QCOMPARE(fetched[1][0].toInt(), second);
        QCOMPARE(fetched[1][1].value<FetchedImages>().images.size(), 3);
        QCOMPARE(fetcher.pending(), 0);
    }

    void aHandedOverDatasetIsUsed()
    {
        const ExperimentConfig config = guitest::tinyConfig();
        const SharedData data = loadData(config);
        ImageFetcher fetcher;
        fetcher.offerData(config, data);
        QSignalSpy fetched(&fetcher, &ImageFetcher::imagesFetched);
        fetcher.fetchSplit(config, QStringLiteral("validation"), {1});
        QVERIFY(fetched.wait(60000));
        const FetchedImages images = fetched[0][1].value<FetchedImages>();
        QCOMPARE(images.valSize, summarize(*data).valSize);
        const SampleImage direct = splitImages(config, *data, "validation", {1}).front();
        QCOMPARE(images.images[0].convertToFormat(QImage::Format_RGB888), guitest::toImage(direct));
        QCOMPARE(images.labels[0], direct.label);
    }

    void aBadDatasetIsAMessage()
    {
        QTemporaryDir dir;
        ExperimentConfig config = guitest::tinyConfig();
        config.dataset = DatasetKind::Folder;
        config.dataPath = dir.filePath(QStringLiteral("no-such-folder")).toStdString();
        ImageFetcher fetcher;
        QSignalSpy failed(&fetcher, &ImageFetcher::fetchFailed);
        const int id = fetcher.fetchSplit(config, QStringLiteral("test"), {0});
        QVERIFY(failed.wait(60000));
        QCOMPARE(failed[0][0].toInt(), id);
        QVERIFY2(failed[0][1].toString().contains(QStringLiteral("no-such-folder")),
                 qPrintable(failed[0][1].toString()));
        // An unknown split is a message too.
        fetcher.fetchSplit(guitest::tinyConfig(), QStringLiteral("train"), {0});
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed[1][1].toString().contains(QStringLiteral("train")),
                 qPrintable(failed[1][1].toString()));
    }
};

QTEST_MAIN(TestImageFetcher)
#include "tst_image_fetcher.moc"
