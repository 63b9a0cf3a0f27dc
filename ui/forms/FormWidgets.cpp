#include "forms/FormWidgets.h"

#include "forms/ScientificSpinBox.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QSpinBox>

namespace formwidgets {

namespace {
// Ignores wheel events over an unfocused editor; ignored, they go on to the scroll area.
class WheelGuard : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *widget = qobject_cast<QWidget *>(watched);
        if (event->type() == QEvent::Wheel && widget && !widget->hasFocus()) {
            event->ignore();
            return true;
        }
        return false;
    }
};
} // namespace

void ignoreWheelUnlessFocused(QWidget *form)
{
    auto *guard = new WheelGuard(form);
    QList<QWidget *> editors;
    for (QAbstractSpinBox *spin : form->findChildren<QAbstractSpinBox *>())
        editors << spin;
    for (QComboBox *combo : form->findChildren<QComboBox *>())
        editors << combo;
    for (QWidget *editor : editors) {
        editor->setFocusPolicy(Qt::StrongFocus); // not WheelFocus: the wheel does not focus it
        editor->installEventFilter(guard);
    }
}

QSpinBox *intSpin(const char *name, int min, int max, const QString &tip)
{
    auto *spin = new QSpinBox;
    spin->setObjectName(QLatin1String(name));
    spin->setRange(min, max);
    spin->setToolTip(tip);
    return spin;
}

QDoubleSpinBox *probabilitySpin(const char *name, const QString &tip)
{
    auto *spin = new QDoubleSpinBox;
    spin->setObjectName(QLatin1String(name));
    spin->setRange(0.0, 0.95); // p = 1 would drop everything
    spin->setSingleStep(0.05);
    spin->setDecimals(2);
    spin->setToolTip(tip);
    return spin;
}

ScientificSpinBox *lambdaSpin(const char *name, const QString &tip)
{
    auto *spin = new ScientificSpinBox;
    spin->setObjectName(QLatin1String(name));
    spin->setRange(0.0, 1.0);
    spin->setSmallestStep(1e-5);
    spin->setToolTip(tip);
    return spin;
}

QCheckBox *checkBox(const char *name, const QString &text, const QString &tip)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(QLatin1String(name));
    box->setToolTip(tip);
    return box;
}

QGroupBox *group(const QString &title, QFormLayout *&form)
{
    auto *box = new QGroupBox(title);
    form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return box;
}

} // namespace formwidgets
