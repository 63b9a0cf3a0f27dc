// The numeric insight views, fed by hand: layer statistics and gradient norms render offscreen
// with their data, the gradient warning appears exactly when a norm leaves [1e-6, 1e3], and the
// loss-gap curve and the best / early-stopping markers sit where their definitions put them.

#include "GuiTestSupport.h"

#include "plots/BatchLossPlot.h"
#include "plots/CurvePlot.h"
#include "plots/EpochMarkers.h"
#include "plots/GradientNormPlot.h"
#include "plots/LayerStatsPlot.h"
#include "plots/PlotLegend.h"
#include "plots/PlotPanel.h"
#include "plots/RunColors.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace normlab;

namespace {

/// 3 blocks, a sample every 5 steps over 3 epochs of 10 steps; the third block's input drifts.
InsightCurves makeRun(const QString &name, int colorIndex, double drift)
{
    InsightCurves run;
    run.name = name;
    run.color = runColor(colorIndex);
    run.blockNames = {"block1", "block2", "block3"};
    run.gradientLayers = {"block1", "block2", "block3", "output"};
    run.probeSize = 32;
    for (int step = 0; step <= 30; step += 5) {
        LayerStatsSample s;
        s.step = step;
        s.epoch = step == 0 ? 0 : 1 + (step - 1) / 10;
        for (int b = 0; b < 3; ++b)
            s.blocks.push_back({b + drift * step, 1 + 0.1 * b + drift, 0.01 * b, 1.0 - 0.01 * b});
        run.layerStats.push_back(s);
    }
    for (int step = 1; step <= 30; ++step) {
        GradientNormSample g;
        g.step = step;
        g.epoch = 1 + (step - 1) / 10;
        g.norms = {0.5 / step, 0.2, 1.0 + step, 3e-3};
        run.gradientNorms.push_back(g);
    }
    return run;
}

/// Vertical marker lines of a plot, by x.
QList<double> markerXs(QCustomPlot *plot)
{
    QList<double> xs;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *line = qobject_cast<QCPItemStraightLine *>(plot->item(i)))
            if (line->property("marker").toBool())
                xs << line->point1->coords().x();
    return xs;
}

// By definition: the legend lies inside the widget and covers no data point of any graph.
void checkLegendClearOfData(QCustomPlot *plot)
{
    plot->replot();
    QVERIFY2(plot->legend->visible(), qPrintable(plot->objectName()));
    const QRect legend = plot->legend->outerRect();
    QVERIFY2(plot->rect().contains(legend), qPrintable(plot->objectName()));
    for (int g = 0; g < plot->graphCount(); ++g) {
        QCPGraph *graph = plot->graph(g);
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            const QPointF pixel = graph->coordsToPixels(it->key, it->value);
            QVERIFY2(!legend.contains(pixel.toPoint()),
                     qPrintable(QStringLiteral("%1: point %2 under the legend")
                                    .arg(plot->objectName())
                                    .arg(it->key)));
        }
    }
}

std::vector<RunCurves> manyRuns(int count)
{
    std::vector<RunCurves> runs;
    for (int r = 0; r < count; ++r) {
        RunCurves run{QStringLiteral("Run number %1").arg(r), runColor(r), {}};
        for (int e = 1; e <= 6; ++e) {
            normlab::EpochMetrics m;
            m.epoch = e;
            m.trainLoss = 2.0 / e + 0.01 * r;
            m.valLoss = 2.2 / e + 0.01 * r;
            m.testLoss = 2.3 / e;
            m.trainAcc = 0.1 * e;
            m.valAcc = 0.09 * e;
            m.testAcc = 0.08 * e;
            run.history.push_back(m);
        }
        run.bestEpoch = 6;
        runs.push_back(run);
    }
    return runs;
}
} // namespace

class TestSeriesViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { guitest::initTestEnvironment(); }

    void legendsNeverCoverDataAndKeyTheLineStyles()
    {
        for (int count : {2, 8, 30}) {
            PlotPanel panel;
            panel.resize(1000, 700);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.setRuns(manyRuns(count));
            for (CurvePlot *plot : {panel.lossPlot(), panel.accuracyPlot(), panel.gapPlot()})
                checkLegendClearOfData(plot);
            // The loss legend names the runs (or as many as fit, "+N more") and the styles.
            const QStringList texts = PlotLegend::of(panel.lossPlot())->texts();
            for (const char *style : {"train", "validation", "test"})
                QVERIFY2(texts.contains(QLatin1String(style)), qPrintable(texts.join(',')));
            const int hidden = PlotLegend::of(panel.lossPlot())->hiddenEntries();
            QCOMPARE(texts.size() - 3 - (hidden > 0 ? 1 : 0) + hidden, count);
            QVERIFY(panel.lossPlot()->legend->outerRect().height() <
                    panel.lossPlot()->height() / 2);
        }
    }

    void batchPlotShowsTheChosenRunsInTheirColours()
    {
        PlotPanel panel;
        BatchLossPlot *batch = static_cast<BatchLossPlot *>(panel.batchPlot());
        // One run trained this session, as run id 0; showRuns then chooses what is drawn.
        panel.startBatchSeries(0, QStringLiteral("None"));
        for (int step = 1; step <= 5; ++step)
            panel.addBatchLoss(0, step, 1.0 / step, 1);
        QCOMPARE(batch->drawnRuns(), std::vector<qint64>{0});
        QCOMPARE(batch->graph(1)->pen().color(), runColor(0));
        // Shown as the second run: drawn in the second colour, under its name.
        panel.setBatchRuns(
            {{42, QStringLiteral("Other"), runColor(0)}, {0, QStringLiteral("None"), runColor(1)}});
        QCOMPARE(batch->drawnRuns(), std::vector<qint64>{0}); // 42 has no batch losses
        QCOMPARE(batch->graphCount(), 2);
        QCOMPARE(batch->graph(0)->dataCount(), 5);
        QCOMPARE(batch->graph(1)->pen().color(), runColor(1));
        QCOMPARE(batch->graph(1)->name(), QStringLiteral("None"));
        // Not among the runs shown: not drawn, and the hint says why.
        panel.setBatchRuns({{42, QStringLiteral("Other"), runColor(0)}});
        QCOMPARE(batch->graphCount(), 0);
        QVERIFY(batch->hintShown());
    }

    void exportedPlotsCarryTheLineStyleKey()
    {
        PlotPanel panel;
        panel.setRuns(manyRuns(2));
        const QImage image = panel.image();
        QCOMPARE(image.size(), QSize(1600, 900));
        // image() laid the legends out for the export; the key is among the legend's texts.
        for (CurvePlot *plot : {panel.lossPlot(), panel.accuracyPlot()}) {
            const QStringList texts = PlotLegend::of(plot)->texts();
            for (const char *style : {"train", "validation", "test"})
                QVERIFY2(texts.contains(QLatin1String(style)), qPrintable(texts.join(',')));
        }
    }

    void emptyPlotsSayNoDataAndTheGapLabelFits()
    {
        PlotPanel panel;
        panel.resize(800, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setRuns({});
        panel.gapPlot()->replot();
        QVERIFY(panel.gapPlot()->emptyTextShown());
        QVERIFY(!panel.gapPlot()->legend->visible());
        const QFontMetrics metrics(panel.gapPlot()->yAxis->labelFont());
        QVERIFY(metrics.horizontalAdvance(panel.gapPlot()->yAxis->label()) <
                panel.gapPlot()->axisRect()->height());
        panel.setRuns(manyRuns(1));
        panel.gapPlot()->replot();
        QVERIFY(!panel.gapPlot()->emptyTextShown());
    }

    void layerStatisticsShowTheChosenBlockAndStatistic()
    {
        LayerStatsPlot view;
        view.resize(800, 500);
        const std::vector<InsightCurves> runs{makeRun("None", 0, 0.2), makeRun("BatchNorm", 1, 0)};
        view.setRuns(runs);
        CurvePlot *plot = view.plot();
        // Default: the last block's standard deviation, before and after the norm, both runs.
        QCOMPARE(view.block(), 2);
        QCOMPARE(plot->graphCount(), 4);
        QCOMPARE(plot->graph(0)->data()->at(2)->value, runs[0].layerStats[2].blocks[2].preStd);
        view.setStatistic(LayerStatsPlot::Mean);
        const QCPGraph *before = plot->graph(0);
        QCOMPARE(before->data()->size(), int(runs[0].layerStats.size()));
        for (int i = 0; i < before->data()->size(); ++i) {
            const LayerStatsSample &s = runs[0].layerStats[size_t(i)];
            QCOMPARE(before->data()->at(i)->key, double(s.step));
            QCOMPARE(before->data()->at(i)->value, s.blocks[2].preMean);
            QCOMPARE(plot->graph(1)->data()->at(i)->value, s.blocks[2].postMean);
        }
        QCOMPARE(before->pen().style(), Qt::DashLine);
        QCOMPARE(plot->graph(1)->pen().style(), Qt::SolidLine);
        QCOMPARE(plot->graph(2)->pen().color(), runs[1].color);

        view.setStatistic(LayerStatsPlot::Std);
        view.setStage(LayerStatsPlot::BeforeNorm);
        QCOMPARE(plot->graphCount(), 2);
        QCOMPARE(plot->graph(0)->data()->at(3)->value, runs[0].layerStats[3].blocks[2].preStd);
        view.setBlock(-1);
        QCOMPARE(plot->graphCount(), 6);
        QCOMPARE(plot->graph(0)->data()->at(3)->value, runs[0].layerStats[3].blocks[0].preStd);

        plot->resetView();
        const QImage image = view.grab().toImage();
        QVERIFY(guitest::nonWhitePixels(image) > 500);
        QVERIFY(!view.image().isNull());
    }

    void layerStatisticsWithoutDataSayWhy()
    {
        LayerStatsPlot view;
        InsightCurves empty;
        empty.name = "stats off";
        view.setRuns({empty});
        QCOMPARE(view.plot()->graphCount(), 0);
        const auto labels = view.findChildren<QLabel *>();
        bool explained = false;
        for (QLabel *label : labels)
            explained = explained || label->text().contains("stats-every 0");
        QVERIFY(explained);
    }

    void gradientNormsOnALogAxisWithoutWarningWhenNormal()
    {
        GradientNormPlot view;
        view.resize(800, 500);
        const std::vector<InsightCurves> runs{makeRun("None", 0, 0.2), makeRun("BatchNorm", 1, 0)};
        view.setRuns(runs);
        CurvePlot *plot = view.plot();
        QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(plot->graphCount(), 8); // 2 runs x 4 layers
        for (int g = 0; g < plot->graphCount(); ++g)
            QCOMPARE(plot->graph(g)->data()->size(), 30);
        QCOMPARE(plot->graph(0)->data()->at(9)->value, runs[0].gradientNorms[9].norms[0]);
        QCOMPARE(plot->graph(2)->data()->at(4)->value, runs[0].gradientNorms[4].norms[2]);
        QVERIFY(GradientNormPlot::warnings(runs).isEmpty());
        QVERIFY(view.warningLabel()->isHidden());
        view.setLayer(3);
        QCOMPARE(plot->graphCount(), 2);
        QCOMPARE(plot->graph(1)->data()->at(0)->value, 3e-3);
        // The thresholds are drawn at 1e-6 and 1e3.
        QList<double> thresholds;
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto *line = qobject_cast<QCPItemStraightLine *>(plot->item(i)))
                if (!line->property("marker").toBool())
                    thresholds << line->point1->coords().y();
        QCOMPARE(thresholds, (QList<double>{1e-6, 1e3}));

        plot->resetView();
        QVERIFY(guitest::nonWhitePixels(view.grab().toImage()) > 500);
    }

    void vanishingAndExplodingGradientsAreNamed()
    {
        InsightCurves run = makeRun("None", 0, 0.2);
        run.gradientNorms[18].norms[0] = 5e-7; // step 19: block1 vanishes
        run.gradientNorms[24].norms[2] = 2e3;  // step 25: block3 explodes
        run.gradientNorms[27].norms[3] = std::numeric_limits<double>::quiet_NaN();
        GradientNormPlot view;
        view.setRuns({run});
        const QStringList lines = GradientNormPlot::warnings({run});
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].contains("block1") && lines[0].contains("vanished") &&
                     lines[0].contains("step 19"),
                 qPrintable(lines[0]));
        QVERIFY2(lines[1].contains("block3") && lines[1].contains("exploded") &&
                     lines[1].contains("step 25"),
                 qPrintable(lines[1]));
        QVERIFY2(lines[2].contains("output") && lines[2].contains("step 28"), qPrintable(lines[2]));
        QVERIFY(!view.warningLabel()->isHidden());
        QVERIFY(view.warningLabel()->text().contains("None: block1 gradient vanished"));
        // The warning counts every layer, whichever one is shown.
        view.setLayer(1);
        QVERIFY(!view.warningLabel()->isHidden());
        // Exactly at the thresholds is still normal.
        InsightCurves edge = makeRun("edge", 1, 0);
        edge.gradientNorms[0].norms = {1e-6, 1e3, 1.0, 1.0};
        QVERIFY(GradientNormPlot::warnings({edge}).isEmpty());
        // The exported picture carries the warning above the plot.
        const QImage image = view.image();
        QVERIFY(image.height() > 700);
    }

    void gapCurveAndEpochMarkers()
    {
        PlotPanel panel;
        panel.resize(1000, 700);
        RunCurves run;
        run.name = "Dropout";
        run.color = runColor(0);
        for (int e = 1; e <= 6; ++e) {
            EpochMetrics m;
            m.epoch = e;
            m.trainLoss = 1.0 / e;
            m.valLoss = 0.8 + 0.05 * (e - 3) * (e - 3);
            m.trainAcc = 0.5 + 0.05 * e;
            m.valAcc = 0.5;
            run.history.push_back(m);
        }
        run.bestEpoch = 3;
        run.stoppedEpoch = 6;
        panel.setRuns({run});
        CurvePlot *gap = panel.gapPlot();
        QCOMPARE(gap->graphCount(), 1);
        QCOMPARE(gap->graph(0)->data()->size(), 6);
        for (int i = 0; i < 6; ++i) {
            const EpochMetrics &m = run.history[size_t(i)];
            QCOMPARE(gap->graph(0)->data()->at(i)->key, double(m.epoch));
            QCOMPARE(gap->graph(0)->data()->at(i)->value, m.valLoss - m.trainLoss);
        }
        for (CurvePlot *plot : {panel.lossPlot(), panel.accuracyPlot(), gap})
            QCOMPARE(markerXs(plot), (QList<double>{3.0, 6.0}));
        // A run that did not stop early gets only the best-epoch line.
        run.stoppedEpoch = 0;
        panel.setRuns({run});
        QCOMPARE(markerXs(panel.lossPlot()), (QList<double>{3.0}));
        panel.resetViews();
        QVERIFY(guitest::nonWhitePixels(gap->toPixmap(400, 300).toImage()) > 200);
    }

    void stepPlotsMarkTheBestEpochsLastStep()
    {
        InsightCurves run = makeRun("BatchNorm", 0, 0);
        run.bestEpoch = 2;
        QCOMPARE(run.lastStepOf(2), int64_t(20));
        LayerStatsPlot layers;
        layers.setRuns({run});
        QCOMPARE(markerXs(layers.plot()), (QList<double>{20.0}));
        GradientNormPlot gradients;
        gradients.setRuns({run});
        QCOMPARE(markerXs(gradients.plot()), (QList<double>{20.0}));
    }

    void viewsSaveTheirPlotsAsPng()
    {
        QTemporaryDir dir;
        LayerStatsPlot layers;
        GradientNormPlot gradients;
        const std::vector<InsightCurves> runs{makeRun("None", 0, 0.2)};
        layers.setRuns(runs);
        gradients.setRuns(runs);
        QString error;
        QVERIFY2(layers.savePng(dir.filePath("layers.png"), &error), qPrintable(error));
        QVERIFY2(gradients.savePng(dir.filePath("gradients.png"), &error), qPrintable(error));
        const QImage layerImage(dir.filePath("layers.png"));
        QCOMPARE(layerImage.size(), QSize(1200, 700));
        QVERIFY(guitest::nonWhitePixels(layerImage) > 1000);
        QVERIFY(guitest::nonWhitePixels(QImage(dir.filePath("gradients.png"))) > 1000);
        const QString missing = dir.filePath("missing/layers.png");
        QVERIFY(!layers.savePng(missing, &error));
        QVERIFY(error.contains(missing));
        QVERIFY(!gradients.savePng(missing, &error));
        QVERIFY(error.contains(missing));
    }

    void stoppedEpochComesFromTheStatus()
    {
        RunResult result;
        result.epochsRun = 7;
        result.status = RunStatus::Finished;
        QCOMPARE(stoppedEpochOf(result), 0);
        result.status = RunStatus::EarlyStopped;
        QCOMPARE(stoppedEpochOf(result), 7);
    }
};

QTEST_MAIN(TestSeriesViews)
#include "tst_series_views.moc"
