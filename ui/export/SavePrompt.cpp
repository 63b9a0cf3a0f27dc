#include "export/SavePrompt.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace {
QString &lastSaveFolder()
{
    static QString folder; // this session's only: a test or another user starts from Documents
    return folder;
}
} // namespace

QString saveFolder()
{
    if (!lastSaveFolder().isEmpty())
        return lastSaveFolder();
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

void rememberSaveFolder(const QString &path)
{
    if (!path.isEmpty())
        lastSaveFolder() = QFileInfo(path).absolutePath();
}

QString suggestedSavePath(const QString &fileName)
{
    return QDir(saveFolder()).filePath(fileName);
}

QString fileNameFor(const QString &name, const QString &suffix)
{
    QString base;
    for (const QChar c : name.trimmed()) {
        const bool kept = c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') ||
                          c == QLatin1Char('-');
        if (kept)
            base += c;
        else if (!base.endsWith(QLatin1Char('-')))
            base += QLatin1Char('-');
    }
    while (base.endsWith(QLatin1Char('-')) || base.endsWith(QLatin1Char('.')))
        base.chop(1);
    while (base.startsWith(QLatin1Char('-')) || base.startsWith(QLatin1Char('.')))
        base.remove(0, 1); // no hidden files
    if (base.isEmpty())
        base = QStringLiteral("normlab");
    return base + QLatin1Char('.') + suffix;
}

void promptAndSave(QWidget *parent, const SaveDialogText &dialog, const QString &failureTitle,
                   const SaveToPath &save)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, dialog.title, suggestedSavePath(dialog.suggestedName), dialog.filter);
    rememberSaveFolder(path);
    QString error;
    if (!path.isEmpty() && !save(path, &error))
        QMessageBox::critical(parent, failureTitle, error);
}

QPushButton *savePngButton(QWidget *owner, const QString &title, const QString &suggestedName,
                           SaveToPath save)
{
    auto *button = new QPushButton(QObject::tr("Save PNG…"));
    const SaveDialogText dialog{title, suggestedName, QObject::tr("PNG images (*.png)")};
    QObject::connect(button, &QPushButton::clicked, owner, [owner, dialog, save = std::move(save)] {
        promptAndSave(owner, dialog, QObject::tr("Save PNG"), save);
    });
    return button;
}
