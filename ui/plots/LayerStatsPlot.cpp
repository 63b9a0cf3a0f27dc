#include "plots/LayerStatsPlot.h"

#include "export/ImageFiles.h"
#include "export/SavePrompt.h"
#include "plots/CurvePlot.h"
#include "plots/EpochMarkers.h"
#include "plots/PlotLegend.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

using namespace normlab;

namespace {

// Marker shape tells the block when all blocks are shown; colour tells the run.
const std::array<QCPScatterStyle::ScatterShape, 5> kBlockShapes{
    {QCPScatterStyle::ssDisc, QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,
     QCPScatterStyle::ssDiamond, QCPScatterStyle::ssCross}};

double momentOf(const LayerMoments &m, bool mean, bool before)
{
    if (before)
        return mean ? m.preMean : m.preStd;
    return mean ? m.postMean : m.postStd;
}

/// The legend names one entry per run (its colour); this key says what style and marker mean.
std::vector<LegendKey> styleKey(bool bothStages, bool allBlocks,
                                const std::vector<std::string> &blockNames)
{
    const QColor grey(0x50, 0x50, 0x50);
    std::vector<LegendKey> key;
    if (bothStages) {
        key.push_back({QObject::tr("before norm"), QPen(grey, 1.6, Qt::DashLine), {}});
        key.push_back({QObject::tr("after norm"), QPen(grey, 2.2), {}});
    }
    if (allBlocks)
        for (size_t b = 0; b < blockNames.size(); ++b)
            key.push_back({QString::fromStdString(blockNames[b]), QPen(Qt::NoPen),
                           QCPScatterStyle(kBlockShapes[b % kBlockShapes.size()], grey, 6)});
    return key;
}

/// The run's legend entry: the curve named after the run (its colour stands for it).
void nameRunEntry(QCPGraph *graph, const QString &runName)
{
    graph->setName(runName);
    PlotLegend::addEntry(graph);
}

QString hintText(bool any, int64_t probe)
{
    return any ? QObject::tr("Dashed: before the norm layer · solid: after · measured on a fixed "
                             "probe batch of %1 training images")
                     .arg(probe)
               : QObject::tr("No layer statistics for these runs: they were recorded with "
                             "stats-every 0, or by an older NormLab.");
}

} // namespace

