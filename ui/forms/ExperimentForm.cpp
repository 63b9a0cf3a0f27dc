#include "forms/ExperimentForm.h"

#include "forms/FormWidgets.h"
#include "forms/ScientificSpinBox.h"

#include "download/DataFolders.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <initializer_list>

using namespace normlab;
using namespace formwidgets;

namespace {
// The built-in shapes and CIFAR-10 are 32x32 whatever the image-size field held for folders.
constexpr int kFixedImageSize = 32;

// The form's label of a configuration key that starts a normlab::validate message.
QString fieldLabel(const QString &key)
{
    static const std::initializer_list<std::pair<const char *, const char *>> labels = {
        {"image-size", QT_TRANSLATE_NOOP("ExperimentForm", "Image size")},
        {"limit", QT_TRANSLATE_NOOP("ExperimentForm", "Training images")},
        {"folds", QT_TRANSLATE_NOOP("ExperimentForm", "CV folds")},
        {"width", QT_TRANSLATE_NOOP("ExperimentForm", "Width")},
        {"groups", QT_TRANSLATE_NOOP("ExperimentForm", "Groups")},
        {"lr", QT_TRANSLATE_NOOP("ExperimentForm", "Learning rate")},
        {"momentum", QT_TRANSLATE_NOOP("ExperimentForm", "Momentum")},
        {"batch-size", QT_TRANSLATE_NOOP("ExperimentForm", "Batch size")},
        {"epochs", QT_TRANSLATE_NOOP("ExperimentForm", "Epochs")},
        {"threads", QT_TRANSLATE_NOOP("ExperimentForm", "Threads")},
        {"early-stopping", QT_TRANSLATE_NOOP("ExperimentForm", "Early stopping")},
    };
    for (const auto &[configKey, label] : labels)
        if (key == QLatin1String(configKey))
            return ExperimentForm::tr(label);
    return key;
}

// One validate() message in the form's words: no command-line options.
QString readableProblem(const QString &problem, const ExperimentConfig &c)
{
    const QString key = problem.section(QLatin1Char(' '), 0, 0);
    if (key == QLatin1String("dataset"))
        return c.dataset == DatasetKind::Cifar10
                   ? ExperimentForm::tr("Choose the CIFAR-10 folder (Folder › Browse…, or drop it "
                                        "on the window) to train, or download it with File › Get "
                                        "CIFAR-10…")
                   : ExperimentForm::tr("Choose the image folder (Folder › Browse…, or drop it on "
                                        "the window) to train");
    if (key == QLatin1String("mean-only-bn"))
        return ExperimentForm::tr("Mean-only BatchNorm goes with WeightNorm: choose WeightNorm "
                                  "or untick it");
    if (key == QLatin1String("global-pool"))
        return ExperimentForm::tr("Global pooling is for the FC network: choose FC or untick it");
    QString rest = problem.section(QLatin1Char(' '), 1);
    static const QRegularExpression option(QStringLiteral("\\s*\\(--[^)]*\\)"));
    rest.remove(option);
    return QStringLiteral("%1: %2").arg(fieldLabel(key), rest);
}

} // namespace

