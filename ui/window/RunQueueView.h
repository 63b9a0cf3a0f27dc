#pragma once
// The queue of configurations waiting to train, with buttons to reorder and remove them; one
// line while nothing waits.

#include <QWidget>

class QLabel;
class QListView;
class QToolButton;
class RunQueueModel;

class RunQueueView : public QWidget
{
    Q_OBJECT
public:
    explicit RunQueueView(RunQueueModel *model, QWidget *parent = nullptr);
    QListView *list() const { return m_list; }

private:
    void moveSelected(int delta);
    void removeSelected();
    void updateButtons();
    int selectedRow() const;

    RunQueueModel *m_model;
    QListView *m_list;
    QLabel *m_title; // "Queued runs (N)", or "No runs queued" with the list hidden
    QToolButton *m_up, *m_down, *m_remove, *m_clear;
};
