#include "download/FileDownload.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

#include <cmath>

namespace normlab::download {
namespace {

constexpr int kStallTimeoutMs = 60'000;   // no byte for a minute: give up, keep the .part
constexpr qint64 kSpeedWindowMs = 5'000;  // the speed shown is over the last five seconds
constexpr qint64 kReportIntervalMs = 200; // progress at most five times a second
constexpr int kHttpOk = 200;
constexpr int kHttpPartialContent = 206;
constexpr int kHttpRangeNotSatisfiable = 416;

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
}

QString duration(double seconds)
{
    const qint64 whole = qint64(std::ceil(seconds));
    if (whole < 60)
        return QStringLiteral("%1 s").arg(whole);
    if (whole < 3600)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return QStringLiteral("%1 h %2 min").arg(whole / 3600).arg(whole % 3600 / 60);
}

// "bytes START-END/TOTAL" (206) or "bytes */TOTAL" (416): START and TOTAL, -1 where absent.
std::pair<qint64, qint64> parseContentRange(const QByteArray &header)
{
    static const QRegularExpression kRange(
        QStringLiteral("^bytes\\s+(?:(\\d+)-\\d+|\\*)/(\\d+|\\*)$"));
    const auto match = kRange.match(QString::fromLatin1(header).trimmed());
    if (!match.hasMatch())
        return {-1, -1};
    bool ok = false;
    const qint64 start = match.captured(1).toLongLong(&ok);
    const qint64 total = match.captured(2).toLongLong(&ok);
    return {match.captured(1).isEmpty() ? -1 : start, ok ? total : -1};
}

QString proxyMessage(const QNetworkReply &reply, const QString &url)
{
    return FileDownload::tr("proxy error while fetching %1: %2 (check the proxy settings: "
                            "http_proxy, https_proxy, no_proxy)")
        .arg(url, reply.errorString());
}

// The proxy the system configuration (http_proxy, https_proxy, no_proxy) gives `url`, as
// "HOST:PORT"; empty when the request goes direct.
QString proxyFor(const QUrl &url)
{
    const QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    if (proxies.isEmpty() || proxies.first().type() == QNetworkProxy::NoProxy ||
        proxies.first().type() == QNetworkProxy::DefaultProxy)
        return {};
    return QStringLiteral("%1:%2").arg(proxies.first().hostName()).arg(proxies.first().port());
}

// A failure to connect while a proxy is configured: the proxy is what could not be reached (Qt
// reports it as the server's error), so the message must say so.
QString unreachableProxyMessage(const QNetworkReply &reply, const QUrl &url, const QString &proxy)
{
    return FileDownload::tr("cannot reach the proxy %1 to fetch %2: %3 (check the proxy "
                            "settings: http_proxy, https_proxy, no_proxy)")
        .arg(proxy, url.toDisplayString(), reply.errorString());
}

// What went wrong, in words that name the URL and say what to try.
QString networkMessage(const QNetworkReply &reply, const QUrl &url)
{
    const QString address = url.toDisplayString();
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString proxy = proxyFor(url);
    const bool cannotConnect = reply.error() == QNetworkReply::ConnectionRefusedError ||
                               reply.error() == QNetworkReply::HostNotFoundError;
    if (!proxy.isEmpty() && cannotConnect)
        return unreachableProxyMessage(reply, url, proxy);
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError:
        return FileDownload::tr(
                   "cannot connect to %1: connection refused (is the address right and the server "
                   "up?)")
            .arg(address);
    case QNetworkReply::HostNotFoundError:
        return FileDownload::tr(
                   "cannot reach %1: host %2 not found (no network, or a mistyped address)")
            .arg(address, url.host());
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return FileDownload::tr("%1: no data for %2 s (no network?); run again to resume")
            .arg(address)
            .arg(kStallTimeoutMs / 1000);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return proxyMessage(reply, address);
    default:
        break;
    }
    if (status >= 400)
        return FileDownload::tr("%1: HTTP %2 %3")
            .arg(address)
            .arg(status)
            .arg(reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    return FileDownload::tr("cannot download %1: %2").arg(address, reply.errorString());
}

} // namespace

