#include "tables/GroupTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

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
        return countData(m_groups[row], role);
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
        QString tip = tr("%1 run(s), %2 in the statistics").arg(g.runs).arg(g.n);
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

QVariant GroupTableModel::countData(const GroupSummary &group, int role)
{
    if (role == Qt::DisplayRole || role == ValueRole)
        return group.n;
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
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
    const QString tip =
        tr("95% confidence interval: %1").arg(QString::fromStdString(formatInterval(summary)));
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

void GroupTableModel::setResults(const std::vector<RunResult> &results)
{
    const std::string baselineName = m_baseline >= 0 && size_t(m_baseline) < m_groups.size()
                                         ? m_groups[size_t(m_baseline)].name
                                         : std::string();
    beginResetModel();
    m_groups = groupResults(results);
    m_baseline = m_groups.empty() ? -1 : 0;
    for (size_t i = 0; i < m_groups.size(); ++i)
        if (!baselineName.empty() && m_groups[i].name == baselineName)
            m_baseline = int(i);
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
