// The Vietnamese interface: under vi no visible text of the window, its menus, tabs, plots and
// dialogs is left in English (beyond the names the lecture itself keeps in English), View ›
// Language switches live and back, and the exported CSV keeps its English column names.

#include "GuiTestSupport.h"
#include "TempDir.h"

#include "forms/GetCifarDialog.h"
#include "forms/SweepDialog.h"
#include "gui/Language.h"
#include "gui/LayoutChecks.h"
#include "normlab/ResultsCsv.h"
#include "plots/QCustomPlotInclude.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTabBar>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace normlab;

namespace {

/// A visible text and where it was found, for the failure message.
struct Shown
{
    QString where;
    QString text;
};

void addText(std::vector<Shown> &out, const QString &where, const QString &text)
{
    if (!text.trimmed().isEmpty())
        out.push_back({where, text});
}

/// Combo boxes whose items are data (preset names from their files, run names), not interface.
bool holdsData(const QComboBox *combo)
{
    static const QStringList names = {QStringLiteral("presetCombo"),
                                      QStringLiteral("baselineCombo")};
    return names.contains(combo->objectName());
}

void addWidgetTexts(std::vector<Shown> &out, QWidget *widget)
{
    const QString where =
        QStringLiteral("%1 (%2)").arg(widget->objectName(), widget->metaObject()->className());
    if (widget->isWindow() || qobject_cast<QDockWidget *>(widget))
        addText(out, where + QStringLiteral(" title"), widget->windowTitle());
    addText(out, where + QStringLiteral(" tooltip"), widget->toolTip());
    if (auto *label = qobject_cast<QLabel *>(widget))
        addText(out, where, label->text());
    else if (auto *button = qobject_cast<QAbstractButton *>(widget))
        addText(out, where, button->text());
    else if (auto *box = qobject_cast<QGroupBox *>(widget))
        addText(out, where, box->title());
    else if (auto *edit = qobject_cast<QLineEdit *>(widget))
        addText(out, where + QStringLiteral(" placeholder"), edit->placeholderText());
    else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        for (int i = 0; i < (holdsData(combo) ? std::min(1, combo->count()) : combo->count()); ++i)
            addText(out, where + QStringLiteral(" item"), combo->itemText(i));
    } else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
        for (int i = 0; i < tabs->count(); ++i)
            addText(out, where + QStringLiteral(" tab"), tabs->tabText(i));
    } else if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
        if (QAbstractItemModel *model = view->model())
            for (int c = 0; c < model->columnCount(); ++c)
                addText(out, where + QStringLiteral(" header"),
                        model->headerData(c, Qt::Horizontal).toString());
    } else if (auto *plot = qobject_cast<QCustomPlot *>(widget)) {
        for (QCPAxisRect *rect : plot->axisRects())
            for (QCPAxis *axis : rect->axes())
                addText(out, where + QStringLiteral(" axis"), axis->label());
    }
}

/// Every text `root` shows: its widgets' and its actions' (menus included).
std::vector<Shown> visibleTexts(QWidget *root)
{
    std::vector<Shown> out;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : widgets)
        addWidgetTexts(out, widget);
    for (QAction *action : root->findChildren<QAction *>()) {
        const QString where = QStringLiteral("action %1").arg(action->objectName());
        addText(out, where, action->text());
        addText(out, where + QStringLiteral(" tooltip"), action->toolTip());
    }
    return out;
}

QSet<QString> textSet(const std::vector<Shown> &shown)
{
    QSet<QString> set;
    for (const Shown &s : shown)
        set.insert(s.text);
    return set;
}

