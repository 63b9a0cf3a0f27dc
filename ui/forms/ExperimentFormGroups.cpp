#include "forms/ExperimentForm.h"
// The form's four groups of editors: data, model, regularizers, training.

#include "forms/FormWidgets.h"
#include "forms/ScientificSpinBox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>

#include <algorithm>
#include <limits>

using namespace normlab;
using namespace formwidgets;

namespace {
// The normalizations, each explained in its tooltip.
QComboBox *normalizationCombo()
{
    auto *combo = new QComboBox;
    combo->setObjectName(QStringLiteral("normCombo"));
    addItem(combo, ExperimentForm::tr("None"), NormKind::None,
            ExperimentForm::tr(
                "No normalization: conv → ReLU, the baseline row of the lecture's table."));
    addItem(
        combo, ExperimentForm::tr("BatchNorm"), NormKind::Batch,
        ExperimentForm::tr("Normalizes each channel over the batch (N, H, W): less internal "
                           "covariate shift, smoother gradients, a little regularizing noise."));
    addItem(combo, ExperimentForm::tr("LayerNorm"), NormKind::Layer,
            ExperimentForm::tr("Normalizes each sample over all its channels and positions (C, H, "
                               "W): does not depend on the batch size."));
    addItem(combo, ExperimentForm::tr("InstanceNorm"), NormKind::Instance,
            ExperimentForm::tr("Normalizes each channel of each sample over (H, W): removes "
                               "per-image contrast."));
    addItem(combo, ExperimentForm::tr("GroupNorm"), NormKind::Group,
            ExperimentForm::tr("Normalizes each sample over (H, W) and a group of channels: "
                               "between LayerNorm (one group) and InstanceNorm (one channel per "
                               "group)."));
    addItem(combo, ExperimentForm::tr("WeightNorm"), NormKind::Weight,
            ExperimentForm::tr("Splits every weight into direction and magnitude, w = g·v/‖v‖, "
                               "which update independently; usually paired with mean-only "
                               "BatchNorm."));
    return combo;
}
} // namespace

QWidget *ExperimentForm::buildDataGroup()
{
    QFormLayout *form;
    QGroupBox *box = group(tr("Dataset"), form);
    m_dataset = new QComboBox;
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    addItem(m_dataset, tr("Built-in synthetic"), DatasetKind::Synthetic,
            tr("Generated 32×32 shapes in 10 classes: no download, trains in seconds."));
    addItem(m_dataset, tr("CIFAR-10 folder"), DatasetKind::Cifar10,
            tr("The binary CIFAR-10 batches (data_batch_1.bin ...), as in the lecture's "
               "Experiment 1."));
    addItem(m_dataset, tr("Image folder"), DatasetKind::Folder,
            tr("One sub-folder per class, e.g. the Tom and Jerry frames of Experiment 2."));
    form->addRow(tr("Source"), m_dataset);

    m_dataPath = new QLineEdit;
    m_dataPath->setObjectName(QStringLiteral("dataPathEdit"));
    m_dataPath->setPlaceholderText(tr("Choose or drop a folder"));
    m_browse = new QPushButton(tr("Browse…"));
    connect(m_browse, &QPushButton::clicked, this, &ExperimentForm::chooseFolder);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_dataPath, 1);
    pathRow->addWidget(m_browse);
    form->addRow(tr("Folder"), pathRow);

    m_imageSize = intSpin("imageSizeSpin", 8, 512,
                          tr("Image folders are resized to this size; the built-in "
                             "shapes and CIFAR-10 are always 32×32."));
    m_imageSize->setSuffix(tr(" px"));
    form->addRow(tr("Image size"), m_imageSize);
    m_limit = intSpin("limitSpin", 0, 10'000'000,
                      tr("Train on at most this many images (0: all) for quick experiments."));
    m_limit->setSpecialValueText(tr("all"));
    m_limit->setSingleStep(500);
    form->addRow(tr("Training images"), m_limit);
    m_preview = new QPushButton(tr("Load preview"));
    m_preview->setObjectName(QStringLiteral("previewButton"));
    m_preview->setToolTip(tr("Load the dataset now and show its classes, split sizes and "
                             "samples. Train loads it anyway."));
    connect(m_preview, &QPushButton::clicked, this, &ExperimentForm::previewRequested);
    form->addRow(QString(), m_preview);
    return box;
}

QWidget *ExperimentForm::buildModelGroup()
{
    QFormLayout *form;
    QGroupBox *box = group(tr("Model"), form);
    m_arch = new QComboBox;
    m_arch->setObjectName(QStringLiteral("archCombo"));
    addItem(m_arch, tr("GAP (Experiment 1)"), Architecture::Gap,
            tr("Three conv blocks → global average pooling → Linear, the lecture's "
               "normalization network."));
    addItem(m_arch, tr("FC (Experiment 2)"), Architecture::Fc,
            tr("Three conv blocks → Flatten → Linear(128) → ReLU → Linear, the lecture's "
               "regularization network."));
    form->addRow(tr("Architecture"), m_arch);
    m_width = new QDoubleSpinBox;
    m_width->setObjectName(QStringLiteral("widthSpin"));
    m_width->setRange(0.25, 8.0);
    m_width->setSingleStep(0.25);
    m_width->setDecimals(2);
    m_width->setPrefix(QStringLiteral("× "));
    m_width->setToolTip(tr("Multiplies the channels (16, 32, 64) and hidden units (128): model "
                           "capacity, as on the double-descent slide."));
    form->addRow(tr("Width"), m_width);

    m_norm = normalizationCombo();
    form->addRow(tr("Normalization"), m_norm);

    m_groups = intSpin("groupsSpin", 1, 1024,
                       tr("GroupNorm: channels per sample are split into this many groups; it must "
                          "divide every block's channel count."));
    m_channels = new QLabel;
    auto *groupsRow = new QHBoxLayout;
    groupsRow->addWidget(m_groups);
    groupsRow->addWidget(m_channels, 1);
    form->addRow(tr("Groups"), groupsRow);
    m_meanOnly = checkBox("meanOnlyCheck", tr("Mean-only BatchNorm"),
                          tr("With WeightNorm: subtract each channel's batch mean without dividing "
                             "by its deviation (Salimans & Kingma)."));
    form->addRow(QString(), m_meanOnly);
    m_afterActivation = checkBox("afterActivationCheck", tr("Normalize after ReLU"),
                                 tr("Place the normalization after the activation instead of the "
                                    "lecture's conv → norm → ReLU."));
    form->addRow(QString(), m_afterActivation);
    return box;
}

