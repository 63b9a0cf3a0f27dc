#include "export/SavePrompt.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

void promptAndSave(QWidget *parent, const SaveDialogText &dialog, const QString &failureTitle,
                   const SaveToPath &save)
{
    const QString path =
        QFileDialog::getSaveFileName(parent, dialog.title, dialog.suggestedName, dialog.filter);
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
