#include "window/RunQueueView.h"

#include "tables/RunQueueModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
QToolButton *button(const QString &text, const QString &tip, const char *name)
{
    auto *b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    b->setObjectName(QLatin1String(name));
    b->setAutoRaise(true);
    return b;
}
} // namespace

RunQueueView::RunQueueView(RunQueueModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    m_list = new QListView;
    m_list->setObjectName(QStringLiteral("queueList"));
    m_list->setModel(model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumHeight(60);
    m_up = button(tr("▲"), tr("Run earlier"), "queueUp");
    m_down = button(tr("▼"), tr("Run later"), "queueDown");
    m_remove =
        button(tr("Remove"), tr("Remove the selected run from the queue (Delete)"), "queueRemove");
    m_clear = button(tr("Clear"), tr("Remove every queued run"), "queueClear");
    connect(m_up, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveSelected(+1); });
    connect(m_remove, &QToolButton::clicked, this, &RunQueueView::removeSelected);
    connect(m_clear, &QToolButton::clicked, model, &RunQueueModel::clear);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunQueueView::updateButtons);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &RunQueueView::updateButtons);
    connect(model, &QAbstractItemModel::modelReset, this, &RunQueueView::updateButtons);
    connect(model, &QAbstractItemModel::rowsMoved, this, &RunQueueView::updateButtons);

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("queueTitle"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_title);
    buttons->addStretch(1);
    for (QToolButton *b : {m_up, m_down, m_remove, m_clear})
        buttons->addWidget(b);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);
    updateButtons();
}

int RunQueueView::selectedRow() const
{
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void RunQueueView::moveSelected(int delta)
{
    const int row = selectedRow();
    if (m_model->moveRow(row, delta))
        m_list->setCurrentIndex(m_model->index(row + delta));
}

void RunQueueView::removeSelected()
{
    m_model->removeAt(selectedRow());
}

void RunQueueView::updateButtons()
{
    const int row = selectedRow();
    const int count = m_model->rowCount();
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < count);
    m_remove->setEnabled(row >= 0);
    m_clear->setEnabled(count > 0);
    // An empty queue is one line: the form above keeps the room.
    m_title->setText(count > 0 ? tr("Queued runs (%1)").arg(count) : tr("No runs queued"));
    m_list->setVisible(count > 0);
    for (QToolButton *b : {m_up, m_down, m_remove, m_clear})
        b->setVisible(count > 0);
}
