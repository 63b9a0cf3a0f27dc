// File › Get CIFAR-10…: the dialog downloads, checks and unpacks a small CIFAR-format archive from
// a local HTTP server (tests/cli/http_server.py on 127.0.0.1), reports progress and hands the
// folder on; a wrong checksum leaves no folder and says why; the window offers the folder in the
// dataset picker and sweeps of presets find it without a data path.

#include "GuiTestSupport.h"

#include "download/DataFolders.h"
#include "forms/ExperimentForm.h"
#include "forms/GetCifarDialog.h"
#include "forms/SweepDialog.h"
#include "normlab/Sweep.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using normlab::download::CifarSource;

namespace {

constexpr int kRecordsPerBatch = 10;
constexpr int kWaitMs = 60'000; // a download of a few hundred kB, on a loaded machine

} // namespace

class TestGetCifar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void downloadsUnpacksAndHandsOnTheFolder();
    void aWrongChecksumLeavesNoFolderAndSaysWhy();
    void presetsFindTheDownloadedFolder();
    void theWindowOffersTheDialogInItsFileMenu();

private:
    CifarSource source(const QString &md5, const QString &folder) const;

    QTemporaryDir m_temp;
    QProcess m_server;
    int m_port = -1;
    QString m_md5;
};

void TestGetCifar::initTestCase()
{
    QVERIFY(m_temp.isValid());
    // The user's data folder (QStandardPaths) inside the test's folder: the real one stays
    // untouched.
    qputenv("XDG_DATA_HOME", m_temp.filePath(QStringLiteral("xdg")).toUtf8());
    QVERIFY(QDir().mkpath(m_temp.filePath(QStringLiteral("www"))));
    QProcess make;
    make.start(QStringLiteral("python3"),
               {QStringLiteral(NORMLAB_HTTP_SERVER_SCRIPT), QStringLiteral("make"),
                m_temp.filePath(QStringLiteral("www/cifar.tar.gz")),
                QString::number(kRecordsPerBatch)});
    QVERIFY(make.waitForFinished(kWaitMs));
    QCOMPARE(make.exitCode(), 0);
    m_md5 = QString::fromLatin1(make.readAllStandardOutput()).trimmed();
    QCOMPARE(m_md5.size(), 32);

    m_server.start(QStringLiteral("python3"),
                   {QStringLiteral(NORMLAB_HTTP_SERVER_SCRIPT), QStringLiteral("serve"),
                    m_temp.filePath(QStringLiteral("www")),
                    m_temp.filePath(QStringLiteral("requests.log"))});
    QVERIFY(m_server.waitForStarted(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(m_server.canReadLine(), kWaitMs);
    m_port = m_server.readLine().trimmed().toInt();
    QVERIFY(m_port > 0);
}

void TestGetCifar::cleanupTestCase()
{
    m_server.kill();
    m_server.waitForFinished(5000);
}

CifarSource TestGetCifar::source(const QString &md5, const QString &folder) const
{
    return {QUrl(QStringLiteral("http://127.0.0.1:%1/cifar.tar.gz").arg(m_port)), md5, folder};
}

void TestGetCifar::downloadsUnpacksAndHandsOnTheFolder()
{
    GetCifarDialog dialog(
        source(m_md5, m_temp.filePath(QStringLiteral("good/cifar-10-batches-bin"))));
    QSignalSpy ready(&dialog, &GetCifarDialog::cifarReady);
    dialog.start();
    QVERIFY(dialog.isBusy());
    QVERIFY(ready.wait(kWaitMs));
    QCOMPARE(ready.first().first().toString(),
             m_temp.filePath(QStringLiteral("good/cifar-10-batches-bin")));
    QVERIFY(normlab::download::holdsCifarBatches(ready.first().first().toString()));
    QVERIFY(!dialog.isBusy());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("cifar-10-batches-bin")),
             qPrintable(dialog.statusText()));

    // The folder goes to the dataset picker as CIFAR-10.
    ExperimentForm form;
    form.setDataFolder(ready.first().first().toString());
    QCOMPARE(form.config().dataset, normlab::DatasetKind::Cifar10);
    QCOMPARE(QString::fromStdString(form.config().dataPath),
             QDir::toNativeSeparators(ready.first().first().toString()));
}