QString describeProgress(const DownloadProgress &progress)
{
    QString text = megabytes(progress.received);
    if (progress.total > 0)
        text += FileDownload::tr(" of %1 (%2%)")
                    .arg(megabytes(progress.total))
                    .arg(100 * progress.received / progress.total);
    text +=
        QStringLiteral(", ") + megabytes(qint64(progress.bytesPerSecond)) + QStringLiteral("/s");
    if (progress.secondsLeft >= 0)
        text += FileDownload::tr(", %1 left").arg(duration(progress.secondsLeft));
    return text;
}

void SpeedMeter::start()
{
    m_clock.start();
    m_samples.clear();
}

void SpeedMeter::add(qint64 totalBytes)
{
    const qint64 now = m_clock.elapsed();
    m_samples.emplace_back(now, totalBytes);
    while (m_samples.size() > 2 && now - m_samples.front().first > kSpeedWindowMs)
        m_samples.pop_front();
}

double SpeedMeter::bytesPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const auto &[firstTime, firstBytes] = m_samples.front();
    const auto &[lastTime, lastBytes] = m_samples.back();
    const qint64 elapsed = std::max<qint64>(lastTime - firstTime, 1);
    return double(lastBytes - firstBytes) * 1000.0 / double(elapsed);
}

FileDownload::FileDownload(const QUrl &url, const QString &partPath, QObject *parent)
    : QObject(parent), m_url(url), m_part(partPath), m_network(new QNetworkAccessManager(this))
{
    // Honour http_proxy, https_proxy and no_proxy as a student behind a campus proxy sets them.
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

FileDownload::~FileDownload()
{
    stopReply();
}

void FileDownload::start()
{
    const QFileInfo part(m_part.fileName());
    sendRequest(part.isFile() ? part.size() : 0);
}

void FileDownload::cancel()
{
    m_cancelled = true;
    if (m_reply)
        m_reply->abort(); // finished() follows, with the bytes so far kept
}

void FileDownload::sendRequest(qint64 offset)
{
    m_offset = m_received = offset;
    m_total = -1;
    m_writing = false;
    QNetworkRequest request(m_url);
    request.setTransferTimeout(kStallTimeoutMs);
    // The archive's own bytes: an encoded transfer could not be resumed at a byte offset.
    request.setRawHeader("Accept-Encoding", "identity");
    if (offset > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + "-");
    m_speed.start();
    m_sinceReport.start();
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &FileDownload::onHeaders);
    connect(m_reply, &QNetworkReply::readyRead, this, &FileDownload::onData);
    connect(m_reply, &QNetworkReply::finished, this, &FileDownload::onFinished);
}

