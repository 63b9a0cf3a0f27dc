#pragma once
// File › Get CIFAR-10…: downloads the lecture's dataset (resumably, with its MD5 checked) and
// unpacks it into the user's data folder, showing progress, speed and the time left. Cancel keeps
// the partial download for the next try. cifarReady() hands the folder to the dataset picker.

#include "download/CifarDownload.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

class GetCifarDialog : public QDialog
{
    Q_OBJECT
public:
    /// `source`: normlab::download::defaultCifarSource() in the window; tests pass a local server.
    explicit GetCifarDialog(const normlab::download::CifarSource &source,
                            QWidget *parent = nullptr);
    ~GetCifarDialog() override;

    /// Starts (or, after a failure or a cancel, resumes) the download.
    void start();
    /// Stops the download; the bytes received stay for a resume.
    void cancel();
    bool isBusy() const { return m_download != nullptr; }
    /// The last status line: progress while downloading, then what happened.
    QString statusText() const;

Q_SIGNALS:
    /// The folder holds CIFAR-10 (downloaded now or already there).
    void cifarReady(const QString &folder);

protected:
    void reject() override; // Close while downloading cancels first

private:
    void showStage(normlab::download::CifarDownload::Stage stage);
    void showProgress(const normlab::download::DownloadProgress &progress);
    void onFinished(bool ok);
    void updateButtons();

    normlab::download::CifarSource m_source;
    normlab::download::CifarDownload *m_download = nullptr; // alive while busy
    QLabel *m_stageLabel;
    QProgressBar *m_progress;
    QLabel *m_statusLabel;
    QDialogButtonBox *m_buttons;
    QPushButton *m_startButton;
    QPushButton *m_cancelButton;
    QPushButton *m_useButton;
    bool m_ready = false;
};
