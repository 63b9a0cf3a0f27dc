#include "plots/StudyPlot.h"

#include "export/ImageFiles.h"
#include "export/SavePrompt.h"
#include "normlab/Config.h"
#include "normlab/Sweep.h"
#include "plots/PlotLegend.h"
#include "plots/RunColors.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

using namespace normlab;

namespace {
constexpr double kXMargin = 0.06; // share of the data's span (in log units on a log axis)

double xOf(const GroupSummary &g, StudyPlot::XAxis x)
{
    switch (x) {
    case StudyPlot::BatchSize:
        return g.config.batchSize;
    case StudyPlot::Width:
        return g.config.width;
    case StudyPlot::Method:
        return 0; // placed by buildSeries
    case StudyPlot::Parameters:
    case StudyPlot::XAxisCount:
        break;
    }
    return g.parameters > 0 ? double(g.parameters) : std::nan("");
}

MetricSummary summaryOf(const GroupSummary &g, StudyPlot::YMetric metric)
{
    if (metric == StudyPlot::FinalTestError)
        return g.finalTestError;
    return g.metric(kSlideMetrics[size_t(metric)]);
}

std::set<double> valuesOf(const std::vector<GroupSummary> &groups, StudyPlot::XAxis x)
{
    std::set<double> values;
    for (const GroupSummary &g : groups)
        if (std::isfinite(xOf(g, x)))
            values.insert(xOf(g, x));
    return values;
}

/// Whether `x` tells these groups apart: parameter counts only when the width varies or they
/// spread by kParameterSpread (normalization layers alone add a few hundred parameters).
bool tellsApart(const std::vector<GroupSummary> &groups, StudyPlot::XAxis x)
{
    if (x == StudyPlot::Method)
        return groups.size() > 1;
    const std::set<double> values = valuesOf(groups, x);
    if (x != StudyPlot::Parameters || values.size() < 2)
        return values.size() > 1;
    return valuesOf(groups, StudyPlot::Width).size() > 1 ||
           *values.rbegin() / *values.begin() >= StudyPlot::kParameterSpread;
}

/// A series' name: its configuration's name, with the built-in-data suffix its groups share.
QString seriesName(const GroupSummary &g)
{
    ExperimentConfig named = g.config;
    named.name.clear();
    std::string name = runName(named);
    const std::string suffix = kBuiltInDataSuffix;
    const bool builtIn = g.name.size() >= suffix.size() &&
                         g.name.compare(g.name.size() - suffix.size(), suffix.size(), suffix) == 0;
    if (builtIn && name.find(suffix) == std::string::npos)
        name += suffix;
    return QString::fromStdString(name);
}

/// Numbers the second and later of equal names: "BatchNorm", "BatchNorm #2".
void makeNamesUnique(std::vector<StudyPlot::Series> &series)
{
    std::map<QString, int> seen;
    for (StudyPlot::Series &s : series)
        if (int count = ++seen[s.name]; count > 1)
            s.name += QStringLiteral(" #%1").arg(count);
}

/// One line of the study plot: the group means with their ±std error bars.
void addSeriesGraph(QCustomPlot *plot, const StudyPlot::Series &series, const QColor &color)
{
    QCPGraph *graph = plot->addGraph();
    graph->setName(series.name);
    graph->setPen(QPen(color, 2));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    graph->setData(series.x, series.mean, true);
    PlotLegend::addEntry(graph);
    auto *bars = new QCPErrorBars(plot->xAxis, plot->yAxis);
    bars->removeFromLegend();
    bars->setDataPlottable(graph);
    bars->setData(series.std);
    bars->setPen(QPen(color, 1.2));
}

/// The x values and the mean ± std intervals of every point.
struct Extent
{
    double xLow, xHigh, yLow, yHigh;
};

std::optional<Extent> extentOf(const std::vector<StudyPlot::Series> &series)
{
    std::optional<Extent> extent;
    for (const StudyPlot::Series &s : series) {
        for (int p = 0; p < s.x.size(); ++p) {
            const double low = s.mean[p] - s.std[p], high = s.mean[p] + s.std[p];
            if (!extent)
                extent = Extent{s.x[p], s.x[p], low, high};
            extent->xLow = std::min(extent->xLow, s.x[p]);
            extent->xHigh = std::max(extent->xHigh, s.x[p]);
            extent->yLow = std::min(extent->yLow, low);
            extent->yHigh = std::max(extent->yHigh, high);
        }
    }
    return extent;
}
} // namespace

