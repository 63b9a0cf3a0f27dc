#pragma once
// Where the window keeps the model files of its runs: a folder beside the project file,
// "<project>.models", with one "<run id>.normlab-model" per run. A run's file is written under
// its job's name while it trains (the run id comes later) and renamed when the run is recorded.

#include <QDir>
#include <QString>

namespace runmodels {

inline QString folderOf(const QString &projectFile)
{
    return projectFile.isEmpty() ? QString() : projectFile + QStringLiteral(".models");
}

inline QString runFile(const QString &folder, qint64 runId)
{
    return QDir(folder).filePath(QStringLiteral("%1.normlab-model").arg(runId));
}

inline QString jobFile(const QString &folder, int jobId)
{
    return QDir(folder).filePath(QStringLiteral("job-%1.normlab-model.part").arg(jobId));
}

} // namespace runmodels
