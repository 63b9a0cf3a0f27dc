#include "plots/PlotPanel.h"

#include "export/ImageFiles.h"
#include "plots/BatchLossPlot.h"
#include "plots/CurvePlot.h"
#include "plots/EpochMarkers.h"
#include "plots/PlotLegend.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSlider>

#include <array>

using namespace normlab;

namespace {

struct Split
{
    const char *label;
    Qt::PenStyle style;
    double EpochMetrics::*loss;
    double EpochMetrics::*accuracy;
};

// Line style tells the split, colour tells the run.
const std::array<Split, 3> kSplits{{
    {QT_TRANSLATE_NOOP("PlotPanel", "train"), Qt::DashLine, &EpochMetrics::trainLoss,
     &EpochMetrics::trainAcc},
    {QT_TRANSLATE_NOOP("PlotPanel", "validation"), Qt::SolidLine, &EpochMetrics::valLoss,
     &EpochMetrics::valAcc},
    {QT_TRANSLATE_NOOP("PlotPanel", "test"), Qt::DotLine, &EpochMetrics::testLoss,
     &EpochMetrics::testAcc},
}};

const QColor kKeyColor(0x50, 0x50, 0x50);

/// The legend's key to the line styles: one entry per run names its colour, this says the rest.
std::vector<LegendKey> splitKey()
{
    std::vector<LegendKey> key;
    for (const Split &split : kSplits)
        key.push_back({PlotPanel::tr(split.label),
                       QPen(kKeyColor, split.style == Qt::SolidLine ? 2.2 : 1.6, split.style),
                       QCPScatterStyle()});
    return key;
}

std::vector<LegendKey> meanBandKey()
{
    return {{QObject::tr("validation mean, band ±1 std"), QPen(kKeyColor, 2.2), QCPScatterStyle()}};
}

} // namespace

PlotPanel::PlotPanel(QWidget *parent) : QWidget(parent)
{
    createPlots();
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_loss, 0, 0);
    grid->addWidget(m_accuracy, 0, 1);
    grid->addWidget(m_batch, 1, 0);
    grid->addWidget(m_gap, 1, 1);
    grid->addLayout(createControls(), 2, 0, 1, 2);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);
    setSmoothing(m_smoothing);
}

void PlotPanel::createPlots()
{
    m_loss = new CurvePlot(tr("epoch"), tr("loss"));
    m_loss->setObjectName(QStringLiteral("lossPlot"));
    m_loss->setYClamp(0, 1e300);
    m_accuracy = new CurvePlot(tr("epoch"), tr("accuracy"));
    m_accuracy->setObjectName(QStringLiteral("accuracyPlot"));
    m_accuracy->setYClamp(0, 1);
    m_batch = new BatchLossPlot;
    m_batch->setObjectName(QStringLiteral("batchPlot"));
    m_batch->setYClamp(0, 1e300);
    // Short enough to fit the axis in the smallest plot (a long label is clipped at both ends).
    m_gap = new CurvePlot(tr("epoch"), tr("val − train loss"));
    m_gap->setObjectName(QStringLiteral("gapPlot"));
    m_gap->setToolTip(tr("The generalization gap, validation loss − training loss: it grows when "
                         "the model starts to overfit."));
    for (CurvePlot *plot : {m_loss, m_accuracy, static_cast<CurvePlot *>(m_batch), m_gap})
        plot->setMinimumSize(240, 160);
    // Sensible axes before the first point arrives.
    for (CurvePlot *plot : {m_loss, m_accuracy, m_gap}) {
        plot->useEpochAxis(0.5);
        plot->xAxis->setRange(0.5, 10.5);
    }
    m_loss->yAxis->setRange(0, 2.5);
    m_accuracy->yAxis->setRange(0, 1);
    m_batch->xAxis->setRange(0, 100);
    m_batch->yAxis->setRange(0, 2.5);
    m_gap->yAxis->setRange(-0.5, 0.5);
}

