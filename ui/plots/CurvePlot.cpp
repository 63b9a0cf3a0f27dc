#include "plots/CurvePlot.h"

#include "plots/PlotLegend.h"

#include <QToolTip>

#include <cmath>
#include <limits>

namespace {
constexpr int kReplotIntervalMs = 40; // at most 25 replots per second
constexpr double kHoverRadiusPx = 24;
} // namespace

CurvePlot::CurvePlot(const QString &xLabel, const QString &yLabel, QWidget *parent)
    : QCustomPlot(parent)
{
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setMouseTracking(true);
    xAxis->setLabel(xLabel);
    yAxis->setLabel(yLabel);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    legend->setFont(legendFont);
    PlotLegend::of(this); // below the axes, never over the curves
    createEmptyText();
    setNoAntialiasingOnDrag(true);
    m_replotTimer.setSingleShot(true);
    m_replotTimer.setInterval(kReplotIntervalMs);
    connect(&m_replotTimer, &QTimer::timeout, this, &CurvePlot::replotNow);
}

void CurvePlot::createEmptyText()
{
    // In the axis rect's inset layout, not an item: the plots clear their items on every rebuild.
    m_emptyText = new QCPTextElement(this, tr("No data yet"));
    m_emptyText->setObjectName(QStringLiteral("emptyText"));
    m_emptyText->setTextColor(QColor(0x80, 0x80, 0x80));
    axisRect()->insetLayout()->addElement(m_emptyText, Qt::AlignCenter);
    connect(this, &QCustomPlot::beforeReplot, this,
            [this] { m_emptyText->setVisible(!m_emptyText->text().isEmpty() && !hasData()); });
}

void CurvePlot::setEmptyText(const QString &text)
{
    m_emptyText->setText(text);
}

bool CurvePlot::emptyTextShown() const
{
    return m_emptyText->visible() && !m_emptyText->text().isEmpty();
}

bool CurvePlot::hasData() const
{
    for (int i = 0; i < graphCount(); ++i)
        if (!graph(i)->data()->isEmpty())
            return true;
    return false;
}

void CurvePlot::scheduleReplot()
{
    if (!m_replotTimer.isActive())
        m_replotTimer.start();
}

void CurvePlot::resetView()
{
    m_follow = true;
    replotNow();
}

void CurvePlot::setYClamp(double lower, double upper)
{
    m_clampLower = lower;
    m_clampUpper = upper;
}

void CurvePlot::useEpochAxis(double lowest)
{
    m_xLowest = lowest;
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(ticker);
}

void CurvePlot::useLogYAxis()
{
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    ticker->setLogBase(10);
    yAxis->setTicker(ticker);
    yAxis->setNumberFormat(QStringLiteral("eb")); // 1e-6 as 10⁻⁶
    yAxis->setNumberPrecision(0);
}

void CurvePlot::fitAxes()
{
    if (!hasData())
        return;
    rescaleAxes(true);
    // A little air around the data; a single point still gets a visible range.
    QCPRange x = xAxis->range(), y = yAxis->range();
    const double dx = std::max(x.size() * 0.02, 0.5);
    xAxis->setRange(std::max(x.lower - dx, m_xLowest), x.upper + dx);
    if (yAxis->scaleType() == QCPAxis::stLogarithmic) {
        // Additive air would cross zero; multiply instead, and show at least two decades so
        // the axis has labelled powers of ten.
        const double factor = std::max(1.6, std::sqrt(100 / std::max(y.upper / y.lower, 1.0)));
        yAxis->setRange(std::max(y.lower / factor, m_clampLower),
                        std::min(y.upper * factor, m_clampUpper));
        return;
    }
    const double dy = std::max(y.size() * 0.06, 1e-3);
    yAxis->setRange(std::max(y.lower - dy, m_clampLower), std::min(y.upper + dy, m_clampUpper));
}

void CurvePlot::replotNow()
{
    m_replotTimer.stop();
    if (m_follow)
        fitAxes();
    ++m_replots;
    replot(QCustomPlot::rpQueuedReplot);
}

void CurvePlot::mousePressEvent(QMouseEvent *event)
{
    m_follow = false; // the user takes over the view
    QCustomPlot::mousePressEvent(event);
}

void CurvePlot::wheelEvent(QWheelEvent *event)
{
    m_follow = false;
    QCustomPlot::wheelEvent(event);
}

void CurvePlot::mouseDoubleClickEvent(QMouseEvent *event)
{
    QCustomPlot::mouseDoubleClickEvent(event);
    resetView();
}

void CurvePlot::leaveEvent(QEvent *event)
{
    QToolTip::hideText();
    QCustomPlot::leaveEvent(event);
}

void CurvePlot::mouseMoveEvent(QMouseEvent *event)
{
    QCustomPlot::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    const QPointF pos = event->position();
    const double key = xAxis->pixelToCoord(pos.x());
    double bestDistance = kHoverRadiusPx;
    const bool logY = yAxis->scaleType() == QCPAxis::stLogarithmic;
    QString text;
    for (int i = 0; i < graphCount(); ++i) {
        QCPGraph *g = graph(i);
        if (!g->visible() || g->data()->isEmpty())
            continue;
        // The nearest points in key are the one found and the one before it.
        auto it = g->data()->findBegin(key, false);
        for (auto candidate : {it, it == g->data()->constBegin() ? it : it - 1}) {
            if (candidate == g->data()->constEnd())
                continue;
            const double px = xAxis->coordToPixel(candidate->key);
            const double py = yAxis->coordToPixel(candidate->value);
            const double distance = std::hypot(px - pos.x(), py - pos.y());
            if (distance < bestDistance) {
                bestDistance = distance;
                text =
                    QStringLiteral("%1\n%2 %3: %4")
                        .arg(g->property(kHoverName).isValid() ? g->property(kHoverName).toString()
                                                               : g->name(),
                             xAxis->label())
                        .arg(candidate->key, 0, 'g', 6)
                        .arg(candidate->value, 0, logY ? 'g' : 'f', logY ? 3 : 4);
            }
        }
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}
