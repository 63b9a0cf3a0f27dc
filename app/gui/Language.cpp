#include "gui/Language.h"

#include "plots/QCustomPlotInclude.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMutex>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QTabBar>
#include <QTranslator>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

const char *const kSettingsKey = "language";

// Qt's own texts on the buttons of NormLab's dialogs. Debian ships no Vietnamese catalogue of
// Qt (qtbase_vi.qm), so NormLab's catalogue carries these few.
[[maybe_unused]] const char *const kQtButtonTexts[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Don't Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close without Saving"),
};

/// Where a translated text came from, so that it can be looked up again in another language.
struct Origin
{
    QByteArray context, source, disambiguation;
    int n = -1;
};

/// The one translator NormLab installs. It asks the language's catalogues and remembers, for
/// every text it hands out (in English: the source itself), where it came from; a live switch
/// uses that to turn a widget's text into the new language. Called from any thread.
class RecordingTranslator : public QTranslator
{
public:
    void setCatalogues(std::vector<std::unique_ptr<QTranslator>> catalogues)
    {
        QMutexLocker lock(&m_mutex);
        m_catalogues = std::move(catalogues);
    }

    bool isEmpty() const override { return false; }

    QString translate(const char *context, const char *source, const char *disambiguation,
                      int n) const override
    {
        QMutexLocker lock(&m_mutex);
        QString result;
        for (const auto &catalogue : m_catalogues) {
            result = catalogue->translate(context, source, disambiguation, n);
            if (!result.isNull())
                break;
        }
        const QString shown = result.isNull() ? QString::fromUtf8(source) : result;
        if (!m_origins.contains(shown))
            m_origins.insert(shown, {context, source, disambiguation, n});
        return result;
    }

    /// `text` in the language now installed, when it is a text this translator handed out.
    QString again(const QString &text, bool *found = nullptr) const
    {
        Origin origin;
        {
            QMutexLocker lock(&m_mutex);
            const auto known = m_origins.constFind(text);
            if (found)
                *found = known != m_origins.constEnd();
            if (known == m_origins.constEnd())
                return text;
            origin = *known;
        }
        return inCurrentLanguage(origin);
    }

    /// The texts handed out that are templates, "of %1 channels", with where they came from.
    QList<QPair<QString, Origin>> templates() const
    {
        static const QRegularExpression placeholder(QStringLiteral("%\\d"));
        QMutexLocker lock(&m_mutex);
        QList<QPair<QString, Origin>> found;
        for (auto it = m_origins.constBegin(); it != m_origins.constEnd(); ++it)
            if (it->n < 0 && it.key().contains(placeholder))
                found.append({it.key(), it.value()});
        return found;
    }

    static QString inCurrentLanguage(const Origin &origin)
    {
        return QCoreApplication::translate(origin.context.constData(), origin.source.constData(),
                                           origin.disambiguation.constData(), origin.n);
    }

private:
    mutable QMutex m_mutex;
    std::vector<std::unique_ptr<QTranslator>> m_catalogues;
    mutable QHash<QString, Origin> m_origins;
};

RecordingTranslator *translator()
{
    static RecordingTranslator *const instance = [] {
        auto *created = new RecordingTranslator;
        created->setParent(QCoreApplication::instance());
        QCoreApplication::installTranslator(created);
        return created;
    }();
    return instance;
}

QString currentCode = QStringLiteral("en");

std::vector<std::unique_ptr<QTranslator>> cataloguesFor(const QString &code)
{
    std::vector<std::unique_ptr<QTranslator>> catalogues;
    if (code == QLatin1String("en"))
        return catalogues;
    auto own = std::make_unique<QTranslator>();
    if (own->load(QStringLiteral(":/i18n/normlab_%1.qm").arg(code)))
        catalogues.push_back(std::move(own));
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        catalogues.push_back(std::move(qt));
    return catalogues;
}

// --- The live switch: every text property of every open widget, looked up again. -----------

/// A template's shape, "^of (.+?) channels$", to find the arguments of a text made from it.
struct Template
{
    QRegularExpression pattern;
    QList<int> numbers; // the placeholder number of each capture, in order
    Origin origin;
    int literalLength = 0;
};

std::vector<Template> currentTemplates; // rebuilt at every switch

