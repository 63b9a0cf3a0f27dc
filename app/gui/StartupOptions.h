#pragma once
// normlab's command line: [--database FILE | PROJECT] [--run FILE.json] [--export-csv F]
// [--export-png F] [--quit-when-done], or --tour DIR [--tour-size WxH ...]
// [--tour-images N].

#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

struct StartupOptions
{
    QString database;  // empty: RunStore::defaultPath()
    QString runFile;   // experiments to run at start-up
    QString exportCsv; // after the runs
    QString exportPng;
    bool quitWhenDone = false;
    int parallelRuns = 0;   // --parallel-runs; 0: not given (the remembered choice, else 1)
    QString tourFolder;     // --tour: the screenshot tour writes its PNGs here
    QList<QSize> tourSizes; // --tour-size; empty: 1280x800 and 1920x1080
    int tourImages = 1000;  // --tour-images: training images of each preset run
    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
};

/// Parses `arguments` (argv, program name first). False with `error` for unknown options or
/// options that make no sense together.
bool parseStartupOptions(const QStringList &arguments, StartupOptions &options, QString *error);
