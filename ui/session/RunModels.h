#pragma once
// Where the window keeps the model files of its runs: a folder beside the project file,
// "<project>.models", with one "<run id>.normlab-model" per run. A run's file is written under
// its job's name while it trains (the run id comes later) and renamed when the run is recorded.
// Beside it, "<run id>.normlab-checkpoint": the run's checkpoint after its latest epoch, which
// Resume and Train More Epochs continue from. A new run writes it under its job's name until the
// window knows the run id, then under the run's (see TrainingWorker::setCheckpointTarget).

#include <QDir>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <system_error>

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

inline QString runCheckpoint(const QString &folder, qint64 runId)
{
    return QDir(folder).filePath(QStringLiteral("%1.normlab-checkpoint").arg(runId));
}

inline QString jobCheckpoint(const QString &folder, int jobId)
{
    return QDir(folder).filePath(QStringLiteral("job-%1.normlab-checkpoint.part").arg(jobId));
}

/// Where the worker process of a parallel run writes the job's files (worker --keep-files) until
/// the job ends and they become its job files.
inline QString jobWorkerFolder(const QString &folder, int jobId)
{
    return QDir(folder).filePath(QStringLiteral("job-%1.worker").arg(jobId));
}

/// Moves `from` to `to`, replacing `to` in one step (a rename), so that `to` is always whole.
inline bool replaceFile(const QString &from, const QString &to)
{
    std::error_code error;
    std::filesystem::rename(std::filesystem::u8path(from.toStdString()),
                            std::filesystem::u8path(to.toStdString()), error);
    return !error;
}

/// The file patterns of a run's files in the folder (Save Project As copies them).
inline QStringList runFilePatterns()
{
    return {QStringLiteral("*.normlab-model"), QStringLiteral("*.normlab-checkpoint")};
}

} // namespace runmodels
