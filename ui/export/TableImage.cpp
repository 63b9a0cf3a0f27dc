#include "export/TableImage.h"

#include "tables/RunTableModel.h"

#include <QAbstractItemModel>
#include <QFont>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {
// The view may wrap its headers; a slide shows each on one line.
QString headerText(const QAbstractItemModel *model, int column)
{
    return model->headerData(column, Qt::Horizontal, Qt::DisplayRole)
        .toString()
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
}
} // namespace

QImage renderTableImage(const QAbstractItemModel *model, const QList<int> &columns, qreal scale)
{
    QFont regular(QStringLiteral("Sans Serif"));
    regular.setPixelSize(int(std::lround(15 * scale)));
    QFont bold = regular;
    bold.setBold(true);
    const QFontMetricsF regularMetrics(regular), boldMetrics(bold);
    const qreal padX = 14 * scale, padY = 8 * scale, margin = 12 * scale;
    const qreal rowHeight = boldMetrics.height() + 2 * padY;
    const int rows = model->rowCount();

    QList<qreal> widths;
    for (int column : columns) {
        qreal width = boldMetrics.horizontalAdvance(headerText(model, column));
        for (int row = 0; row < rows; ++row)
            width = std::max(
                width, boldMetrics.horizontalAdvance(model->index(row, column).data().toString()));
        widths << width + 2 * padX;
    }
    qreal tableWidth = 0;
    for (qreal w : widths)
        tableWidth += w;
    const QSize size(int(std::ceil(tableWidth + 2 * margin)),
                     int(std::ceil(rowHeight * (rows + 1) + 2 * margin)));
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);

    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor headerFill(0xe8, 0xee, 0xf6), stripeFill(0xf7, 0xf7, 0xf7), rule(0x33, 0x33, 0x33);
    const QRectF table(margin, margin, tableWidth, rowHeight * (rows + 1));
    painter.fillRect(QRectF(table.left(), table.top(), tableWidth, rowHeight), headerFill);
    for (int row = 1; row < rows; row += 2)
        painter.fillRect(
            QRectF(table.left(), table.top() + rowHeight * (row + 1), tableWidth, rowHeight),
            stripeFill);

    auto drawRow = [&](int row, qreal y) {
        qreal x = table.left();
        for (int i = 0; i < columns.size(); ++i) {
            const int column = columns[i];
            const bool header = row < 0;
            QString text;
            bool isBold = header;
            if (header) {
                text = headerText(model, column);
            } else {
                const QModelIndex index = model->index(row, column);
                text = index.data().toString();
                isBold = index.data(RunTableModel::BestRole).toBool();
            }
            painter.setFont(isBold ? bold : regular);
            painter.setPen(Qt::black);
            const Qt::Alignment align =
                (i == 0 ? Qt::AlignLeft : (header ? Qt::AlignHCenter : Qt::AlignRight)) |
                Qt::AlignVCenter;
            painter.drawText(QRectF(x + padX, y, widths[i] - 2 * padX, rowHeight), align, text);
            x += widths[i];
        }
    };
    drawRow(-1, table.top());
    for (int row = 0; row < rows; ++row)
        drawRow(row, table.top() + rowHeight * (row + 1));

    // Rules as in a printed table: heavy top and bottom, light under the header and between
    // columns.
    painter.setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 1 * scale));
    qreal x = table.left();
    for (int i = 0; i + 1 < widths.size(); ++i) {
        x += widths[i];
        painter.drawLine(QPointF(x, table.top()), QPointF(x, table.bottom()));
    }
    for (int row = 2; row <= rows; ++row)
        painter.drawLine(QPointF(table.left(), table.top() + rowHeight * row),
                         QPointF(table.right(), table.top() + rowHeight * row));
    painter.setPen(QPen(rule, 1.2 * scale));
    painter.drawLine(QPointF(table.left(), table.top() + rowHeight),
                     QPointF(table.right(), table.top() + rowHeight));
    painter.setPen(QPen(rule, 2 * scale));
    painter.drawLine(table.topLeft(), table.topRight());
    painter.drawLine(table.bottomLeft(), table.bottomRight());
    return image;
}
