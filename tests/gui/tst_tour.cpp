// `normlab --tour DIR` (issue 11): the screenshot tour at 1280x800, offscreen. It trains a run
// and a tiny preset on built-in data, saves a PNG of each main state and checks each one's layout;
// here it must end with 0 findings and PNGs that show something.

#include "GuiTestSupport.h"

#include "gui/StartupOptions.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kTourTimeoutMs = 480000; // two preset runs a method on a busy 2-core machine

/// Distinct colours on every fourth row and column: a rendered window has hundreds.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TestTour : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tourOptionsAreParsed()
    {
        StartupOptions options;
        QString error;
        QVERIFY(parseStartupOptions({"normlab", "--tour", "shots"}, options, &error));
        QCOMPARE(options.tourFolder, QStringLiteral("shots"));
        QVERIFY(options.tourSizes.isEmpty()); // the tour's two default sizes
        QVERIFY(parseStartupOptions(
            {"normlab", "--tour", "shots", "--tour-size", "1280x800", "--tour-size", "1920X1080"},
            options, &error));
        QCOMPARE(options.tourSizes, (QList<QSize>{{1280, 800}, {1920, 1080}}));
        QVERIFY(!parseStartupOptions({"normlab", "--tour", "shots", "--tour-size", "big"}, options,
                                     &error));
        QVERIFY2(error.contains("big"), qPrintable(error));
        QVERIFY(!parseStartupOptions({"normlab", "--tour-size", "1280x800"}, options, &error));
        QVERIFY(parseStartupOptions({"normlab", "--tour", "shots", "--tour-images", "300"}, options,
                                    &error));
        QCOMPARE(options.tourImages, 300);
        QVERIFY(!parseStartupOptions({"normlab", "--tour", "shots", "--tour-images", "x"}, options,
                                     &error));
    }

    void tourSavesEveryStateWithoutFindings()
    {
        QTemporaryDir dir;
        QProcess tour;
        tour.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        tour.setProcessEnvironment(env);
        tour.setWorkingDirectory(dir.path()); // no data/cifar-10-batches-bin: built-in data
        tour.start(QStringLiteral(NORMLAB_GUI_PATH), {"--tour", dir.filePath("png"), "--tour-size",
                                                      "1280x800", "--tour-images", "100"});
        QVERIFY(tour.waitForStarted());
        const bool ended = tour.waitForFinished(kTourTimeoutMs);
        if (!ended)
            tour.kill();
        const QString output = QString::fromLocal8Bit(tour.readAll());
        QVERIFY2(ended, qPrintable(output));
        QVERIFY2(tour.exitStatus() == QProcess::NormalExit && tour.exitCode() == 0,
                 qPrintable(output));
        QVERIFY2(output.contains(" 0 finding(s)"), qPrintable(output));

        const QDir png(dir.filePath("png"));
        for (const char *state : {"first-start", "training", "presets-dialog", "comparison-grouped",
                                  "tab-layer-statistics", "runs-table", "help-guide"}) {
            const QStringList files =
                png.entryList({QStringLiteral("1280x800-*-%1.png").arg(QLatin1String(state))});
            QVERIFY2(files.size() == 1, state);
            const QImage image(png.filePath(files.first()));
            QVERIFY2(!image.isNull(), state);
            QVERIFY2(guitest::nonWhitePixels(image) > 500, state);
            QVERIFY2(distinctColours(image) > 50, state);
        }
        const QImage window(png.filePath(png.entryList({"1280x800-*-first-start.png"}).first()));
        QCOMPARE(window.size(), QSize(1280, 800));
    }
};

QTEST_MAIN(TestTour)
#include "tst_tour.moc"