/// Texts that read the same in both languages: the names the lecture keeps in English (methods,
/// metrics, optimizers), numbers and symbols, units, file names and paths, the window's name.
bool sameInBothLanguages(const QString &text)
{
    static const QSet<QString> names = {
        QStringLiteral("BatchNorm"), QStringLiteral("LayerNorm"), QStringLiteral("InstanceNorm"),
        QStringLiteral("GroupNorm"), QStringLiteral("WeightNorm"), QStringLiteral("Normalization"),
        QStringLiteral("Dropout p"), QStringLiteral("DropConnect p"), QStringLiteral("L1 λ"),
        QStringLiteral("L2 λ"), QStringLiteral("Early stopping"), QStringLiteral("Momentum"),
        QStringLiteral("Batch size"), QStringLiteral("Seed"), QStringLiteral("Adam"),
        QStringLiteral("SGD"), QStringLiteral("Validation Loss"),
        QStringLiteral("Validation Accuracy"), QStringLiteral("Test Loss"),
        QStringLiteral("Test Accuracy"), QStringLiteral("epoch"), QStringLiteral("Epoch"),
        QStringLiteral("loss"), QStringLiteral("accuracy"), QStringLiteral("n"),
        QStringLiteral("NormLab"), QStringLiteral("English"), QStringLiteral("Tiếng Việt"),
        QStringLiteral("CSV (*.csv)"), QStringLiteral("PDF (*.pdf)"), QStringLiteral(" px"),
        // the lecture's name of the plain CNN's row
        QStringLiteral("No Normalization")};
    static const QRegularExpression noWords(QStringLiteral("^[^A-Za-z]*$"));
    static const QRegularExpression fileName(
        QStringLiteral("^[\\w.-]+\\.(bin|csv|png|pdf|json|normlab|sqlite)$"));
    static const QRegularExpression windowTitle(QStringLiteral("^\\S+ — NormLab$"));
    static const QRegularExpression blockName(QStringLiteral("^block\\d+$")); // the engine's
    const QString oneLine = text.simplified(); // headers wrap: "Validation\nLoss"
    return names.contains(oneLine) || blockName.match(text).hasMatch() ||
           text.startsWith(QLatin1Char('/')) || noWords.match(text).hasMatch() ||
           fileName.match(text).hasMatch() || windowTitle.match(text).hasMatch();
}

/// The texts of `shown` that are still the English ones of `english`.
QStringList untranslated(const std::vector<Shown> &shown, const QSet<QString> &english)
{
    QStringList left;
    for (const Shown &s : shown)
        if (english.contains(s.text) && !sameInBothLanguages(s.text))
            left << QStringLiteral("%1: \"%2\"").arg(s.where, s.text);
    left.removeDuplicates();
    return left;
}

QAction *languageAction(QWidget *window, const char *code)
{
    return window->findChild<QAction *>(QStringLiteral("language_%1").arg(QLatin1String(code)));
}

QString menuTitles(QMainWindow *window)
{
    QStringList titles;
    for (QAction *action : window->menuBar()->actions())
        titles << action->text();
    return titles.join(QLatin1Char('|'));
}

} // namespace

