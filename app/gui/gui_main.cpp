// normlab: the Qt Widgets application. Everything lives in normlab_ui; this only reads the
// command line, opens the window and, for scripted runs, exits with the runs' outcome.

#include "gui/Language.h"
#include "gui/ScreenshotTour.h"
#include "gui/ScriptRunner.h"
#include "gui/StartupOptions.h"
#include "gui/WindowMemory.h"
#include "normlab/Engine.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {
MainWindow::ErrorReporter errorReporter(const StartupOptions &options)
{
    if (!options.quitWhenDone)
        return {}; // dialogs
    // Unattended: errors go to stderr instead of dialogs that nobody will close.
    return [](const QString &title, const QString &message) {
        std::fprintf(stderr, "normlab: %s: %s\n", qPrintable(title), qPrintable(message));
    };
}
} // namespace

int main(int argc, char **argv)
{
    normlab::tuneAllocator(); // before any tensor is allocated
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("NormLab"));
    QApplication::setApplicationVersion(QStringLiteral(NORMLAB_VERSION));

    StartupOptions options;
    QString error;
    if (!parseStartupOptions(QApplication::arguments(), options, &error)) {
        std::fprintf(stderr, "normlab: %s\n%s", qPrintable(error), qPrintable(options.helpText));
        return 2;
    }
    if (options.showHelp || options.showVersion) {
        std::printf("%s\n", qPrintable(options.showHelp ? options.helpText
                                                        : QStringLiteral("normlab ") +
                                                              app.applicationVersion()));
        return 0;
    }

    if (!options.tourFolder.isEmpty())
        return ScreenshotTour(options.tourFolder, options.tourSizes, options.tourImages).run();

    // Before the window exists, so that it is built in the language (View › Language).
    language::apply(language::startLanguage());
    MainWindow window(options.database, errorReporter(options));
    if (!options.runFile.isEmpty() && window.store() == nullptr) {
        // Scripted runs into a project that could not be opened would be stored nowhere: that is
        // bad input, refused before anything trains (the reporter has named the file and why).
        std::fprintf(stderr,
                     "normlab: nothing was trained: the runs of %s need a project to be "
                     "stored in\n",
                     qPrintable(options.runFile));
        return 2;
    }
    language::addMenu(&window);
    QSettings settings;            // the application's, as View › Language's
    if (options.runFile.isEmpty()) // scripted runs start as configured
        window_memory::attach(&window, &settings);
    if (options.parallelRuns > 0)
        window.setParallelRuns(options.parallelRuns);
    window.show();

    std::unique_ptr<ScriptRunner> runner;
    if (!options.runFile.isEmpty()) {
        runner = std::make_unique<ScriptRunner>(&window, options.runFile, options.exportCsv,
                                                options.exportPng);
        QObject::connect(runner.get(), &ScriptRunner::done, &app,
                         [&options](int exitCode, const QString &summary) {
                             std::fprintf(exitCode == 0 ? stdout : stderr, "%s\n",
                                          qPrintable(summary));
                             std::fflush(stdout);
                             if (options.quitWhenDone)
                                 QApplication::exit(exitCode);
                         });
        // Start inside the event loop, so an immediate failure can still exit it.
        QTimer::singleShot(0, runner.get(), &ScriptRunner::start);
    }
    return app.exec();
}
