// normlab-cli train: one run, or k-fold cross-validation (--folds K).

#include "cli/Commands.h"

#include "cli/BatchLossFile.h"
#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"
#include "cli/OutputFiles.h"
#include "cli/StreamedFiles.h"

#include "normlab/ConfigJson.h"
#include "normlab/CrossValidation.h"
#include "normlab/DataParallel.h"
#include "normlab/Distributed.h"
#include "normlab/Engine.h"
#include "normlab/Errors.h"
#include "normlab/ModelFile.h"
#include "normlab/NumberFormat.h"
#include "normlab/ResultsCsv.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <thread>

namespace normlab::cli {
namespace {

void printDataSummary(const DatasetSummary &summary)
{
    const int64_t total = summary.trainSize + summary.valSize + summary.testSize;
    std::cerr << summary.description << ": " << summary.classNames.size() << " classes, "
              << summary.width << "x" << summary.height << "; loaded " << total << " images in "
              << formatFixed(summary.loadSeconds, 2) << " s ("
              << static_cast<long>(total / std::max(summary.loadSeconds, 1e-9)) << " images/s)\n";
}

// The result row, as the slides' table shows it, on stdout: one "column value" line each.
void printResultRow(const RunResult &result)
{
    const auto header = resultsCsvHeader();
    const auto row = resultsCsvRow(result);
    for (size_t i = 0; i < header.size(); ++i)
        std::cout << std::left << std::setw(22) << header[i] << row[i] << "\n";
}

// Opens --history into `files` before any training; false (with the message) when it cannot.
bool openStreamedFiles(std::optional<StreamedRunFiles> &files, const CliOptions &options,
                       StreamedRunFiles::HistoryLayout layout, TrainingObserver &progress)
{
    try {
        files.emplace(options, layout, progress);
    } catch (const InputError &error) {
        printError(error.what());
        return false;
    }
    return true;
}

// --batch-losses in front of `next`; null (with the message) when it cannot be written.
std::unique_ptr<BatchLossFile> openBatchLosses(const CliOptions &options, TrainingObserver &next)
{
    try {
        return std::make_unique<BatchLossFile>(next, options.batchLossesPath);
    } catch (const InputError &error) {
        printError(error.what());
        return nullptr;
    }
}

// --results, --stats and --confusion of one run, and whether --history (written as the run went)
// is complete; false when one failed (each is tried all the same).
bool writeRunFiles(const CliOptions &options, const RunResult &result,
                   const std::vector<std::string> &classNames, const StreamedRunFiles &files)
{
    bool written = files.reportHistoryError();
    try {
        if (!options.resultsPath.empty())
            appendResultsCsv(options.resultsPath, result);
    } catch (const InputError &error) {
        printError(error.what());
        written = false;
    }
    if (!writeInsightFiles(options, result, classNames))
        written = false;
    return written;
}

int runStatusExit(RunStatus status)
{
    switch (status) {
    case RunStatus::Failed:
        return kExitFailed;
    case RunStatus::Cancelled:
        return kExitInterrupted;
    default:
        return kExitOk;
    }
}

// Each fold's line on stdout, and its row in --results as it is printed.
bool reportFolds(const CliOptions &options, const std::vector<RunResult> &folds)
{
    for (const auto &fold : folds) {
        std::cout << fold.name << ": " << oneLineResult(fold) << "\n";
        if (options.resultsPath.empty())
            continue;
        try {
            appendResultsCsv(options.resultsPath, fold);
        } catch (const InputError &error) {
            printError(error.what());
            return false;
        }
    }
    return true;
}

// train --folds K: one run per fold, then the mean ± std over the folds.
int crossValidate(const CliOptions &options, const DataSplits &data)
{
    const ExperimentConfig &config = options.config;
    ProgressPrinter printer(options.quiet);
    std::optional<StreamedRunFiles> files;
    if (!openStreamedFiles(files, options, StreamedRunFiles::HistoryLayout::RunColumn, printer))
        return kExitBadInput;
    CrossValidationResult cv;
    try {
        cv = runCrossValidation(config, data, &*files, interruptFlag(), [&files](int fold, int k) {
            files->beginRun();
            std::cerr << "fold " << fold << "/" << k << "\n";
        });
    } catch (const InputError &error) {
        printError(error.what());
        return kExitBadInput;
    }
    if (!reportFolds(options, cv.folds))
        return kExitBadInput;
    std::cout << "\n"
              << config.folds << "-fold cross-validation of " << cv.summary.name
              << " (validation = the held-out fold; test split unchanged)\n";
    printGroupTable({cv.summary}, {}, 0, "folds");
    const bool historyWritten = files->reportHistoryError();
    if (!writeSummaryFile(options, {cv.summary}, {}) || !historyWritten)
        return kExitBadInput;
    // --stats/--confusion come with --fold I only (checked when parsing): one fold's run.
    if (!cv.folds.empty() &&
        !writeInsightFiles(options, cv.folds.back(), summarize(data).classNames))
        return kExitBadInput;
    return exitStatus(cv.folds);
}

bool usesModelFiles(const CliOptions &options)
{
    return !options.saveModelPath.empty() || !options.checkpointPath.empty() ||
           !options.resumePath.empty();
}

// train --resume: the checkpoint's configuration, with the keys a resumed run may change taken
// from the command line. False (with the message) when that cannot be.
bool useCheckpointConfig(CliOptions &options)
{
    if (options.resumePath.empty())
        return true;
    try {
        const CheckpointInfo checkpoint = readCheckpointInfo(options.resumePath);
        ExperimentConfig config = checkpoint.config;
        for (const auto &[key, value] : options.configOverrides) {
            if (key != "epochs" && key != "threads" && key != "data")
                throw InputError("--resume continues the configuration of " + options.resumePath +
                                 ": --" + key +
                                 " cannot change (only --epochs, --threads and --data)");
            setConfigValue(config, key, value);
        }
        options.config = config;
        std::cerr << "resuming " << checkpoint.runName << " from " << options.resumePath
                  << " after epoch " << checkpoint.epoch << "\n";
    } catch (const InputError &error) {
        printError(error.what());
        return false;
    }
    return true;
}

// Refuses before any training what --save-model and --checkpoint could not write.
bool checkModelFileOptions(const CliOptions &options)
{
    if (options.config.folds >= 2 && usesModelFiles(options)) {
        printError("--save-model, --checkpoint and --resume describe one run: train without "
                   "--folds");
        return false;
    }
    std::error_code ignored; // a folder that cannot be made is reported as missing below
    if (!options.checkpointPath.empty() && options.checkpointPath.back() == '/')
        std::filesystem::create_directories(options.checkpointPath, ignored);
    for (const std::string &path :
         {options.saveModelPath, checkpointFile(options.checkpointPath)}) {
        const std::filesystem::path folder = std::filesystem::path(path).parent_path();
        if (!path.empty() && !folder.empty() && !std::filesystem::is_directory(folder)) {
            printError(path + ": the folder " + folder.string() + " does not exist");
            return false;
        }
    }
    return true;
}

// --save-model after the run: the best weights; false (with the message) when not written.
bool saveModelFile(const CliOptions &options, TrainingRun &run, const RunResult &result)
{
    if (options.saveModelPath.empty())
        return true;
    if (result.history.empty()) {
        printError("no epoch finished: no model written to " + options.saveModelPath);
        return false;
    }
    try {
        run.saveModel(options.saveModelPath, result);
    } catch (const InputError &error) {
        printError(error.what());
        return false;
    }
    if (!options.quiet)
        std::cerr << "model written to " << options.saveModelPath << "\n";
    return true;
}

// One run with --save-model, --checkpoint or --resume.
int trainWithModelFiles(const CliOptions &options, const DataSplits &data,
                        const std::vector<std::string> &classNames, StreamedRunFiles &files)
{
    std::unique_ptr<TrainingRun> run;
    try {
        run = std::make_unique<TrainingRun>(options.config, data);
        if (!options.checkpointPath.empty())
            run->writeCheckpoints(options.checkpointPath);
        if (!options.resumePath.empty())
            run->resumeFrom(options.resumePath);
    } catch (const InputError &error) {
        printError(error.what());
        return kExitBadInput;
    }
    const RunResult result = run->run(&files, interruptFlag());
    bool written = writeRunFiles(options, result, classNames, files);
    written = saveModelFile(options, *run, result) && written;
    printResultRow(result);
    return written ? runStatusExit(result.status) : kExitBadInput;
}

// --world, --rank, --master and --sync-bn together; the message names the option.
std::string dataParallelProblem(const CliOptions &options)
{
    if (options.world == 0)
        return options.rank >= 0 || !options.master.empty() || options.syncBatchNorm
                   ? "--rank, --master and --sync-bn need --world N"
                   : "";
    if (options.rank >= options.world)
        return "--rank: " + std::to_string(options.rank) + " must be below --world " +
               std::to_string(options.world) + " (ranks count from 0)";
    if (options.rank >= 0 && options.master.empty())
        return "--rank needs --master HOST:PORT: where rank 0 runs (rank 0 listens there)";
    if (options.config.folds >= 2 || usesModelFiles(options))
        return "--world trains one run without --folds, --save-model, --checkpoint or --resume";
    return "";
}

// --batch-losses describes one plain run.
std::string batchLossesProblem(const CliOptions &options)
{
    if (!options.batchLossesPath.empty() && (options.config.folds >= 2 || usesModelFiles(options)))
        return "--batch-losses: not with --folds, --save-model, --checkpoint or --resume";
    return "";
}

// This process's arguments as it was started, for the ranks it starts itself.
std::vector<std::string> ownArguments()
{
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> args;
    for (size_t start = 0; start < all.size();) {
        const size_t end = all.find('\0', start);
        args.push_back(all.substr(start, end - start));
        start = end == std::string::npos ? all.size() : end + 1;
    }
    if (!args.empty())
        args.erase(args.begin()); // the program
    return args;
}

// train --world N without --rank: ranks 1..N-1 are this program again, each in its own process
// group and killed with this one (LocalWorkerProcesses), told rank 0's port and thread count.
std::vector<std::unique_ptr<LocalWorkerProcesses>> startLocalRanks(const CliOptions &options,
                                                                   int port)
{
    std::vector<std::unique_ptr<LocalWorkerProcesses>> ranks;
    const std::string program = std::filesystem::read_symlink("/proc/self/exe").string();
    for (int rank = 1; rank < options.world; ++rank) {
        std::vector<std::string> args = ownArguments();
        for (const std::string &extra :
             {std::string("--rank"), std::to_string(rank), std::string("--master"),
              "127.0.0.1:" + std::to_string(port), std::string("--threads"),
              std::to_string(options.config.threads), std::string("--quiet")})
            args.push_back(extra);
        ranks.push_back(std::make_unique<LocalWorkerProcesses>(program, args));
        ranks.back()->start();
    }
    return ranks;
}

// Rank 0 waits a little for the ranks it started to finish their last epoch, then ends them.
void finishLocalRanks(std::vector<std::unique_ptr<LocalWorkerProcesses>> &ranks)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (auto &rank : ranks)
        while (rank->running() > 0 && std::chrono::steady_clock::now() < deadline)
            if (rank->reapEnded() == 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ranks.clear(); // the rest: SIGTERM, then SIGKILL
}

DataParallelSettings dataParallelSettings(const CliOptions &options)
{
    DataParallelSettings settings;
    settings.world = options.world;
    settings.rank = std::max(options.rank, 0);
    if (!options.master.empty()) {
        const HostPort master = parseHostPort(options.master, "master");
        settings.masterHost = options.rank >= 0 ? master.host : "127.0.0.1";
        settings.masterPort = master.port;
    }
    settings.connectTimeoutSeconds = options.connectTimeoutSeconds;
    settings.syncBatchNorm = options.syncBatchNorm;
    return settings;
}

// Rank 0 reports the run and writes the files; the other ranks only train.
int reportRank0(const CliOptions &options, DataParallelGroup &group, const DataSplits &data,
                const DatasetSummary &summary)
{
    ProgressPrinter printer(options.quiet);
    std::optional<StreamedRunFiles> files;
    if (!openStreamedFiles(files, options, StreamedRunFiles::HistoryLayout::OneRun, printer))
        return kExitBadInput;
    const std::unique_ptr<BatchLossFile> losses = openBatchLosses(options, *files);
    if (!losses)
        return kExitBadInput;
    const RunResult result = group.train(options.config, data, losses.get(), interruptFlag());
    const bool written = writeRunFiles(options, result, summary.classNames, *files);
    printResultRow(result);
    return written ? runStatusExit(result.status) : kExitBadInput;
}

// train --world N: this process is rank 0 and starts the others, or --rank R of them.
int trainDataParallel(CliOptions options)
{
    const bool startsRanks = options.rank < 0;
    if (startsRanks && options.config.threads == 0) // each local rank its share of the cores
        options.config.threads =
            std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / options.world);
    if (printConfigProblems(options.config))
        return kExitBadInput;
    catchInterrupt();
    std::vector<std::unique_ptr<LocalWorkerProcesses>> ranks;
    try {
        DataParallelGroup group(dataParallelSettings(options));
        if (startsRanks)
            ranks = startLocalRanks(options, group.port());
        const std::shared_ptr<const DataSplits> data =
            loadData(options.config, {}, interruptFlag());
        const DatasetSummary summary = summarize(*data);
        if (!options.quiet)
            printDataSummary(summary);
        group.join();
        if (options.rank > 0) {
            const RunResult result = group.train(options.config, *data, nullptr, interruptFlag());
            if (result.status == RunStatus::Failed)
                printError("rank " + std::to_string(options.rank) + ": " + result.message);
            return runStatusExit(result.status);
        }
        const int status = reportRank0(options, group, *data, summary);
        finishLocalRanks(ranks);
        return status;
    } catch (const InputError &error) {
        printError(error.what());
        return interrupted() ? kExitInterrupted : kExitBadInput;
    }
}

} // namespace

