#pragma once
// The comparison table with repeats grouped: Model | n | Validation Loss | Validation Accuracy |
// Test Loss | Test Accuracy as "mean ± std", the 95% confidence interval in the tooltip, and each
// metric marked against a baseline group with Welch's t-test (better: green and bold, worse: red).
// Only finished runs enter a group's statistics; the runs left out (still training, interrupted,
// cancelled, failed) are counted, and the n cell says so: "2 of 3".

#include "normlab/Statistics.h"
#include "normlab/Sweep.h"
#include "tables/RunRecord.h"
#include "tables/TableRoles.h"

#include <QAbstractTableModel>
#include <QString>

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

    /// Regroups the project's runs by normlab::groupKey, in order of first appearance. A group's
    /// statistics are normlab::summarizeRuns over its runs that are done (so cancelled and failed
    /// runs count in GroupSummary::runs only); runs still training or interrupted are left out of
    /// them too, and every left-out run is counted in totalRuns and leftOutText. Keeps the
    /// baseline by name where it still exists, else the first group.
    void setRuns(const std::vector<RunRecord> &records);
    /// setRuns with every result taken as a run that is done.
    void setResults(const std::vector<normlab::RunResult> &results);
    /// Index of the baseline group (-1 when there are no groups).
    void setBaseline(int group);
    /// Makes the group with normlab::groupKey `key` the baseline as soon as it exists (a sweep's
    /// first configuration, not whatever group came first in the project); later regrouping
    /// keeps it by name as usual.
    void preferBaseline(const std::string &key);
    /// Published values shown in the Model tooltip of the matching groups (empty: none).
    void setReference(const normlab::ReferenceTable &reference);
    int baseline() const { return m_baseline; }

    const std::vector<normlab::GroupSummary> &groups() const { return m_groups; }
    const std::vector<normlab::GroupComparison> &comparisons() const { return m_comparisons; }
    static normlab::Metric metricOf(int column);
    /// The group's runs in the project, the ones outside its statistics included.
    int totalRuns(int group) const;
    /// The group's runs outside its statistics by the state the run table shows, "1 interrupted,
    /// 1 cancelled"; empty when every run counts.
    QString leftOutText(int group) const;

Q_SIGNALS:
    /// The groups changed (names, count): the baseline chooser follows.
    void groupsChanged();

private:
    /// Which runs of a group its statistics use: all of them, or `total` minus the left-out ones.
    struct Membership
    {
        int total = 0;
        QString leftOut; // "1 interrupted, 1 cancelled"
    };
    static Membership membershipOf(const std::vector<const RunRecord *> &runs);
    void regroup(std::vector<normlab::GroupSummary> groups, std::vector<Membership> membership);
    QVariant modelData(size_t row, int role) const;
    QVariant countData(size_t row, int role) const;
    QVariant metricData(size_t row, normlab::Metric metric, int role) const;
    static QString metricToolTip(const normlab::MetricSummary &summary,
                                 const normlab::MetricComparison *comparison);
    void compare();
    int groupWithKey(const std::string &key) const; // -1: none (or an empty key)

    std::vector<normlab::GroupSummary> m_groups;
    std::vector<normlab::GroupComparison> m_comparisons;
    std::vector<Membership> m_membership; // by group
    int m_baseline = -1;
    std::string m_preferredBaseline; // a group key, until that group exists
    normlab::ReferenceTable m_reference;
};
