// normlab-cli get cifar10: downloads the CIFAR-10 binary version, checks its MD5 and unpacks it
// into the user's data folder (or --dir), with one updating progress line on stderr. Ctrl-C stops
// the download and keeps the .part file, which the next run resumes.

#include "cli/Commands.h"

#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"

#include "download/CifarDownload.h"
#include "download/DataFolders.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <iostream>
#include <memory>
#include <optional>
#include <unistd.h>

namespace normlab::cli {
namespace {

using download::CifarDownload;

constexpr int kInterruptPollMs = 100;
constexpr qint64 kLogLineIntervalMs = 5'000; // when stderr is a log, not a terminal

// The progress on stderr: one line rewritten in place on a terminal; a line every few seconds in
// a log, where carriage returns would pile up.
class ProgressLine
{
public:
    ProgressLine() : m_terminal(::isatty(STDERR_FILENO) == 1) { m_sinceLine.start(); }

    void show(const QString &text)
    {
        const std::string line = text.toStdString();
        if (m_terminal) {
            std::cerr << "\r" << line
                      << std::string(m_width > line.size() ? m_width - line.size() : 0, ' ')
                      << std::flush;
            m_width = line.size();
            m_open = true;
        } else if (m_sinceLine.elapsed() >= kLogLineIntervalMs) {
            m_sinceLine.restart();
            std::cerr << line << std::endl;
        }
    }
    // Ends the rewritten line, so that what follows starts on a line of its own.
    void end()
    {
        if (m_open)
            std::cerr << std::endl;
        m_open = false;
        m_width = 0;
    }

private:
    bool m_terminal;
    bool m_open = false;
    size_t m_width = 0;
    QElapsedTimer m_sinceLine;
};

download::CifarSource sourceFrom(const CliOptions &options)
{
    download::CifarSource source = download::defaultCifarSource();
    if (!options.getUrl.empty())
        source.url = QUrl(QString::fromStdString(options.getUrl));
    if (!options.getMd5.empty())
        source.md5 = QString::fromStdString(options.getMd5);
    if (!options.getDir.empty())
        source.folder = QString::fromStdString(options.getDir);
    return source;
}

void announce(const CifarDownload &download)
{
    const QFileInfo part(download.partPath());
    std::cerr << "downloading " << download.source().url.toDisplayString().toStdString()
              << "\n  into " << download.source().folder.toStdString() << "\n";
    if (part.isFile() && part.size() > 0)
        std::cerr << "  resuming after the " << part.size() << " bytes in "
                  << part.filePath().toStdString() << "\n";
}

void reportStage(CifarDownload::Stage stage, ProgressLine &line)
{
    if (stage == CifarDownload::Stage::Verifying || stage == CifarDownload::Stage::Unpacking)
        line.end();
    if (stage == CifarDownload::Stage::Verifying)
        std::cerr << "checking the MD5\n";
    else if (stage == CifarDownload::Stage::Unpacking)
        std::cerr << "unpacking\n";
}

// Runs the download in an event loop of its own; returns how it ended.
CifarDownload::Stage runDownload(CifarDownload &download)
{
    ProgressLine line;
    QEventLoop loop;
    QObject::connect(&download, &CifarDownload::progressed, &loop,
                     [&line](const download::DownloadProgress &progress) {
                         line.show(download::describeProgress(progress));
                     });
    QObject::connect(&download, &CifarDownload::stageChanged, &loop,
                     [&line](CifarDownload::Stage stage) { reportStage(stage, line); });
    QObject::connect(&download, &CifarDownload::finished, &loop, &QEventLoop::quit);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, &download, [&download] {
        if (interrupted())
            download.cancel();
    });
    catchInterrupt();
    interruptPoll.start(kInterruptPollMs);
    announce(download);
    download.start();
    loop.exec();
    line.end();
    return download.stage();
}

} // namespace

int get(const CliOptions &options)
{
    // Qt Network needs an application object; normlab-cli's other commands do without one.
    static int argc = 1;
    static char name[] = "normlab-cli";
    static char *argv[] = {name, nullptr};
    std::optional<QCoreApplication> application;
    if (!QCoreApplication::instance())
        application.emplace(argc, argv);

    CifarDownload download(sourceFrom(options));
    const CifarDownload::Stage stage = runDownload(download);
    if (stage == CifarDownload::Stage::Done) {
        std::cout << download.message().toStdString() << "\n";
        return kExitOk;
    }
    printError(download.message().toStdString());
    return stage == CifarDownload::Stage::Cancelled ? kExitInterrupted : kExitBadInput;
}

void useDownloadedData(CliOptions &options)
{
    ExperimentConfig &config = options.config;
    if (config.dataset != DatasetKind::Cifar10 || !config.dataPath.empty())
        return;
    const QString folder = download::downloadedCifarFolder();
    if (folder.isEmpty()) {
        std::cerr << "no --data given, and " << download::defaultCifarFolder().toStdString()
                  << " holds no CIFAR-10: run normlab-cli get cifar10 to download it\n";
        return;
    }
    config.dataPath = folder.toStdString();
    std::cerr << "using the downloaded CIFAR-10 in " << config.dataPath << "\n";
}

} // namespace normlab::cli
