#pragma once
// Help > Guide: a short offline guide in a student's words: what to press first, what each
// method does, how to compare methods fairly and how to read the plots.

#include <QDialog>

class QTextBrowser;

class GuideDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GuideDialog(QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }
    /// The guide as HTML (what the browser shows).
    static QString html();

private:
    QTextBrowser *m_browser;
};