void TestGetCifar::aWrongChecksumLeavesNoFolderAndSaysWhy()
{
    const QString wrong(32, QLatin1Char('0'));
    GetCifarDialog dialog(
        source(wrong, m_temp.filePath(QStringLiteral("bad/cifar-10-batches-bin"))));
    QSignalSpy ready(&dialog, &GetCifarDialog::cifarReady);
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), kWaitMs);
    QCOMPARE(ready.count(), 0);
    QVERIFY2(dialog.statusText().contains(QStringLiteral("MD5"), Qt::CaseInsensitive),
             qPrintable(dialog.statusText()));
    QVERIFY(!QFileInfo::exists(m_temp.filePath(QStringLiteral("bad/cifar-10-batches-bin"))));
}

void TestGetCifar::presetsFindTheDownloadedFolder()
{
    // Downloaded where the window and normlab-cli look: the user's data folder.
    GetCifarDialog dialog(source(m_md5, normlab::download::defaultCifarFolder()));
    QSignalSpy ready(&dialog, &GetCifarDialog::cifarReady);
    dialog.start();
    QVERIFY(ready.wait(kWaitMs));

    normlab::SweepSpec spec = normlab::loadPreset("lecture-normalization");
    std::vector<normlab::SweepRun> runs = normlab::expandSweep(spec);
    QVERIFY(!normlab::missingDataPaths(runs).empty()); // the preset's data/... is not here
    QCOMPARE(normlab::download::useDownloadedCifarWhereMissing(runs), int(runs.size()));
    QVERIFY(normlab::missingDataPaths(runs).empty());
    QCOMPARE(QString::fromStdString(runs.front().config.dataPath),
             normlab::download::defaultCifarFolder());

    // The window's Presets and Sweeps dialog finds it too: nothing missing, no built-in data.
    SweepDialog sweeps;
    QVERIFY(sweeps.loadPreset(QStringLiteral("lecture-normalization")));
    QVERIFY2(sweeps.missingData().isEmpty(), qPrintable(sweeps.missingData().join(", ")));
    for (const normlab::SweepRun &run : sweeps.runs())
        QCOMPARE(QString::fromStdString(run.config.dataPath),
                 normlab::download::defaultCifarFolder());

    // Choosing CIFAR-10 as the Source with no folder fills in the downloaded one.
    ExperimentForm form;
    QComboBox *source = nullptr;
    for (QComboBox *combo : form.findChildren<QComboBox *>())
        if (combo->findText(QStringLiteral("CIFAR-10 folder")) >= 0)
            source = combo;
    QVERIFY(source);
    source->setCurrentIndex(source->findText(QStringLiteral("CIFAR-10 folder")));
    QCOMPARE(form.config().dataset, normlab::DatasetKind::Cifar10);
    QCOMPARE(QString::fromStdString(form.config().dataPath),
             QDir::toNativeSeparators(normlab::download::defaultCifarFolder()));
    const std::vector<std::string> problems = form.problems();
    QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
}

void TestGetCifar::theWindowOffersTheDialogInItsFileMenu()
{
    guitest::RecordingWindow recording(m_temp.filePath(QStringLiteral("project.normlab")));
    MainWindow &window = *recording.window;
    QAction *get = nullptr;
    for (QAction *action : window.findChildren<QAction *>())
        if (action->text().remove(QLatin1Char('&')) == QStringLiteral("Get CIFAR-10…"))
            get = action;
    QVERIFY(get);
    QDialog *dialog = window.showGetCifar();
    QVERIFY(qobject_cast<GetCifarDialog *>(dialog));
    QVERIFY(dialog->isVisible());
    dialog->close();
    QVERIFY2(recording.errors.isEmpty(), qPrintable(recording.errors.join("; ")));
}

QTEST_MAIN(TestGetCifar)
#include "tst_get_cifar.moc"
