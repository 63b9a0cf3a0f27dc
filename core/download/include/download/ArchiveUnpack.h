#pragma once
// A downloaded archive checked and unpacked: its MD5, and its entries written only inside the
// folder it is unpacked into, so that a hostile or broken archive cannot write elsewhere.

#include "normlab/Errors.h"

#include <QString>

namespace normlab::download {

/// A write that failed (a full disk, a read-only folder): the archive itself may be fine.
class WriteError : public InputError
{
public:
    using InputError::InputError;
};

/// The file's MD5 as 32 lowercase hexadecimal digits. Throws InputError when it cannot be read.
QString fileMd5(const QString &path);

/// Unpacks the tar archive `archive` (compressed with gzip, bzip2 or xz, or not) into the existing
/// folder `folder`; returns the number of files written. Throws InputError, naming the archive and
/// the entry, for an entry whose path is absolute or has a ".." part, for a link (symbolic or hard)
/// and for a special file, and for a damaged or truncated archive; WriteError when a write fails.
/// What was written before the error stays: unpack into a folder of your own.
int unpackArchive(const QString &archive, const QString &folder);

/// Unpacks the CIFAR-10 binary archive so that `destination` (which must not exist, or be an empty
/// folder) appears whole or not at all: into a temporary folder beside it, then renamed into
/// place. Throws as unpackArchive() does, and InputError when the archive holds no CIFAR-10
/// batches; the temporary folder is removed in every case.
void unpackCifarArchive(const QString &archive, const QString &destination);

} // namespace normlab::download
