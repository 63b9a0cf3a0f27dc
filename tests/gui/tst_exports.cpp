// Exports: the table to CSV (normlab-cli's columns) and PNG, the plots to PNG and PDF, and a
// failed write reported with its path while everything shown stays.

#include "GuiTestSupport.h"

#include "normlab/ResultsCsv.h"
#include "project/RunStore.h"
#include "tables/RunTableModel.h"

#include <QFile>
#include <QImage>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace normlab;

namespace {
// Two finished runs with the slide's numbers, written straight into a project.
void writeProject(const QString &path)
{
    RunStore store;
    QVERIFY(store.open(path));
    const double rows[2][4] = {{0.8768, 0.7073, 0.8912, 0.7071}, {0.8005, 0.7293, 0.8080, 0.7217}};
    const char *names[2] = {"No Normalization", "BatchNorm"};
    for (int i = 0; i < 2; ++i) {
        RunRecord record;
        record.result.name = names[i];
        QVERIFY(store.addRun(record));
        EpochMetrics m;
        m.epoch = 1;
        m.valLoss = rows[i][0];
        m.valAcc = rows[i][1];
        m.testLoss = rows[i][2];
        m.testAcc = rows[i][3];
        record.result.history = {m};
        summarizeHistory(record.result);
        record.state = RunState::Done;
        QVERIFY(store.saveRun(record));
    }
}

int countNonWhite(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += (image.pixel(x, y) & 0xffffff) != 0xffffff;
    return count;
}
} // namespace

class TestExports : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void tableToCsvAndPng()
    {
        QTemporaryDir dir;
        writeProject(dir.filePath("p.normlab"));
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        QCOMPARE(w->runTable()->rowCount(), 2);
        w->sortedRuns()->sort(RunTableModel::ValLoss, Qt::AscendingOrder);

        const QString csv = dir.filePath("table.csv");
        QVERIFY(w->exportCsv(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].toStdString(), csvLine(resultsCsvHeader()));
        // Sorted by validation loss: BatchNorm first, with the slide's values.
        QVERIFY2(lines[1].startsWith("BatchNorm,0.8005,0.7293,0.8080,0.7217,"),
                 lines[1].constData());
        QVERIFY(lines[2].startsWith("No Normalization,0.8768,0.7073,0.8912,0.7071,"));

        const QString png = dir.filePath("table.png");
        QVERIFY(w->exportTablePng(png));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 400 && image.height() > 80);
        QVERIFY(image.width() > image.height()); // a table, not a column
        QVERIFY(countNonWhite(image) > image.width() * image.height() / 50);
        QVERIFY(w.errors.isEmpty());
    }

    void plotsToPngAndPdf()
    {
        QTemporaryDir dir;
        writeProject(dir.filePath("p.normlab"));
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        w->runView()->selectAll(); // both runs' curves
        const QString png = dir.filePath("plots.png");
        QVERIFY(w->exportPlotsPng(png));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1600, 900));
        QVERIFY(countNonWhite(image) > 10000);
        const QString pdf = dir.filePath("plots.pdf");
        QVERIFY(w->exportPlotsPdf(pdf));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(file.size() > 2000);
    }

    void failedWriteNamesThePathAndKeepsTheTable()
    {
        QTemporaryDir dir;
        writeProject(dir.filePath("p.normlab"));
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        const QString missing = dir.filePath("no-such-folder/out");
        QVERIFY(!w->exportCsv(missing + ".csv"));
        QVERIFY(!w->exportTablePng(missing + ".png"));
        QVERIFY(!w->exportPlotsPng(missing + "-plots.png"));
        QVERIFY(!w->exportPlotsPdf(missing + ".pdf"));
        QCOMPARE(w.errors.size(), 4);
        QVERIFY2(w.errors[0].contains(missing + ".csv"), qPrintable(w.errors[0]));
        QVERIFY(w.errors[1].contains(missing + ".png"));
        QVERIFY(w.errors[2].contains(missing + "-plots.png"));
        QVERIFY(w.errors[3].contains(missing + ".pdf"));
        QCOMPARE(w->runTable()->rowCount(), 2);
    }
};

QTEST_MAIN(TestExports)
#include "tst_exports.moc"