QLayout *PlotPanel::createControls()
{
    m_smoothingSlider = new QSlider(Qt::Horizontal);
    m_smoothingSlider->setObjectName(QStringLiteral("smoothingSlider"));
    m_smoothingSlider->setRange(0, 99);
    m_smoothingSlider->setValue(int(m_smoothing * 100));
    m_smoothingSlider->setMaximumWidth(220);
    m_smoothingSlider->setToolTip(tr("Exponential moving average of the batch losses: each "
                                     "smoothed point keeps this share of the previous one."));
    m_smoothingLabel = new QLabel;
    connect(m_smoothingSlider, &QSlider::valueChanged, this,
            [this](int value) { setSmoothing(value / 100.0); });
    auto *reset = new QPushButton(tr("Reset view"));
    reset->setToolTip(tr("Fit all plots to their data again (Ctrl+0). Drag to pan, wheel to "
                         "zoom, double-click a plot to reset it."));
    connect(reset, &QPushButton::clicked, this, &PlotPanel::resetViews);
    auto *hint = new QLabel(tr("Drag: pan · Wheel: zoom · Double-click: fit · "
                               "train dashed, validation solid, test dotted · "
                               "vertical lines: best and early-stopping epoch"));
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    hint->setWordWrap(true); // wraps, so it neither widens the window nor squeezes the slider
    m_smoothingSlider->setMinimumWidth(100);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Smoothing")));
    controls->addWidget(m_smoothingSlider);
    controls->addWidget(m_smoothingLabel);
    controls->addSpacing(12);
    controls->addWidget(hint, 1);
    controls->addWidget(reset);
    return controls;
}

void PlotPanel::setRuns(const std::vector<RunCurves> &runs)
{
    for (CurvePlot *plot : {m_loss, m_accuracy, m_gap}) {
        plot->clearGraphs();
        plot->clearItems();
        plot->setEmptyText(tr("No data yet"));
    }
    for (CurvePlot *plot : {m_loss, m_accuracy})
        PlotLegend::of(plot)->setKey(splitKey());
    for (const RunCurves &run : runs) {
        QVector<double> gapEpochs, gaps;
        lossGap(run.history, gapEpochs, gaps);
        QCPGraph *gap = m_gap->addGraph();
        gap->setName(run.name);
        gap->setPen(QPen(run.color, 2));
        gap->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        gap->setData(gapEpochs, gaps, true);
        PlotLegend::addEntry(gap);
        const std::vector<EpochMarker> markers =
            epochMarkers(run.bestEpoch, run.stoppedEpoch, run.color);
        for (CurvePlot *plot : {m_loss, m_accuracy, m_gap})
            addEpochMarkers(plot, markers);
        for (const Split &split : kSplits) {
            QVector<double> epochs, losses, accuracies;
            for (const EpochMetrics &m : run.history) {
                epochs << m.epoch;
                losses << m.*split.loss;
                accuracies << m.*split.accuracy;
            }
            const QPen pen(run.color, split.style == Qt::SolidLine ? 2.2 : 1.6, split.style);
            const QString name = QStringLiteral("%1 · %2").arg(run.name, tr(split.label));
            for (auto [plot, values] :
                 {std::pair{m_loss, &losses}, std::pair{m_accuracy, &accuracies}}) {
                QCPGraph *graph = plot->addGraph();
                graph->setName(name);
                graph->setProperty(CurvePlot::kHoverName, name);
                graph->setPen(pen);
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
                graph->setData(epochs, *values, true);
                if (split.style == Qt::SolidLine) {
                    graph->setName(run.name); // the entry names the run; the key its style
                    PlotLegend::addEntry(graph);
                }
            }
        }
    }
    for (CurvePlot *plot : {m_loss, m_accuracy, m_gap})
        plot->scheduleReplot();
}