void collectTemplates()
{
    static const QRegularExpression placeholder(QStringLiteral("%(\\d\\d?)"));
    static const QRegularExpression letter(QStringLiteral("[^\\W\\d_]"));
    currentTemplates.clear();
    for (const auto &[text, origin] : translator()->templates()) {
        Template shape{{}, {}, origin, 0};
        QString regex = QStringLiteral("^");
        QString literals;
        int last = 0;
        for (auto it = placeholder.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            literals += text.mid(last, match.capturedStart() - last);
            regex += QRegularExpression::escape(text.mid(last, match.capturedStart() - last)) +
                     QStringLiteral("(.+?)");
            shape.numbers << match.captured(1).toInt();
            last = match.capturedEnd();
        }
        literals += text.mid(last);
        regex += QRegularExpression::escape(text.mid(last)) + QStringLiteral("$");
        // Templates that are mostly placeholders ("%1 (%2)") would match any text.
        if (literals.count(letter) < 3)
            continue;
        shape.pattern = QRegularExpression(regex, QRegularExpression::DotMatchesEverythingOption);
        shape.literalLength = int(literals.size());
        currentTemplates.push_back(std::move(shape));
    }
    std::sort(
        currentTemplates.begin(), currentTemplates.end(),
        [](const Template &a, const Template &b) { return a.literalLength > b.literalLength; });
}

/// `format` with each %N replaced by args[N] (one pass, so arguments are not scanned again).
QString fill(const QString &format, const QHash<int, QString> &args)
{
    QString out;
    for (int i = 0; i < format.size(); ++i) {
        int digits = 0;
        while (digits < 2 && i + 1 + digits < format.size() && format[i + 1 + digits].isDigit())
            ++digits;
        const int number = format.mid(i + 1, digits).toInt();
        if (format[i] == QLatin1Char('%') && digits > 0 && args.contains(number)) {
            out += args.value(number);
            i += digits;
        } else {
            out += format[i];
        }
    }
    return out;
}

/// `text` in the new language: a text tr() handed out, or one made from such a template (with
/// its arguments looked up too); any other text (a run's name, a path) stays as it is.
QString again(const QString &text)
{
    bool found = false;
    const QString known = text.isEmpty() ? text : translator()->again(text, &found);
    if (found || text.isEmpty())
        return known;
    for (const Template &shape : currentTemplates) {
        const QRegularExpressionMatch match = shape.pattern.match(text);
        if (!match.hasMatch())
            continue;
        QHash<int, QString> args;
        for (int i = 0; i < shape.numbers.size(); ++i)
            args.insert(shape.numbers[i], translator()->again(match.captured(i + 1)));
        return fill(RecordingTranslator::inCurrentLanguage(shape.origin), args);
    }
    return text;
}

/// The tool tip Qt derives from an action's text when none is set: without '&' and "...".
QString derivedToolTip(QString text)
{
    text.remove(QStringLiteral("..."));
    for (int i = 0; i < text.size(); ++i)
        if (text.at(i) == QLatin1Char('&'))
            text.remove(i, 1);
    return text.trimmed();
}

void retranslateAction(QAction *action)
{
    const QString oldPlain = QString(action->text()).remove(QLatin1Char('&'));
    const QString tip = action->toolTip();
    const bool derivedTip = tip == derivedToolTip(action->text());
    action->setText(again(action->text()));
    action->setStatusTip(again(action->statusTip()));
    if (derivedTip) {
        action->setToolTip(derivedToolTip(action->text()));
        return;
    }
    // Tool tips made of the text and the shortcut, "Train (Ctrl+Return)", keep their shortcut.
    const QString newPlain = QString(action->text()).remove(QLatin1Char('&'));
    const QString ellipsisFree = QString(oldPlain).remove(QStringLiteral("…"));
    if (!ellipsisFree.isEmpty() && tip.startsWith(ellipsisFree))
        action->setToolTip(QString(newPlain).remove(QStringLiteral("…")) +
                           tip.mid(ellipsisFree.size()));
    else
        action->setToolTip(again(tip));
}

void retranslateItemWidgets(QWidget *widget)
{
    if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        for (int i = 0; i < combo->count(); ++i) {
            combo->setItemText(i, again(combo->itemText(i)));
            combo->setItemData(i, again(combo->itemData(i, Qt::ToolTipRole).toString()),
                               Qt::ToolTipRole);
        }
    } else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setTabText(i, again(tabs->tabText(i)));
            tabs->setTabToolTip(i, again(tabs->tabToolTip(i)));
        }
    } else if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
        // The models ask tr() for their headers and cells whenever they are drawn.
        if (QAbstractItemModel *model = view->model()) {
            if (model->columnCount() > 0)
                Q_EMIT model->headerDataChanged(Qt::Horizontal, 0, model->columnCount() - 1);
            if (model->rowCount() > 0)
                Q_EMIT model->headerDataChanged(Qt::Vertical, 0, model->rowCount() - 1);
        }
        view->viewport()->update();
    }
}

