#pragma once
// Getting CIFAR-10: the binary archive downloaded (resumably, into a .part file beside the data
// folder), its published MD5 checked, and unpacked whole or not at all. `normlab-cli get cifar10`
// and the window's File › Get CIFAR-10… both run it.

#include "download/FileDownload.h"

#include <QObject>
#include <QString>
#include <QUrl>

class QThread;

namespace normlab::download {

/// The binary version's address on the dataset's page and the MD5 the page publishes.
inline constexpr char kCifarUrl[] = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
inline constexpr char kCifarMd5[] = "c32a1d4ab5d03f1284b67883e8d87530";

struct CifarSource
{
    QUrl url;
    QString md5;    // 32 hexadecimal digits
    QString folder; // what holds data_batch_1.bin ... when done
};

/// kCifarUrl and kCifarMd5, unpacked into defaultCifarFolder().
CifarSource defaultCifarSource();

class CifarDownload : public QObject
{
    Q_OBJECT
public:
    enum class Stage
    {
        Idle,
        Downloading,
        Verifying,
        Unpacking,
        Done,
        Failed,
        Cancelled
    };
    Q_ENUM(Stage)

    explicit CifarDownload(const CifarSource &source, QObject *parent = nullptr);
    ~CifarDownload() override;

    const CifarSource &source() const { return m_source; }
    /// The archive while it downloads: beside the folder, named after the URL, ".part" appended.
    QString partPath() const;
    /// Checks the source, then downloads, verifies and unpacks; finished() says how it ended.
    /// A folder that already holds the batches ends at once, successfully, downloading nothing.
    void start();
    /// Stops a download (the .part file stays for a resume); checking and unpacking run to the end.
    void cancel();
    Stage stage() const { return m_stage; }
    /// After finished(): what happened, naming the URL, the file or the folder.
    QString message() const { return m_message; }

Q_SIGNALS:
    void stageChanged(normlab::download::CifarDownload::Stage stage);
    void progressed(const normlab::download::DownloadProgress &progress);
    /// Once; ok is true when the folder holds the batches.
    void finished(bool ok);

private:
    QString sourceProblem() const;
    void onDownloaded(bool ok);
    void verifyAndUnpack();
    void setStage(Stage stage);
    void finish(Stage stage, const QString &message);

    CifarSource m_source;
    Stage m_stage = Stage::Idle;
    QString m_message;
    FileDownload *m_download = nullptr;
    QThread *m_worker = nullptr;
    bool m_unpacked = false; // set by the worker when the folder is in place
};

} // namespace normlab::download
