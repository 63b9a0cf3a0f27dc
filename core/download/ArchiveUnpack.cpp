#include "download/ArchiveUnpack.h"

#include "download/DataFolders.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <memory>
#include <system_error>
#include <vector>

namespace normlab::download {
namespace {

constexpr size_t kChunkBytes = 1 << 16;
constexpr size_t kBlockBytes = 1 << 16;

[[noreturn]] void refuse(const QString &message)
{
    throw InputError(message.toStdString());
}

using ArchiveReader = std::unique_ptr<archive, decltype(&archive_read_free)>;

ArchiveReader openArchive(const QString &path)
{
    ArchiveReader reader(archive_read_new(), &archive_read_free);
    archive_read_support_filter_all(reader.get());
    archive_read_support_format_tar(reader.get());
    if (archive_read_open_filename(reader.get(), QFile::encodeName(path).constData(),
                                   kBlockBytes) != ARCHIVE_OK)
        refuse(QCoreApplication::translate("ArchiveUnpack", "cannot open the archive %1: %2")
                   .arg(path, QString::fromUtf8(archive_error_string(reader.get()))));
    return reader;
}

QString damaged(const QString &path, archive *reader)
{
    return QCoreApplication::translate("ArchiveUnpack", "%1 is damaged or truncated: %2")
        .arg(path, QString::fromUtf8(archive_error_string(reader)));
}

QString entryName(archive_entry *entry)
{
    if (const char *utf8 = archive_entry_pathname_utf8(entry))
        return QString::fromUtf8(utf8);
    const char *local = archive_entry_pathname(entry);
    return local ? QString::fromLocal8Bit(local) : QString();
}

// The entry's place inside `folder`, or an empty string for the folder itself ("./"). Refuses a
// path that is absolute, has a ".." part or would land outside `folder` in any other way.
QString targetPath(const QString &archivePath, const QString &name, const QString &folder)
{
    const auto outside = [&] {
        refuse(QCoreApplication::translate(
                   "ArchiveUnpack",
                   "refused: the entry '%1' in %2 would land outside the folder it is unpacked "
                   "into (an absolute path or a '..' part); nothing was unpacked")
                   .arg(name, archivePath));
    };
    if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        outside();
    QStringList parts = name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    parts.removeAll(QStringLiteral("."));
    if (parts.contains(QStringLiteral("..")))
        outside();
    if (parts.isEmpty())
        return {};
    const QString root = QDir(folder).absolutePath();
    const QString target = QDir::cleanPath(root + QLatin1Char('/') + parts.join(QLatin1Char('/')));
    if (!target.startsWith(root + QLatin1Char('/')))
        outside();
    return target;
}

void makeFolder(const QString &path)
{
    if (!QDir().mkpath(path))
        throw WriteError(QCoreApplication::translate("ArchiveUnpack", "cannot create the folder %1")
                             .arg(path)
                             .toStdString());
}

void writeEntryData(archive *reader, const QString &archivePath, const QString &target)
{
    makeFolder(QFileInfo(target).absolutePath());
    QFile out(target);
    // Unbuffered: a full disk shows at the write that fails.
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
        throw WriteError(QCoreApplication::translate("ArchiveUnpack", "cannot write %1: %2")
                             .arg(target, out.errorString())
                             .toStdString());
    std::vector<char> chunk(kChunkBytes);
    for (;;) {
        const la_ssize_t got = archive_read_data(reader, chunk.data(), chunk.size());
        if (got == 0)
            return;
        if (got < 0)
            refuse(damaged(archivePath, reader));
        if (out.write(chunk.data(), got) != got)
            throw WriteError(QCoreApplication::translate("ArchiveUnpack",
                                                         "cannot write %1: %2 (is the disk full?)")
                                 .arg(target, out.errorString())
                                 .toStdString());
    }
}

// Writes one entry; returns whether it was a file.
bool unpackEntry(archive *reader, archive_entry *entry, const QString &archivePath,
                 const QString &folder)
{
    const QString name = entryName(entry);
    const QString target = targetPath(archivePath, name, folder);
    if (archive_entry_hardlink(entry) || archive_entry_filetype(entry) == AE_IFLNK)
        refuse(QCoreApplication::translate(
                   "ArchiveUnpack", "refused: the entry '%1' in %2 is a link; nothing was unpacked")
                   .arg(name, archivePath));
    if (archive_entry_filetype(entry) == AE_IFDIR) {
        if (!target.isEmpty())
            makeFolder(target);
        return false;
    }
    if (archive_entry_filetype(entry) != AE_IFREG || target.isEmpty())
        refuse(QCoreApplication::translate(
                   "ArchiveUnpack",
                   "refused: the entry '%1' in %2 is not a file or a folder; nothing was unpacked")
                   .arg(name, archivePath));
    writeEntryData(reader, archivePath, target);
    return true;
}

} // namespace

QString fileMd5(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Md5);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        refuse(QCoreApplication::translate("ArchiveUnpack", "cannot read %1: %2")
                   .arg(path, file.errorString()));
    return QString::fromLatin1(hash.result().toHex());
}

int unpackArchive(const QString &archivePath, const QString &folder)
{
    ArchiveReader reader = openArchive(archivePath);
    int files = 0;
    for (;;) {
        archive_entry *entry = nullptr;
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF)
            return files;
        if (status < ARCHIVE_WARN)
            refuse(damaged(archivePath, reader.get()));
        if (unpackEntry(reader.get(), entry, archivePath, folder))
            ++files;
    }
}

void unpackCifarArchive(const QString &archivePath, const QString &destination)
{
    const QFileInfo target(destination);
    makeFolder(target.absolutePath());
    QTemporaryDir unpacking(target.absolutePath() + QStringLiteral("/.cifar-10-unpacking-XXXXXX"));
    if (!unpacking.isValid())
        throw WriteError(
            QCoreApplication::translate("ArchiveUnpack", "cannot create a folder in %1: %2")
                .arg(target.absolutePath(), unpacking.errorString())
                .toStdString());
    unpackArchive(archivePath, unpacking.path());
    // The archive's own folder (cifar-10-batches-bin/), or the batches at its top.
    QString unpacked = unpacking.filePath(QStringLiteral("cifar-10-batches-bin"));
    if (!holdsCifarBatches(unpacked))
        unpacked = unpacking.path();
    if (!holdsCifarBatches(unpacked))
        refuse(QCoreApplication::translate(
                   "ArchiveUnpack",
                   "%1 holds no CIFAR-10 binary batches (data_batch_1.bin ... data_batch_5.bin, "
                   "test_batch.bin): is it cifar-10-binary.tar.gz?")
                   .arg(archivePath));
    // An empty folder in the way (made by hand, say) gives way; a full one stays untouched.
    if (target.exists() && !QDir().rmdir(destination))
        refuse(QCoreApplication::translate(
                   "ArchiveUnpack",
                   "%1 exists and is not an empty folder; move it away or choose another folder")
                   .arg(destination));
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(unpacked).toStdString(),
                            QFile::encodeName(destination).toStdString(), error);
    if (error)
        throw WriteError(QCoreApplication::translate("ArchiveUnpack",
                                                     "cannot move the unpacked batches to %1: %2")
                             .arg(destination, QString::fromStdString(error.message()))
                             .toStdString());
}

} // namespace normlab::download
