#pragma once
// Mechanical layout checks on a shown window or dialog: what a student would see as broken.
// Each finding names the widget ("QSpinBox 'repeatsSpin' in sweepDialog") and the problem.

#include <QString>
#include <QStringList>

class QWidget;

namespace layoutcheck {

/// Every visible input, button and label below `top` (and `top`'s own sub-windows excluded):
/// - smaller than its minimumSizeHint (a word-wrapped label: shorter than its heightForWidth);
/// - a plain-text label whose text is wider than the label (clipped);
/// - overlapping a sibling widget of the same layout;
/// - reaching outside `top` (scrolled content inside a scroll area is exempt);
/// - a horizontal slider too short to drag.
QStringList findLayoutProblems(const QWidget *top);

/// "QSpinBox 'repeatsSpin' in sweepDialog": the class, the name (or text) and the named ancestor.
QString describeWidget(const QWidget *widget);

} // namespace layoutcheck