ExperimentForm::ExperimentForm(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Training before the regularizers: epochs and learning rate show without scrolling.
    layout->addWidget(buildDataGroup());
    layout->addWidget(buildModelGroup());
    layout->addWidget(buildTrainingGroup());
    layout->addWidget(buildRegularizerGroup());
    m_problems = new QLabel;
    m_problems->setObjectName(QStringLiteral("problemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_problems->setVisible(false);
    layout->addWidget(m_problems);
    layout->addStretch(1);

    setConfig(ExperimentConfig{});
    // Remembered before onChanged reads config(): the field shows 32 for fixed-size data.
    connect(m_imageSize, &QSpinBox::valueChanged, this, [this](int value) {
        if (comboValue(m_dataset, DatasetKind::Synthetic) == DatasetKind::Folder)
            m_folderImageSize = value;
    });
    // CIFAR-10 chosen with no folder yet: the one File › Get CIFAR-10… (or normlab-cli get) put
    // in the user's data folder, when it is there.
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        if (comboValue(m_dataset, DatasetKind::Synthetic) == DatasetKind::Cifar10 &&
            m_dataPath->text().trimmed().isEmpty())
            m_dataPath->setText(
                QDir::toNativeSeparators(normlab::download::downloadedCifarFolder()));
    });
    // Every editor reports through one handler; it validates and updates dependent fields.
    for (QComboBox *combo : findChildren<QComboBox *>())
        connect(combo, &QComboBox::currentIndexChanged, this, &ExperimentForm::onChanged);
    for (QSpinBox *spin : findChildren<QSpinBox *>())
        connect(spin, &QSpinBox::valueChanged, this, &ExperimentForm::onChanged);
    for (QDoubleSpinBox *spin : findChildren<QDoubleSpinBox *>())
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ExperimentForm::onChanged);
    for (QCheckBox *box : findChildren<QCheckBox *>())
        connect(box, &QCheckBox::toggled, this, &ExperimentForm::onChanged);
    for (QLineEdit *edit : {m_dataPath, m_name})
        connect(edit, &QLineEdit::textChanged, this, &ExperimentForm::onChanged);
    ignoreWheelUnlessFocused(this);
    for (QWidget *dataField :
         std::initializer_list<QWidget *>{m_dataset, m_dataPath, m_imageSize, m_limit})
        dataField->setProperty("dataField", true);
    onChanged();
}

ExperimentConfig ExperimentForm::config() const
{
    ExperimentConfig c = m_base;
    c.dataset = comboValue(m_dataset, c.dataset);
    c.dataPath =
        m_dataset->currentIndex() == 0 ? std::string() : m_dataPath->text().trimmed().toStdString();
    c.imageSize = m_folderImageSize;
    c.limit = m_limit->value();
    c.arch = comboValue(m_arch, c.arch);
    c.width = m_width->value();
    c.norm = comboValue(m_norm, c.norm);
    c.groups = m_groups->value();
    c.meanOnlyBatchNorm = m_meanOnly->isChecked();
    c.normAfterActivation = m_afterActivation->isChecked();
    c.l1 = m_l1->value();
    c.l2 = m_l2->value();
    c.dropout = m_dropout->value();
    c.dropconnect = m_dropconnect->value();
    c.globalPool = m_globalPool->isChecked();
    c.earlyStopping = m_patience->value();
    c.augment = m_augment->isChecked();
    c.optimizer = comboValue(m_optimizer, c.optimizer);
    c.lr = m_lr->value();
    c.momentum = m_momentum->value();
    c.batchSize = m_batchSize->value();
    c.epochs = m_epochs->value();
    c.seed = uint64_t(m_seed->value());
    c.folds = m_folds->value();
    c.threads = m_threads->value();
    c.statsEvery = m_statsEvery->value();
    c.name = m_name->text().trimmed().toStdString();
    return c;
}

void ExperimentForm::setConfig(const ExperimentConfig &c)
{
    m_updating = true;
    m_base = c;
    setComboValue(m_dataset, c.dataset);
    m_dataPath->setText(QString::fromStdString(c.dataPath));
    m_folderImageSize = c.imageSize;
    m_imageSize->setValue(c.imageSize);
    m_limit->setValue(int(std::min<int64_t>(c.limit, m_limit->maximum())));
    setComboValue(m_arch, c.arch);
    m_width->setValue(c.width);
    setComboValue(m_norm, c.norm);
    m_groups->setValue(c.groups);
    m_meanOnly->setChecked(c.meanOnlyBatchNorm);
    m_afterActivation->setChecked(c.normAfterActivation);
    m_l1->setValue(c.l1);
    m_l2->setValue(c.l2);
    m_dropout->setValue(c.dropout);
    m_dropconnect->setValue(c.dropconnect);
    m_globalPool->setChecked(c.globalPool);
    m_patience->setValue(c.earlyStopping);
    m_augment->setChecked(c.augment);
    setComboValue(m_optimizer, c.optimizer);
    m_lr->setValue(c.lr);
    m_momentum->setValue(c.momentum);
    m_batchSize->setValue(c.batchSize);
    m_epochs->setValue(c.epochs);
    m_seed->setValue(int(std::min<uint64_t>(c.seed, uint64_t(m_seed->maximum()))));
    m_folds->setValue(c.folds);
    m_threads->setValue(c.threads);
    m_statsEvery->setValue(std::min(c.statsEvery, m_statsEvery->maximum()));
    m_name->setText(QString::fromStdString(c.name));
    m_updating = false;
    onChanged();
    Q_EMIT dataChanged();
}