QWidget *ExperimentForm::buildRegularizerGroup()
{
    QFormLayout *form;
    QGroupBox *box = group(tr("Regularizers"), form);
    m_l1 = lambdaSpin("l1Spin", tr("L1: adds λ·Σ|w| to the loss, pushing weights to exactly zero "
                                   "(sparse weights)."));
    form->addRow(tr("L1 λ"), m_l1);
    m_l2 = lambdaSpin("l2Spin", tr("L2: adds λ·Σw² to the loss (weight decay), keeping weights "
                                   "small."));
    form->addRow(tr("L2 λ"), m_l2);
    m_dropout = probabilitySpin("dropoutSpin",
                                tr("Dropout: during training, zeroes each activation before the "
                                   "last Linear with probability p."));
    form->addRow(tr("Dropout p"), m_dropout);
    m_dropconnect = probabilitySpin("dropconnectSpin",
                                    tr("DropConnect: during training, zeroes each weight of the "
                                       "hidden Linear with probability p."));
    form->addRow(tr("DropConnect p"), m_dropconnect);
    m_globalPool = checkBox("globalPoolCheck", tr("Global pooling"),
                            tr("FC network: global average pooling replaces Flatten, so the head "
                               "has far fewer weights to overfit with."));
    form->addRow(QString(), m_globalPool);
    m_patience = intSpin("patienceSpin", 0, 1000,
                         tr("Early stopping: stop when the validation loss has not improved for "
                            "this many epochs; the best epoch is reported."));
    m_patience->setSpecialValueText(tr("off"));
    m_patience->setSuffix(tr(" epochs"));
    form->addRow(tr("Early stopping"), m_patience);
    m_augment = checkBox("augmentCheck", tr("Data augmentation"),
                         tr("Random flips and shifted crops of the training images: more varied "
                            "data against overfitting."));
    form->addRow(QString(), m_augment);
    return box;
}

QWidget *ExperimentForm::buildTrainingGroup()
{
    QFormLayout *form;
    QGroupBox *box = group(tr("Training"), form);
    // Epochs and learning rate first: the two values changed most often.
    m_epochs = intSpin("epochsSpin", 1, 10000, tr("Passes over the training images."));
    form->addRow(tr("Epochs"), m_epochs);
    m_lr = lambdaSpin("lrSpin", tr("Learning rate: the step size of every update."));
    m_lr->setRange(1e-7, 10.0);
    m_lr->setSmallestStep(1e-6);
    form->addRow(tr("Learning rate"), m_lr);
    m_optimizer = new QComboBox;
    m_optimizer->setObjectName(QStringLiteral("optimizerCombo"));
    addItem(m_optimizer, tr("Adam"), OptimizerKind::Adam, tr("Adam: adaptive per-weight steps."));
    addItem(m_optimizer, tr("SGD"), OptimizerKind::Sgd,
            tr("Stochastic gradient descent with "
               "momentum."));
    form->addRow(tr("Optimizer"), m_optimizer);
    m_momentum = new QDoubleSpinBox;
    m_momentum->setObjectName(QStringLiteral("momentumSpin"));
    m_momentum->setRange(0.0, 0.999);
    m_momentum->setDecimals(3);
    m_momentum->setSingleStep(0.05);
    m_momentum->setToolTip(tr("SGD momentum."));
    form->addRow(tr("Momentum"), m_momentum);
    m_batchSize = intSpin("batchSizeSpin", 1, 4096,
                          tr("Images per step; BatchNorm's statistics come from each batch."));
    form->addRow(tr("Batch size"), m_batchSize);
    m_seed = intSpin("seedSpin", 0, std::numeric_limits<int>::max(),
                     tr("Seed of the weights, shuffling and dropout; the data splits stay fixed."));
    form->addRow(tr("Seed"), m_seed);
    m_folds = intSpin("foldsSpin", 0, 20,
                      tr("k-fold cross-validation: training and validation images are pooled and "
                         "cut into k folds; each fold validates once while the others train. "
                         "Train queues one run a fold; Group repeats shows mean ± std."));
    m_folds->setSpecialValueText(tr("off"));
    form->addRow(tr("CV folds"), m_folds);
    m_threads = intSpin("threadsSpin", 0, std::max(1, QThread::idealThreadCount()) * 2,
                        tr("Threads for LibTorch's operations (0: all cores)."));
    m_threads->setSpecialValueText(tr("all cores"));
    form->addRow(tr("Threads"), m_threads);
    m_statsEvery = intSpin("statsEverySpin", 0, 100000,
                           tr("Layer statistics on a fixed probe batch every N training steps, "
                              "gradient norms every step (0: record neither)."));
    m_statsEvery->setSpecialValueText(tr("off"));
    form->addRow(tr("Layer stats every"), m_statsEvery);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setToolTip(tr("The run's name in the table; empty: named after the method, as in "
                          "the slides."));
    form->addRow(tr("Run name"), m_name);
    return box;
}
