#pragma once
// Small factories for the experiment form's editors: named, ranged, with a tooltip. Enum combo
// boxes store the CLI keyword of each value, so the form and the config share one spelling.

#include "normlab/Config.h"

#include <QComboBox>
#include <QString>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QSpinBox;
class QWidget;
class ScientificSpinBox;

namespace formwidgets {

template <typename Enum> Enum comboValue(const QComboBox *combo, Enum fallback)
{
    Enum value = fallback;
    normlab::fromKey(combo->currentData().toString().toStdString(), value);
    return value;
}

template <typename Enum> void setComboValue(QComboBox *combo, Enum value)
{
    const int index = combo->findData(QString::fromStdString(normlab::toKey(value)));
    if (index >= 0)
        combo->setCurrentIndex(index);
}

template <typename Enum>
void addItem(QComboBox *combo, const QString &text, Enum value, const QString &tip)
{
    combo->addItem(text, QString::fromStdString(normlab::toKey(value)));
    combo->setItemData(combo->count() - 1, tip, Qt::ToolTipRole);
}

QSpinBox *intSpin(const char *name, int min, int max, const QString &tip);
QDoubleSpinBox *probabilitySpin(const char *name, const QString &tip);
ScientificSpinBox *lambdaSpin(const char *name, const QString &tip);
QCheckBox *checkBox(const char *name, const QString &text, const QString &tip);
/// A titled group box with a form layout, returned through `form`.
QGroupBox *group(const QString &title, QFormLayout *&form);
/// Spin boxes and combo boxes under `form` take the mouse wheel only once clicked (focused):
/// scrolling the form passes over them instead of changing their values.
void ignoreWheelUnlessFocused(QWidget *form);

} // namespace formwidgets
