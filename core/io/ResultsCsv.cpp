#include "normlab/ResultsCsv.h"

#include "normlab/Errors.h"
#include "normlab/NumberFormat.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

namespace normlab {
std::vector<std::string> resultsCsvHeader()
{
    return {"Model",
            "Validation Loss",
            "Validation Accuracy",
            "Test Loss",
            "Test Accuracy",
            "Best Test Loss",
            "Best Test Accuracy",
            "Dataset",
            "Normalization",
            "Regularizers",
            "Epochs",
            "Best Epoch",
            "Seconds",
            "Seed",
            "Status",
            "Architecture",
            "Parameters"};
}

std::vector<std::string> resultsCsvRow(const RunResult &r)
{
    const ExperimentConfig &c = r.config;
    std::string norm = normLabel(c.norm);
    if (c.norm == NormKind::Group)
        norm += " (" + std::to_string(c.groups) + " groups)";
    if (c.norm == NormKind::Weight && c.meanOnlyBatchNorm)
        norm += " + mean-only BatchNorm";
    return {r.name,
            formatMetric(r.bestValLoss),
            formatMetric(r.bestValAcc),
            formatMetric(r.testLoss),
            formatMetric(r.testAcc),
            formatMetric(r.bestTestLoss),
            formatMetric(r.bestTestAcc),
            datasetLabel(c),
            norm,
            regularizerLabel(c),
            std::to_string(r.epochsRun),
            std::to_string(r.bestEpoch),
            formatFixed(r.seconds, 1),
            std::to_string(c.seed),
            toKey(r.status),
            toKey(c.arch) + " x" + formatFixed(c.width, 2),
            std::to_string(r.parameters)};
}

std::vector<std::string> historyCsvHeader()
{
    return {"epoch",   "train_loss", "train_acc", "val_loss",
            "val_acc", "test_loss",  "test_acc",  "seconds"};
}

std::vector<std::string> historyCsvRow(const EpochMetrics &m)
{
    return {std::to_string(m.epoch),   formatFixed(m.trainLoss, 6), formatFixed(m.trainAcc, 6),
            formatFixed(m.valLoss, 6), formatFixed(m.valAcc, 6),    formatFixed(m.testLoss, 6),
            formatFixed(m.testAcc, 6), formatFixed(m.seconds, 3)};
}

std::vector<std::vector<std::string>> historyCsvRows(const RunResult &result)
{
    std::vector<std::vector<std::string>> rows;
    for (const EpochMetrics &m : result.history)
        rows.push_back(historyCsvRow(m));
    return rows;
}

std::string csvLine(const std::vector<std::string> &fields)
{
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i)
            line += ',';
        const std::string &f = fields[i];
        if (f.find_first_of(",\"\n\r") == std::string::npos) {
            line += f;
            continue;
        }
        line += '"';
        for (char ch : f) {
            if (ch == '"')
                line += '"';
            line += ch;
        }
        line += '"';
    }
    return line;
}

std::string formatMetric(double value)
{
    return formatFixed(value, 4);
}

void appendResultsCsv(const std::string &path, const RunResult &result)
{
    std::error_code ec;
    const bool fresh =
        !std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0;
    std::vector<std::vector<std::string>> rows;
    if (fresh)
        rows.push_back(resultsCsvHeader());
    rows.push_back(resultsCsvRow(result));
    writeCsvRows(path, rows, std::ios::app);
}

void writeResultsCsv(const std::string &path, const std::vector<RunResult> &results)
{
    std::vector<std::vector<std::string>> rows{resultsCsvHeader()};
    for (const RunResult &r : results)
        rows.push_back(resultsCsvRow(r));
    writeCsvRows(path, rows, std::ios::trunc);
}

void writeHistoryCsv(const std::string &path, const RunResult &result)
{
    std::vector<std::vector<std::string>> rows{historyCsvHeader()};
    for (auto &row : historyCsvRows(result))
        rows.push_back(std::move(row));
    writeCsvRows(path, rows, std::ios::trunc);
}

void writeCsvRows(const std::string &path, const std::vector<std::vector<std::string>> &rows,
                  std::ios::openmode mode)
{
    std::ofstream out(path, mode);
    if (!out)
        throw InputError("cannot write " + path + ": " + std::strerror(errno));
    for (const auto &row : rows)
        out << csvLine(row) << '\n';
    out.flush();
    if (!out)
        throw InputError("cannot write " + path + " (disk full?)");
}

HistoryCsvStream::HistoryCsvStream(std::string path, const std::vector<std::string> &header)
    : path_(std::move(path)), out_(path_, std::ios::trunc)
{
    if (!out_)
        throw InputError("cannot write " + path_ + ": " + std::strerror(errno));
    append(header);
}

void HistoryCsvStream::append(const std::vector<std::string> &row)
{
    // One write per row, flushed at once: a kill can only cut the row being written, and a
    // short row is never left behind by a buffer that filled up in the middle of one.
    const std::string line = csvLine(row) + '\n';
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
    out_.flush();
    if (!out_)
        throw InputError("cannot write " + path_ + " (disk full?)");
}

} // namespace normlab