class TranslationTest : public QObject
{
    Q_OBJECT

private:
    fixtures::TempDir m_dir;
    std::unique_ptr<guitest::RecordingWindow> newWindow()
    {
        auto window = std::make_unique<guitest::RecordingWindow>(
            QString::fromStdString((m_dir.path() / "runs.sqlite").string()));
        language::addMenu(window->window.get());
        return window;
    }
    /// The window's texts and those of its dialogs, in the language now installed.
    std::vector<Shown> windowAndDialogTexts(MainWindow *window)
    {
        std::vector<Shown> all = visibleTexts(window);
        SweepDialog sweeps(0, window);
        for (const Shown &s : visibleTexts(&sweeps))
            all.push_back(s);
        GetCifarDialog cifar({QUrl(QStringLiteral("http://127.0.0.1:9/cifar.tar.gz")),
                              QString(32, QLatin1Char('0')),
                              QString::fromStdString((m_dir.path() / "cifar").string())},
                             window);
        for (const Shown &s : visibleTexts(&cifar))
            all.push_back(s);
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        guitest::initTestEnvironment();
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           QString::fromStdString(m_dir.path().string()));
    }
    void cleanup() { language::apply(QStringLiteral("en")); }

    void languageFollowsTheLocale()
    {
        QCOMPARE(language::forLocale(QStringLiteral("vi_VN")), QStringLiteral("vi"));
        QCOMPARE(language::forLocale(QStringLiteral("en_US")), QStringLiteral("en"));
        QCOMPARE(language::forLocale(QStringLiteral("C")), QStringLiteral("en"));
        QVERIFY(!language::apply(QStringLiteral("xx")));
    }

    void noEnglishLeftUnderVietnamese()
    {
        QVERIFY(language::apply(QStringLiteral("en")));
        auto english = newWindow();
        const QSet<QString> englishTexts = textSet(windowAndDialogTexts(english->window.get()));
        QVERIFY(englishTexts.contains(QStringLiteral("&File"))); // the walk sees the menus

        QVERIFY(language::apply(QStringLiteral("vi")));
        auto vietnamese = newWindow();
        const std::vector<Shown> shown = windowAndDialogTexts(vietnamese->window.get());
        QVERIFY(shown.size() > 150);
        const QStringList left = untranslated(shown, englishTexts);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char('\n'))));
        QVERIFY(textSet(shown).contains(QStringLiteral("Huấn luyện")));

        // The guide and the About box are shown on demand.
        const QString guide =
            vietnamese->window->showGuide()->findChild<QTextBrowser *>()->toPlainText();
        QVERIFY2(guide.contains(QStringLiteral("NormLab trong năm phút")), qPrintable(guide));
        const QString about = QCoreApplication::translate(
            "MainWindow", "<b>NormLab %1</b><p>Normalization and anti-overfitting experiments "
                          "for the deep-learning course, trained with LibTorch.</p>");
        QVERIFY2(about.contains(QStringLiteral("chống Overfitting")), qPrintable(about));
        // Qt's own buttons, which Debian has no Vietnamese catalogue for.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Huỷ"));
    }

    void languageSwitchesLiveAndBack()
    {
        QVERIFY(language::apply(QStringLiteral("en")));
        auto window = newWindow();
        MainWindow *w = window->window.get();
        const QString englishMenus = menuTitles(w);
        const std::vector<Shown> englishShown = visibleTexts(w);
        QVERIFY(languageAction(w, "en")->isChecked());

        languageAction(w, "vi")->trigger();
        QCOMPARE(language::current(), QStringLiteral("vi"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("vi"));
        QCOMPARE(language::startLanguage(), QStringLiteral("vi"));
        QVERIFY(menuTitles(w) != englishMenus);
        QVERIFY2(menuTitles(w).startsWith(QStringLiteral("&Tệp|")), qPrintable(menuTitles(w)));
        QVERIFY(languageAction(w, "vi")->isChecked());
        const QStringList left = untranslated(visibleTexts(w), textSet(englishShown));
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char('\n'))));

        languageAction(w, "en")->trigger();
        QCOMPARE(menuTitles(w), englishMenus);
        QCOMPARE(textSet(visibleTexts(w)), textSet(englishShown));
    }

    // The longer Vietnamese texts still fit: nothing clipped or squeezed at the smallest size
    // the course supports, in the window and its dialogs.
    void vietnameseTextsFitTheLayout()
    {
        QVERIFY(language::apply(QStringLiteral("vi")));
        auto window = newWindow();
        window->window->resize(1280, 800);
        window->window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window->window.get()));
        QStringList problems = layoutcheck::findLayoutProblems(window->window.get());
        SweepDialog sweeps(0, window->window.get());
        sweeps.show();
        QVERIFY(QTest::qWaitForWindowExposed(&sweeps));
        problems << layoutcheck::findLayoutProblems(&sweeps);
        GetCifarDialog cifar({QUrl(QStringLiteral("http://127.0.0.1:9/cifar.tar.gz")),
                              QString(32, QLatin1Char('0')),
                              QString::fromStdString((m_dir.path() / "cifar").string())},
                             window->window.get());
        cifar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&cifar));
        problems << layoutcheck::findLayoutProblems(&cifar);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void csvKeepsEnglishColumnsUnderVietnamese()
    {
        QVERIFY(language::apply(QStringLiteral("vi")));
        auto window = newWindow();
        const QString path = QString::fromStdString((m_dir.path() / "table.csv").string());
        QVERIFY(window->window->exportCsv(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString header = QString::fromUtf8(file.readLine()).trimmed();
        QVERIFY2(header.startsWith(QStringLiteral("Model,Validation Loss,Validation Accuracy")),
                 qPrintable(header));
        // ... while the table on screen (and in its PNG) speaks Vietnamese.
        QCOMPARE(
            window->window->runTable()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
            QStringLiteral("Mô\nhình"));
    }
};

QTEST_MAIN(TranslationTest)
#include "tst_translation.moc"
