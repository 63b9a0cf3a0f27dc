#pragma once
// Shared helpers for the GUI tests: tiny configurations and a window whose dialogs are recorded
// instead of shown.

#include "normlab/Config.h"
#include "window/MainWindow.h"
#include "session/MetaTypes.h"

#include <QColor>
#include <QImage>
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

/// A window on `database` whose error dialogs and questions are recorded, not shown.
struct RecordingWindow
{
    std::unique_ptr<MainWindow> window;
    QStringList errors;

    explicit RecordingWindow(const QString &database)
    {
        window = std::make_unique<MainWindow>(database,
                                              [this](const QString &title, const QString &message) {
                                                  errors << title + QStringLiteral(": ") + message;
                                              });
        window->setConfirmer([](const QString &) { return true; });
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
