// Every export of the tables says what the tables say: a run killed mid-run is exported as
// interrupted, one still training as running, each with the epochs it finished; the grouped export
// says which runs its means leave out, as the grouped table does.

#include "GuiTestSupport.h"

#include "export/TableImage.h"
#include "normlab/ResultsCsv.h"
#include "project/RunStore.h"
#include "session/TrainingController.h"
#include "tables/GroupTableModel.h"
#include "tables/RunTableModel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace normlab;

namespace {

/// One CSV line split into fields (RFC 4180 quoting, as normlab::csvLine writes it).
QStringList csvFields(const QString &line)
{
    QStringList fields{QString()};
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar ch = line[i];
        if (quoted && ch == '"' && i + 1 < line.size() && line[i + 1] == '"')
            fields.back() += line[++i];
        else if (ch == '"')
            quoted = !quoted;
        else if (ch == ',' && !quoted)
            fields << QString();
        else
            fields.back() += ch;
    }
    return fields;
}

/// The file's lines as fields; the header first.
QList<QStringList> readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QStringList> rows;
    for (const QByteArray &line : file.readAll().trimmed().split('\n'))
        rows << csvFields(QString::fromUtf8(line));
    return rows;
}

/// The value of column `name` in `row` of a CSV read by readCsv (row 0 is the header).
QString cell(const QList<QStringList> &csv, int row, const QString &name)
{
    const int column = int(csv.value(0).indexOf(name));
    return column >= 0 ? csv.value(row).value(column) : QStringLiteral("<no column %1>").arg(name);
}

/// The run table as exportTablePng paints it when a run is not complete: the slide's five columns,
/// then Epochs and Status.
QImage tableWithStatus(const QAbstractItemModel *table)
{
    return renderTableImage(table,
                            {RunTableModel::Model, RunTableModel::ValLoss, RunTableModel::ValAcc,
                             RunTableModel::TestLoss, RunTableModel::TestAcc, RunTableModel::Epochs,
                             RunTableModel::Status});
}

bool samePixels(const QImage &a, const QImage &b)
{
    return a.size() == b.size() &&
           a.convertToFormat(QImage::Format_RGB32) == b.convertToFormat(QImage::Format_RGB32);
}

/// Epochs committed to the project at `path`, read without writing (the file belongs to a running
/// normlab); 0 while it does not exist yet or is busy.
int committedEpochs(const QString &path)
{
    const QString connection = QStringLiteral("tst_export_states_probe");
    int epochs = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (QFile::exists(path) && db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT count(*) FROM epochs")) && query.next())
                epochs = query.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return epochs;
}

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(text) == text.size());
}

/// Starts `normlab --database project --run runFile --quit-when-done` and kills it (SIGKILL) once
/// the project holds a finished epoch.
void killNormlabAfterAnEpoch(const QString &project, const QString &runFile)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(NORMLAB_GUI_PATH),
                  {QStringLiteral("--database"), project, QStringLiteral("--run"), runFile,
                   QStringLiteral("--quit-when-done")});
    QVERIFY(process.waitForStarted());
    QElapsedTimer waited;
    waited.start();
    while (committedEpochs(project) < 1 && process.state() == QProcess::Running &&
           waited.elapsed() < guitest::kRunTimeoutMs)
        QTest::qWait(100);
    const bool stillTraining = process.state() == QProcess::Running;
    process.kill(); // SIGKILL: no chance to mark the run as anything
    process.waitForFinished();
    QVERIFY2(stillTraining, qPrintable(QString::fromLocal8Bit(process.readAll())));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
}

/// A finished (or, with `status`, otherwise ended) run with one epoch, straight into `store`.
void addDoneRun(RunStore &store, const char *name, NormKind norm, uint64_t seed, double valLoss,
                RunStatus status = RunStatus::Finished)
{
    RunRecord record;
    record.result.name = name;
    record.result.config.norm = norm;
    record.result.config.seed = seed;
    QVERIFY(store.addRun(record));
    EpochMetrics m;
    m.epoch = 1;
    m.valLoss = m.testLoss = valLoss;
    m.valAcc = m.testAcc = 0.5;
    record.result.history = {m};
    summarizeHistory(record.result);
    record.result.status = status;
    record.state = RunState::Done;
    QVERIFY(store.saveRun(record));
}

