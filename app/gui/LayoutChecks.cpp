#include "gui/LayoutChecks.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QTabBar>
#include <QTextDocument>
#include <QToolButton>

namespace layoutcheck {
namespace {

constexpr int kTextPreview = 32;    // characters of a label's text that name it
constexpr int kShortestSlider = 60; // px: a slider shorter than this is only its handle

QString shortText(const QString &text)
{
    QString plain = text;
    plain.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return plain.size() > kTextPreview ? plain.left(kTextPreview) + QStringLiteral("…") : plain;
}

// Inputs, buttons and labels: what a student reads or types into. Parts of composite widgets
// (a spin box's line edit, a tab bar's scroll arrows) belong to their owner, not checked alone.
bool isCheckedKind(const QWidget *w)
{
    const QWidget *parent = w->parentWidget();
    if (qobject_cast<const QAbstractSpinBox *>(parent) || qobject_cast<const QComboBox *>(parent) ||
        qobject_cast<const QTabBar *>(parent))
        return false;
    return qobject_cast<const QLabel *>(w) || qobject_cast<const QAbstractSpinBox *>(w) ||
           qobject_cast<const QComboBox *>(w) || qobject_cast<const QLineEdit *>(w) ||
           qobject_cast<const QPushButton *>(w) || qobject_cast<const QCheckBox *>(w) ||
           qobject_cast<const QRadioButton *>(w) || qobject_cast<const QToolButton *>(w) ||
           qobject_cast<const QSlider *>(w);
}

// Scrolled content may lie outside the window: the scroll area's viewport clips it on purpose.
bool insideScrollArea(const QWidget *w, const QWidget *top)
{
    for (const QWidget *p = w->parentWidget(); p && p != top; p = p->parentWidget())
        if (auto *area = qobject_cast<const QAbstractScrollArea *>(p->parentWidget()))
            if (area->viewport() == p)
                return true;
    return false;
}

// The smallest width a layout may give `w`: its minimum size where set, else its hint; zero
// when its policy lets the layout ignore the hint.
int smallestWidth(const QWidget *w)
{
    if (w->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored)
        return w->minimumWidth();
    return w->minimumWidth() > 0 ? w->minimumWidth() : w->minimumSizeHint().width();
}

QStringList labelProblems(const QLabel *label)
{
    const QString text = label->text();
    if (text.isEmpty())
        return {};
    if (label->wordWrap()) {
        const int needed = label->heightForWidth(label->width());
        if (label->height() < needed)
            return {QStringLiteral("text cut off: %1 px high, its %2 px wide text needs %3 px")
                        .arg(label->height())
                        .arg(label->width())
                        .arg(needed)};
        return {};
    }
    QStringList problems;
    if (label->height() < label->minimumSizeHint().height())
        problems << QStringLiteral("%1 px high, needs %2 px")
                        .arg(label->height())
                        .arg(label->minimumSizeHint().height());
    const bool rich = label->textFormat() == Qt::RichText ||
                      (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(text));
    QString plain = text;
    if (rich) {
        QTextDocument document;
        document.setHtml(text);
        plain = document.toPlainText();
    }
    int widest = 0;
    for (const QString &line : plain.split(QLatin1Char('\n')))
        widest = std::max(widest, label->fontMetrics().horizontalAdvance(line));
    const int room = label->contentsRect().width() - 2 * label->margin() - 2 * label->indent();
    if (widest > room + 1)
        problems << QStringLiteral("text clipped: %1 px of text in %2 px").arg(widest).arg(room);
    return problems;
}

QStringList sizeProblems(const QWidget *w)
{
    if (auto *label = qobject_cast<const QLabel *>(w))
        return labelProblems(label);
    QStringList problems;
    // A slider squeezed to its handle cannot be dragged (and reads as a checkbox).
    if (auto *slider = qobject_cast<const QSlider *>(w);
        slider && slider->orientation() == Qt::Horizontal && w->width() < kShortestSlider)
        problems << QStringLiteral("slider %1 px wide, too short to drag (%2 px or more)")
                        .arg(w->width())
                        .arg(kShortestSlider);
    const QSize hint = w->minimumSizeHint();
    if (w->height() < hint.height())
        problems << QStringLiteral("%1 px high, needs %2 px").arg(w->height()).arg(hint.height());
    if (w->width() < smallestWidth(w))
        problems << QStringLiteral("%1 px wide, needs %2 px").arg(w->width()).arg(smallestWidth(w));
    return problems;
}

bool managedBy(const QLayout *layout, const QWidget *w)
{
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (item->widget() == w)
            return true;
        if (item->layout() && managedBy(item->layout(), w))
            return true;
    }
    return false;
}

// Children of `parent` laid out by its layout whose rectangles intersect.
QStringList overlaps(const QWidget *parent)
{
    const QLayout *layout = parent->layout();
    if (!layout)
        return {};
    QList<const QWidget *> laidOut;
    for (const QObject *child : parent->children()) {
        auto *w = qobject_cast<const QWidget *>(child);
        if (w && w->isVisible() && !w->isWindow() && managedBy(layout, w))
            laidOut << w;
    }
    QStringList problems;
    for (int i = 0; i < laidOut.size(); ++i)
        for (int j = i + 1; j < laidOut.size(); ++j)
            if (const QRect both = laidOut[i]->geometry() & laidOut[j]->geometry();
                both.width() > 0 && both.height() > 0)
                problems << QStringLiteral("%1 overlaps %2 by %3×%4 px")
                                .arg(describeWidget(laidOut[i]), describeWidget(laidOut[j]))
                                .arg(both.width())
                                .arg(both.height());
    return problems;
}

} // namespace

QString describeWidget(const QWidget *widget)
{
    QString name = widget->objectName();
    if (name.isEmpty()) {
        if (auto *label = qobject_cast<const QLabel *>(widget))
            name = shortText(label->text());
        else if (auto *button = qobject_cast<const QAbstractButton *>(widget))
            name = shortText(button->text());
    }
    QString owner;
    for (const QWidget *p = widget->parentWidget(); p && owner.isEmpty(); p = p->parentWidget())
        owner = p->objectName();
    QString text = QString::fromLatin1(widget->metaObject()->className());
    if (!name.isEmpty())
        text += QStringLiteral(" '%1'").arg(name);
    if (!owner.isEmpty())
        text += QStringLiteral(" in %1").arg(owner);
    return text;
}

QStringList findLayoutProblems(const QWidget *top)
{
    QStringList findings;
    const QList<QWidget *> widgets = top->findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (!w->isVisible() || w->isWindow() || w->window() != top)
            continue;
        findings << overlaps(w);
        if (!isCheckedKind(w))
            continue;
        for (const QString &problem : sizeProblems(w))
            findings << describeWidget(w) + QStringLiteral(": ") + problem;
        const QRect inTop(w->mapTo(top, QPoint(0, 0)), w->size());
        if (!top->rect().contains(inTop) && !insideScrollArea(w, top))
            findings << describeWidget(w) + QStringLiteral(": outside the window (%1,%2 %3×%4)")
                                                .arg(inTop.x())
                                                .arg(inTop.y())
                                                .arg(inTop.width())
                                                .arg(inTop.height());
    }
    findings << overlaps(top);
    return findings;
}

} // namespace layoutcheck