// The answer's status decides what its body is: the rest of the file (206), the whole file
// (200), nothing more to fetch (416 at the file's end), or an error page (anything else).
void FileDownload::onHeaders()
{
    if (m_writing || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray contentRange = m_reply->rawHeader("Content-Range");
    if (status == kHttpPartialContent && m_offset > 0) {
        if (!acceptPartial(contentRange))
            return;
    } else if (status == kHttpOk) {
        m_offset = m_received = 0; // the server ignored the range: start the file over
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        m_total = length.isValid() ? length.toLongLong() : -1;
        if (!openPart(QIODevice::WriteOnly | QIODevice::Truncate))
            return;
    } else {
        if (status == kHttpRangeNotSatisfiable && m_offset > 0)
            acceptRangeRefusal(contentRange);
        return; // a redirect's or an error's body is not the file
    }
    m_writing = true;
    reportProgress(true);
}

bool FileDownload::acceptPartial(const QByteArray &contentRange)
{
    const auto [start, total] = parseContentRange(contentRange);
    if (start != m_offset) { // not the bytes asked for: the .part cannot be continued
        restartFromScratch();
        return false;
    }
    m_total = total;
    return openPart(QIODevice::WriteOnly | QIODevice::Append);
}

// 416 "bytes */TOTAL": the .part already holds the whole file when TOTAL is its size; any other
// answer means the .part does not belong to this file.
void FileDownload::acceptRangeRefusal(const QByteArray &contentRange)
{
    if (parseContentRange(contentRange).second == m_offset) {
        m_total = m_offset;
        stopReply();
        finishLater(true);
    } else {
        restartFromScratch();
    }
}

bool FileDownload::openPart(QIODevice::OpenMode mode)
{
    // Unbuffered: a full disk shows at the write that fails, not at some later flush.
    if (m_part.open(mode | QIODevice::Unbuffered))
        return true;
    fail(FileDownload::tr("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString()));
    return false;
}

void FileDownload::restartFromScratch()
{
    stopReply();
    m_part.close();
    QFile::remove(m_part.fileName());
    sendRequest(0);
}

void FileDownload::onData()
{
    if (!m_reply)
        return;
    const QByteArray data = m_reply->readAll();
    if (!m_writing || data.isEmpty())
        return;
    if (m_part.write(data) != data.size()) {
        fail(FileDownload::tr("cannot write %1: %2 (is the disk full?); the bytes "
                              "written so far are kept for a resume")
                 .arg(m_part.fileName(), m_part.errorString()));
        return;
    }
    m_received += data.size();
    reportProgress(false);
}

void FileDownload::onFinished()
{
    if (!m_reply)
        return;
    onData(); // whatever arrived with the end
    if (!m_reply)
        return; // the last write failed
    m_part.close();
    const QString error = finishedError();
    m_reply->deleteLater();
    m_reply = nullptr;
    if (error.isEmpty()) {
        reportProgress(true);
        finishLater(true);
    } else {
        fail(error);
    }
}

// Why the finished reply did not deliver the whole file; empty when it did.
QString FileDownload::finishedError() const
{
    if (m_cancelled)
        return tr("cancelled; the %1 bytes received are kept in %2 for a resume")
            .arg(m_received)
            .arg(m_part.fileName());
    const bool closedEarly = m_writing && m_total >= 0 && m_received < m_total;
    if (closedEarly && (m_reply->error() == QNetworkReply::NoError ||
                        m_reply->error() == QNetworkReply::RemoteHostClosedError))
        return tr("%1: the connection closed after %2 of %3 bytes; they are kept in %4, run "
                  "again to resume")
            .arg(m_url.toDisplayString())
            .arg(m_received)
            .arg(m_total)
            .arg(m_part.fileName());
    if (m_reply->error() != QNetworkReply::NoError)
        return networkMessage(*m_reply, m_url);
    if (!m_writing)
        return tr("%1: unexpected answer HTTP %2")
            .arg(m_url.toDisplayString())
            .arg(m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
    return {};
}

void FileDownload::stopReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void FileDownload::fail(const QString &message)
{
    stopReply();
    m_part.close();
    m_error = message;
    finishLater(false);
}

// finished() from the event loop, never from inside the reply's own signal.
void FileDownload::finishLater(bool ok)
{
    if (m_done)
        return;
    m_done = true;
    QTimer::singleShot(0, this, [this, ok] { Q_EMIT finished(ok); });
}

void FileDownload::reportProgress(bool force)
{
    if (!force && m_sinceReport.elapsed() < kReportIntervalMs)
        return;
    m_sinceReport.restart();
    m_speed.add(m_received - m_offset);
    DownloadProgress progress;
    progress.received = m_received;
    progress.total = m_total;
    progress.bytesPerSecond = m_speed.bytesPerSecond();
    if (m_total > 0 && progress.bytesPerSecond > 0)
        progress.secondsLeft = double(m_total - m_received) / progress.bytesPerSecond;
    Q_EMIT progressed(progress);
}

} // namespace normlab::download
