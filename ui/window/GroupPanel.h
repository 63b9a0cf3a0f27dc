#pragma once
// The grouped comparison table with its baseline chooser, and the reference table of a preset
// (someone else's numbers, labelled as such).

#include "normlab/Sweep.h"

#include <QWidget>

class GroupTableModel;
class QComboBox;
class QGroupBox;
class QLabel;
class QTableView;
class QTableWidget;

class GroupPanel : public QWidget
{
    Q_OBJECT
public:
    explicit GroupPanel(GroupTableModel *model, QWidget *parent = nullptr);

    QComboBox *baselineCombo() const { return m_baselineCombo; }
    /// The baseline chooser and the legend, for the row above the table.
    QWidget *controls() const { return m_controls; }
    QTableView *view() const { return m_view; }

private:
    void refillBaselines();

    GroupTableModel *m_model;
    QComboBox *m_baselineCombo;
    QTableView *m_view;
    QWidget *m_controls;
};

/// A preset's published numbers, read-only, titled so nobody takes them for their own results.
class ReferencePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReferencePanel(QWidget *parent = nullptr);

    /// Shows `table` (hidden when empty).
    void setReference(const normlab::ReferenceTable &table);
    const normlab::ReferenceTable &reference() const { return m_reference; }
    QTableWidget *table() const { return m_table; }
    QString title() const;

private:
    normlab::ReferenceTable m_reference;
    QGroupBox *m_box;
    QTableWidget *m_table;
};
