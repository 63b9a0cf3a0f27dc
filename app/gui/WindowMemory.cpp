#include "gui/WindowMemory.h"

#include "forms/ExperimentForm.h"
#include "normlab/Config.h"
#include "normlab/ConfigJson.h"
#include "window/MainWindow.h"

#include <QCoreApplication>
#include <QEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStatusBar>

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace window_memory {
namespace {

constexpr char kGeometryKey[] = "window/geometry";
constexpr char kStateKey[] = "window/state";
constexpr char kExperimentKey[] = "window/experiment";
constexpr char kParallelRunsKey[] = "window/parallelRuns";

void save(MainWindow *window, QSettings *settings)
{
    settings->setValue(QLatin1String(kGeometryKey), window->saveGeometry());
    settings->setValue(QLatin1String(kStateKey), window->saveState());
    const QJsonObject experiment = normlab::toJson(window->form()->config());
    settings->setValue(QLatin1String(kExperimentKey),
                       QString::fromUtf8(QJsonDocument(experiment).toJson(QJsonDocument::Compact)));
    settings->setValue(QLatin1String(kParallelRunsKey), window->parallelRuns());
    settings->sync();
}

// The experiment from the last session; a value that no longer reads (an older or edited
// settings file) is said once in the status bar and the form keeps its defaults.
void restoreExperiment(MainWindow *window, const QSettings &settings)
{
    const QString text = settings.value(QLatin1String(kExperimentKey)).toString();
    if (text.isEmpty())
        return;
    try {
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (!document.isObject())
            throw std::runtime_error("not a JSON object");
        const normlab::ExperimentConfig config = normlab::configFromJson(document.object());
        if (const std::vector<std::string> problems = normlab::validate(config); !problems.empty())
            throw std::runtime_error(problems.front());
        window->form()->setConfig(config);
    } catch (const std::exception &e) {
        window->statusBar()->showMessage(
            QCoreApplication::translate(
                "WindowMemory",
                "The last session's experiment could not be restored (%1 in %2); the "
                "form shows the defaults.")
                .arg(QString::fromUtf8(e.what()), settings.fileName()));
    }
}

// Saves the window whenever it is closed; a child of the window, so it goes with it.
class CloseWatcher : public QObject
{
public:
    CloseWatcher(MainWindow *window, QSettings *settings)
        : QObject(window), m_window(window), m_settings(settings)
    {
        window->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_window && event->type() == QEvent::Close)
            save(m_window, m_settings);
        return false;
    }

private:
    MainWindow *m_window;
    QSettings *m_settings;
};

} // namespace

void attach(MainWindow *window, QSettings *settings)
{
    if (settings->contains(QLatin1String(kGeometryKey))) {
        window->restoreGeometry(settings->value(QLatin1String(kGeometryKey)).toByteArray());
        window->restoreState(settings->value(QLatin1String(kStateKey)).toByteArray());
        restoreExperiment(window, *settings);
        // Clamped to this machine's cores: the settings may come from a larger one.
        window->setParallelRuns(settings->value(QLatin1String(kParallelRunsKey), 1).toInt());
    } else {
        window->statusBar()->showMessage(QCoreApplication::translate(
            "WindowMemory", "Press Train to train on the built-in shapes; File › Get CIFAR-10… for "
                            "the lecture's data."));
    }
    new CloseWatcher(window, settings);
}

} // namespace window_memory
