#include "tables/GroupTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QStringList>

#include <algorithm>
#include <utility>

using namespace normlab;

GroupTableModel::GroupTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int GroupTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int GroupTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Metric GroupTableModel::metricOf(int column)
{
    return kSlideMetrics[size_t(std::clamp(column - ValLoss, 0, int(kMetricCount) - 1))];
}

QVariant GroupTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Model:
        return tr("Model");
    case Count:
        return tr("n");
    default:
        return QString::fromStdString(metricLabel(metricOf(section)));
    }
}

QVariant GroupTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const size_t row = size_t(index.row());
    switch (index.column()) {
    case Model:
        return modelData(row, role);
    case Count:
        return countData(row, role);
    default:
        return metricData(row, metricOf(index.column()), role);
    }
}

QVariant GroupTableModel::modelData(size_t row, int role) const
{
    const GroupSummary &g = m_groups[row];
    const bool isBaseline = int(row) == m_baseline;
    if (role == Qt::DisplayRole)
        return QString::fromStdString(g.name) + (isBaseline ? tr(" (baseline)") : QString());
    if (role == Qt::FontRole && isBaseline) {
        QFont font;
        font.setItalic(true);
        return font;
    }
    if (role == Qt::ToolTipRole) {
        QString tip = tr("%1 run(s), %2 in the statistics").arg(totalRuns(int(row))).arg(g.n);
        if (const ReferenceRow *ref = findReferenceRow(m_reference, g.name)) {
            tip += tr("\n%1, measured on %2 (not your results):")
                       .arg(QString::fromStdString(m_reference.title),
                            QString::fromStdString(m_reference.dataset));
            for (Metric m : kSlideMetrics)
                tip += QStringLiteral("\n  %1 %2")
                           .arg(QString::fromStdString(metricLabel(m)))
                           .arg(ref->value(m), 0, 'f', 4);
        }
        return tip;
    }
    return {};
}

QVariant GroupTableModel::countData(size_t row, int role) const
{
    const int n = m_groups[row].n;
    const Membership &runs = m_membership[row];
    switch (role) {
    case Qt::DisplayRole: // the export paints this: a mean over fewer runs than shown says so
        return runs.leftOut.isEmpty() ? QVariant(n)
                                      : QVariant(tr("%1 of %2").arg(n).arg(runs.total));
    case ValueRole:
        return n;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (runs.leftOut.isEmpty())
            return tr("All %n run(s) in the statistics", nullptr, n);
        return tr("%1 of %2 runs in the statistics; left out: %3")
            .arg(n)
            .arg(runs.total)
            .arg(runs.leftOut);
    default:
        return {};
    }
}

int GroupTableModel::totalRuns(int group) const
{
    return group >= 0 && size_t(group) < m_membership.size() ? m_membership[size_t(group)].total
                                                             : 0;
}

QString GroupTableModel::leftOutText(int group) const
{
    return group >= 0 && size_t(group) < m_membership.size() ? m_membership[size_t(group)].leftOut
                                                             : QString();
}

QVariant GroupTableModel::metricData(size_t row, Metric metric, int role) const
{
    const MetricSummary &s = m_groups[row].metric(metric);
    const MetricComparison *c =
        row < m_comparisons.size() ? &m_comparisons[row].metric(metric) : nullptr;
    const Significance mark = c ? c->mark : Significance::Untestable;
    switch (role) {
    case Qt::DisplayRole: {
        QString text = QString::fromStdString(formatMeanStd(s));
        if (mark == Significance::Better)
            text += QStringLiteral(" ▲");
        else if (mark == Significance::Worse)
            text += QStringLiteral(" ▼");
        return text;
    }
    case ValueRole:
        return s.mean;
    case BestRole:
        return mark == Significance::Better;
    case MarkRole:
        return QString::fromStdString(toKey(mark));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (mark == Significance::Better)
            return QBrush(QColor(0x1b, 0x7f, 0x2a));
        if (mark == Significance::Worse)
            return QBrush(QColor(0xb0, 0x00, 0x20));
        return {};
    case Qt::FontRole:
        if (mark == Significance::Better) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        return metricToolTip(s, c);
    default:
        return {};
    }
}

QString GroupTableModel::metricToolTip(const MetricSummary &summary,
                                       const MetricComparison *comparison)
{
    QString tip =
        tr("95% confidence interval: %1").arg(QString::fromStdString(formatInterval(summary)));
    if (summary.ciClipped)
        tip += tr("\n* clipped to [0, 1]: with so few runs the t-interval of an accuracy leaves "
                  "the range accuracies can take");
    if (!comparison)
        return tip;
    const Significance mark = comparison->mark;
    switch (mark) {
    case Significance::Baseline:
        return tip + tr("\nThe baseline");
    case Significance::Untestable:
        return tip + tr("\nNot tested: needs 2 or more runs here and in the baseline");
    case Significance::Better:
    case Significance::Worse:
    case Significance::NotSignificant:
        return tip + tr("\nDifference to the baseline: %1\nWelch's t-test: p = %2 (%3)")
                         .arg(comparison->difference, 0, 'f', 4)
                         .arg(comparison->test.pValue, 0, 'g', 3)
                         .arg(mark == Significance::Better  ? tr("significantly better")
                              : mark == Significance::Worse ? tr("significantly worse")
                                                            : tr("not significant"));
    }
    return tip;
}

