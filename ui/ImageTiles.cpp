#include "ui/ImageTiles.h"

#include <QPainter>
#include <QPixmap>

namespace {
constexpr int kFrame = 3; // border width in pixels
constexpr int kFrameRole = Qt::UserRole + 10;
} // namespace

ImageTileList::ImageTileList(int thumbnail, QWidget *parent)
    : QListWidget(parent), m_thumbnail(thumbnail)
{
    setViewMode(QListView::IconMode);
    setIconSize(QSize(thumbnail + 2 * kFrame, thumbnail + 2 * kFrame));
    // Two caption lines under each tile.
    setGridSize(QSize(thumbnail + 2 * kFrame + 36, thumbnail + 2 * kFrame + 40));
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setSelectionMode(QAbstractItemView::NoSelection);
    setUniformItemSizes(true);
    setWordWrap(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
}

void ImageTileList::addTile(const QImage &image, const QString &caption, const QColor &frame,
                            const QString &toolTip)
{
    const int side = m_thumbnail + 2 * kFrame;
    QPixmap tile(side, side);
    tile.fill(frame);
    {
        QPainter painter(&tile);
        // Small images (32x32) are enlarged without smoothing so their pixels stay visible.
        const QImage scaled = image.scaled(m_thumbnail, m_thumbnail, Qt::KeepAspectRatio,
                                           image.width() < m_thumbnail ? Qt::FastTransformation
                                                                       : Qt::SmoothTransformation);
        painter.fillRect(kFrame, kFrame, m_thumbnail, m_thumbnail, Qt::white);
        painter.drawImage(kFrame + (m_thumbnail - scaled.width()) / 2,
                          kFrame + (m_thumbnail - scaled.height()) / 2, scaled);
    }
    auto *item = new QListWidgetItem(QIcon(tile), caption);
    item->setData(kFrameRole, frame);
    item->setToolTip(toolTip.isEmpty() ? caption : toolTip);
    item->setFlags(Qt::ItemIsEnabled);
    addItem(item);
}

QColor ImageTileList::frameColor(int row) const
{
    const QListWidgetItem *tile = item(row);
    return tile ? tile->data(kFrameRole).value<QColor>() : QColor();
}

bool saveWidgetPng(QWidget *widget, const QString &path, QString *error)
{
    const QPixmap picture = widget->grab();
    if (picture.isNull() || !picture.save(path, "PNG")) {
        if (error)
            *error = QObject::tr("Could not write %1. Check that the folder exists, that you may "
                                 "write there and that the disk is not full.")
                         .arg(path);
        return false;
    }
    return true;
}
