#pragma once
// The comparison table with repeats grouped: Model | n | Validation Loss | Validation Accuracy |
// Test Loss | Test Accuracy as "mean ± std", the 95% confidence interval in the tooltip, and each
// metric marked against a baseline group with Welch's t-test (better: green and bold, worse: red).

#include "normlab/Statistics.h"
#include "normlab/Sweep.h"
#include "tables/TableRoles.h"

#include <QAbstractTableModel>

#include <vector>

class GroupTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Model,
        Count,
        ValLoss,
        ValAcc,
        TestLoss,
        TestAcc,
        ColumnCount
    };
    /// The mean (double) of a metric cell; the n of the Count column.
    static constexpr int ValueRole = tablerole::Value;
    /// True when the cell is significantly better than the baseline (renderTableImage paints it
    /// bold).
    static constexpr int BestRole = tablerole::Best;
    /// The Significance of the cell against the baseline, as its key ("better", "worse", ...).
    static constexpr int MarkRole = tablerole::Mark;

    explicit GroupTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// Regroups `results` (normlab::groupResults); keeps the baseline by name where it still
    /// exists, else the first group.
    void setResults(const std::vector<normlab::RunResult> &results);
    /// Index of the baseline group (-1 when there are no groups).
    void setBaseline(int group);
    /// Published values shown in the Model tooltip of the matching groups (empty: none).
    void setReference(const normlab::ReferenceTable &reference);
    int baseline() const { return m_baseline; }

    const std::vector<normlab::GroupSummary> &groups() const { return m_groups; }
    const std::vector<normlab::GroupComparison> &comparisons() const { return m_comparisons; }
    static normlab::Metric metricOf(int column);

Q_SIGNALS:
    /// The groups changed (names, count): the baseline chooser follows.
    void groupsChanged();

private:
    QVariant modelData(size_t row, int role) const;
    static QVariant countData(const normlab::GroupSummary &group, int role);
    QVariant metricData(size_t row, normlab::Metric metric, int role) const;
    static QString metricToolTip(const normlab::MetricSummary &summary,
                                 const normlab::MetricComparison *comparison);
    void compare();

    std::vector<normlab::GroupSummary> m_groups;
    std::vector<normlab::GroupComparison> m_comparisons;
    int m_baseline = -1;
    normlab::ReferenceTable m_reference;
};