/// A run as a killed app leaves it: one committed epoch, still marked running.
void addCrashedRun(RunStore &store, const char *name, NormKind norm, uint64_t seed, double valLoss)
{
    RunRecord record;
    record.result.name = name;
    record.result.config.norm = norm;
    record.result.config.seed = seed;
    QVERIFY(store.addRun(record));
    EpochMetrics m;
    m.epoch = 1;
    m.valLoss = m.testLoss = valLoss;
    record.result.history = {m};
    QVERIFY(store.saveEpoch(record));
}

} // namespace

class TestExportStates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void aKilledRunIsExportedAsInterrupted()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.normlab"), runFile = dir.filePath("runs.json");
        writeFile(runFile, R"([{"limit": 200, "epochs": 1000, "batch-size": 32, "threads": 2}])");
        killNormlabAfterAnEpoch(project, runFile);
        if (QTest::currentTestFailed())
            return;

        guitest::RecordingWindow w(project);
        QCOMPARE(w->runTable()->rowCount(), 1);
        const int epochs = w->runTable()->index(0, RunTableModel::Epochs).data().toInt();
        QVERIFY(epochs >= 1 && epochs < 1000);
        QCOMPARE(w->runTable()->index(0, RunTableModel::Status).data().toString(),
                 QStringLiteral("interrupted"));

        const QString csv = dir.filePath("table.csv"), png = dir.filePath("table.png");
        QVERIFY(w->exportCsv(csv));
        const QList<QStringList> rows = readCsv(csv);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].join(','), QString::fromStdString(csvLine(resultsCsvHeader())));
        QCOMPARE(cell(rows, 1, "Status"), QStringLiteral("interrupted"));
        QCOMPARE(cell(rows, 1, "Epochs"), QString::number(epochs));
        QCOMPARE(cell(rows, 1, "Validation Loss"),
                 w->runTable()->index(0, RunTableModel::ValLoss).data().toString());

        QVERIFY(w->exportTablePng(png));
        QVERIFY(samePixels(QImage(png), tableWithStatus(w->sortedRuns())));
        QVERIFY(w.errors.isEmpty());
    }

    void aRunStillTrainingIsExportedAsRunning()
    {
        QTemporaryDir dir;
        guitest::RecordingWindow w(dir.filePath("p.normlab"));
        QSignalSpy epochs(w->controller(), &TrainingController::epochFinished);
        QSignalSpy finished(w->controller(), &TrainingController::runFinished);
        w->submit(guitest::tinyConfig(1000));
        QVERIFY(epochs.wait(guitest::kRunTimeoutMs));

        // No event is handled between reading the table and exporting it: both see one state.
        const int shown = w->runTable()->index(0, RunTableModel::Epochs).data().toInt();
        QVERIFY(shown >= 1 && shown < 1000);
        QVERIFY(w->runTable()
                    ->index(0, RunTableModel::Status)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("running")));
        const QString csv = dir.filePath("running.csv"), png = dir.filePath("running.png");
        QVERIFY(w->exportCsv(csv));
        QVERIFY(w->exportTablePng(png));
        const QImage expected = tableWithStatus(w->sortedRuns());
        const QList<QStringList> rows = readCsv(csv);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(cell(rows, 1, "Status"), QStringLiteral("running"));
        QCOMPARE(cell(rows, 1, "Epochs"), QString::number(shown));
        QVERIFY(samePixels(QImage(png), expected));

        // Stopped, it is exported as the table then shows it: cancelled.
        w->stop();
        QVERIFY(finished.wait(guitest::kRunTimeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(w->runTable()->index(0, RunTableModel::Status).data().toString(),
                                  QStringLiteral("cancelled"), guitest::kRunTimeoutMs);
        QVERIFY(w->exportCsv(csv));
        const QList<QStringList> stopped = readCsv(csv);
        QCOMPARE(cell(stopped, 1, "Status"), QStringLiteral("cancelled"));
        QCOMPARE(cell(stopped, 1, "Epochs"),
                 w->runTable()->index(0, RunTableModel::Epochs).data().toString());
        QVERIFY(w.errors.isEmpty());
    }

    void completeRunsKeepTheSlidesColumns()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.normlab");
        {
            RunStore store;
            QVERIFY(store.open(project));
            addDoneRun(store, "BatchNorm", NormKind::Batch, 1, 0.8);
            addDoneRun(store, "None", NormKind::None, 1, 0.9, RunStatus::EarlyStopped);
        }
        guitest::RecordingWindow w(project);
        const QString png = dir.filePath("table.png");
        QVERIFY(w->exportTablePng(png));
        const QImage fiveColumns = renderTableImage(
            w->sortedRuns(), {RunTableModel::Model, RunTableModel::ValLoss, RunTableModel::ValAcc,
                              RunTableModel::TestLoss, RunTableModel::TestAcc});
        QVERIFY(samePixels(QImage(png), fiveColumns));
        const QString csv = dir.filePath("table.csv");
        QVERIFY(w->exportCsv(csv));
        const QList<QStringList> rows = readCsv(csv);
        QCOMPARE(cell(rows, 1, "Status"), QStringLiteral("finished"));
        QCOMPARE(cell(rows, 2, "Status"), QStringLiteral("early-stopped"));
    }

    void groupedExportsSayWhichRunsTheMeansLeaveOut()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.normlab");
        {
            RunStore store;
            QVERIFY(store.open(project));
            addDoneRun(store, "BatchNorm", NormKind::Batch, 1, 1.0);
            addCrashedRun(store, "BatchNorm", NormKind::Batch, 2, 0.01); // would pull the mean
            addDoneRun(store, "BatchNorm", NormKind::Batch, 3, 2.0);
            addDoneRun(store, "BatchNorm", NormKind::Batch, 4, 0.02, RunStatus::Cancelled);
            addDoneRun(store, "LayerNorm", NormKind::Layer, 1, 3.0);
            addDoneRun(store, "LayerNorm", NormKind::Layer, 2, 5.0);
            addCrashedRun(store, "GroupNorm", NormKind::Group, 1, 0.5);
        }
        guitest::RecordingWindow w(project);
        w->setGroupRepeats(true);
        GroupTableModel *groups = w->groupTable();
        QCOMPARE(groups->rowCount(), 3);
        checkGroupTable(groups);

        const QString csv = dir.filePath("groups.csv");
        QVERIFY(w->exportCsv(csv));
        const QList<QStringList> rows = readCsv(csv);
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[0].join(',').startsWith(QString::fromStdString(csvLine(summaryCsvHeader()))));
        const QStringList expected[] = {
            {"BatchNorm", "2", "1.500000", "4", "1 interrupted, 1 cancelled"},
            {"LayerNorm", "2", "4.000000", "2", ""},
            {"GroupNorm", "0", "nan", "1", "1 interrupted"}};
        for (int group = 0; group < 3; ++group) {
            const QStringList got = {cell(rows, group + 1, "Model"), cell(rows, group + 1, "n"),
                                     cell(rows, group + 1, "Validation Loss mean"),
                                     cell(rows, group + 1, "Runs"),
                                     cell(rows, group + 1, "Left Out")};
            QCOMPARE(got, expected[group]);
            // The CSV's n and mean are the table's.
            QCOMPARE(cell(rows, group + 1, "n").toInt(),
                     groups->index(group, GroupTableModel::Count)
                         .data(GroupTableModel::ValueRole)
                         .toInt());
        }

        const QString png = dir.filePath("groups.png");
        QVERIFY(w->exportTablePng(png));
        const QImage shown = renderTableImage(
            groups, {GroupTableModel::Model, GroupTableModel::Count, GroupTableModel::ValLoss,
                     GroupTableModel::ValAcc, GroupTableModel::TestLoss, GroupTableModel::TestAcc});
        QVERIFY(samePixels(QImage(png), shown));
        QVERIFY(w.errors.isEmpty());
    }

private:
    /// The grouped table: means over the finished runs only, and the n cell says what is left out.
    static void checkGroupTable(GroupTableModel *groups)
    {
        const QModelIndex batchCount = groups->index(0, GroupTableModel::Count);
        QCOMPARE(batchCount.data().toString(), QStringLiteral("2 of 4"));
        QCOMPARE(batchCount.data(GroupTableModel::ValueRole).toInt(), 2);
        const QString tip = batchCount.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("1 interrupted") && tip.contains("1 cancelled"), qPrintable(tip));
        QCOMPARE(groups->index(0, GroupTableModel::ValLoss).data(GroupTableModel::ValueRole),
                 QVariant(1.5));
        QCOMPARE(groups->index(1, GroupTableModel::Count).data().toString(), QStringLiteral("2"));
        QCOMPARE(groups->index(2, GroupTableModel::Count).data().toString(),
                 QStringLiteral("0 of 1"));
    }
};

QTEST_MAIN(TestExportStates)
#include "tst_export_states.moc"
