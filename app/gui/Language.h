#pragma once
// The interface language: English (the sources' own text) or Vietnamese (normlab_vi.qm, built
// from resources/translations/normlab_vi.ts and embedded). It follows the system locale until
// the user picks one in View › Language, which is remembered (QSettings) and applied at once:
// every open widget's text that came from tr() is looked up again in the new language.
// Numbers keep their '.' decimal point in both languages, as the lecture writes them.

#include <QString>
#include <QStringList>

class QMainWindow;
class QMenu;

namespace language {

/// The language codes the interface has: "en", "vi".
QStringList available();
/// "vi" when `localeName` (e.g. "vi_VN") is Vietnamese, else "en".
QString forLocale(const QString &localeName);
/// The language remembered from View › Language, else the system locale's.
QString startLanguage();
/// Remembers `code` for the next start.
void remember(const QString &code);
/// The language now installed ("en" before any apply()).
QString current();
/// Installs `code`'s catalogues (NormLab's and, where Debian ships it, Qt's own) and retranslates
/// every open widget. False, changing nothing, for a code that is not available().
bool apply(const QString &code);
/// Adds Language (English / Tiếng Việt) to `window`'s View menu; choosing one applies and
/// remembers it. Returns the new menu (null when the window has no View menu).
QMenu *addMenu(QMainWindow *window);

} // namespace language