LayerStatsPlot::LayerStatsPlot(QWidget *parent) : QWidget(parent)
{
    m_plot = new CurvePlot(tr("training step"), tr("activation mean"));
    m_plot->setObjectName(QStringLiteral("layerStatsPlot"));
    m_plot->setMinimumSize(320, 200);
    m_plot->xAxis->setRange(0, 100);
    m_plot->yAxis->setRange(-1, 1);

    m_blockBox = new QComboBox;
    m_blockBox->setObjectName(QStringLiteral("layerStatsBlock"));
    m_blockBox->setToolTip(tr("The conv block whose activations are shown"));
    m_statisticBox = new QComboBox;
    m_statisticBox->setObjectName(QStringLiteral("layerStatsStatistic"));
    m_statisticBox->addItem(tr("Mean"), int(Mean));
    m_statisticBox->addItem(tr("Standard deviation"), int(Std));
    m_statisticBox->setCurrentIndex(1); // the spread shows the drift best
    m_stageBox = new QComboBox;
    m_stageBox->setObjectName(QStringLiteral("layerStatsStage"));
    m_stageBox->addItem(tr("Before and after normalization"), int(BothStages));
    m_stageBox->addItem(tr("Before normalization (the norm layer's input)"), int(BeforeNorm));
    m_stageBox->addItem(tr("After normalization"), int(AfterNorm));
    m_hint = new QLabel;
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_hint->setWordWrap(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Block")));
    controls->addWidget(m_blockBox);
    controls->addWidget(m_statisticBox);
    controls->addWidget(m_stageBox);
    controls->addWidget(m_hint, 1);
    auto *save = savePngButton(
        this, tr("Save the layer statistics as PNG"), QStringLiteral("layer-statistics.png"),
        [this](const QString &path, QString *error) { return savePng(path, error); });
    save->setObjectName(QStringLiteral("layerStatsSavePng"));
    controls->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addLayout(controls);

    connect(m_blockBox, &QComboBox::activated, this, [this] {
        m_blockChosen = true;
        rebuild();
    });
    connect(m_statisticBox, &QComboBox::currentIndexChanged, this, [this] { rebuild(); });
    connect(m_stageBox, &QComboBox::currentIndexChanged, this, [this] { rebuild(); });
    updateBlockChoices();
    rebuild();
}

void LayerStatsPlot::setRuns(const std::vector<InsightCurves> &runs)
{
    m_runs = runs;
    updateBlockChoices();
    rebuild();
}

void LayerStatsPlot::setBlock(int block)
{
    const int index = m_blockBox->findData(block);
    if (index >= 0) {
        m_blockChosen = true;
        m_blockBox->setCurrentIndex(index);
        rebuild();
    }
}

void LayerStatsPlot::setStatistic(Statistic statistic)
{
    m_statisticBox->setCurrentIndex(m_statisticBox->findData(int(statistic)));
}

void LayerStatsPlot::setStage(Stage stage)
{
    m_stageBox->setCurrentIndex(m_stageBox->findData(int(stage)));
}

int LayerStatsPlot::block() const
{
    return m_blockBox->currentData().toInt();
}

void LayerStatsPlot::updateBlockChoices()
{
    // The longest list of block names among the runs (all architectures have three today).
    std::vector<std::string> names;
    for (const InsightCurves &run : m_runs)
        if (run.blockNames.size() > names.size())
            names = run.blockNames;
    if (names.empty())
        names = {"block1", "block2", "block3"};
    const int previous = m_blockBox->count() > 0 ? block() : -1;
    m_blockBox->blockSignals(true);
    m_blockBox->clear();
    m_blockBox->addItem(tr("All blocks"), -1);
    for (size_t i = 0; i < names.size(); ++i)
        m_blockBox->addItem(QString::fromStdString(names[i]), int(i));
    // Default: the last block, whose input drifts the most without normalization.
    const int wanted = m_blockChosen ? previous : int(names.size()) - 1;
    m_blockBox->setCurrentIndex(std::max(0, m_blockBox->findData(wanted)));
    m_blockBox->blockSignals(false);
}

void LayerStatsPlot::rebuild()
{
    const bool mean = m_statisticBox->currentData().toInt() == Mean;
    const int stage = m_stageBox->currentData().toInt();
    const int chosen = block();
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_plot->yAxis->setLabel(mean ? tr("activation mean") : tr("activation standard deviation"));
    int64_t probe = 0;
    bool any = false;
    std::vector<std::string> blockNames;
    for (const InsightCurves &run : m_runs) {
        if (run.blockNames.size() > blockNames.size())
            blockNames = run.blockNames;
        QCPGraph *runEntry = nullptr; // the run's legend entry: its first solid curve with data
        probe = std::max(probe, run.probeSize);
        const size_t blocks = run.layerStats.empty() ? 0 : run.layerStats.front().blocks.size();
        for (size_t b = 0; b < blocks; ++b) {
            if (chosen >= 0 && int(b) != chosen)
                continue;
            const QString blockName = b < run.blockNames.size()
                                          ? QString::fromStdString(run.blockNames[b])
                                          : tr("block%1").arg(b + 1);
            for (bool before : {true, false}) {
                if ((before && stage == AfterNorm) || (!before && stage == BeforeNorm))
                    continue;
                QVector<double> steps, values;
                for (const LayerStatsSample &s : run.layerStats) {
                    if (b >= s.blocks.size())
                        continue;
                    steps << double(s.step);
                    values << momentOf(s.blocks[b], mean, before);
                }
                QCPGraph *graph = m_plot->addGraph();
                const QString name =
                    QStringLiteral("%1 · %2 · %3")
                        .arg(run.name, blockName, before ? tr("before norm") : tr("after norm"));
                graph->setName(name);
                graph->setProperty(CurvePlot::kHoverName, name);
                graph->setPen(
                    QPen(run.color, before ? 1.6 : 2.2, before ? Qt::DashLine : Qt::SolidLine));
                graph->setScatterStyle(
                    QCPScatterStyle(kBlockShapes[b % kBlockShapes.size()], run.color, 5));
                graph->setData(steps, values, true);
                any = any || !steps.isEmpty();
                if (!steps.isEmpty() &&
                    (!runEntry || (runEntry->pen().style() != Qt::SolidLine && !before)))
                    runEntry = graph;
            }
        }
        if (runEntry)
            nameRunEntry(runEntry, run.name);
        addEpochMarkers(m_plot,
                        run.atSteps(epochMarkers(run.bestEpoch, run.stoppedEpoch, run.color)));
    }
    PlotLegend::of(m_plot)->setKey(styleKey(stage == BothStages, chosen < 0, blockNames));
    m_hint->setText(hintText(any, probe));
    m_plot->scheduleReplot(); // fits the data unless the user has zoomed or panned
}

QImage LayerStatsPlot::image() const
{
    m_plot->flushReplot();
    return PlotLegend::render(m_plot, 1200, 700).toImage();
}

bool LayerStatsPlot::savePng(const QString &path, QString *error) const
{
    return saveImagePng(image(), path, error);
}
