#include "plots/PlotLegend.h"

#include <QFontMetrics>

#include <algorithm>

namespace {

constexpr const char *kLegendEntry = "legendEntry";

/// A key line: the pen's line with the marker in its middle (when any), then the text.
class LegendKeyItem : public QCPAbstractLegendItem
{
public:
    LegendKeyItem(QCPLegend *legend, LegendKey key)
        : QCPAbstractLegendItem(legend), m_key(std::move(key))
    {
        setSelectable(false);
    }
    const QString &text() const { return m_key.text; }

protected:
    bool hasIcon() const { return m_key.pen.style() != Qt::NoPen || !m_key.scatter.isNone(); }
    QRect textRect() const
    {
        return QFontMetrics(mFont).boundingRect(0, 0, 0, mParentLegend->iconSize().height(),
                                                Qt::TextDontClip, m_key.text);
    }
    QSize minimumOuterSizeHint() const override
    {
        const QSize icon = mParentLegend->iconSize();
        const QRect text = textRect();
        const int width =
            (hasIcon() ? icon.width() + mParentLegend->iconTextPadding() : 0) + text.width();
        return QSize(width + mMargins.left() + mMargins.right(),
                     std::max(text.height(), icon.height()) + mMargins.top() + mMargins.bottom());
    }
    void draw(QCPPainter *painter) override
    {
        const QSize icon = mParentLegend->iconSize();
        const int height = std::max(textRect().height(), icon.height());
        int x = mRect.x();
        if (hasIcon()) {
            const double middle = mRect.y() + height / 2.0;
            painter->setPen(m_key.pen);
            painter->drawLine(QLineF(x, middle, x + icon.width(), middle));
            if (!m_key.scatter.isNone()) {
                m_key.scatter.applyTo(painter, m_key.pen);
                m_key.scatter.drawShape(painter, QPointF(x + icon.width() / 2.0, middle));
            }
            x += icon.width() + mParentLegend->iconTextPadding();
        }
        painter->setFont(mFont);
        painter->setPen(QPen(mTextColor));
        painter->drawText(QRect(x, mRect.y(), textRect().width(), height),
                          Qt::TextDontClip | Qt::AlignVCenter, m_key.text);
    }

private:
    LegendKey m_key;
};

int rowOf(QCPLayoutGrid *layout, QCPLayoutElement *element)
{
    for (int row = 0; row < layout->rowCount(); ++row)
        for (int column = 0; column < layout->columnCount(); ++column)
            if (layout->element(row, column) == element)
                return row;
    return -1;
}

} // namespace

PlotLegend::PlotLegend(QCustomPlot *plot) : QObject(plot), m_plot(plot)
{
    setObjectName(QStringLiteral("plotLegend"));
    plot->setAutoAddPlottableToLegend(false);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setBrush(Qt::NoBrush);
    plot->legend->setColumnSpacing(14);
    plot->legend->setRowSpacing(0);
    connect(plot, &QCustomPlot::beforeReplot, this, [this] { arrange(m_plot->size()); });
    arrange(plot->size());
}

PlotLegend *PlotLegend::of(QCustomPlot *plot)
{
    if (auto *existing = plot->findChild<PlotLegend *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new PlotLegend(plot);
}

void PlotLegend::addEntry(QCPAbstractPlottable *plottable)
{
    plottable->setProperty(kLegendEntry, true);
}

void PlotLegend::setKey(const std::vector<LegendKey> &key)
{
    m_key = key;
}

QStringList PlotLegend::texts() const
{
    QStringList texts;
    for (int i = 0; i < m_plot->legend->itemCount(); ++i) {
        QCPAbstractLegendItem *item = m_plot->legend->item(i);
        if (auto *entry = qobject_cast<QCPPlottableLegendItem *>(item))
            texts << entry->plottable()->name();
        else if (auto *key = dynamic_cast<LegendKeyItem *>(item))
            texts << key->text();
    }
    return texts;
}

std::vector<QCPAbstractPlottable *> PlotLegend::entriesWithData() const
{
    std::vector<QCPAbstractPlottable *> entries;
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = m_plot->plottable(i);
        const QCPPlottableInterface1D *data = plottable->interface1D();
        if (plottable->property(kLegendEntry).toBool() && (!data || data->dataCount() > 0))
            entries.push_back(plottable);
    }
    return entries;
}

