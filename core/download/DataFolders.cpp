#include "download/DataFolders.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace normlab::download {

QString defaultDataFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/normlab");
}

QString defaultCifarFolder()
{
    return defaultDataFolder() + QStringLiteral("/cifar-10-batches-bin");
}

bool holdsCifarBatches(const QString &folder)
{
    const QDir dir(folder);
    QStringList files = {QStringLiteral("test_batch.bin")};
    for (int batch = 1; batch <= 5; ++batch)
        files << QStringLiteral("data_batch_%1.bin").arg(batch);
    for (const QString &file : files)
        if (!QFileInfo(dir.filePath(file)).isFile())
            return false;
    return true;
}

QString downloadedCifarFolder()
{
    const QString folder = defaultCifarFolder();
    return holdsCifarBatches(folder) ? folder : QString();
}

} // namespace normlab::download
