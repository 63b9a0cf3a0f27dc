#pragma once
// The confusion matrix of one split's predictions as a table: rows are the true classes,
// columns the predicted ones. A cell's colour grows with its share of the row (the class's
// recall on the diagonal, green; a confusion elsewhere, red).

#include "normlab/Insight.h"
#include "tables/TableRoles.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <cstdint>
#include <vector>

class ConfusionMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    /// A cell's share of its row (0..1), for the colour.
    static constexpr int ShareRole = tablerole::Value;

    explicit ConfusionMatrixModel(QObject *parent = nullptr);

    /// Class names may be fewer than the labels in `predictions` (not known yet): the missing
    /// ones are shown as their numbers.
    void setPredictions(const normlab::SplitPredictions &predictions,
                        const QStringList &classNames);
    void setClassNames(const QStringList &classNames);
    void clear();
    /// The clicked cell, drawn bold (-1: none).
    void setHighlighted(int truth, int predicted);

    int classCount() const { return int(m_counts.size()); }
    int64_t count(int truth, int predicted) const;
    int64_t rowTotal(int truth) const;
    int64_t total() const;
    /// Why the predictions could not be counted (mismatched sizes, a negative label); or empty.
    const QString &error() const { return m_error; }
    /// Trace / total (0 when empty).
    double accuracy() const;
    QString className(int label) const;
    const QStringList &classNames() const { return m_classNames; }
    const normlab::SplitPredictions &predictions() const { return m_predictions; }
    /// Positions in the split of the images with true class `truth` predicted as `predicted`.
    std::vector<int64_t> cellIndices(int truth, int predicted) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void rebuild();

    normlab::SplitPredictions m_predictions;
    QStringList m_classNames;
    std::vector<std::vector<int64_t>> m_counts;
    QString m_error;
    int m_highlightTruth = -1, m_highlightPredicted = -1;
};
