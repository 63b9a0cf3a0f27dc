#include "export/Exports.h"

#include "export/ImageFiles.h"
#include "export/TableImage.h"
#include "normlab/ResultsCsv.h"
#include "tables/RunTableModel.h"

#include <QImage>

#include <exception>

bool exportResultsCsv(const QString &path, const std::vector<normlab::RunResult> &results,
                      QString *error)
{
    try {
        normlab::writeResultsCsv(path.toStdString(), results);
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        if (error && !error->contains(path))
            *error = QObject::tr("Could not write %1: %2").arg(path, *error);
        return false;
    }
}

bool exportTablePng(const QString &path, const QAbstractItemModel *table, QString *error)
{
    const QImage image = renderTableImage(table, {RunTableModel::Model, RunTableModel::ValLoss,
                                                  RunTableModel::ValAcc, RunTableModel::TestLoss,
                                                  RunTableModel::TestAcc});
    return saveImagePng(image, path, error);
}
