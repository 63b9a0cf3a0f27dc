// The augmentation preview: 12 images of one training image, the first the original itself and
// the others augmented; the same seed gives the same images, Reshuffle other ones; a bad index
// is a message; the view grabs non-blank.

#include "GuiTestSupport.h"
#include "ImageViewSupport.h"

#include "images/AugmentationPreview.h"
#include "images/ImageTiles.h"
#include "session/ImageFetcher.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace normlab;

class TestAugmentationPreview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void originalFirstThenAugmented()
    {
        const ExperimentConfig config = guitest::tinyConfig();
        const SharedData data = loadData(config);
        ImageFetcher fetcher;
        fetcher.offerData(config, data);
        AugmentationPreview preview;
        preview.setFetcher(&fetcher);
        preview.resize(900, 500);
        QSignalSpy shown(&preview, &AugmentationPreview::imagesShown);
        preview.setConfig(config); // not visible yet: nothing fetched
        QCOMPARE(fetcher.pending(), 0);
        preview.show(); // becoming visible fetches
        QVERIFY(shown.wait(60000));
        QCOMPARE(shown.last().first().toBool(), true);
        QCOMPARE(preview.images().size(), AugmentationPreview::kImages);
        QCOMPARE(preview.tiles()->count(), AugmentationPreview::kImages);

        // Training image 0 is the first image of its class, which sampleImages returns first.
        int label = -1;
        for (const SampleImage &s : sampleImages(*data, 1000)) {
            if (guitest::toImage(s) == preview.images()[0].convertToFormat(QImage::Format_RGB888)) {
                label = s.label;
                break;
            }
        }
        QVERIFY2(label >= 0, "the first image is not a training image");
        const std::vector<SampleImage> firstOfEach = sampleImages(*data, 1);
        QCOMPARE(guitest::toImage(firstOfEach[size_t(label)]),
                 preview.images()[0].convertToFormat(QImage::Format_RGB888));
        int changed = 0;
        for (int i = 1; i < preview.images().size(); ++i) {
            QCOMPARE(preview.images()[i].size(), preview.images()[0].size());
            changed += preview.images()[i] != preview.images()[0];
        }
        QVERIFY2(changed >= 3, qPrintable(QString::number(changed)));
        QVERIFY(guitest::distinctColors(preview.grab()) > 20);

        // Same seed, same images; a new seed, other ones; the original stays.
        const QList<QImage> before = preview.images();
        preview.refresh();
        QVERIFY(shown.wait(60000));
        QCOMPARE(preview.images(), before);
        preview.reshuffle();
        QVERIFY(shown.wait(60000));
        QCOMPARE(preview.images()[0], before[0]);
        QVERIFY(preview.images() != before);

        // Next image.
        preview.setImageIndex(1);
        QVERIFY(shown.wait(60000));
        QCOMPARE(preview.imageIndex(), qint64(1));
        QVERIFY(preview.images()[0] != before[0] || preview.images()[1] != before[1]);
    }

    void badIndexIsAMessage()
    {
        const ExperimentConfig config = guitest::tinyConfig();
        ImageFetcher fetcher; // loads the tiny dataset itself
        AugmentationPreview preview;
        preview.setFetcher(&fetcher);
        preview.setConfig(config);
        QSignalSpy shown(&preview, &AugmentationPreview::imagesShown);
        preview.setImageIndex(100000); // the spin box does not know the size yet
        QVERIFY(shown.wait(60000));
        QCOMPARE(shown.last().first().toBool(), false);
        const QString status = preview.findChild<QLabel *>(QStringLiteral("augmentStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("100000")), qPrintable(status));
        QVERIFY(preview.images().isEmpty());
    }
};

QTEST_MAIN(TestAugmentationPreview)
#include "tst_augmentation_preview.moc"
