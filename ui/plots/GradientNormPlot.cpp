#include "plots/GradientNormPlot.h"

#include "export/ImageFiles.h"
#include "export/SavePrompt.h"
#include "plots/CurvePlot.h"
#include "plots/EpochMarkers.h"
#include "plots/PlotLegend.h"
#include "plots/RunColors.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include <array>
#include <cmath>

using namespace normlab;

namespace {

constexpr int kMaxWarningLines = 6;
// A norm of exactly 0 has no place on a log axis: it is drawn at this floor instead.
constexpr double kLogFloor = 1e-12;

// Several runs: colour tells the run, line style the layer.
const std::array<Qt::PenStyle, 5> kLayerStyles{
    {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine}};

QString layerName(const InsightCurves &run, size_t layer)
{
    return layer < run.gradientLayers.size() ? QString::fromStdString(run.gradientLayers[layer])
                                             : QObject::tr("layer %1").arg(layer + 1);
}

/// GradientNormPlot::warnings, at most kMaxWarningLines of them.
QStringList shortWarnings(const std::vector<InsightCurves> &runs)
{
    QStringList lines = GradientNormPlot::warnings(runs);
    if (lines.size() > kMaxWarningLines) {
        const qsizetype more = lines.size() - (kMaxWarningLines - 1);
        lines = lines.mid(0, kMaxWarningLines - 1);
        lines << QObject::tr("… and %1 more").arg(more);
    }
    return lines;
}

/// Several runs: the legend names one entry per run (its colour); this key says which layers
/// each line style stands for (the styles repeat after five layers).
std::vector<LegendKey> layerStyleKey(const std::vector<InsightCurves> &runs, int chosen)
{
    std::vector<std::string> names;
    for (const InsightCurves &run : runs)
        if (run.gradientLayers.size() > names.size())
            names = run.gradientLayers;
    std::vector<LegendKey> key;
    for (size_t style = 0; style < kLayerStyles.size() && style < names.size(); ++style) {
        QStringList layers;
        for (size_t l = style; l < names.size(); l += kLayerStyles.size())
            if (chosen < 0 || int(l) == chosen)
                layers << QString::fromStdString(names[l]);
        if (layers.isEmpty())
            continue;
        const QString text = QFontMetrics(QFont()).elidedText(layers.join(QStringLiteral(", ")),
                                                              Qt::ElideRight, 260);
        key.push_back({text, QPen(QColor(0x50, 0x50, 0x50), 1.2, kLayerStyles[style]), {}});
    }
    return key;
}

} // namespace

GradientNormPlot::GradientNormPlot(QWidget *parent) : QWidget(parent)
{
    m_plot = new CurvePlot(tr("training step"), tr("gradient L2 norm (log scale)"));
    m_plot->setObjectName(QStringLiteral("gradientNormPlot"));
    m_plot->setMinimumSize(320, 200);
    m_plot->useLogYAxis();
    m_plot->setYClamp(kLogFloor / 10, 1e300);
    m_plot->xAxis->setRange(0, 100);
    m_plot->yAxis->setRange(1e-7, 1e4);

    m_warning = new QLabel;
    m_warning->setObjectName(QStringLiteral("gradientWarning"));
    m_warning->setStyleSheet(QStringLiteral("color: #c00000; font-weight: bold;"));
    m_warning->setWordWrap(true);
    m_warning->setVisible(false);

    m_layerBox = new QComboBox;
    m_layerBox->setObjectName(QStringLiteral("gradientLayer"));
    m_layerBox->setToolTip(tr("The layer whose gradient norm is shown"));
    m_hint = new QLabel;
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_hint->setWordWrap(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Layer")));
    controls->addWidget(m_layerBox);
    controls->addWidget(m_hint, 1);
    auto *save = savePngButton(
        this, tr("Save the gradient norms as PNG"), QStringLiteral("gradient-norms.png"),
        [this](const QString &path, QString *error) { return savePng(path, error); });
    save->setObjectName(QStringLiteral("gradientSavePng"));
    controls->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_warning);
    layout->addWidget(m_plot, 1);
    layout->addLayout(controls);

    connect(m_layerBox, &QComboBox::activated, this, [this] { rebuild(); });
    updateLayerChoices();
    rebuild();
}

void GradientNormPlot::setRuns(const std::vector<InsightCurves> &runs)
{
    m_runs = runs;
    updateLayerChoices();
    rebuild();
}

void GradientNormPlot::setLayer(int layer)
{
    const int index = m_layerBox->findData(layer);
    if (index >= 0) {
        m_layerBox->setCurrentIndex(index);
        rebuild();
    }
}

int GradientNormPlot::layer() const
{
    return m_layerBox->currentData().toInt();
}

void GradientNormPlot::updateLayerChoices()
{
    std::vector<std::string> names;
    for (const InsightCurves &run : m_runs)
        if (run.gradientLayers.size() > names.size())
            names = run.gradientLayers;
    const int previous = m_layerBox->count() > 0 ? layer() : -1;
    m_layerBox->blockSignals(true);
    m_layerBox->clear();
    m_layerBox->addItem(tr("All layers"), -1);
    for (size_t i = 0; i < names.size(); ++i)
        m_layerBox->addItem(QString::fromStdString(names[i]), int(i));
    m_layerBox->setCurrentIndex(std::max(0, m_layerBox->findData(previous)));
    m_layerBox->blockSignals(false);
}

