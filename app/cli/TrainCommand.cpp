// normlab-cli train: one run, or k-fold cross-validation (--folds K).

#include "cli/Commands.h"

#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"
#include "cli/OutputFiles.h"
#include "cli/StreamedFiles.h"

#include "normlab/ConfigJson.h"
#include "normlab/CrossValidation.h"
#include "normlab/Engine.h"
#include "normlab/Errors.h"
#include "normlab/ModelFile.h"
#include "normlab/NumberFormat.h"
#include "normlab/ResultsCsv.h"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>

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

} // namespace

int train(const CliOptions &given)
{
    CliOptions options = given;
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
    const RunResult result = runExperiment(config, *data, &*files, interruptFlag());
    const bool written = writeRunFiles(options, result, summary.classNames, *files);
    printResultRow(result);
    return written ? runStatusExit(result.status) : kExitBadInput;
}

} // namespace normlab::cli
