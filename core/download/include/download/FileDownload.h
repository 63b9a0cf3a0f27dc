#pragma once
// One file over HTTP(S) into PATH.part, resumable: the bytes an interrupted download left in the
// .part file are continued with an HTTP Range request (the server answers 206), and the file starts
// over cleanly when the server sends the whole file instead (200).

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QString>
#include <QUrl>

#include <deque>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace normlab::download {

/// How far a download is. `total` and `secondsLeft` are -1 while unknown.
struct DownloadProgress
{
    qint64 received = 0; // bytes in the .part file, a resumed download's earlier ones included
    qint64 total = -1;
    double bytesPerSecond = 0;
    double secondsLeft = -1;
};

/// "12.3 MB of 162.6 MB (7%), 4.1 MB/s, 36 s left", for the console line and the dialog.
QString describeProgress(const DownloadProgress &progress);

/// Transfer speed over the last few seconds, so that a stall shows at once.
class SpeedMeter
{
public:
    void start();
    void add(qint64 totalBytes);
    double bytesPerSecond() const;

private:
    QElapsedTimer m_clock;
    std::deque<std::pair<qint64, qint64>> m_samples; // (milliseconds, bytes so far)
};

class FileDownload : public QObject
{
    Q_OBJECT
public:
    /// Downloads `url` into `partPath` (its folder must exist), continuing the bytes already there.
    FileDownload(const QUrl &url, const QString &partPath, QObject *parent = nullptr);
    ~FileDownload() override;

    void start();
    /// Stops the transfer; the bytes received stay in the .part file for a resume.
    void cancel();
    bool wasCancelled() const { return m_cancelled; }
    /// Why it failed, naming the URL or the file; empty after success.
    QString error() const { return m_error; }
    /// Bytes the .part file held when the request that delivered the file went out (0: whole).
    qint64 resumedFrom() const { return m_offset; }

Q_SIGNALS:
    void progressed(const normlab::download::DownloadProgress &progress);
    /// Once, after success or failure (error() says why).
    void finished(bool ok);

private:
    void sendRequest(qint64 offset);
    void onHeaders();
    bool acceptPartial(const QByteArray &contentRange);
    void acceptRangeRefusal(const QByteArray &contentRange);
    void onData();
    void onFinished();
    QString finishedError() const;
    bool openPart(QIODevice::OpenMode mode);
    void restartFromScratch();
    void stopReply();
    void fail(const QString &message);
    void finishLater(bool ok);
    void reportProgress(bool force);

    QUrl m_url;
    QFile m_part;
    QNetworkAccessManager *m_network;
    QNetworkReply *m_reply = nullptr;
    qint64 m_offset = 0;    // bytes in the .part file when the current request went out
    qint64 m_received = 0;  // bytes in the .part file now
    qint64 m_total = -1;    // the whole file's size, when the server said it
    bool m_writing = false; // the reply's body is the file (200 or 206), not an error page
    bool m_cancelled = false;
    bool m_done = false;
    QString m_error;
    SpeedMeter m_speed;
    QElapsedTimer m_sinceReport;
};

} // namespace normlab::download
