#include "forms/ScientificSpinBox.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

ScientificSpinBox::ScientificSpinBox(QWidget *parent) : QDoubleSpinBox(parent)
{
    setDecimals(12); // keep precision; the text is ours anyway
    setKeyboardTracking(false);
}

QString ScientificSpinBox::textFromValue(double value) const
{
    if (value == 0)
        return QStringLiteral("0");
    return QString::number(value, 'g', 6);
}

double ScientificSpinBox::valueFromText(const QString &text) const
{
    return QLocale::c().toDouble(text.trimmed());
}

QValidator::State ScientificSpinBox::validate(QString &text, int &) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QValidator::Intermediate;
    bool ok = false;
    const double value = QLocale::c().toDouble(trimmed, &ok);
    if (!ok) {
        // "1e", "1e-", "0." are on their way to a number.
        static const QString partial = QStringLiteral("0123456789.eE-+");
        for (QChar c : trimmed)
            if (!partial.contains(c))
                return QValidator::Invalid;
        return QValidator::Intermediate;
    }
    return value >= minimum() && value <= maximum() ? QValidator::Acceptable
                                                    : QValidator::Intermediate;
}

void ScientificSpinBox::stepBy(int steps)
{
    double v = value();
    for (; steps > 0; --steps)
        v = v <= 0 ? m_smallestStep : v * 10;
    for (; steps < 0; ++steps)
        v = v <= m_smallestStep * 1.0001 ? 0 : v / 10;
    setValue(std::clamp(v, minimum(), maximum()));
}
