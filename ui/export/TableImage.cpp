#include "export/TableImage.h"

#include "tables/TableRoles.h"

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

// Fonts, paddings and column widths, in pixels of the image.
struct TableLayout
{
    QFont regular, bold;
    qreal padX = 0, rowHeight = 0;
    QList<qreal> widths; // per shown column, padding included
    QRectF table;        // header row and body, inside the margin
};

// Every column as wide as its widest text in bold, so a best value never overflows.
TableLayout layoutTable(const QAbstractItemModel *model, const QList<int> &columns, qreal scale)
{
    TableLayout layout;
    layout.regular = QFont(QStringLiteral("Sans Serif"));
    layout.regular.setPixelSize(int(std::lround(15 * scale)));
    layout.bold = layout.regular;
    layout.bold.setBold(true);
    const QFontMetricsF boldMetrics(layout.bold);
    const qreal padY = 8 * scale, margin = 12 * scale;
    layout.padX = 14 * scale;
    layout.rowHeight = boldMetrics.height() + 2 * padY;
    const int rows = model->rowCount();

    for (int column : columns) {
        qreal width = boldMetrics.horizontalAdvance(headerText(model, column));
        for (int row = 0; row < rows; ++row)
            width = std::max(
                width, boldMetrics.horizontalAdvance(model->index(row, column).data().toString()));
        layout.widths << width + 2 * layout.padX;
    }
    qreal tableWidth = 0;
    for (qreal w : layout.widths)
        tableWidth += w;
    layout.table = QRectF(margin, margin, tableWidth, layout.rowHeight * (rows + 1));
    return layout;
}

void paintFills(QPainter &painter, const TableLayout &layout, int rows)
{
    const QRectF &table = layout.table;
    const QColor headerFill(0xe8, 0xee, 0xf6), stripeFill(0xf7, 0xf7, 0xf7);
    painter.fillRect(QRectF(table.left(), table.top(), table.width(), layout.rowHeight),
                     headerFill);
    for (int row = 1; row < rows; row += 2)
        painter.fillRect(QRectF(table.left(), table.top() + layout.rowHeight * (row + 1),
                                table.width(), layout.rowHeight),
                         stripeFill);
}

// Row -1 is the header: bold and centred; in the body, cells of tablerole::Best are bold.
void paintRow(QPainter &painter, const TableLayout &layout, const QAbstractItemModel *model,
              const QList<int> &columns, int row)
{
    const bool header = row < 0;
    const qreal y = layout.table.top() + layout.rowHeight * (row + 1);
    qreal x = layout.table.left();
    for (int i = 0; i < columns.size(); ++i) {
        const int column = columns[i];
        QString text;
        bool isBold = header;
        if (header) {
            text = headerText(model, column);
        } else {
            const QModelIndex index = model->index(row, column);
            text = index.data().toString();
            isBold = index.data(tablerole::Best).toBool();
        }
        painter.setFont(isBold ? layout.bold : layout.regular);
        painter.setPen(Qt::black);
        const Qt::Alignment align =
            (i == 0 ? Qt::AlignLeft : (header ? Qt::AlignHCenter : Qt::AlignRight)) |
            Qt::AlignVCenter;
        painter.drawText(
            QRectF(x + layout.padX, y, layout.widths[i] - 2 * layout.padX, layout.rowHeight), align,
            text);
        x += layout.widths[i];
    }
}

// Rules as in a printed table: heavy top and bottom, light under the header and between
// columns.
void paintRules(QPainter &painter, const TableLayout &layout, int rows, qreal scale)
{
    const QRectF &table = layout.table;
    const qreal rowHeight = layout.rowHeight;
    const QColor rule(0x33, 0x33, 0x33);
    painter.setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 1 * scale));
    qreal x = table.left();
    for (int i = 0; i + 1 < layout.widths.size(); ++i) {
        x += layout.widths[i];
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
}

} // namespace

QImage renderTableImage(const QAbstractItemModel *model, const QList<int> &columns, qreal scale)
{
    const TableLayout layout = layoutTable(model, columns, scale);
    const int rows = model->rowCount();
    const qreal margin = layout.table.left();
    const QSize size(int(std::ceil(layout.table.width() + 2 * margin)),
                     int(std::ceil(layout.table.height() + 2 * margin)));
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);

    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setRenderHint(QPainter::Antialiasing);
    paintFills(painter, layout, rows);
    for (int row = -1; row < rows; ++row)
        paintRow(painter, layout, model, columns, row);
    paintRules(painter, layout, rows, scale);
    return image;
}
