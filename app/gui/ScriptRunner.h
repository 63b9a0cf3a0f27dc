#pragma once
// `normlab --run FILE [--export-csv F] [--export-png F] [--quit-when-done]`: queues the file's
// experiments in the window, exports the table when they are done and reports the outcome.

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

class MainWindow;

class ScriptRunner : public QObject
{
    Q_OBJECT
public:
    ScriptRunner(MainWindow *window, QString runFile, QString exportCsv, QString exportPng,
                 QObject *parent = nullptr);

    /// Queues the runs. Emits done() (possibly right away) when nothing is left to wait for.
    void start();

Q_SIGNALS:
    /// 0: every run finished or stopped early and every export was written.
    void done(int exitCode, const QString &summary);

private:
    void onRunEnded(int jobId, const QString &outcome, bool ok);
    void finish();

    MainWindow *m_window;
    QString m_runFile, m_exportCsv, m_exportPng;
    QSet<int> m_pending;
    QStringList m_problems;
    QStringList m_outcomes;
    bool m_finished = false;
};