/// One series per group with a finite metric, at x = 0, 1, 2, ... named as the group.
std::vector<StudyPlot::Series> methodSeries(const std::vector<GroupSummary> &groups,
                                            StudyPlot::YMetric metric)
{
    std::vector<StudyPlot::Series> result;
    for (const GroupSummary &g : groups) {
        const MetricSummary s = summaryOf(g, metric);
        if (s.n == 0 || !std::isfinite(s.mean))
            continue;
        StudyPlot::Series series;
        series.name = QString::fromStdString(g.name);
        series.x << double(result.size());
        series.mean << s.mean;
        series.std << (std::isfinite(s.std) ? s.std : 0.0);
        result.push_back(series);
    }
    makeNamesUnique(result);
    return result;
}

std::vector<StudyPlot::Series> StudyPlot::buildSeries(const std::vector<GroupSummary> &groups,
                                                      XAxis x, YMetric metric)
{
    if (x == Method)
        return methodSeries(groups, metric);
    std::vector<std::string> order; // series in order of first appearance
    std::map<std::string, Series> byKey;
    std::map<std::string, std::vector<std::pair<double, std::pair<double, double>>>> points;
    for (const GroupSummary &g : groups) {
        const double xv = xOf(g, x);
        const MetricSummary s = summaryOf(g, metric);
        if (!std::isfinite(xv) || s.n == 0 || !std::isfinite(s.mean))
            continue;
        ExperimentConfig config = g.config;
        config.name.clear();
        config.seed = 0;
        config.threads = 0;
        if (x == BatchSize)
            config.batchSize = 0;
        else
            config.width = 0; // the parameter count follows the width
        const std::string key = groupKey(config);
        if (!byKey.count(key)) {
            order.push_back(key);
            byKey[key].name = seriesName(g);
        }
        points[key].push_back({xv, {s.mean, std::isfinite(s.std) ? s.std : 0.0}});
    }
    std::vector<Series> result;
    for (const std::string &key : order) {
        Series series = byKey[key];
        auto &p = points[key];
        std::stable_sort(p.begin(), p.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[xv, ms] : p) {
            series.x << xv;
            series.mean << ms.first;
            series.std << ms.second;
        }
        result.push_back(series);
    }
    makeNamesUnique(result);
    return result;
}

QString StudyPlot::xLabel(XAxis x)
{
    switch (x) {
    case BatchSize:
        return tr("Batch size");
    case Width:
        return tr("Width multiplier");
    case Method:
        return tr("Method");
    case Parameters:
    case XAxisCount:
        break;
    }
    return tr("Parameters");
}

QString StudyPlot::metricLabel(YMetric metric)
{
    if (metric == FinalTestError)
        return tr("Final Test Error");
    return QString::fromStdString(normlab::metricLabel(kSlideMetrics[size_t(metric)]));
}