namespace {

/// normlab::summarizeRuns over the runs that are done; a group of unfinished runs only keeps the
/// first run's name and configuration.
GroupSummary summarizeDone(const std::vector<const RunRecord *> &runs)
{
    std::vector<RunResult> done;
    for (const RunRecord *record : runs)
        if (record->state == RunState::Done)
            done.push_back(record->result);
    GroupSummary group = summarizeRuns(done);
    if (done.empty() && !runs.empty()) {
        group.key = groupKey(runs.front()->result.config);
        group.name = runs.front()->result.name;
        group.config = runs.front()->result.config;
    }
    return group;
}

/// Whether summarizeRuns counts a done run with this status: the engine's rule, not a copy.
bool countsInStatistics(const RunRecord &record)
{
    RunResult probe;
    probe.status = record.result.status;
    return record.state == RunState::Done && summarizeRuns({probe}).n == 1;
}

} // namespace

GroupTableModel::Membership
GroupTableModel::membershipOf(const std::vector<const RunRecord *> &runs)
{
    std::vector<std::pair<QString, int>> byState; // in order of first appearance
    for (const RunRecord *record : runs) {
        if (countsInStatistics(*record))
            continue;
        const QString state = record->statusKey();
        auto found = std::find_if(byState.begin(), byState.end(),
                                  [&](const auto &entry) { return entry.first == state; });
        if (found == byState.end())
            byState.emplace_back(state, 1);
        else
            ++found->second;
    }
    QStringList parts;
    for (const auto &[state, count] : byState)
        parts << QStringLiteral("%1 %2").arg(count).arg(state);
    return {int(runs.size()), parts.join(QStringLiteral(", "))};
}

void GroupTableModel::setRuns(const std::vector<RunRecord> &records)
{
    std::vector<std::string> keys;
    std::vector<std::vector<const RunRecord *>> members;
    for (const RunRecord &record : records) {
        const std::string key = groupKey(record.result.config);
        const size_t index = size_t(std::find(keys.begin(), keys.end(), key) - keys.begin());
        if (index == keys.size()) {
            keys.push_back(key);
            members.emplace_back();
        }
        members[index].push_back(&record);
    }
    std::vector<GroupSummary> groups;
    std::vector<Membership> membership;
    for (const auto &runs : members) {
        groups.push_back(summarizeDone(runs));
        membership.push_back(membershipOf(runs));
    }
    regroup(std::move(groups), std::move(membership));
}

void GroupTableModel::setResults(const std::vector<RunResult> &results)
{
    std::vector<RunRecord> records(results.size());
    for (size_t i = 0; i < results.size(); ++i) {
        records[i].state = RunState::Done;
        records[i].result = results[i];
    }
    setRuns(records);
}

void GroupTableModel::regroup(std::vector<GroupSummary> groups, std::vector<Membership> membership)
{
    const std::string baselineName = m_baseline >= 0 && size_t(m_baseline) < m_groups.size()
                                         ? m_groups[size_t(m_baseline)].name
                                         : std::string();
    beginResetModel();
    m_groups = std::move(groups);
    m_membership = std::move(membership);
    m_baseline = m_groups.empty() ? -1 : 0;
    for (size_t i = 0; i < m_groups.size(); ++i)
        if (!baselineName.empty() && m_groups[i].name == baselineName)
            m_baseline = int(i);
    if (const int preferred = groupWithKey(m_preferredBaseline); preferred >= 0) {
        m_baseline = preferred;
        m_preferredBaseline.clear();
    }
    compare();
    endResetModel();
    Q_EMIT groupsChanged();
}

void GroupTableModel::setBaseline(int group)
{
    if (group < 0 || size_t(group) >= m_groups.size() || group == m_baseline)
        return;
    beginResetModel();
    m_baseline = group;
    compare();
    endResetModel();
}

void GroupTableModel::preferBaseline(const std::string &key)
{
    m_preferredBaseline = key;
    const int group = groupWithKey(key);
    if (group < 0)
        return; // regroup() applies it when the group's first run arrives
    m_preferredBaseline.clear();
    setBaseline(group);
    Q_EMIT groupsChanged(); // the baseline chooser shows it
}

int GroupTableModel::groupWithKey(const std::string &key) const
{
    for (size_t i = 0; i < m_groups.size() && !key.empty(); ++i)
        if (m_groups[i].key == key)
            return int(i);
    return -1;
}

void GroupTableModel::setReference(const ReferenceTable &reference)
{
    m_reference = reference;
    if (!m_groups.empty())
        Q_EMIT dataChanged(index(0, Model), index(rowCount() - 1, Model), {Qt::ToolTipRole});
}

void GroupTableModel::compare()
{
    m_comparisons = m_baseline >= 0 ? compareWithBaseline(m_groups, size_t(m_baseline))
                                    : std::vector<GroupComparison>();
}
