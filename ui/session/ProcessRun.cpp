#include "session/ProcessRun.h"

#include "normlab/Distributed.h"
#include "normlab/Statistics.h"
#include "session/RunModels.h"

#include <QDir>
#include <QFileInfo>

#include <cstdlib>
#include <exception>
#include <optional>

using namespace normlab;

namespace {

// A run may cost two workers before the coordinator marks it failed (CoordinatorSettings); one
// more start covers a worker that dies before it claims the run.
constexpr int kWorkerStarts = 3;

// The coordinator's reports as ProcessRun's signals, on the job's thread, and the worker process:
// started once the store listens, started again when it died.
class ProcessRunObserver : public DistributedSweepObserver
{
public:
    // `stop` is the coordinator's flag: the user's Stop, and raised here when no worker is left.
    ProcessRunObserver(ProcessRun &run, const WorkerLaunch &launch, std::atomic<bool> &stop)
        : m_run(run), m_launch(launch), m_stop(stop)
    {
    }
    ~ProcessRunObserver() override { stopWorkers(); }

    void listening(const HostPort &address, const std::string &) override
    {
        std::vector<std::string> args{"worker",
                                      "--connect",
                                      "127.0.0.1:" + std::to_string(address.port),
                                      "--threads",
                                      std::to_string(m_launch.threads),
                                      "--quiet"};
        if (!m_launch.keepFolder.isEmpty())
            args.insert(args.end(), {"--keep-files", m_launch.keepFolder.toStdString()});
        m_workers.emplace(m_launch.program.toStdString(), std::move(args));
        startWorker();
    }
    void workerJoined(int, const std::string &description) override
    {
        // "HOST pid PID, N threads" (Worker.cpp)
        const size_t at = description.find(" pid ");
        const qint64 pid = at == std::string::npos ? 0 : std::atoll(description.c_str() + at + 5);
        Q_EMIT m_run.workerStarted(m_run.jobId(), pid);
    }
    void runInfo(const SweepRun &, const RunInfo &info) override
    {
        if (m_started)
            return; // a retry: the window keeps the run's row
        m_started = true;
        Q_EMIT m_run.started(m_run.jobId(), info);
    }
    void runEpochFinished(const SweepRun &, const EpochMetrics &metrics) override
    {
        Q_EMIT m_run.epochFinished(m_run.jobId(), metrics);
    }
    void runMessage(const SweepRun &, const std::string &text) override
    {
        Q_EMIT m_run.message(m_run.jobId(), QString::fromStdString(text));
    }
    void runBatchesFinished(const SweepRun &, const std::vector<BatchProgress> &batches) override
    {
        Q_EMIT m_run.batchesFinished(m_run.jobId(), batches);
    }
    void runLayerStats(const SweepRun &, const std::vector<LayerStatsSample> &samples) override
    {
        Q_EMIT m_run.layerStatsRecorded(m_run.jobId(), samples);
    }
    void runGradientNorms(const SweepRun &, const std::vector<GradientNormSample> &samples) override
    {
        Q_EMIT m_run.gradientNormsRecorded(m_run.jobId(), samples);
    }
    void runRetried(const SweepRun &, int attempt, const std::string &why, int resumeEpoch) override
    {
        ++m_retries;
        m_lastLoss = why;
        Q_EMIT m_run.retried(m_run.jobId(), attempt, QString::fromStdString(why), resumeEpoch);
    }
    // The result itself comes back from runDistributedSweep; here only: no more restarts.
    void runFinished(const SweepRun &, const RunResult &) override { m_ended = true; }
    void poll() override
    {
        if (!m_workers || m_gaveUp)
            return;
        for (int ended = m_workers->reapEnded(); ended > 0 && !m_ended; --ended) {
            if (m_starts >= kWorkerStarts) {
                m_gaveUp = true;
                m_stop.store(true);
                return;
            }
            startWorker();
        }
    }
    void stopWorkers()
    {
        if (m_workers)
            m_workers->stopAll(1);
    }

