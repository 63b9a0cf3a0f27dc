#include "download/CifarDownload.h"

#include "download/ArchiveUnpack.h"
#include "download/DataFolders.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

namespace normlab::download {
namespace {

bool isEmptyFolder(const QString &path)
{
    const QDir dir(path);
    return dir.exists() && dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

} // namespace

CifarSource defaultCifarSource()
{
    return {QUrl(QString::fromLatin1(kCifarUrl)), QString::fromLatin1(kCifarMd5),
            defaultCifarFolder()};
}

CifarDownload::CifarDownload(const CifarSource &source, QObject *parent)
    : QObject(parent), m_source(source)
{
    m_source.folder = QFileInfo(source.folder).absoluteFilePath();
    m_source.md5 = source.md5.trimmed().toLower();
}

CifarDownload::~CifarDownload()
{
    if (m_worker)
        m_worker->wait(); // the unpacking writes into the folder: let it end
}

QString CifarDownload::partPath() const
{
    QString name = m_source.url.fileName();
    if (name.isEmpty())
        name = QStringLiteral("cifar-10-binary.tar.gz");
    return QFileInfo(m_source.folder).absolutePath() + QLatin1Char('/') + name +
           QStringLiteral(".part");
}

// What makes the source unusable before anything is fetched; empty when it is fine.
QString CifarDownload::sourceProblem() const
{
    static const QRegularExpression kMd5(QStringLiteral("^[0-9a-f]{32}$"));
    const QString scheme = m_source.url.scheme();
    if (!m_source.url.isValid() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return tr("'%1' is not an http:// or https:// address").arg(m_source.url.toString());
    if (!kMd5.match(m_source.md5).hasMatch())
        return tr("MD5 '%1' is not 32 hexadecimal digits").arg(m_source.md5);
    if (QFileInfo::exists(m_source.folder) && !isEmptyFolder(m_source.folder))
        return tr("%1 exists and does not hold the CIFAR-10 batches (data_batch_1.bin ... "
                  "test_batch.bin); move it away or choose another folder")
            .arg(m_source.folder);
    if (!QDir().mkpath(QFileInfo(m_source.folder).absolutePath()))
        return tr("cannot create the folder %1").arg(QFileInfo(m_source.folder).absolutePath());
    return {};
}

void CifarDownload::start()
{
    if (m_stage != Stage::Idle)
        return;
    if (holdsCifarBatches(m_source.folder)) {
        finish(Stage::Done,
               tr("%1 already holds CIFAR-10; nothing was downloaded").arg(m_source.folder));
        return;
    }
    if (const QString problem = sourceProblem(); !problem.isEmpty()) {
        finish(Stage::Failed, problem);
        return;
    }
    m_download = new FileDownload(m_source.url, partPath(), this);
    connect(m_download, &FileDownload::progressed, this, &CifarDownload::progressed);
    connect(m_download, &FileDownload::finished, this, &CifarDownload::onDownloaded);
    setStage(Stage::Downloading);
    m_download->start();
}

void CifarDownload::cancel()
{
    if (m_stage == Stage::Downloading && m_download)
        m_download->cancel();
}

void CifarDownload::onDownloaded(bool ok)
{
    if (!ok) {
        finish(m_download->wasCancelled() ? Stage::Cancelled : Stage::Failed, m_download->error());
        return;
    }
    setStage(Stage::Verifying);
    // Hashing and unpacking 160 MB take seconds: off the thread that paints the window.
    m_worker = QThread::create([this] { verifyAndUnpack(); });
    connect(m_worker, &QThread::finished, this, [this] {
        m_worker->deleteLater();
        m_worker = nullptr;
        finish(m_unpacked ? Stage::Done : Stage::Failed, m_message);
    });
    m_worker->start();
}

// On the worker thread: sets m_message, and m_unpacked when the folder is in place; the worker's
// end hands both back to the object's thread. The archive is deleted unless only a write failed
// (a full disk): then it stays, verified, for the next try.
void CifarDownload::verifyAndUnpack()
{
    const QString archive = partPath();
    try {
        const QString md5 = fileMd5(archive);
        if (md5 != m_source.md5) {
            QFile::remove(archive);
            m_message = tr("wrong checksum: %1 downloaded from %2 has MD5 %3, expected %4; the "
                           "file was deleted, run again to download it anew")
                            .arg(archive, m_source.url.toDisplayString(), md5, m_source.md5);
            return;
        }
        QMetaObject::invokeMethod(this, [this] { setStage(Stage::Unpacking); });
        unpackCifarArchive(archive, m_source.folder);
        QFile::remove(archive);
        m_unpacked = true;
        m_message = tr("CIFAR-10 is in %1").arg(m_source.folder);
    } catch (const WriteError &error) {
        m_message = QString::fromStdString(error.what()) +
                    tr("; the verified archive stays in %1 for the next try").arg(archive);
    } catch (const InputError &error) {
        QFile::remove(archive);
        m_message = QString::fromStdString(error.what());
    }
}

void CifarDownload::setStage(Stage stage)
{
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void CifarDownload::finish(Stage stage, const QString &message)
{
    m_message = message;
    setStage(stage);
    // From the event loop, so that a caller connecting after start() still hears it.
    QTimer::singleShot(0, this, [this, stage] { Q_EMIT finished(stage == Stage::Done); });
}

} // namespace normlab::download
