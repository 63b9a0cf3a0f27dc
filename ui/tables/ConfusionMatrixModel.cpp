#include "tables/ConfusionMatrixModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>
#include <exception>

ConfusionMatrixModel::ConfusionMatrixModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConfusionMatrixModel::setPredictions(const normlab::SplitPredictions &predictions,
                                          const QStringList &classNames)
{
    beginResetModel();
    m_predictions = predictions;
    m_classNames = classNames;
    rebuild();
    endResetModel();
}

void ConfusionMatrixModel::setClassNames(const QStringList &classNames)
{
    if (classNames == m_classNames)
        return;
    beginResetModel();
    m_classNames = classNames;
    rebuild();
    endResetModel();
}

void ConfusionMatrixModel::clear()
{
    setPredictions({}, {});
}

void ConfusionMatrixModel::setHighlighted(int truth, int predicted)
{
    const QModelIndex before = index(m_highlightTruth, m_highlightPredicted);
    m_highlightTruth = truth;
    m_highlightPredicted = predicted;
    if (before.isValid())
        Q_EMIT dataChanged(before, before, {Qt::FontRole});
    const QModelIndex now = index(truth, predicted);
    if (now.isValid())
        Q_EMIT dataChanged(now, now, {Qt::FontRole});
}

void ConfusionMatrixModel::rebuild()
{
    // Every label that occurs gets a row and a column, named or not.
    int classes = int(m_classNames.size());
    for (int label : m_predictions.truth)
        classes = std::max(classes, label + 1);
    for (int label : m_predictions.predicted)
        classes = std::max(classes, label + 1);
    m_error.clear();
    m_counts.clear();
    m_highlightTruth = m_highlightPredicted = -1;
    if (m_predictions.empty())
        return;
    try {
        m_counts = normlab::confusionMatrix(m_predictions, classes);
    } catch (const std::exception &e) { // stored predictions that do not fit together
        m_error = QString::fromStdString(e.what());
    }
}

int64_t ConfusionMatrixModel::count(int truth, int predicted) const
{
    if (truth < 0 || truth >= classCount() || predicted < 0 || predicted >= classCount())
        return 0;
    return m_counts[size_t(truth)][size_t(predicted)];
}

int64_t ConfusionMatrixModel::total() const
{
    return m_counts.empty() ? 0 : int64_t(m_predictions.truth.size());
}

int64_t ConfusionMatrixModel::rowTotal(int truth) const
{
    int64_t sum = 0;
    for (int p = 0; p < classCount(); ++p)
        sum += count(truth, p);
    return sum;
}

double ConfusionMatrixModel::accuracy() const
{
    if (total() == 0)
        return 0;
    int64_t trace = 0;
    for (int c = 0; c < classCount(); ++c)
        trace += count(c, c);
    return double(trace) / double(total());
}

QString ConfusionMatrixModel::className(int label) const
{
    return label >= 0 && label < m_classNames.size() ? m_classNames[label] : QString::number(label);
}

std::vector<int64_t> ConfusionMatrixModel::cellIndices(int truth, int predicted) const
{
    std::vector<int64_t> indices;
    const size_t n = std::min(m_predictions.truth.size(), m_predictions.predicted.size());
    for (size_t i = 0; i < n; ++i) {
        if (m_predictions.truth[i] == truth && m_predictions.predicted[i] == predicted)
            indices.push_back(int64_t(i));
    }
    return indices;
}

int ConfusionMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : classCount();
}

int ConfusionMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : classCount();
}

QVariant ConfusionMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int t = index.row(), p = index.column();
    const int64_t n = count(t, p), row = rowTotal(t);
    const double share = row > 0 ? double(n) / double(row) : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        return qlonglong(n);
    case ShareRole:
        return share;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::BackgroundRole: {
        // Diagonal green, confusions red; a light tint even at 0 keeps the diagonal visible.
        const QColor base = t == p ? QColor(46, 125, 50) : QColor(211, 47, 47);
        const double alpha = t == p ? 0.12 + 0.78 * share : 0.85 * share;
        QColor fill = base;
        fill.setAlphaF(float(alpha));
        return QBrush(fill);
    }
    case Qt::FontRole: {
        if (t != m_highlightTruth || p != m_highlightPredicted)
            return {};
        QFont font;
        font.setBold(true);
        font.setUnderline(true);
        return font;
    }
    case Qt::ForegroundRole:
        return share > 0.55 ? QBrush(Qt::white) : QBrush(Qt::black);
    case Qt::ToolTipRole:
        return tr("true %1, predicted %2: %3 of %4 images (%5%)")
            .arg(className(t), className(p))
            .arg(n)
            .arg(row)
            .arg(100.0 * share, 0, 'f', 1);
    default:
        return {};
    }
}

QVariant ConfusionMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section < 0 || section >= classCount())
        return {};
    if (role == Qt::DisplayRole) {
        return orientation == Qt::Vertical
                   ? tr("%1 (%2)").arg(className(section)).arg(rowTotal(section))
                   : className(section);
    }
    if (role == Qt::ToolTipRole) {
        return orientation == Qt::Vertical
                   ? tr("true class %1: %2 images").arg(className(section)).arg(rowTotal(section))
                   : tr("predicted as %1").arg(className(section));
    }
    return {};
}