void retranslatePlot(QCustomPlot *plot)
{
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes())
            axis->setLabel(again(axis->label()));
    for (int i = 0; i < plot->plottableCount(); ++i)
        plot->plottable(i)->setName(again(plot->plottable(i)->name()));
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *text = qobject_cast<QCPItemText *>(plot->item(i)))
            text->setText(again(text->text()));
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void retranslateWidget(QWidget *widget)
{
    widget->setWindowTitle(again(widget->windowTitle()));
    widget->setToolTip(again(widget->toolTip()));
    widget->setStatusTip(again(widget->statusTip()));
    if (auto *label = qobject_cast<QLabel *>(widget))
        label->setText(again(label->text()));
    else if (auto *button = qobject_cast<QAbstractButton *>(widget))
        button->setText(again(button->text()));
    else if (auto *box = qobject_cast<QGroupBox *>(widget))
        box->setTitle(again(box->title()));
    else if (auto *edit = qobject_cast<QLineEdit *>(widget))
        edit->setPlaceholderText(again(edit->placeholderText()));
    else if (auto *spin = qobject_cast<QSpinBox *>(widget)) {
        spin->setPrefix(again(spin->prefix()));
        spin->setSuffix(again(spin->suffix()));
        spin->setSpecialValueText(again(spin->specialValueText()));
    } else if (auto *doubleSpin = qobject_cast<QDoubleSpinBox *>(widget)) {
        doubleSpin->setSuffix(again(doubleSpin->suffix()));
        doubleSpin->setSpecialValueText(again(doubleSpin->specialValueText()));
    } else if (auto *plot = qobject_cast<QCustomPlot *>(widget))
        retranslatePlot(plot);
    else
        retranslateItemWidgets(widget);
}

void retranslateOpenWidgets()
{
    collectTemplates();
    QSet<QAction *> actions;
    const QWidgetList widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        retranslateWidget(widget);
        for (QAction *action : widget->actions())
            actions.insert(action);
        for (QAction *action : widget->findChildren<QAction *>(Qt::FindDirectChildrenOnly))
            actions.insert(action);
    }
    for (QAction *action : actions)
        retranslateAction(action);
}

} // namespace

namespace language {

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("vi")};
}

QString forLocale(const QString &localeName)
{
    return QLocale(localeName).language() == QLocale::Vietnamese ? QStringLiteral("vi")
                                                                 : QStringLiteral("en");
}

QString startLanguage()
{
    const QString saved = QSettings().value(QLatin1String(kSettingsKey)).toString();
    return available().contains(saved) ? saved : forLocale(QLocale::system().name());
}

void remember(const QString &code)
{
    QSettings().setValue(QLatin1String(kSettingsKey), code);
}

QString current()
{
    return currentCode;
}

bool apply(const QString &code)
{
    if (!available().contains(code))
        return false;
    // Numbers read as in the lecture and in every CSV, 0.8768, whatever the language or the
    // system locale (vi_VN would write 0,8768 in the spin boxes and plots, and parse it so).
    QLocale::setDefault(QLocale::c());
    translator()->setCatalogues(cataloguesFor(code));
    currentCode = code;
    retranslateOpenWidgets();
    // Widgets that build their texts themselves (titles with a file name, ...) do it again.
    QEvent changed(QEvent::LanguageChange);
    for (QWidget *widget : QApplication::topLevelWidgets())
        QCoreApplication::sendEvent(widget, &changed);
    return true;
}

QMenu *addMenu(QMainWindow *window)
{
    const QString viewTitle = QCoreApplication::translate("MainWindow", "&View");
    QMenu *view = nullptr;
    for (QAction *action : window->menuBar()->actions())
        if (action->menu() && action->text() == viewTitle)
            view = action->menu();
    if (!view)
        return nullptr;
    QMenu *menu = view->addMenu(QCoreApplication::translate("Language", "&Language"));
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    // Each language is named in itself, so that it can be found whatever the current one.
    const std::pair<const char *, QString> names[] = {{"en", QStringLiteral("English")},
                                                      {"vi", QStringLiteral("Tiếng Việt")}};
    for (const auto &[code, name] : names) {
        QAction *action = menu->addAction(name);
        action->setObjectName(QStringLiteral("language_%1").arg(QLatin1String(code)));
        action->setCheckable(true);
        action->setChecked(current() == QLatin1String(code));
        action->setActionGroup(group);
        QObject::connect(action, &QAction::triggered, menu, [code = QString::fromLatin1(code)] {
            apply(code);
            remember(code);
        });
    }
    return menu;
}

} // namespace language
