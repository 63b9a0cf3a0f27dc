#include "forms/GetCifarDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using normlab::download::CifarDownload;
using normlab::download::CifarSource;
using normlab::download::DownloadProgress;

namespace {

QLabel *wrappedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

GetCifarDialog::GetCifarDialog(const CifarSource &source, QWidget *parent)
    : QDialog(parent), m_source(source)
{
    setWindowTitle(tr("Get CIFAR-10"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(wrappedLabel(
        tr("CIFAR-10, the lecture's dataset: 60,000 colour images of 32×32 pixels in 10 classes "
           "(about 162 MB to download). It is checked against the MD5 that its home page "
           "publishes and unpacked into:"),
        this));
    layout->addWidget(wrappedLabel(QDir::toNativeSeparators(m_source.folder), this));
    layout->addWidget(wrappedLabel(tr("From: %1").arg(m_source.url.toString()), this));
    m_stageLabel = wrappedLabel(QString(), this);
    layout->addWidget(m_stageLabel);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_statusLabel = wrappedLabel(tr("Press Download to start."), this);
    layout->addWidget(m_statusLabel);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_startButton = m_buttons->addButton(tr("Download"), QDialogButtonBox::ActionRole);
    m_cancelButton = m_buttons->addButton(tr("Cancel Download"), QDialogButtonBox::ActionRole);
    m_useButton = m_buttons->addButton(tr("Use This Folder"), QDialogButtonBox::AcceptRole);
    connect(m_startButton, &QPushButton::clicked, this, &GetCifarDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &GetCifarDialog::cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GetCifarDialog::reject);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
    updateButtons();
}

GetCifarDialog::~GetCifarDialog()
{
    cancel();
}

void GetCifarDialog::start()
{
    if (m_download)
        return;
    m_ready = false;
    m_download = new CifarDownload(m_source, this);
    connect(m_download, &CifarDownload::stageChanged, this, &GetCifarDialog::showStage);
    connect(m_download, &CifarDownload::progressed, this, &GetCifarDialog::showProgress);
    connect(m_download, &CifarDownload::finished, this, &GetCifarDialog::onFinished);
    m_progress->setValue(0);
    m_statusLabel->setText(tr("Connecting to %1…").arg(m_source.url.host()));
    updateButtons();
    m_download->start();
}

void GetCifarDialog::cancel()
{
    if (m_download)
        m_download->cancel();
}

QString GetCifarDialog::statusText() const
{
    return m_statusLabel->text();
}

void GetCifarDialog::reject()
{
    cancel();
    QDialog::reject();
}

void GetCifarDialog::showStage(CifarDownload::Stage stage)
{
    switch (stage) {
    case CifarDownload::Stage::Downloading:
        m_stageLabel->setText(tr("Downloading…"));
        break;
    case CifarDownload::Stage::Verifying:
        m_stageLabel->setText(tr("Checking the MD5 checksum…"));
        m_progress->setRange(0, 0); // busy: no byte count to show
        break;
    case CifarDownload::Stage::Unpacking:
        m_stageLabel->setText(tr("Unpacking…"));
        break;
    default:
        break;
    }
}

void GetCifarDialog::showProgress(const DownloadProgress &progress)
{
    if (progress.total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(1000.0 * double(progress.received) / double(progress.total)));
    }
    m_statusLabel->setText(normlab::download::describeProgress(progress));
}

void GetCifarDialog::onFinished(bool ok)
{
    const CifarDownload::Stage stage = m_download->stage();
    const QString message = m_download->message();
    m_download->deleteLater();
    m_download = nullptr;
    m_progress->setRange(0, 1000);
    m_progress->setValue(ok ? 1000 : m_progress->value());
    m_ready = ok;
    if (ok)
        m_stageLabel->setText(tr("Done. CIFAR-10 is ready to train on."));
    else if (stage == CifarDownload::Stage::Cancelled)
        m_stageLabel->setText(tr("Cancelled. Download again to continue where it stopped."));
    else
        m_stageLabel->setText(tr("The download failed. Nothing was unpacked."));
    m_statusLabel->setText(message);
    updateButtons();
    if (ok)
        Q_EMIT cifarReady(m_source.folder);
}

void GetCifarDialog::updateButtons()
{
    const bool busy = isBusy();
    m_startButton->setEnabled(!busy && !m_ready);
    m_startButton->setText(m_progress->value() > 0 && !m_ready ? tr("Download Again")
                                                               : tr("Download"));
    m_cancelButton->setEnabled(busy);
    m_useButton->setEnabled(m_ready);
}