    bool started() const { return m_started; }
    bool gaveUp() const { return m_gaveUp; }
    int retries() const { return m_retries; }
    const std::string &lastLoss() const { return m_lastLoss; }

private:
    void startWorker()
    {
        ++m_starts;
        m_workers->start();
    }

    ProcessRun &m_run;
    const WorkerLaunch &m_launch;
    std::atomic<bool> &m_stop;
    std::optional<LocalWorkerProcesses> m_workers;
    std::string m_lastLoss;
    int m_starts = 0, m_retries = 0;
    bool m_started = false;
    bool m_ended = false; // the run has its result
    bool m_gaveUp = false;
};

// The files `worker --keep-files` wrote, as run 0 of its one-run sweep, become the job's: the
// window adopts them as the run's once it ends (MainWindow::adoptJobModel).
void adoptKeptFiles(const WorkerLaunch &launch)
{
    if (launch.keepFolder.isEmpty())
        return;
    const QDir kept(launch.keepFolder);
    for (const auto &[name, target] :
         {std::pair{QStringLiteral("run-0.normlab-model"), launch.modelFile},
          std::pair{QStringLiteral("run-0.normlab-checkpoint"), launch.checkpointFile}})
        if (kept.exists(name))
            runmodels::replaceFile(kept.filePath(name), target);
    QDir(launch.keepFolder).removeRecursively();
}

} // namespace

ProcessRun::ProcessRun(int jobId, const ExperimentConfig &config, QObject *parent)
    : QObject(parent), m_jobId(jobId), m_config(config)
{
    registerMetaTypes();
}

void ProcessRun::start(const WorkerLaunch &launch, const QString &token)
{
    m_thread = std::thread([this, launch, token = token.toStdString()] { serve(launch, token); });
}

ProcessRun::~ProcessRun()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void ProcessRun::serve(const WorkerLaunch &launch, const std::string &token)
{
    if (!QFileInfo(launch.program).isExecutable()) {
        Q_EMIT failed(m_jobId,
                      tr("Cannot train in a worker process: %1 is missing or not executable. "
                         "Set Parallel runs to 1 to train in the window.")
                          .arg(launch.program),
                      false);
        return;
    }
    ProcessRunObserver observer(*this, launch, m_cancel);
    CoordinatorSettings settings; // 127.0.0.1, any free port: nothing outside this machine
    settings.token = token;
    std::vector<RunResult> results;
    try {
        SweepRun run;
        run.config = m_config;
        run.groupKey = groupKey(m_config);
        results = runDistributedSweep({run}, settings, &observer, &m_cancel);
    } catch (const std::exception &error) {
        observer.stopWorkers();
        adoptKeptFiles(launch);
        Q_EMIT failed(m_jobId, QString::fromUtf8(error.what()), false);
        return;
    }
    observer.stopWorkers();
    adoptKeptFiles(launch);
    const QString keptEnding =
        tr("The worker processes (%1) kept ending; the run was not retried again.")
            .arg(launch.program);
    if (!results.empty() && observer.started()) {
        RunResult result = results.front();
        if (observer.gaveUp()) { // the coordinator reports it as stopped: say why
            result.status = RunStatus::Failed;
            result.message = keptEnding.toStdString();
        } else if (observer.retries() > 0) {
            const QString lost = QString::fromStdString(observer.lastLoss());
            const QString note =
                observer.retries() == 1
                    ? tr("retried once after its worker process was lost (%1)").arg(lost)
                    : tr("retried %1 times after its worker processes were lost (last: %2)")
                          .arg(observer.retries())
                          .arg(lost);
            result.message += (result.message.empty() ? "" : "; ") + note.toStdString();
        }
        Q_EMIT finished(m_jobId, result);
    } else if (observer.gaveUp()) {
        Q_EMIT failed(m_jobId, keptEnding, false);
    } else if (!results.empty() && results.front().status == RunStatus::Failed) {
        Q_EMIT failed(m_jobId, QString::fromStdString(results.front().message), false);
    } else {
        Q_EMIT failed(m_jobId, tr("Stopped before its worker started training."), true);
    }
}
