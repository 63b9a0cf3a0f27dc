#pragma once
// normlab's command line: [--database FILE | PROJECT] [--run FILE.json] [--export-csv F]
// [--export-png F] [--quit-when-done].

#include <QString>
#include <QStringList>

struct StartupOptions
{
    QString database;  // empty: RunStore::defaultPath()
    QString runFile;   // experiments to run at start-up
    QString exportCsv; // after the runs
    QString exportPng;
    bool quitWhenDone = false;
    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
};

/// Parses `arguments` (argv, program name first). False with `error` for unknown options or
/// options that make no sense together.
bool parseStartupOptions(const QStringList &arguments, StartupOptions &options, QString *error);
