#pragma once
// The "Save PNG…" of the plot and image views: ask for a file, save it, say why it failed. One
// place, so every view asks and reports the same way.

#include <QString>

#include <functional>

class QPushButton;
class QWidget;

/// The folder save dialogs open in: where the last file was saved this session, else Documents.
QString saveFolder();
/// Remembers `path`'s folder for the next save dialog.
void rememberSaveFolder(const QString &path);
/// What a save dialog suggests: `fileName` in saveFolder(), so the name field holds a file name.
QString suggestedSavePath(const QString &fileName);
/// `name` (a run's name) as a file name with `suffix`: characters other than letters, digits,
/// '.', '_' and '-' become '-'; "normlab" when nothing is left.
QString fileNameFor(const QString &name, const QString &suffix);

/// Writes to `path`; false with `error` (may be null) saying why.
using SaveToPath = std::function<bool(const QString &path, QString *error)>;

/// What the save dialog shows: its title, the file name it suggests, the file types it offers.
struct SaveDialogText
{
    QString title;
    QString suggestedName;
    QString filter;
};

/// Asks for a path (a save dialog over `parent`) and calls `save` with it; a failure is shown in
/// a critical message box titled `failureTitle`. Does nothing when the user cancels.
void promptAndSave(QWidget *parent, const SaveDialogText &dialog, const QString &failureTitle,
                   const SaveToPath &save);

/// A "Save PNG…" button for `owner`'s layout: when clicked, asks for a PNG path (`title`,
/// suggesting `suggestedName`) and saves with `save`, reporting a failure over `owner`.
QPushButton *savePngButton(QWidget *owner, const QString &title, const QString &suggestedName,
                           SaveToPath save);