void ExperimentForm::setDataFolder(const QString &folder)
{
    const bool cifar =
        QFileInfo::exists(QDir(folder).filePath(QStringLiteral("data_batch_1.bin"))) ||
        QFileInfo::exists(QDir(folder).filePath(QStringLiteral("cifar-10-batches-bin")));
    QString path = folder;
    if (QFileInfo::exists(QDir(folder).filePath(QStringLiteral("cifar-10-batches-bin"))))
        path = QDir(folder).filePath(QStringLiteral("cifar-10-batches-bin"));
    setComboValue(m_dataset, cifar ? DatasetKind::Cifar10 : DatasetKind::Folder);
    m_dataPath->setText(QDir::toNativeSeparators(path));
}

std::vector<std::string> ExperimentForm::problems() const
{
    return validate(config());
}

QStringList ExperimentForm::readableProblems() const
{
    const ExperimentConfig c = config();
    QStringList lines;
    for (const std::string &problem : validate(c))
        lines << readableProblem(QString::fromStdString(problem), c);
    return lines;
}

void ExperimentForm::updateEnabledFields()
{
    const bool fromDisk = m_dataset->currentIndex() != 0;
    m_dataPath->setEnabled(fromDisk);
    m_browse->setEnabled(fromDisk);
    const bool folder = comboValue(m_dataset, DatasetKind::Synthetic) == DatasetKind::Folder;
    m_imageSize->setEnabled(folder);
    {
        const QSignalBlocker blocker(m_imageSize);
        m_imageSize->setValue(folder ? m_folderImageSize : kFixedImageSize);
    }
    const NormKind norm = comboValue(m_norm, NormKind::None);
    m_groups->setEnabled(norm == NormKind::Group);
    m_channels->setEnabled(norm == NormKind::Group);
    m_meanOnly->setEnabled(norm == NormKind::Weight);
    m_afterActivation->setEnabled(norm != NormKind::None);
    m_globalPool->setEnabled(comboValue(m_arch, Architecture::Gap) == Architecture::Fc);
    m_momentum->setEnabled(comboValue(m_optimizer, OptimizerKind::Adam) == OptimizerKind::Sgd);

    QStringList channels;
    for (int64_t c : blockChannels(m_width->value()))
        channels << QString::number(c);
    m_channels->setText(tr("of %1 channels").arg(channels.join(QLatin1Char('/'))));
}

void ExperimentForm::onChanged()
{
    if (m_updating)
        return;
    updateEnabledFields();
    m_name->setPlaceholderText(QString::fromStdString(defaultRunName(config())));
    QStringList lines;
    for (const QString &problem : readableProblems())
        lines << QStringLiteral("• ") + problem;
    m_problems->setText(lines.join(QLatin1Char('\n')));
    m_problems->setVisible(!lines.isEmpty());
    if (sender() && sender()->property("dataField").toBool())
        Q_EMIT dataChanged();
    Q_EMIT configChanged();
}

void ExperimentForm::chooseFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Dataset folder"), m_dataPath->text());
    if (!folder.isEmpty())
        setDataFolder(folder);
}
