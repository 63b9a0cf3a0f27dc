#include "gui/StartupOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

// `normlab PROJECT`, how a file manager opens a .normlab file (the desktop entry's %f): at most
// one project, by name or by --database.
bool takeProjectArgument(const QStringList &positional, bool databaseGiven, StartupOptions &options,
                         QString *error)
{
    if (positional.size() > 1 || (positional.size() == 1 && databaseGiven)) {
        if (error)
            *error = QCoreApplication::translate("normlab", "Unexpected argument: %1")
                         .arg(positional.last());
        return false;
    }
    if (!positional.isEmpty())
        options.database = positional.first();
    return true;
}

// --tour DIR and its window sizes (--tour-size WxH, repeatable).
void addTourOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(
        QStringLiteral("tour"),
        QCoreApplication::translate("normlab",
                                    "Screenshot tour: train a tiny preset on built-in data, save a "
                                    "PNG of each main state in DIR, check the layout of each and "
                                    "exit (1 when a check finds something)."),
        QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("tour-size"),
        QCoreApplication::translate("normlab",
                                    "Window size of the tour (default: 1280x800 and 1920x1080)."),
        QStringLiteral("WxH")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("tour-images"),
        QCoreApplication::translate("normlab", "Training images of each run of the tour's preset "
                                               "(default 1000; the single run trains on twice "
                                               "as many)."),
        QStringLiteral("N")));
}

bool takeTourOptions(const QCommandLineParser &parser, StartupOptions &options, QString *error)
{
    options.tourFolder = parser.value(QStringLiteral("tour"));
    for (const QString &text : parser.values(QStringLiteral("tour-size"))) {
        const QStringList parts = text.toLower().split(QLatin1Char('x'));
        const int width = parts.size() == 2 ? parts[0].toInt() : 0;
        const int height = parts.size() == 2 ? parts[1].toInt() : 0;
        if (width < 320 || height < 240 || options.tourFolder.isEmpty()) {
            if (error)
                *error = QCoreApplication::translate(
                             "normlab", "--tour-size %1: expected WIDTHxHEIGHT (at least "
                                        "320x240) with --tour DIR")
                             .arg(text);
            return false;
        }
        options.tourSizes << QSize(width, height);
    }
    if (parser.isSet(QStringLiteral("tour-images"))) {
        options.tourImages = parser.value(QStringLiteral("tour-images")).toInt();
        if (options.tourImages < 50 || options.tourFolder.isEmpty()) {
            if (error)
                *error = QCoreApplication::translate(
                    "normlab", "--tour-images needs --tour DIR and 50 or more images");
            return false;
        }
    }
    return true;
}

void addParallelRunsOption(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(
        QStringLiteral("parallel-runs"),
        QCoreApplication::translate("normlab", "Train N runs at once, each in a worker process "
                                               "(Run › Parallel Runs; 1: in the window)."),
        QStringLiteral("N")));
}

bool takeParallelRunsOption(const QCommandLineParser &parser, StartupOptions &options,
                            QString *error)
{
    const QString text = parser.value(QStringLiteral("parallel-runs"));
    if (text.isEmpty())
        return true;
    bool number = false;
    options.parallelRuns = text.toInt(&number);
    if (number && options.parallelRuns >= 1)
        return true;
    if (error)
        *error = QCoreApplication::translate(
                     "normlab", "--parallel-runs %1: expected a whole number, 1 or more")
                     .arg(text);
    return false;
}

} // namespace

bool parseStartupOptions(const QStringList &arguments, StartupOptions &options, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "normlab", "NormLab: normalization and anti-overfitting experiments."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption database(
        QStringLiteral("database"),
        QCoreApplication::translate("normlab", "Keep the runs in project FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption run(
        QStringLiteral("run"),
        QCoreApplication::translate("normlab", "Run the experiment(s) in FILE (one JSON object or "
                                               "a list) at start-up."),
        QStringLiteral("FILE"));
    const QCommandLineOption csv(
        QStringLiteral("export-csv"),
        QCoreApplication::translate("normlab", "After the runs, write the table to CSV FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption png(
        QStringLiteral("export-png"),
        QCoreApplication::translate("normlab", "After the runs, write the table to PNG FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption quit(
        QStringLiteral("quit-when-done"),
        QCoreApplication::translate("normlab", "Exit after the runs: 0 when every run finished, "
                                               "1 otherwise."));
    parser.addOptions({database, run, csv, png, quit});
    addParallelRunsOption(parser);
    addTourOptions(parser);
    parser.addPositionalArgument(
        QStringLiteral("project"),
        QCoreApplication::translate("normlab", "The project to open (as --database)."),
        QStringLiteral("[PROJECT]"));
    options.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        if (error)
            *error = parser.errorText();
        return false;
    }
    options.showHelp = parser.isSet(help);
    options.showVersion = parser.isSet(version);
    options.database = parser.value(database);
    options.runFile = parser.value(run);
    options.exportCsv = parser.value(csv);
    options.exportPng = parser.value(png);
    options.quitWhenDone = parser.isSet(quit);
    if (!takeProjectArgument(parser.positionalArguments(), parser.isSet(database), options,
                             error) ||
        !takeTourOptions(parser, options, error) || !takeParallelRunsOption(parser, options, error))
        return false;
    if (options.quitWhenDone && options.runFile.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("normlab", "--quit-when-done needs --run FILE");
        return false;
    }
    return true;
}
