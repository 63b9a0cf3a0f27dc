#include "window/Icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <functional>

namespace {

using Painter = std::function<void(QPainter &)>;

// Every icon is drawn on a 24 x 24 grid and scaled to the pixmap size.
QIcon render(const Painter &paint)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 24.0, size / 24.0);
        paint(painter);
        icon.addPixmap(pixmap);
    }
    return icon;
}

QPen pen(const char *color, double width)
{
    QPen p{QColor(QLatin1String(color)), width};
    p.setJoinStyle(Qt::RoundJoin);
    p.setCapStyle(Qt::RoundCap);
    return p;
}

void drawTrain(QPainter &p)
{
    QPainterPath triangle;
    triangle.moveTo(7, 4.5);
    triangle.lineTo(7, 19.5);
    triangle.lineTo(19.5, 12);
    triangle.closeSubpath();
    p.setPen(pen("#1b5e20", 1));
    p.setBrush(QColor(0x2e, 0x7d, 0x32));
    p.drawPath(triangle);
}

void drawStop(QPainter &p)
{
    p.setPen(pen("#8e0000", 1));
    p.setBrush(QColor(0xc6, 0x28, 0x28));
    p.drawRoundedRect(QRectF(5.5, 5.5, 13, 13), 2, 2);
}

void drawOpen(QPainter &p)
{
    p.setPen(pen("#8d6e00", 1.3));
    p.setBrush(QColor(0xff, 0xe0, 0x82));
    p.drawPolygon(QPolygonF({{2.5, 18.5},
                             {2.5, 5.5},
                             {8.5, 5.5},
                             {10.5, 7.5},
                             {17.5, 7.5},
                             {17.5, 10.5},
                             {6.5, 10.5}}));
    p.setBrush(QColor(0xff, 0xca, 0x28));
    p.drawPolygon(QPolygonF({{6.5, 10.5}, {21.5, 10.5}, {18.5, 18.5}, {2.5, 18.5}}));
}

void drawSave(QPainter &p)
{
    p.setPen(pen("#0d47a1", 1.3));
    p.setBrush(QColor(0x42, 0xa5, 0xf5));
    p.drawPolygon(QPolygonF({{4, 3.5}, {17, 3.5}, {20.5, 7}, {20.5, 20.5}, {4, 20.5}}));
    p.setBrush(QColor(0xe3, 0xf2, 0xfd));
    p.drawRect(QRectF(7.5, 3.5, 8, 5.5));
    p.setBrush(Qt::white);
    p.drawRect(QRectF(7, 13, 10, 7.5));
}

void drawCsv(QPainter &p)
{
    p.setPen(pen("#2e7d32", 1.3));
    p.setBrush(Qt::white);
    p.drawPolygon(QPolygonF({{5, 2.5}, {15, 2.5}, {19, 6.5}, {19, 21.5}, {5, 21.5}}));
    p.setPen(pen("#2e7d32", 1.1));
    for (double y : {10.0, 13.0, 16.0})
        p.drawLine(QPointF(8, y), QPointF(16, y));
    p.drawLine(QPointF(11, 8), QPointF(11, 18));
}

void drawTable(QPainter &p)
{
    p.setPen(pen("#37474f", 1.2));
    p.setBrush(Qt::white);
    p.drawRect(QRectF(3, 4.5, 18, 15));
    p.setBrush(QColor(0x90, 0xca, 0xf9));
    p.drawRect(QRectF(3, 4.5, 18, 4));
    p.drawLine(QPointF(3, 12.5), QPointF(21, 12.5));
    p.drawLine(QPointF(3, 16), QPointF(21, 16));
    p.drawLine(QPointF(9, 4.5), QPointF(9, 19.5));
}

void drawPlot(QPainter &p)
{
    p.setPen(pen("#37474f", 1.4));
    p.drawPolyline(QPolygonF({{3.5, 3}, {3.5, 20.5}, {21.5, 20.5}}));
    QPainterPath falling(QPointF(5, 6));
    falling.cubicTo(8, 15, 11, 16, 20, 17);
    p.setPen(pen("#1f77b4", 2));
    p.drawPath(falling);
    QPainterPath rising(QPointF(5, 17));
    rising.cubicTo(8, 9, 12, 8, 20, 7);
    QPen dashed = pen("#ff7f0e", 2);
    dashed.setStyle(Qt::DashLine);
    p.setPen(dashed);
    p.drawPath(rising);
}

void drawReset(QPainter &p)
{
    p.setPen(pen("#37474f", 1.8));
    p.drawPolyline(QPolygonF({{3, 8.5}, {3, 3.5}, {8, 3.5}}));
    p.drawPolyline(QPolygonF({{21, 8.5}, {21, 3.5}, {16, 3.5}}));
    p.drawPolyline(QPolygonF({{3, 15.5}, {3, 20.5}, {8, 20.5}}));
    p.drawPolyline(QPolygonF({{21, 15.5}, {21, 20.5}, {16, 20.5}}));
    p.setPen(pen("#1565c0", 1.2));
    p.setBrush(QColor(0x90, 0xca, 0xf9));
    p.drawRect(QRectF(8, 8, 8, 8));
}

void drawAppIcon(QPainter &p)
{
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x15, 0x65, 0xc0));
    p.drawRoundedRect(QRectF(0.5, 0.5, 23, 23), 4.5, 4.5);
    QPainterPath bell(QPointF(3, 18));
    bell.cubicTo(7, 18, 8, 5, 12, 5);
    bell.cubicTo(16, 5, 17, 18, 21, 18);
    p.setPen(pen("#ffffff", 2));
    p.setBrush(Qt::NoBrush);
    p.drawPath(bell);
    p.setPen(pen("#90caf9", 1.2));
    p.drawLine(QPointF(3, 20), QPointF(21, 20));
}

} // namespace

QIcon paintedIcon(const QString &name)
{
    static const std::pair<const char *, void (*)(QPainter &)> painters[] = {
        {"train", drawTrain}, {"stop", drawStop},   {"open", drawOpen},
        {"save", drawSave},   {"csv", drawCsv},     {"table", drawTable},
        {"plot", drawPlot},   {"reset", drawReset}, {"normlab", drawAppIcon},
    };
    for (const auto &[key, paint] : painters)
        if (name == QLatin1String(key))
            return render(paint);
    return {};
}
