#pragma once
// Run > Presets and Sweeps…: picks a shipped preset or a sweep file, shows what it will queue (run
// count, estimated time, missing data) and builds the run list. Testable without exec(): load a
// preset, set the fields, call runs().

#include "normlab/Sweep.h"

#include <QDialog>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QSpinBox;

class SweepDialog : public QDialog
{
    Q_OBJECT
public:
    /// Images per second assumed by the estimate when nothing was measured yet.
    static constexpr double kDefaultImagesPerSecond = 4000;

    /// `imagesPerSecond`: the last measured training speed (0: the default).
    explicit SweepDialog(double imagesPerSecond = 0, QWidget *parent = nullptr);

    /// Loads a shipped preset (a name from normlab::presetNames()). False with error() on failure.
    bool loadPreset(const QString &name);
    /// Loads a sweep JSON file. False with error() on failure.
    bool loadFile(const QString &path);

    void setRepeats(int repeats);
    /// 0: the file's value.
    void setEpochs(int epochs);
    /// Training images; 0: the file's value.
    void setLimit(int limit);
    void setUseBuiltInData(bool use);

    bool hasSweep() const { return m_loaded; }
    const normlab::SweepSpec &spec() const { return m_spec; }
    /// The runs OK queues, with the overrides applied; empty with error() when they cannot run.
    std::vector<normlab::SweepRun> runs() const;
    /// Data paths the runs need that are not on disk (before moving to the built-in dataset).
    QStringList missingData() const;
    /// Estimated training time of runs(), in seconds (0 when there are none).
    double estimatedSeconds() const;
    QString error() const { return m_error; }

    /// Checks runs() and closes with Accepted, or shows the problem and stays open.
    void accept() override;

private:
    QLayout *createSourceRow(); // the preset combo and Open Sweep File…
    void createSpecLabels();
    QLayout *createRunFields(); // repeats, epochs, training images and what they add up to
    /// Shows the spec `load` returns, with preset `presetIndex` chosen (0: none); false with
    /// error() when `load` throws.
    bool showLoaded(const std::function<normlab::SweepSpec()> &load, int presetIndex);
    void showSpec();
    void updateSummary();
    normlab::SweepSpec effectiveSpec(QString *error) const;

    normlab::SweepSpec m_spec;
    bool m_loaded = false;
    mutable QString m_error;
    double m_imagesPerSecond;

    QComboBox *m_presetCombo;
    QLabel *m_nameLabel, *m_descriptionLabel, *m_countLabel, *m_estimateLabel, *m_dataLabel;
    QLabel *m_errorLabel;
    QSpinBox *m_repeatsSpin, *m_epochsSpin, *m_limitSpin;
    QCheckBox *m_builtInCheck;
};
