#pragma once
// Progress of the run in progress: a bar for the run, one for the epoch, each with its ETA.

#include "session/MetaTypes.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;

class ProgressPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProgressPanel(QWidget *parent = nullptr);

    void runStarted(const normlab::RunInfo &info);
    void batchFinished(const normlab::BatchProgress &progress);
    void runEnded(const QString &text);
    /// Dataset load before the run: shows on the run bar.
    void loading(qint64 done, qint64 total);

    static QString formatEta(double seconds);
    int runPercent() const;

private:
    QLabel *m_title;
    QProgressBar *m_run;
    QProgressBar *m_epoch;
    QLabel *m_runText;
    QLabel *m_epochText;
    QElapsedTimer m_runClock, m_epochClock;
    int m_epochs = 0;
    int m_currentEpoch = 0;
};
