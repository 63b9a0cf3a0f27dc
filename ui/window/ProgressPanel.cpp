#include "window/ProgressPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace {
constexpr int kScale = 1000; // bars count thousandths so that short runs still move smoothly
}

ProgressPanel::ProgressPanel(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(tr("Idle"));
    m_title->setObjectName(QStringLiteral("progressTitle"));
    m_title->setWordWrap(true);
    m_run = new QProgressBar;
    m_run->setObjectName(QStringLiteral("runProgress"));
    m_epoch = new QProgressBar;
    m_epoch->setObjectName(QStringLiteral("epochProgress"));
    m_runText = new QLabel;
    m_runText->setObjectName(QStringLiteral("runProgressText"));
    m_epochText = new QLabel;
    m_epochText->setObjectName(QStringLiteral("epochProgressText"));
    // The text sits beside the bars: drawn on them it is unreadable where the chunk is.
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_title, 0, 0, 1, 3);
    int row = 1;
    for (auto [name, bar, text] :
         {std::tuple{tr("Run"), m_run, m_runText}, std::tuple{tr("Epoch"), m_epoch, m_epochText}}) {
        bar->setRange(0, kScale);
        bar->setValue(0);
        bar->setTextVisible(false);
        bar->setMaximumHeight(14);
        text->setMinimumWidth(text->fontMetrics().horizontalAdvance(
            QStringLiteral("batch 888/888 · ETA 88 min 88 s")));
        grid->addWidget(new QLabel(name), row, 0);
        grid->addWidget(bar, row, 1);
        grid->addWidget(text, row, 2);
        ++row;
    }
    grid->setColumnStretch(1, 1);
}

QString ProgressPanel::formatEta(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("–");
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg(s / 60 % 60);
}

int ProgressPanel::runPercent() const
{
    return m_run->value() * 100 / kScale;
}

void ProgressPanel::runStarted(const normlab::RunInfo &info)
{
    m_epochs = std::max(1, info.epochs);
    m_currentEpoch = 0;
    m_title->setText(tr("Training %1 (%2 parameters)")
                         .arg(QString::fromStdString(info.name))
                         .arg(info.parameters));
    m_run->setRange(0, kScale);
    m_run->setValue(0);
    m_runText->setText(tr("epoch 1/%1").arg(m_epochs));
    m_epoch->setValue(0);
    m_epochText->clear();
    m_runClock.start();
    m_epochClock.start();
}

void ProgressPanel::batchFinished(const normlab::BatchProgress &p)
{
    if (p.epoch != m_currentEpoch) {
        m_currentEpoch = p.epoch;
        m_epochClock.start();
    }
    const int perEpoch = std::max(1, p.batchesPerEpoch);
    const double epochFraction = double(p.batch) / perEpoch;
    const double runFraction = (p.epoch - 1 + epochFraction) / m_epochs;
    const double runElapsed = m_runClock.elapsed() / 1000.0;
    const double epochElapsed = m_epochClock.elapsed() / 1000.0;
    // Evaluation after each epoch is not in the fraction; the estimate runs a little short.
    const double runEta = runFraction > 0 ? runElapsed * (1 - runFraction) / runFraction : NAN;
    const double epochEta =
        epochFraction > 0 ? epochElapsed * (1 - epochFraction) / epochFraction : NAN;
    m_run->setValue(int(std::lround(runFraction * kScale)));
    m_runText->setText(
        tr("epoch %1/%2 · ETA %3").arg(p.epoch).arg(m_epochs).arg(formatEta(runEta)));
    m_epoch->setValue(int(std::lround(epochFraction * kScale)));
    m_epochText->setText(
        tr("batch %1/%2 · ETA %3").arg(p.batch).arg(perEpoch).arg(formatEta(epochEta)));
}

void ProgressPanel::runEnded(const QString &text)
{
    m_title->setText(text);
    m_run->setRange(0, kScale);
    m_runText->setText(m_run->value() >= kScale ? tr("done") : tr("stopped"));
    m_epochText->clear();
}

void ProgressPanel::loading(qint64 done, qint64 total)
{
    m_title->setText(tr("Loading the dataset…"));
    if (total <= 0) {
        m_run->setRange(0, 0);
        return;
    }
    m_run->setRange(0, kScale);
    m_run->setValue(int(done * kScale / std::max<qint64>(1, total)));
    m_runText->setText(tr("loading %1/%2").arg(done).arg(total));
}