int train(const CliOptions &given)
{
    CliOptions options = given;
    if (const std::string problem = dataParallelProblem(options) + batchLossesProblem(options);
        !problem.empty()) {
        printError(problem);
        return kExitBadInput;
    }
    if (options.world > 1 || options.rank >= 0)
        return trainDataParallel(options);
    if (!useCheckpointConfig(options) || !checkModelFileOptions(options))
        return kExitBadInput;
    const ExperimentConfig &config = options.config;
    if (printConfigProblems(config))
        return kExitBadInput;
    catchInterrupt();
    std::shared_ptr<const DataSplits> data;
    try {
        data = loadData(config, {}, interruptFlag());
    } catch (const InputError &error) {
        printError(error.what());
        return interrupted() ? kExitInterrupted : kExitBadInput;
    }
    const DatasetSummary summary = summarize(*data);
    if (!options.quiet)
        printDataSummary(summary);
    for (const auto &warning : summary.warnings)
        std::cerr << "warning: " << warning << "\n";

    if (config.folds >= 2)
        return crossValidate(options, *data);

    ProgressPrinter printer(options.quiet);
    std::optional<StreamedRunFiles> files;
    if (!openStreamedFiles(files, options, StreamedRunFiles::HistoryLayout::OneRun, printer))
        return kExitBadInput;
    if (usesModelFiles(options))
        return trainWithModelFiles(options, *data, summary.classNames, *files);
    const std::unique_ptr<BatchLossFile> losses = openBatchLosses(options, *files);
    if (!losses)
        return kExitBadInput;
    const RunResult result = runExperiment(config, *data, losses.get(), interruptFlag());
    const bool written = writeRunFiles(options, result, summary.classNames, *files);
    printResultRow(result);
    return written ? runStatusExit(result.status) : kExitBadInput;
}

} // namespace normlab::cli
