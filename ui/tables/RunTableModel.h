#pragma once
// The comparison table, in the lecture's columns: Model | Validation Loss | Validation Accuracy |
// Test Loss | Test Accuracy (4 decimals), then Epochs, Best Epoch, Time and Status. A Seed column
// after Model tells repeats of one configuration apart (the window shows it when names repeat).

#include "tables/RunRecord.h"
#include "tables/TableRoles.h"

#include <QAbstractTableModel>

#include <array>
#include <vector>

class RunTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Model,
        Seed,
        ValLoss,
        ValAcc,
        TestLoss,
        TestAcc,
        Epochs,
        BestEpoch,
        Time,
        Status,
        ColumnCount
    };
    /// The raw value (double, int, string) the sort proxy compares; missing metrics sort last.
    static constexpr int SortRole = tablerole::Value;
    /// True when the cell holds the best value of its metric column.
    static constexpr int BestRole = tablerole::Best;
    static constexpr int RunIdRole = tablerole::RunId;

    explicit RunTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    void setRecords(std::vector<RunRecord> records);
    void addRecord(const RunRecord &record);
    /// Replaces the record with the same id.
    void updateRecord(const RunRecord &record);
    void removeRecord(qint64 id);
    int rowOf(qint64 id) const;
    const RunRecord &recordAt(int row) const { return m_records.at(size_t(row)); }
    const std::vector<RunRecord> &records() const { return m_records; }

    /// The metric a column shows, in the units the table prints (accuracies as fractions).
    static double metric(const RunRecord &record, int column);
    /// Lower is better for losses, higher for accuracies.
    static bool lowerIsBetter(int column) { return column == ValLoss || column == TestLoss; }
    static QString columnTitle(int column);
    static QString formatSeconds(double seconds);
    static QString statusText(const RunRecord &record);
    /// A status key ("finished", "early-stopped", ...) in the interface language. The keys
    /// themselves stay in the project and in every CSV.
    static QString statusName(const QString &key);
    /// Whether two runs share a name (repeats over seeds): then the Seed column tells them apart.
    bool hasRepeatedNames() const;

Q_SIGNALS:
    /// The user edited a Model cell.
    void runRenamed(qint64 id, const QString &name);

private:
    bool isBest(int row, int column) const;
    void updateBest();

    std::vector<RunRecord> m_records;
    std::array<int, ColumnCount> m_bestRow{}; // per metric column; -1: none
};
