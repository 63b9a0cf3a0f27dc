#include "export/ImageFiles.h"

#include <QImage>
#include <QObject>

QString writeFailedMessage(const QString &path)
{
    return QObject::tr("Could not write %1. Check that the folder exists, that you may write "
                       "there and that the disk is not full.")
        .arg(path);
}

bool saveImagePng(const QImage &image, const QString &path, QString *error)
{
    if (!image.isNull() && image.save(path, "PNG"))
        return true;
    if (error)
        *error = writeFailedMessage(path);
    return false;
}
