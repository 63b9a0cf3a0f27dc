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
    if (!takeProjectArgument(parser.positionalArguments(), parser.isSet(database), options, error))
        return false;
    if (options.quitWhenDone && options.runFile.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("normlab", "--quit-when-done needs --run FILE");
        return false;
    }
    return true;
}
