#include "images/ImageTiles.h"
#include "export/ImageFiles.h"

#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace {
constexpr int kFrame = 3; // border width in pixels
constexpr int kFrameRole = Qt::UserRole + 10;
constexpr int kCaptionRole = Qt::UserRole + 11;
constexpr int kCaptionLines = 3;
} // namespace

ImageTileList::ImageTileList(int thumbnail, QWidget *parent)
    : QListWidget(parent), m_thumbnail(thumbnail)
{
    setViewMode(QListView::IconMode);
    // The caption is painted into the tile: a list view elides multi-line item text.
    setIconSize(tileSize());
    setGridSize(tileSize() + QSize(8, 8));
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setSelectionMode(QAbstractItemView::NoSelection);
    setUniformItemSizes(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
}

QSize ImageTileList::tileSize() const
{
    const int lineHeight = fontMetrics().height();
    return QSize(std::max(m_thumbnail + 2 * kFrame, 120),
                 m_thumbnail + 2 * kFrame + 2 + kCaptionLines * lineHeight);
}

void ImageTileList::addTile(const QImage &image, const QString &caption, const QColor &frame,
                            const QString &toolTip)
{
    const QSize size = tileSize();
    const int side = m_thumbnail + 2 * kFrame;
    QPixmap tile(size);
    tile.fill(Qt::transparent);
    {
        QPainter painter(&tile);
        const int left = (size.width() - side) / 2;
        painter.fillRect(left, 0, side, side, frame);
        painter.fillRect(left + kFrame, kFrame, m_thumbnail, m_thumbnail, Qt::white);
        // Small images (32x32) are enlarged without smoothing so their pixels stay visible.
        const QImage scaled = image.scaled(m_thumbnail, m_thumbnail, Qt::KeepAspectRatio,
                                           image.width() < m_thumbnail ? Qt::FastTransformation
                                                                       : Qt::SmoothTransformation);
        painter.drawImage(left + kFrame + (m_thumbnail - scaled.width()) / 2,
                          kFrame + (m_thumbnail - scaled.height()) / 2, scaled);
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::Text));
        const QFontMetrics metrics = fontMetrics();
        const QStringList lines = caption.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size() && i < kCaptionLines; ++i) {
            const QRect line(0, side + 2 + i * metrics.height(), size.width(), metrics.height());
            painter.drawText(line, Qt::AlignHCenter | Qt::AlignVCenter,
                             metrics.elidedText(lines[i], Qt::ElideRight, size.width()));
        }
    }
    auto *item = new QListWidgetItem(QIcon(tile), QString());
    item->setData(kFrameRole, frame);
    item->setData(kCaptionRole, caption);
    item->setToolTip(toolTip.isEmpty() ? caption : toolTip);
    item->setFlags(Qt::ItemIsEnabled);
    addItem(item);
}

QString ImageTileList::caption(int row) const
{
    const QListWidgetItem *tile = item(row);
    return tile ? tile->data(kCaptionRole).toString() : QString();
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
            *error = writeFailedMessage(path);
        return false;
    }
    return true;
}
