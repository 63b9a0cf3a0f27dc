#pragma once
// A double spin box that shows 0.0001 as "1e-04" and accepts either spelling: learning rates and
// penalty weights span many orders of magnitude.

#include <QDoubleSpinBox>

class ScientificSpinBox : public QDoubleSpinBox
{
    Q_OBJECT
public:
    explicit ScientificSpinBox(QWidget *parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &pos) const override;
    /// Steps multiply or divide by 10 (from 0, the first step up goes to the smallest step).
    void stepBy(int steps) override;
    void setSmallestStep(double step) { m_smallestStep = step; }

private:
    double m_smallestStep = 1e-5;
};
