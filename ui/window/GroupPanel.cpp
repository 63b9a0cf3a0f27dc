#include "window/GroupPanel.h"

#include "tables/GroupTableModel.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableView>
#include <QTableWidget>
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
    : QWidget(parent), m_box(new QGroupBox), m_table(new QTableWidget)
{
    m_box->setObjectName(QStringLiteral("referenceBox"));
    m_table->setObjectName(QStringLiteral("referenceTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setMinimumHeight(90);
    m_table->setStyleSheet(QStringLiteral("QTableWidget { background: #f4f1e8; }"));
    auto *boxLayout = new QVBoxLayout(m_box);
    boxLayout->setContentsMargins(4, 4, 4, 4);
    boxLayout->addWidget(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_box);
    setVisible(false);
}

QString ReferencePanel::title() const
{
    return m_box->title();
}

void ReferencePanel::setReference(const ReferenceTable &table)
{
    m_reference = table;
    setVisible(!table.empty());
    m_box->setTitle(
        tr("%1 — not your results; measured on %2")
            .arg(QString::fromStdString(table.title.empty() ? "Reference values" : table.title),
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
}
