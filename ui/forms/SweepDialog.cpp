#include "forms/SweepDialog.h"

#include "download/DataFolders.h"
#include "normlab/Engine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <exception>
#include <functional>
#include <string>

using namespace normlab;

namespace {
// Training records of CIFAR-10 itself (five batches of 10,000).
constexpr int64_t kCifarTrainingRecords = 50000;

// Training images per epoch, as the engine will use them; image folders are guessed.
double trainingImages(const ExperimentConfig &c)
{
    double all = 4000; // an image folder's size is unknown until it is read
    if (c.dataset == DatasetKind::Synthetic)
        all = 10000;
    else if (c.dataset == DatasetKind::Cifar10)
        all = double(kCifarTrainingRecords -
                     cifarValidationCount(c.cifarValidation, kCifarTrainingRecords));
    return c.limit > 0 ? std::min(all, double(c.limit)) : all;
}

QString durationText(double seconds)
{
    if (seconds < 60)
        return QObject::tr("under a minute");
    const qint64 minutes = qint64(std::ceil(seconds / 60));
    if (minutes < 60)
        return QObject::tr("about %1 min").arg(minutes);
    return QObject::tr("about %1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}
} // namespace

SweepDialog::SweepDialog(double imagesPerSecond, QWidget *parent)
    : QDialog(parent),
      m_imagesPerSecond(imagesPerSecond > 0 ? imagesPerSecond : kDefaultImagesPerSecond)
{
    setWindowTitle(tr("Presets and Sweeps"));
    setObjectName(QStringLiteral("sweepDialog"));
    QLayout *source = createSourceRow();
    createSpecLabels();
    QLayout *form = createRunFields();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Queue Runs"));
    // The wrapped texts scroll inside their own area: a long description or error list then
    // never squeezes the fields below their height (a wrapped label's height is not part of the
    // dialog's minimum size).
    auto *texts = new QWidget;
    auto *textLayout = new QVBoxLayout(texts);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(m_descriptionLabel);
    textLayout->addWidget(m_dataLabel);
    textLayout->addWidget(m_errorLabel);
    textLayout->addStretch(1);
    auto *textScroll = new QScrollArea;
    textScroll->setObjectName(QStringLiteral("sweepTexts"));
    textScroll->setWidget(texts);
    textScroll->setWidgetResizable(true);
    textScroll->setFrameShape(QFrame::NoFrame);
    textScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    textScroll->setMinimumHeight(6 * fontMetrics().lineSpacing());
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(source);
    layout->addWidget(m_nameLabel);
    layout->addWidget(textScroll, 1);
    layout->addLayout(form);
    layout->addWidget(m_builtInCheck);
    layout->addWidget(buttons);
    resize(640, 560);
    connect(buttons, &QDialogButtonBox::accepted, this, &SweepDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SweepDialog::reject);
    showSpec();
}

QLayout *SweepDialog::createSourceRow()
{
    m_presetCombo = new QComboBox;
    m_presetCombo->setObjectName(QStringLiteral("presetCombo"));
    m_presetCombo->addItem(tr("Choose a preset…"));
    for (const std::string &name : presetNames()) {
        QString title = QString::fromStdString(name);
        try {
            title = QString::fromStdString(normlab::loadPreset(name).name);
        } catch (const std::exception &) {
        }
        m_presetCombo->addItem(title, QString::fromStdString(name));
    }
    auto *openButton = new QPushButton(tr("Open Sweep File…"));
    connect(m_presetCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index > 0)
            loadPreset(m_presetCombo->itemData(index).toString());
    });
    connect(openButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Sweep File"), QString(),
                                                          tr("Sweep (*.json)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    auto *source = new QHBoxLayout;
    source->addWidget(m_presetCombo, 1);
    source->addWidget(openButton);
    return source;
}

void SweepDialog::createSpecLabels()
{
    m_nameLabel = new QLabel;
    m_nameLabel->setObjectName(QStringLiteral("sweepName"));
    QFont bold = m_nameLabel->font();
    bold.setBold(true);
    m_nameLabel->setFont(bold);
    m_descriptionLabel = new QLabel;
    m_descriptionLabel->setWordWrap(true);
    m_descriptionLabel->setMinimumWidth(520);
    m_descriptionLabel->setObjectName(QStringLiteral("sweepDescription"));
    m_dataLabel = new QLabel;
    m_dataLabel->setWordWrap(true);
    m_errorLabel = new QLabel;
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
}

QLayout *SweepDialog::createRunFields()
{
    m_repeatsSpin = new QSpinBox;
    m_repeatsSpin->setObjectName(QStringLiteral("repeatsSpin"));
    m_repeatsSpin->setRange(1, 100);
    m_repeatsSpin->setToolTip(tr("Seeds per configuration; the table groups them"));
    m_epochsSpin = new QSpinBox;
    m_epochsSpin->setObjectName(QStringLiteral("sweepEpochsSpin"));
    m_epochsSpin->setRange(0, 10000);
    m_epochsSpin->setSpecialValueText(tr("as in the file"));
    m_limitSpin = new QSpinBox;
    m_limitSpin->setObjectName(QStringLiteral("sweepLimitSpin"));
    m_limitSpin->setRange(0, 1000000);
    m_limitSpin->setSingleStep(500);
    m_limitSpin->setSpecialValueText(tr("as in the file"));
    m_builtInCheck = new QCheckBox(tr("Run on the built-in dataset instead (names get \"%1\")")
                                       .arg(QString::fromUtf8(kBuiltInDataSuffix).trimmed()));
    m_builtInCheck->setObjectName(QStringLiteral("builtInCheck"));
    m_builtInCheck->setChecked(true);
    m_countLabel = new QLabel;
    m_countLabel->setObjectName(QStringLiteral("runCountLabel"));
    m_estimateLabel = new QLabel;
    m_estimateLabel->setObjectName(QStringLiteral("estimateLabel"));
    for (QSpinBox *spin : {m_repeatsSpin, m_epochsSpin, m_limitSpin})
        connect(spin, &QSpinBox::valueChanged, this, &SweepDialog::updateSummary);
    connect(m_builtInCheck, &QCheckBox::toggled, this, &SweepDialog::updateSummary);

    auto *form = new QFormLayout;
    form->addRow(tr("Repeats (seeds):"), m_repeatsSpin);
    form->addRow(tr("Epochs:"), m_epochsSpin);
    form->addRow(tr("Training images:"), m_limitSpin);
    form->addRow(tr("Runs:"), m_countLabel);
    form->addRow(tr("Estimated time:"), m_estimateLabel);
    return form;
}

bool SweepDialog::loadPreset(const QString &name)
{
    return showLoaded([&name] { return normlab::loadPreset(name.toStdString()); },
                      std::max(0, m_presetCombo->findData(name)));
}

bool SweepDialog::loadFile(const QString &path)
{
    return showLoaded([&path] { return loadSweepFile(path.toStdString()); }, 0);
}

bool SweepDialog::showLoaded(const std::function<SweepSpec()> &load, int presetIndex)
{
    try {
        m_spec = load();
    } catch (const std::exception &e) {
        m_error = QString::fromStdString(e.what());
        m_errorLabel->setText(m_error);
        return false;
    }
    m_loaded = true;
    const QSignalBlocker block(m_presetCombo);
    m_presetCombo->setCurrentIndex(presetIndex);
    showSpec();
    return true;
}

void SweepDialog::setRepeats(int repeats)
{
    m_repeatsSpin->setValue(repeats);
}

void SweepDialog::setEpochs(int epochs)
{
    m_epochsSpin->setValue(epochs);
}

void SweepDialog::setLimit(int limit)
{
    m_limitSpin->setValue(limit);
}

void SweepDialog::setUseBuiltInData(bool use)
{
    m_builtInCheck->setChecked(use);
}

void SweepDialog::showSpec()
{
    m_nameLabel->setText(m_loaded ? QString::fromStdString(m_spec.name)
                                  : tr("Choose a preset or open a sweep file."));
    m_descriptionLabel->setText(QString::fromStdString(m_spec.description));
    {
        const QSignalBlocker block(m_repeatsSpin);
        m_repeatsSpin->setValue(std::max(1, m_spec.repeats));
    }
    updateSummary();
}

SweepSpec SweepDialog::effectiveSpec(QString *error) const
{
    SweepSpec spec = m_spec;
    spec.repeats = m_repeatsSpin->value();
    ConfigOverrides overrides;
    if (m_epochsSpin->value() > 0)
        overrides.emplace_back("epochs", std::to_string(m_epochsSpin->value()));
    if (m_limitSpin->value() > 0)
        overrides.emplace_back("limit", std::to_string(m_limitSpin->value()));
    try {
        applyOverrides(spec, overrides);
    } catch (const std::exception &e) {
        *error = QString::fromStdString(e.what());
    }
    return spec;
}

std::vector<SweepRun> SweepDialog::runs() const
{
    m_error.clear();
    if (!m_loaded) {
        m_error = tr("Choose a preset or open a sweep file first.");
        return {};
    }
    QString error;
    const SweepSpec spec = effectiveSpec(&error);
    std::vector<SweepRun> list;
    if (error.isEmpty()) {
        try {
            list = expandSweep(spec);
        } catch (const std::exception &e) {
            error = QString::fromStdString(e.what());
        }
    }
    normlab::download::useDownloadedCifarWhereMissing(list); // File › Get CIFAR-10…
    if (error.isEmpty() && m_builtInCheck->isChecked())
        useBuiltInDataWhereMissing(list);
    if (error.isEmpty()) {
        QStringList problems;
        for (const std::string &p : validateSweep(list))
            problems << QString::fromStdString(p);
        error = problems.join(QLatin1Char('\n'));
    }
    if (!error.isEmpty()) {
        m_error = error;
        return {};
    }
    return list;
}

QStringList SweepDialog::missingData() const
{
    if (!m_loaded)
        return {};
    QString error;
    std::vector<SweepRun> list;
    try {
        list = expandSweep(effectiveSpec(&error));
    } catch (const std::exception &) {
        return {};
    }
    normlab::download::useDownloadedCifarWhereMissing(list);
    QStringList paths;
    for (const std::string &p : missingDataPaths(list))
        paths << QString::fromStdString(p);
    return paths;
}

double SweepDialog::estimatedSeconds() const
{
    double images = 0;
    for (const SweepRun &run : runs())
        images += trainingImages(run.config) * std::max(1, run.config.epochs);
    return images / m_imagesPerSecond;
}

void SweepDialog::updateSummary()
{
    const QStringList missing = missingData();
    m_dataLabel->setVisible(!missing.isEmpty());
    m_builtInCheck->setVisible(!missing.isEmpty());
    m_dataLabel->setText(
        tr("The dataset is not on disk: %1").arg(missing.join(QStringLiteral(", "))));
    const std::vector<SweepRun> list = runs();
    m_errorLabel->setText(m_loaded ? m_error : QString());
    QString count = QStringLiteral("-");
    if (!list.empty()) {
        const auto plural = [](int n, const QString &one, const QString &many) {
            return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
        };
        const int runCount = int(list.size()), groups = list.back().group + 1;
        count = tr("%1: %2 × %3")
                    .arg(plural(runCount, tr("run"), tr("runs")),
                         plural(groups, tr("configuration"), tr("configurations")),
                         plural(runCount / std::max(1, groups), tr("seed"), tr("seeds")));
    }
    m_countLabel->setText(count);
    m_estimateLabel->setText(list.empty() ? QStringLiteral("-")
                                          : tr("%1 (at %2 images/s)")
                                                .arg(durationText(estimatedSeconds()))
                                                .arg(m_imagesPerSecond, 0, 'f', 0));
}

void SweepDialog::accept()
{
    if (runs().empty()) {
        m_errorLabel->setText(m_error);
        return;
    }
    QDialog::accept();
}