StudyPlot::StudyPlot(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot), m_xCombo(new QComboBox),
      m_metricCombo(new QComboBox), m_saveButton(new QPushButton(tr("Save Image…")))
{
    m_plot->setObjectName(QStringLiteral("studyPlot"));
    m_xCombo->setObjectName(QStringLiteral("studyXCombo"));
    m_metricCombo->setObjectName(QStringLiteral("studyMetricCombo"));
    m_saveButton->setObjectName(QStringLiteral("studySaveButton"));
    for (int x = 0; x < XAxisCount; ++x)
        m_xCombo->addItem(xLabel(XAxis(x)));
    for (int m = 0; m < YMetricCount; ++m)
        m_metricCombo->addItem(metricLabel(YMetric(m)));
    m_xCombo->setCurrentIndex(m_x);
    m_metricCombo->setCurrentIndex(m_metric);
    m_saveButton->setToolTip(tr("Save this plot as PNG or PDF"));

    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(
        0, 0, new QCPTextElement(m_plot, QString(), QFont(font().family(), 11, QFont::Bold)));
    keepLegendOnlyWithEntries(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setMinimumSize(300, 220);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Plot")));
    top->addWidget(m_metricCombo);
    top->addWidget(new QLabel(tr("against")));
    top->addWidget(m_xCombo);
    top->addStretch(1);
    top->addWidget(m_saveButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);

    connect(m_xCombo, &QComboBox::currentIndexChanged, this, [this](int i) { setXAxis(XAxis(i)); });
    connect(m_metricCombo, &QComboBox::currentIndexChanged, this,
            [this](int i) { setMetric(YMetric(i)); });
    connect(m_saveButton, &QPushButton::clicked, this, &StudyPlot::saveWithDialog);
    rebuild();
}

void StudyPlot::setGroups(const std::vector<GroupSummary> &groups)
{
    m_groups = groups;
    if (!tellsApart(m_groups, m_x))
        for (XAxis x : {BatchSize, Parameters, Width, Method})
            if (tellsApart(m_groups, x)) {
                m_x = x;
                break;
            }
    rebuild();
}

void StudyPlot::setXAxis(XAxis x)
{
    m_x = x;
    rebuild();
}

void StudyPlot::setMetric(YMetric metric)
{
    m_metric = metric;
    rebuild();
}

void StudyPlot::rebuild()
{
    {
        const QSignalBlocker a(m_xCombo), b(m_metricCombo);
        m_xCombo->setCurrentIndex(m_x);
        m_metricCombo->setCurrentIndex(m_metric);
    }
    m_series = buildSeries(m_groups, m_x, m_metric);
    m_plot->clearPlottables();
    updateAxes();
    for (int i = 0; i < int(m_series.size()); ++i)
        addSeriesGraph(m_plot, m_series[size_t(i)], runColor(i));
    fitRanges();
    m_plot->replot();
}

void StudyPlot::updateAxes()
{
    QCPAxis *xAxis = m_plot->xAxis;
    xAxis->setTickLabelRotation(0);
    const std::optional<Extent> extent = extentOf(m_series);
    // A log axis has no labelled tick inside less than a decade of parameters.
    const bool logParameters = m_x == Parameters && (!extent || extent->xHigh >= 10 * extent->xLow);
    if (m_x == Method) {
        auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
        for (const Series &series : m_series)
            ticker->addTick(series.x.front(), series.name);
        xAxis->setScaleType(QCPAxis::stLinear);
        xAxis->setTicker(ticker);
        xAxis->setTickLabelRotation(m_series.size() > 3 ? 25 : 0); // long names side by side
    } else if (m_x == Width || (m_x == Parameters && !logParameters)) {
        xAxis->setScaleType(QCPAxis::stLinear);
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    } else {
        auto ticker = QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog);
        ticker->setLogBase(m_x == BatchSize ? 2 : 10);
        xAxis->setScaleType(QCPAxis::stLogarithmic);
        xAxis->setTicker(ticker);
    }
    xAxis->setLabel(xLabel(m_x));
    m_plot->yAxis->setLabel(metricLabel(m_metric));
    if (auto *title = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0)))
        title->setText(m_series.empty()
                           ? tr("Study plot: no grouped results with %1 yet").arg(xLabel(m_x))
                           : tr("%1 against %2 (mean ± std)")
                                 .arg(metricLabel(m_metric), xLabel(m_x).toLower()));
}

void StudyPlot::fitRanges()
{
    const std::optional<Extent> extent = extentOf(m_series);
    if (!extent)
        return; // nothing drawn: the axes keep their ranges
    // The data's span plus a margin, so that every point is inside and the axis is no wider.
    if (m_x == Method) {
        m_plot->xAxis->setRange(extent->xLow - 0.5, extent->xHigh + 0.5);
    } else if (m_plot->xAxis->scaleType() == QCPAxis::stLogarithmic) {
        const double span = std::log(extent->xHigh / extent->xLow);
        const double factor = std::exp(std::max(kXMargin * span, std::log(1.05)));
        m_plot->xAxis->setRange(extent->xLow / factor, extent->xHigh * factor);
    } else {
        const double least = m_x == Width ? 0.1 : 0.02 * extent->xHigh;
        const double pad = std::max(kXMargin * (extent->xHigh - extent->xLow), least);
        m_plot->xAxis->setRange(extent->xLow - pad, extent->xHigh + pad);
    }
    const double pad = std::max(0.08 * (extent->yHigh - extent->yLow), 1e-3);
    m_plot->yAxis->setRange(extent->yLow - pad, extent->yHigh + pad);
}

bool StudyPlot::save(const QString &path, QString *error)
{
    const int width = 800, height = 520;
    bool ok = false;
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)) {
        PlotLegend::of(m_plot)->arrange(QSize(width, height));
        ok = m_plot->savePdf(path, width, height);
        PlotLegend::of(m_plot)->arrange(m_plot->size());
    } else {
        ok = PlotLegend::render(m_plot, width, height).save(path, "PNG");
    }
    if (!ok && error)
        *error = writeFailedMessage(path);
    return ok;
}

void StudyPlot::saveWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Study Plot"), suggestedSavePath(QStringLiteral("study-plot.png")),
        tr("PNG image (*.png);;PDF (*.pdf)"));
    rememberSaveFolder(path);
    if (path.isEmpty())
        return;
    QString error;
    if (!save(path, &error))
        QMessageBox::warning(this, tr("Save Study Plot"), error);
}
