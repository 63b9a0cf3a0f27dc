#include "download/DataFolders.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <filesystem>

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

int useDownloadedCifarWhereMissing(std::vector<SweepRun> &runs)
{
    int moved = 0;
    QString folder; // looked up once, and only when a run needs it
    for (SweepRun &run : runs) {
        ExperimentConfig &config = run.config;
        std::error_code ignored;
        if (config.dataset != DatasetKind::Cifar10 ||
            (!config.dataPath.empty() && std::filesystem::exists(config.dataPath, ignored)))
            continue;
        if (folder.isEmpty())
            folder = downloadedCifarFolder();
        if (folder.isEmpty())
            return moved;
        config.dataPath = folder.toStdString();
        ++moved;
    }
    return moved;
}

} // namespace normlab::download
