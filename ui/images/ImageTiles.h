#pragma once
// Labelled image thumbnails for the image views: a grid of framed tiles with a caption under
// each (red frame: a mistake), and saving a widget as PNG.

#include <QColor>
#include <QImage>
#include <QListWidget>
#include <QString>

/// Frame colours of a tile.
namespace tilecolors {
const QColor kCorrect(46, 125, 50);
const QColor kMistake(211, 47, 47);
const QColor kNeutral(158, 158, 158);
} // namespace tilecolors

/// An icon-mode list of image tiles; grows with the widget, never editable or draggable.
class ImageTileList : public QListWidget
{
    Q_OBJECT
public:
    explicit ImageTileList(int thumbnail = 72, QWidget *parent = nullptr);

    /// Appends `image`, scaled to the thumbnail size, inside a `frame`-coloured border, with
    /// `caption` (up to three lines, separated by \n) painted under it.
    void addTile(const QImage &image, const QString &caption, const QColor &frame,
                 const QString &toolTip = {});
    /// The frame colour of tile `row` (for tests and exports).
    QColor frameColor(int row) const;
    QString caption(int row) const;

private:
    QSize tileSize() const;

    int m_thumbnail;
};

/// Renders `widget` (QWidget::grab) to `path`. False with `error` naming the path.
bool saveWidgetPng(QWidget *widget, const QString &path, QString *error);
