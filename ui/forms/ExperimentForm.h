#pragma once
// The experiment panel: dataset, architecture, normalization, regularizers and training settings.
// Reads and writes a normlab::ExperimentConfig; explains invalid values before Train is pressed.

#include "normlab/Config.h"

#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class ScientificSpinBox;

class ExperimentForm : public QWidget
{
    Q_OBJECT
public:
    explicit ExperimentForm(QWidget *parent = nullptr);

    normlab::ExperimentConfig config() const;
    /// Shows `config`; fields the form has no widget for are kept and written back by config().
    void setConfig(const normlab::ExperimentConfig &config);
    /// Chooses CIFAR-10 when `folder` holds its binary batches, an image folder otherwise.
    void setDataFolder(const QString &folder);
    /// normlab::validate(config()), in the engine's (command-line) words.
    std::vector<std::string> problems() const;
    /// problems() in the form's words, as shown under the form and beside Train: "Choose the
    /// CIFAR-10 folder (Folder › Browse…) to train", "Groups: 5 must divide ...".
    QStringList readableProblems() const;

Q_SIGNALS:
    void configChanged();
    /// The data fields changed (a new preview may be wanted).
    void dataChanged();
    void previewRequested();

private:
    QWidget *buildDataGroup();
    QWidget *buildModelGroup();
    QWidget *buildRegularizerGroup();
    QWidget *buildTrainingGroup();
    void updateEnabledFields();
    void onChanged();
    void chooseFolder();

    normlab::ExperimentConfig m_base; // fields without a widget
    bool m_updating = false;
    int m_folderImageSize = 64; // what image folders are resized to; the field shows it for them

    QComboBox *m_dataset;
    QLineEdit *m_dataPath;
    QPushButton *m_browse;
    QSpinBox *m_imageSize;
    QSpinBox *m_limit;
    QPushButton *m_preview;
    QComboBox *m_arch;
    QDoubleSpinBox *m_width;
    QComboBox *m_norm;
    QSpinBox *m_groups;
    QLabel *m_channels;
    QCheckBox *m_meanOnly;
    QCheckBox *m_afterActivation;
    ScientificSpinBox *m_l1;
    ScientificSpinBox *m_l2;
    QDoubleSpinBox *m_dropout;
    QDoubleSpinBox *m_dropconnect;
    QCheckBox *m_globalPool;
    QSpinBox *m_patience;
    QCheckBox *m_augment;
    QComboBox *m_optimizer;
    ScientificSpinBox *m_lr;
    QDoubleSpinBox *m_momentum;
    QSpinBox *m_batchSize;
    QSpinBox *m_epochs;
    QSpinBox *m_seed;
    QSpinBox *m_folds;
    QSpinBox *m_threads;
    QSpinBox *m_statsEvery; // steps between layer statistics; 0: recording off
    QLineEdit *m_name;
    QLabel *m_problems;
};
