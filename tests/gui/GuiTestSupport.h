#pragma once
// Shared helpers for the GUI tests: tiny configurations, a window whose dialogs are recorded
// instead of shown, and model testers that check every item model while the tests use it.

#include "images/ConfusionMatrixView.h"
#include "images/ImageViews.h"
#include "normlab/Config.h"
#include "session/MetaTypes.h"
#include "session/TrainingController.h"
#include "tables/ConfusionMatrixModel.h"
#include "tables/GroupTableModel.h"
#include "tables/RunQueueModel.h"
#include "tables/RunTableModel.h"
#include "window/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QImage>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <memory>

namespace guitest {

/// A run of a few seconds: 200 synthetic training images, batch 32.
inline normlab::ExperimentConfig tinyConfig(int epochs = 1)
{
    normlab::ExperimentConfig config;
    config.limit = 200;
    config.epochs = epochs;
    config.batchSize = 32;
    config.threads = 2;
    return config;
}

/// Checks `model` for as long as it lives: indexes, counts, parents, role types, and that its
/// insert, remove, reset and change signals match what it then holds. A broken rule fails the
/// running test. The tester is the model's child, so it goes with the model.
inline QAbstractItemModelTester *attachModelTester(QAbstractItemModel *model)
{
    return new QAbstractItemModelTester(
        model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
}

/// Testers on every item model of the window: the run table and its sorted view, the grouped
/// table, the run queue and the confusion matrix.
inline void attachModelTesters(const MainWindow &window)
{
    attachModelTester(window.runTable());
    attachModelTester(window.sortedRuns());
    attachModelTester(window.groupTable());
    attachModelTester(window.controller()->queue());
    attachModelTester(window.imageViews()->confusion()->model());
}

/// Whether a RecordingWindow puts testers on its models; only a program that is not a QtTest
/// (which has no test to report to) goes without.
enum class ModelChecks
{
    On,
    Off
};

/// A window on `database` whose error dialogs and questions are recorded, not shown, and whose
/// item models are checked while the test runs.
struct RecordingWindow
{
    std::unique_ptr<MainWindow> window;
    QStringList errors;

    explicit RecordingWindow(const QString &database, ModelChecks checks = ModelChecks::On)
    {
        window = std::make_unique<MainWindow>(database,
                                              [this](const QString &title, const QString &message) {
                                                  errors << title + QStringLiteral(": ") + message;
                                              });
        window->setConfirmer([](const QString &) { return true; });
        if (checks == ModelChecks::On)
            attachModelTesters(*window);
    }
    MainWindow *operator->() const { return window.get(); }
};

/// Pixels darker than near-white, on every other row and column: a rendered plot or view has
/// many, a blank one none.
inline int nonWhitePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            count += QColor(image.pixel(x, y)).lightness() < 200;
    return count;
}

inline void initTestEnvironment()
{
    QStandardPaths::setTestModeEnabled(true);
    normlab::registerMetaTypes();
}

constexpr int kRunTimeoutMs = 180000; // generous: the 2-core machine may be busy

} // namespace guitest
