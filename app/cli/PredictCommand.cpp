// normlab-cli predict: the top classes of image files (or folders of them) with a model file,
// on stdout and optionally as CSV (docs/models.md).

#include "cli/Commands.h"
#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"

#include "normlab/Errors.h"
#include "normlab/ModelFile.h"
#include "normlab/NumberFormat.h"
#include "normlab/ResultsCsv.h"

#include <algorithm>
#include <iostream>

namespace normlab::cli {
namespace {

// Probabilities with enough digits to tell close classes apart.
constexpr int kProbabilityDigits = 6;

std::vector<std::string> csvHeader(int top)
{
    std::vector<std::string> header = {"file", "top1", "probability"};
    for (int k = 2; k <= top; ++k) {
        header.push_back("top" + std::to_string(k));
        header.push_back("probability" + std::to_string(k));
    }
    return header;
}

std::vector<std::string> csvRow(const ImagePrediction &p, const ModelInfo &info)
{
    std::vector<std::string> row = {p.file};
    for (size_t k = 0; k < p.classes.size(); ++k) {
        row.push_back(info.classNames[p.classes[k]]);
        row.push_back(formatSignificant(p.probabilities[k], kProbabilityDigits));
    }
    return row;
}

// "FILE: cat 0.9134, dog 0.0512, bird 0.0101"
std::string predictionLine(const ImagePrediction &p, const ModelInfo &info)
{
    std::string line = p.file + ":";
    for (size_t k = 0; k < p.classes.size(); ++k)
        line += (k ? ", " : " ") + info.classNames[p.classes[k]] + " " +
                formatFixed(p.probabilities[k], 4);
    return line;
}

// Every image file the arguments name, in order; a folder without images is bad input.
std::vector<std::string> collectImages(const std::vector<std::string> &inputs)
{
    std::vector<std::string> files;
    for (const std::string &input : inputs) {
        const std::vector<std::string> found = imageFilesAt(input);
        if (found.empty())
            throw InputError(input + ": no images (.jpg, .jpeg, .png, .bmp) in this folder");
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

void describeModel(const ModelInfo &info, size_t images)
{
    std::cerr << info.file << ": " << info.runName << " (" << toKey(info.config.arch) << ", "
              << normLabel(info.config.norm) << "), " << info.classNames.size() << " classes, "
              << info.imageSize << "x" << info.imageSize << ", " << info.weights
              << " weights of epoch " << info.epoch << "; " << images
              << (images == 1 ? " image\n" : " images\n");
}

// Prints the predictions and writes --csv; false when some file could not be read or written.
bool reportPredictions(const CliOptions &options, const ModelInfo &info,
                       const std::vector<ImagePrediction> &predictions)
{
    bool allRead = true;
    const int top = std::min<int>(options.top, static_cast<int>(info.classNames.size()));
    std::vector<std::vector<std::string>> rows = {csvHeader(top)};
    for (const ImagePrediction &p : predictions) {
        if (!p.readable) {
            printError(p.file + ": cannot decode this image (skipped)");
            allRead = false;
            continue;
        }
        std::cout << predictionLine(p, info) << "\n";
        rows.push_back(csvRow(p, info));
    }
    if (options.predictCsv.empty())
        return allRead;
    try {
        writeCsvRows(options.predictCsv, rows);
    } catch (const InputError &error) {
        printError(error.what());
        return false;
    }
    return allRead;
}

} // namespace

int predict(const CliOptions &options)
{
    if (options.modelPath.empty() || options.predictions.empty()) {
        printError("predict needs --model FILE and at least one image or folder");
        return kExitBadInput;
    }
    try {
        const ModelPredictor predictor(options.modelPath);
        const std::vector<std::string> files = collectImages(options.predictions);
        describeModel(predictor.info(), files.size());
        const auto predictions = predictor.predict(files, options.top);
        return reportPredictions(options, predictor.info(), predictions) ? kExitOk : kExitBadInput;
    } catch (const InputError &error) {
        printError(error.what());
        return kExitBadInput;
    }
}

} // namespace normlab::cli