QStringList GradientNormPlot::warnings(const std::vector<InsightCurves> &runs)
{
    QStringList lines;
    for (const InsightCurves &run : runs) {
        const size_t layers =
            run.gradientNorms.empty() ? 0 : run.gradientNorms.front().norms.size();
        for (size_t l = 0; l < layers; ++l) {
            int64_t firstVanished = -1, firstExploded = -1;
            int vanished = 0, exploded = 0;
            for (const GradientNormSample &s : run.gradientNorms) {
                if (l >= s.norms.size())
                    continue;
                switch (gradientHealth(s.norms[l])) {
                case GradientHealth::Vanishing:
                    firstVanished = firstVanished < 0 ? s.step : firstVanished;
                    ++vanished;
                    break;
                case GradientHealth::Exploding:
                    firstExploded = firstExploded < 0 ? s.step : firstExploded;
                    ++exploded;
                    break;
                case GradientHealth::Normal:
                    break;
                }
            }
            if (firstVanished >= 0)
                lines << tr("%1: %2 gradient vanished (< 1e-6) at step %3 (%n step(s) in all)",
                            nullptr, vanished)
                             .arg(run.name, layerName(run, l))
                             .arg(firstVanished);
            if (firstExploded >= 0)
                lines << tr("%1: %2 gradient exploded (> 1e3 or not finite) at step %3 (%n "
                            "step(s) in all)",
                            nullptr, exploded)
                             .arg(run.name, layerName(run, l))
                             .arg(firstExploded);
        }
    }
    return lines;
}

void GradientNormPlot::addThresholds()
{
    for (auto [value, text] : {std::pair{kVanishingGradient, tr("vanishing: below 1e-6")},
                               std::pair{kExplodingGradient, tr("exploding: above 1e3")}}) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->point1->setTypeX(QCPItemPosition::ptAxisRectRatio);
        line->point2->setTypeX(QCPItemPosition::ptAxisRectRatio);
        line->point1->setCoords(0, value);
        line->point2->setCoords(1, value);
        line->setPen(QPen(QColor(0xc0, 0, 0), 1.2, Qt::DashLine));
        auto *label = new QCPItemText(m_plot);
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(0.995, value);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        label->setText(text);
        label->setColor(QColor(0xc0, 0, 0));
        label->setClipToAxisRect(true);
    }
}

void GradientNormPlot::rebuild()
{
    const int chosen = layer();
    m_plot->clearGraphs();
    m_plot->clearItems();
    addThresholds();
    const bool oneRun = m_runs.size() == 1;
    bool any = false;
    for (const InsightCurves &run : m_runs) {
        const size_t layers =
            run.gradientNorms.empty() ? 0 : run.gradientNorms.front().norms.size();
        bool runHasEntry = false;
        for (size_t l = 0; l < layers; ++l) {
            if (chosen >= 0 && int(l) != chosen)
                continue;
            QVector<double> steps, norms;
            steps.reserve(qsizetype(run.gradientNorms.size()));
            norms.reserve(qsizetype(run.gradientNorms.size()));
            for (const GradientNormSample &s : run.gradientNorms) {
                if (l >= s.norms.size())
                    continue;
                const double v = s.norms[l];
                steps << double(s.step);
                // Not finite: a gap in the line (the warning names it); zero: the floor.
                norms << (std::isfinite(v) ? std::max(v, kLogFloor) : std::nan(""));
            }
            QCPGraph *graph = m_plot->addGraph();
            const QString name = QStringLiteral("%1 · %2").arg(run.name, layerName(run, l));
            // One run: an entry per layer (its colour); several: one per run, the key the rest.
            const bool entry = oneRun || (!steps.isEmpty() && !runHasEntry);
            graph->setName(oneRun ? layerName(run, l) : run.name);
            graph->setProperty(CurvePlot::kHoverName, name);
            // One run: a colour per layer reads best; several: colour per run, style per layer.
            graph->setPen(oneRun ? QPen(runColor(int(l)), 1)
                                 : QPen(run.color, 1, kLayerStyles[l % kLayerStyles.size()]));
            graph->setData(steps, norms, true);
            any = any || !steps.isEmpty();
            if (entry) {
                PlotLegend::addEntry(graph);
                runHasEntry = true;
            }
        }
        addEpochMarkers(m_plot,
                        run.atSteps(epochMarkers(run.bestEpoch, run.stoppedEpoch, run.color)));
    }
    PlotLegend::of(m_plot)->setKey(oneRun ? std::vector<LegendKey>()
                                          : layerStyleKey(m_runs, chosen));
    const QStringList lines = shortWarnings(m_runs);
    m_warning->setText(lines.isEmpty() ? QString()
                                       : QStringLiteral("⚠ ") + lines.join(QStringLiteral("\n⚠ ")));
    m_warning->setVisible(!lines.isEmpty());
    m_hint->setText(any ? tr("L2 norm of each layer's gradient after every step · red dashed: the "
                             "vanishing and exploding thresholds")
                        : tr("No gradient norms for these runs: they were recorded with "
                             "stats-every 0, or by an older NormLab."));
    m_plot->scheduleReplot(); // fits the data unless the user has zoomed or panned
}

QImage GradientNormPlot::image() const
{
    m_plot->flushReplot();
    const int width = 1200, plotHeight = 700;
    const QString text = m_warning->text(); // empty when every norm is normal
    const int textHeight = text.isEmpty() ? 0 : 24 * int(text.count(QLatin1Char('\n')) + 1) + 12;
    QImage image(width, plotHeight + textHeight, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        if (!text.isEmpty()) {
            QFont font = painter.font();
            font.setBold(true);
            font.setPixelSize(16);
            painter.setFont(font);
            painter.setPen(QColor(0xc0, 0, 0));
            painter.drawText(QRect(12, 6, width - 24, textHeight - 6), Qt::AlignLeft, text);
        }
        painter.drawPixmap(0, textHeight, PlotLegend::render(m_plot, width, plotHeight));
    }
    return image;
}

bool GradientNormPlot::savePng(const QString &path, QString *error) const
{
    return saveImagePng(image(), path, error);
}