void PlotLegend::placeBelowAxes(bool shown)
{
    QCPLegend *legend = m_plot->legend;
    QCPLayoutGrid *layout = m_plot->plotLayout();
    const bool placed = legend->layout() == layout;
    if (!placed && legend->layout())
        legend->layout()->take(legend); // out of the axis rect's inset, where it covers data
    if (shown && !placed) {
        const int row = rowOf(layout, m_plot->axisRect()) + 1;
        layout->insertRow(row);
        layout->addElement(row, 0, legend);
        layout->setRowStretchFactor(row, 0.001); // as tall as its entries, no taller
    } else if (!shown && placed) {
        layout->take(legend);
        layout->simplify();
    }
}

void PlotLegend::arrange(const QSize &plotSize)
{
    QCPLegend *legend = m_plot->legend;
    legend->clearItems();
    const std::vector<QCPAbstractPlottable *> entries = entriesWithData();
    const bool shown = !entries.empty();
    placeBelowAxes(shown);
    legend->setVisible(shown);
    m_hidden = 0;
    if (!shown)
        return;
    std::vector<QCPAbstractLegendItem *> entryItems, keyItems;
    for (QCPAbstractPlottable *plottable : entries)
        entryItems.push_back(new QCPPlottableLegendItem(legend, plottable));
    for (const LegendKey &key : m_key)
        keyItems.push_back(new LegendKeyItem(legend, key));
    QSize cell(1, 1);
    for (const auto *items : {&entryItems, &keyItems})
        for (QCPAbstractLegendItem *item : *items)
            cell = cell.expandedTo(item->minimumOuterSizeHint());
    const QMargins margins = legend->margins();
    const int spacing = legend->columnSpacing();
    const int columns =
        std::max(1, (plotSize.width() - margins.left() - margins.right() + spacing) /
                        (cell.width() + spacing));
    const int rowsThatFit = int(plotSize.height() * kMaxHeightShare) / cell.height();
    const int rows = std::clamp(rowsThatFit, 1, kMaxRows);
    const int keyRows = (int(keyItems.size()) + columns - 1) / columns;
    const int entryRows = std::max(1, rows - keyRows);
    if (int(entryItems.size()) > entryRows * columns) {
        // The first entries stay; one cell says how many more there are.
        const int kept = std::max(1, entryRows * columns - 1);
        m_hidden = int(entryItems.size()) - kept;
        for (size_t i = size_t(kept); i < entryItems.size(); ++i)
            delete entryItems[i];
        entryItems.resize(size_t(kept));
        entryItems.push_back(new LegendKeyItem(
            legend, {tr("+%1 more").arg(m_hidden), QPen(Qt::NoPen), QCPScatterStyle()}));
    }
    // Entries fill rows left to right; the key starts on a row of its own.
    legend->setWrap(0);
    int index = 0;
    for (QCPAbstractLegendItem *item : entryItems) {
        legend->addElement(index / columns, index % columns, item);
        ++index;
    }
    const int keyRow = (index + columns - 1) / columns;
    for (size_t i = 0; i < keyItems.size(); ++i)
        legend->addElement(keyRow + int(i) / columns, int(i) % columns, keyItems[i]);
}

QPixmap PlotLegend::render(QCustomPlot *plot, int width, int height)
{
    PlotLegend *legend = of(plot);
    legend->arrange(QSize(width, height));
    const QPixmap pixmap = plot->toPixmap(width, height);
    legend->arrange(plot->size());
    return pixmap;
}

bool legendHasEntries(const QCPLegend *legend)
{
    for (int i = 0; i < legend->itemCount(); ++i) {
        auto *entry = qobject_cast<QCPPlottableLegendItem *>(legend->item(i));
        const QCPPlottableInterface1D *data = entry ? entry->plottable()->interface1D() : nullptr;
        if (entry && (!data || data->dataCount() > 0))
            return true;
    }
    return false;
}

void keepLegendOnlyWithEntries(QCustomPlot *plot)
{
    PlotLegend::of(plot);
}
