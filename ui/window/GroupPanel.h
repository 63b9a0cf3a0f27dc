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
class QToolButton;

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
/// Collapsible to its title line, so it does not take the room of the runs table.
class ReferencePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReferencePanel(QWidget *parent = nullptr);

    /// Shows `table` (hidden when empty), expanded or collapsed as before.
    void setReference(const normlab::ReferenceTable &table);
    const normlab::ReferenceTable &reference() const { return m_reference; }
    QTableWidget *table() const { return m_table; }
    QToolButton *toggle() const { return m_toggle; }
    QString title() const;

    bool isExpanded() const;
    void setExpanded(bool expanded);
    /// What the window would choose (collapsed once there are runs to see); ignored once the
    /// student has opened or closed the panel, which is remembered.
    void suggestExpanded(bool expanded);

private:
    normlab::ReferenceTable m_reference;
    QToolButton *m_toggle;
    QTableWidget *m_table;
    bool m_userChose = false;
};