void PlotPanel::setGroups(const std::vector<GroupCurves> &groups)
{
    for (CurvePlot *plot : {m_loss, m_accuracy, m_gap}) {
        plot->clearGraphs();
        plot->clearItems();
    }
    for (CurvePlot *plot : {m_loss, m_accuracy})
        PlotLegend::of(plot)->setKey(meanBandKey());
    m_gap->setEmptyText(tr("The loss gap is drawn per run: turn off Group repeats"));
    for (const GroupCurves &group : groups) {
        // Short legend entries (validation mean, band ±std): long ones would cover the curves.
        const QString name = tr("%1 (n = %2)").arg(group.name).arg(group.histories.size());
        addMeanBand(m_loss, name, group.color, meanCurve(group.histories, &EpochMetrics::valLoss));
        addMeanBand(m_accuracy, name, group.color,
                    meanCurve(group.histories, &EpochMetrics::valAcc));
    }
    for (CurvePlot *plot : {m_loss, m_accuracy, m_gap})
        plot->scheduleReplot();
}

void PlotPanel::startBatchSeries(qint64 id, const QString &runName)
{
    m_batch->startSeries(id, runName);
}

void PlotPanel::addBatchLoss(qint64 id, double step, double loss, int epoch)
{
    m_batch->addLoss(id, step, loss, epoch);
}

void PlotPanel::dropBatchLossesAfter(qint64 id, int epoch)
{
    m_batch->dropAfterEpoch(id, epoch);
}

void PlotPanel::setBatchRuns(const std::vector<BatchRun> &runs)
{
    m_batch->showRuns(runs);
}

void PlotPanel::setSmoothing(double weight)
{
    m_smoothing = std::clamp(weight, 0.0, 0.99);
    m_smoothingLabel->setText(QString::number(m_smoothing, 'f', 2));
    if (m_smoothingSlider->value() != int(std::lround(m_smoothing * 100)))
        m_smoothingSlider->setValue(int(std::lround(m_smoothing * 100)));
    m_batch->setSmoothing(m_smoothing);
}

CurvePlot *PlotPanel::batchPlot() const
{
    return m_batch;
}

void PlotPanel::resetViews()
{
    for (CurvePlot *plot : {m_loss, m_accuracy, static_cast<CurvePlot *>(m_batch), m_gap})
        plot->resetView();
}

int PlotPanel::replotCount() const
{
    return m_loss->replotCount() + m_accuracy->replotCount() + m_batch->replotCount() +
           m_gap->replotCount();
}

QImage PlotPanel::image()
{
    // Loss and accuracy side by side, the loss gap below: the epoch curves of the runs shown,
    // each legend with its line-style key. The batch loss belongs to the run in training only.
    for (CurvePlot *plot : {m_loss, m_accuracy, m_gap})
        plot->flushReplot();
    const int half = 800, top = 520, bottom = 380;
    QImage image(2 * half, top + bottom, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.drawPixmap(0, 0, PlotLegend::render(m_loss, half, top));
        painter.drawPixmap(half, 0, PlotLegend::render(m_accuracy, half, top));
        painter.drawPixmap(0, top, PlotLegend::render(m_gap, 2 * half, bottom));
    }
    return image;
}

bool PlotPanel::savePng(const QString &path, QString *error)
{
    const QImage image = this->image();
    if (!image.save(path, "PNG")) {
        if (error)
            *error = writeFailedMessage(path);
        return false;
    }
    return true;
}

bool PlotPanel::savePdf(const QString &path, QString *error)
{
    // QPdfWriter reports nothing when it cannot open its file; check first.
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) {
            if (error)
                *error = writeFailedMessage(path);
            return false;
        }
    }
    QPdfWriter writer(path);
    writer.setCreator(QStringLiteral("NormLab"));
    writer.setPageSize(QPageSize(QSizeF(260, 160), QPageSize::Millimeter));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(96);
    QCPPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = writeFailedMessage(path);
        return false;
    }
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
    bool first = true;
    for (CurvePlot *plot : {m_loss, m_accuracy, m_gap}) {
        if (!first)
            writer.newPage();
        first = false;
        PlotLegend::of(plot)->arrange(page.size());
        plot->toPainter(&painter, page.width(), page.height());
        PlotLegend::of(plot)->arrange(plot->size());
    }
    painter.end();
    QFileInfo written(path);
    if (!written.exists() || written.size() == 0) {
        if (error)
            *error = writeFailedMessage(path);
        return false;
    }
    return true;
}
