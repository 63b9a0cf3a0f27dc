// The built `normlab` binary end to end: --run FILE --export-csv --export-png --quit-when-done.

#include "GuiTestSupport.h"

#include "normlab/ResultsCsv.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Outcome
{
    int exitCode = -1;
    QString output;
};

Outcome runNormlab(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(NORMLAB_GUI_PATH), arguments);
    if (!process.waitForFinished(guitest::kRunTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("timed out")};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromLocal8Bit(process.readAll())};
}

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}
} // namespace

class TestScriptedRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsTheFileExportsAndExitsZero()
    {
        QTemporaryDir dir;
        const QString runFile = dir.filePath("runs.json");
        writeFile(runFile, R"([
            {"limit": 200, "epochs": 1, "batch-size": 32, "threads": 2, "norm": "batch"},
            {"limit": 200, "epochs": 1, "batch-size": 32, "threads": 2, "dropout": 0.5}
        ])");
        const QString csv = dir.filePath("out.csv"), png = dir.filePath("out.png");
        const Outcome outcome =
            runNormlab({"--database", dir.filePath("p.normlab"), "--run", runFile, "--export-csv",
                        csv, "--export-png", png, "--quit-when-done"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));

        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].toStdString(), normlab::csvLine(normlab::resultsCsvHeader()));
        QVERIFY(lines[1].startsWith("BatchNorm,"));
        QVERIFY(lines[2].startsWith("CNN + Dropout,"));
        QVERIFY(lines[1].contains(",finished,"));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 400);
    }

    void failsWithAMessageForABadFile()
    {
        QTemporaryDir dir;
        const QString runFile = dir.filePath("bad.json");
        writeFile(runFile, R"({"norm": "group", "groups": 5, "epochs": 1})");
        const Outcome invalid = runNormlab(
            {"--database", dir.filePath("p.normlab"), "--run", runFile, "--quit-when-done"});
        QVERIFY(invalid.exitCode != 0);
        QVERIFY2(invalid.output.contains("bad.json"), qPrintable(invalid.output));

        const Outcome missing = runNormlab({"--database", dir.filePath("p.normlab"), "--run",
                                            dir.filePath("missing.json"), "--quit-when-done"});
        QVERIFY(missing.exitCode != 0);
        QVERIFY2(missing.output.contains("missing.json"), qPrintable(missing.output));

        const Outcome usage = runNormlab({"--no-such-option"});
        QCOMPARE(usage.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestScriptedRun)
#include "tst_scripted_run.moc"
