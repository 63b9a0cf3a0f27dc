// The built `normlab` binary end to end: --run FILE --export-csv --export-png --quit-when-done,
// and a --database that is not a NormLab project refused before anything trains.

#include "GuiTestSupport.h"

#include "normlab/ResultsCsv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Outcome
{
    int exitCode = -1;
    QString output; // stdout, and stderr too unless read apart
    QString errors; // stderr when read apart
};

/// Runs the built normlab; `channels`: SeparateChannels keeps stderr in Outcome::errors.
Outcome runNormlab(const QStringList &arguments,
                   QProcess::ProcessChannelMode channels = QProcess::MergedChannels)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(channels);
    process.start(QStringLiteral(NORMLAB_GUI_PATH), arguments);
    if (!process.waitForFinished(guitest::kRunTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("timed out"), {}};
    }
    const bool apart = channels == QProcess::SeparateChannels;
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromLocal8Bit(process.readAllStandardOutput()),
            apart ? QString::fromLocal8Bit(process.readAllStandardError()) : QString()};
}

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

/// An SQLite database of someone else's: one table of grades, no NormLab schema.
void writeForeignDatabase(const QString &path)
{
    const QString connection = QStringLiteral("tst_scripted_run_foreign");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec("CREATE TABLE grades (student TEXT, grade REAL)"));
        QVERIFY(query.exec("INSERT INTO grades VALUES ('Ada', 1.0)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

/// `normlab --database foreign --run runFile --quit-when-done` exits 2 before anything trains,
/// naming the file, and leaves it (and its folder) as they were.
void checkRefusedBeforeTraining(const QString &foreign, const QString &runFile)
{
    const QDir folder = QFileInfo(foreign).dir();
    const QStringList filesBefore = folder.entryList(QDir::Files);
    const QByteArray bytesBefore = readBytes(foreign);
    const Outcome outcome = runNormlab(
        {"--database", foreign, "--run", runFile, "--quit-when-done"}, QProcess::SeparateChannels);
    QVERIFY2(outcome.exitCode == 2, qPrintable(outcome.output + outcome.errors));
    QVERIFY2(outcome.errors.contains(foreign), qPrintable(outcome.errors));
    // A run that ended prints its outcome ("NAME: finished") on stdout: nothing did.
    QVERIFY2(outcome.output.isEmpty(), qPrintable(outcome.output));
    QCOMPARE(readBytes(foreign), bytesBefore);
    QCOMPARE(folder.entryList(QDir::Files), filesBefore); // no journal, WAL or other project
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

    void refusesAFileThatIsNotAProjectBeforeTraining()
    {
        QTemporaryDir dir;
        const QString runFile = dir.filePath("runs.json");
        // Long enough that training it would outlast the test's time limit.
        writeFile(runFile, R"([{"limit": 200, "epochs": 1000, "batch-size": 32, "threads": 2}])");
        const QString text = dir.filePath("notes.txt");
        writeFile(text, "lecture notes, not a project\n");
        checkRefusedBeforeTraining(text, runFile);
        const QString database = dir.filePath("grades.sqlite");
        writeForeignDatabase(database);
        checkRefusedBeforeTraining(database, runFile);
    }
};

QTEST_GUILESS_MAIN(TestScriptedRun)
#include "tst_scripted_run.moc"
