#pragma once
// The results and history CSV files shared by normlab-cli and the GUI's export.

#include "normlab/Results.h"

#include <fstream>
#include <ios>
#include <string>
#include <vector>

namespace normlab {

/// "Model,Validation Loss,Validation Accuracy,Test Loss,Test Accuracy,Best Test Loss,
/// Best Test Accuracy,Dataset,Normalization,Regularizers,Epochs,Best Epoch,Seconds,Seed,Status,
/// Architecture,Parameters": the slides' columns first.
std::vector<std::string> resultsCsvHeader();
std::vector<std::string> resultsCsvRow(const RunResult &result);

/// "epoch,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,seconds"
std::vector<std::string> historyCsvHeader();
std::vector<std::vector<std::string>> historyCsvRows(const RunResult &result);
/// One epoch's row of the history (historyCsvRows is these, epoch by epoch).
std::vector<std::string> historyCsvRow(const EpochMetrics &metrics);

/// One CSV line (no newline), quoting fields that need it (RFC 4180).
std::string csvLine(const std::vector<std::string> &fields);
/// Writes the rows as CSV lines (replacing the file, or appending with std::ios::app).
/// Throws InputError naming the path when it cannot be written.
void writeCsvRows(const std::string &path, const std::vector<std::vector<std::string>> &rows,
                  std::ios::openmode mode = std::ios::trunc);
/// Metrics as the slides print them: 4 decimals; "nan" for non-finite values.
std::string formatMetric(double value);

/// Appends one row; writes the header first when the file is new or empty.
/// Throws InputError naming the path when it cannot be written.
void appendResultsCsv(const std::string &path, const RunResult &result);
/// Writes a whole table (header + rows), replacing the file.
void writeResultsCsv(const std::string &path, const std::vector<RunResult> &results);
/// Writes one run's per-epoch history, replacing the file.
void writeHistoryCsv(const std::string &path, const RunResult &result);

/// A history CSV written while the run goes: the header when it opens, then each finished
/// epoch's row, appended and flushed at once, so a process killed mid-run leaves the header and
/// complete rows only. The finished file holds the same bytes as writeCsvRows of the same rows
/// (writeHistoryCsv, writeSweepHistoryCsv).
class HistoryCsvStream
{
public:
    /// Creates or empties `path` and writes `header`. Throws InputError naming the path.
    HistoryCsvStream(std::string path, const std::vector<std::string> &header);

    /// Appends one row and flushes it. Throws InputError naming the path.
    void append(const std::vector<std::string> &row);
    const std::string &path() const { return path_; }

private:
    std::string path_;
    std::ofstream out_;
};

} // namespace normlab
