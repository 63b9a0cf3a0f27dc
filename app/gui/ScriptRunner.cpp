#include "gui/ScriptRunner.h"

#include "normlab/ConfigJson.h"
#include "normlab/Engine.h"
#include "window/MainWindow.h"
#include "project/RunRecorder.h"
#include "tables/RunTableModel.h"
#include "session/TrainingController.h"

#include <exception>

using namespace normlab;

ScriptRunner::ScriptRunner(MainWindow *window, QString runFile, QString exportCsv,
                           QString exportPng, QObject *parent)
    : QObject(parent), m_window(window), m_runFile(std::move(runFile)),
      m_exportCsv(std::move(exportCsv)), m_exportPng(std::move(exportPng))
{
    connect(window->recorder(), &RunRecorder::runCompleted, this, [this](qint64 id, int jobId) {
        const RunTableModel *table = m_window->runTable();
        const int row = table->rowOf(id);
        if (row < 0)
            return;
        const RunResult &r = table->recordAt(row).result;
        const bool ok = r.status == RunStatus::Finished || r.status == RunStatus::EarlyStopped;
        QString outcome = QStringLiteral("%1: %2").arg(QString::fromStdString(r.name),
                                                       QString::fromStdString(toKey(r.status)));
        if (!r.message.empty())
            outcome += QStringLiteral(" (%1)").arg(QString::fromStdString(r.message));
        onRunEnded(jobId, outcome, ok);
    });
    connect(window->controller(), &TrainingController::runFinished, this,
            [this](int jobId, const RunResult &r) {
                // Cancelled before its first epoch: the recorder has no row for it.
                if (m_window->recorder()->recordIdOfJob(jobId) == 0)
                    onRunEnded(
                        jobId,
                        QStringLiteral("%1: %2").arg(QString::fromStdString(r.name),
                                                     QString::fromStdString(toKey(r.status))),
                        false);
            });
    connect(window->controller(), &TrainingController::runFailed, this,
            [this](int jobId, const QString &message, bool) { onRunEnded(jobId, message, false); });
    connect(window->controller(), &TrainingController::allDone, this, [this] {
        // Runs removed from the queue by the user never end; stop waiting for them.
        if (!m_window->controller()->isBusy() && !m_pending.isEmpty()) {
            m_problems << tr("%n queued run(s) were removed before they ran", nullptr,
                             int(m_pending.size()));
            m_pending.clear();
            finish();
        }
    });
}

void ScriptRunner::start()
{
    std::vector<ExperimentConfig> configs;
    try {
        configs = loadConfigList(m_runFile.toStdString());
    } catch (const std::exception &e) {
        m_problems << QString::fromStdString(e.what());
    }
    for (size_t i = 0; i < configs.size(); ++i) {
        const std::vector<std::string> problems = validate(configs[i]);
        if (!problems.empty()) {
            for (const std::string &p : problems)
                m_problems << tr("%1, experiment %2: %3")
                                  .arg(m_runFile)
                                  .arg(i + 1)
                                  .arg(QString::fromStdString(p));
            continue;
        }
        m_pending.insert(m_window->submit(configs[i]));
    }
    if (configs.empty() && m_problems.isEmpty())
        m_problems << tr("%1 holds no experiment").arg(m_runFile);
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
