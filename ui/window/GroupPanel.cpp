#include "window/GroupPanel.h"

#include "tables/GroupTableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace normlab;

GroupPanel::GroupPanel(GroupTableModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_baselineCombo(new QComboBox), m_view(new QTableView)
{
    m_baselineCombo->setObjectName(QStringLiteral("baselineCombo"));
    m_baselineCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_baselineCombo->setToolTip(tr("Each metric is compared with this group (Welch's t-test, "
                                   "two-sided, p < 0.05)"));
    auto *legend = new QLabel(tr("▲ better, ▼ worse than the baseline (p < 0.05)"));
    legend->setToolTip(tr("Welch's t-test against the baseline, two-sided. Hover a cell for its "
                          "95% confidence interval and p-value."));
    m_controls = new QWidget;
    auto *top = new QHBoxLayout(m_controls);
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(new QLabel(tr("Baseline:")));
    top->addWidget(m_baselineCombo);
    top->addWidget(legend, 1);

    m_view->setObjectName(QStringLiteral("groupTable"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setMinimumHeight(140); // header and about four groups
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(GroupTableModel::Model, QHeaderView::Stretch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);

    connect(model, &GroupTableModel::groupsChanged, this, &GroupPanel::refillBaselines);
    connect(m_baselineCombo, &QComboBox::currentIndexChanged, model, &GroupTableModel::setBaseline);
    refillBaselines();
}

void GroupPanel::refillBaselines()
{
    const QSignalBlocker block(m_baselineCombo);
    m_baselineCombo->clear();
    for (const GroupSummary &g : m_model->groups())
        m_baselineCombo->addItem(QString::fromStdString(g.name));
    m_baselineCombo->setCurrentIndex(m_model->baseline());
}

ReferencePanel::ReferencePanel(QWidget *parent)
    : QWidget(parent), m_toggle(new QToolButton), m_table(new QTableWidget)
{
    m_toggle->setObjectName(QStringLiteral("referenceToggle"));
    m_toggle->setCheckable(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_table->setObjectName(QStringLiteral("referenceTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setStyleSheet(QStringLiteral("QTableWidget { background: #f4f1e8; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toggle, 0, Qt::AlignLeft);
    layout->addWidget(m_table);
    connect(m_toggle, &QToolButton::clicked, this, [this](bool expanded) {
        m_userChose = true;
        setExpanded(expanded);
    });
    setExpanded(true);
    setVisible(false);
}

QString ReferencePanel::title() const
{
    return m_toggle->text();
}

bool ReferencePanel::isExpanded() const
{
    return m_toggle->isChecked();
}

void ReferencePanel::setExpanded(bool expanded)
{
    m_toggle->setChecked(expanded);
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_toggle->setToolTip(expanded ? tr("Hide the reference values: more room for your runs")
                                  : tr("Show the reference values under your runs"));
    m_table->setVisible(expanded);
}

void ReferencePanel::suggestExpanded(bool expanded)
{
    if (!m_userChose)
        setExpanded(expanded);
}

void ReferencePanel::setReference(const ReferenceTable &table)
{
    m_reference = table;
    setVisible(!table.empty());
    m_toggle->setText(
        tr("%1 — not your results; measured on %2")
            .arg(table.title.empty() ? tr("Reference values") : QString::fromStdString(table.title),
                 QString::fromStdString(table.dataset)));
    m_table->setToolTip(tr("Single runs as published, measured on %1: compare with your rows on "
                           "the same data only.")
                            .arg(QString::fromStdString(table.dataset)));
    m_table->clear();
    m_table->setColumnCount(1 + int(kMetricCount));
    QStringList headers{tr("Model")};
    for (Metric m : kSlideMetrics)
        headers << QString::fromStdString(metricLabel(m));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setRowCount(int(table.rows.size()));
    for (int r = 0; r < int(table.rows.size()); ++r) {
        const ReferenceRow &row = table.rows[size_t(r)];
        m_table->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(row.model)));
        for (int c = 0; c < int(kMetricCount); ++c) {
            auto *item =
                new QTableWidgetItem(QString::number(row.value(kSlideMetrics[size_t(c)]), 'f', 4));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c + 1, item);
        }
    }
    // Expanded, every row shows and no more: the runs table keeps the rest.
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            m_table->verticalHeader()->length() + 2 * m_table->frameWidth());
}
