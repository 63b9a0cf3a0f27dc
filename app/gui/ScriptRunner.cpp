#include "gui/ScriptRunner.h"

#include "normlab/ConfigJson.h"
#include "window/MainWindow.h"

#include <exception>

using namespace normlab;

ScriptRunner::ScriptRunner(MainWindow *window, QString runFile, QString exportCsv,
                           QString exportPng, QObject *parent)
    : QObject(parent), m_window(window), m_runFile(std::move(runFile)),
      m_exportCsv(std::move(exportCsv)), m_exportPng(std::move(exportPng))
{
    connect(window, &MainWindow::runEnded, this, &ScriptRunner::onRunEnded);
    connect(window, &MainWindow::idle, this, [this] {
        // Runs removed from the queue by the user never end; stop waiting for them.
        if (m_pending.isEmpty())
            return;
        m_problems << tr("%n queued run(s) were removed before they ran", nullptr,
                         int(m_pending.size()));
        m_pending.clear();
        finish();
    });
}

void ScriptRunner::start()
{
    // The whole file or nothing (normlab::loadValidConfigList): every problem is reported.
    try {
        for (const ExperimentConfig &config : loadValidConfigList(m_runFile.toStdString()))
            m_pending.insert(m_window->submit(config));
    } catch (const std::exception &e) {
        m_problems << QString::fromStdString(e.what());
    }
    if (m_pending.isEmpty())
        finish();
}

void ScriptRunner::onRunEnded(int jobId, const QString &outcome, bool ok)
{
    if (!m_pending.remove(jobId))
        return;
    m_outcomes << outcome;
    if (!ok)
        m_problems << outcome;
    if (m_pending.isEmpty())
        finish();
}

void ScriptRunner::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_exportCsv.isEmpty() && !m_window->exportCsv(m_exportCsv))
        m_problems << tr("could not write %1").arg(m_exportCsv);
    if (!m_exportPng.isEmpty() && !m_window->exportTablePng(m_exportPng))
        m_problems << tr("could not write %1").arg(m_exportPng);
    QStringList lines = m_outcomes;
    if (!m_problems.isEmpty())
        lines << tr("Problems:") << m_problems;
    Q_EMIT done(m_problems.isEmpty() ? 0 : 1, lines.join(QLatin1Char('\n')));
}
