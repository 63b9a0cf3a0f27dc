#pragma once
// `normlab --tour DIR`: the window as a student meets it, photographed. Trains one run and a tiny
// lecture preset on built-in data and, at each window size, saves a PNG of every main state
// (first start, live training, the Presets dialog, the grouped comparison, every tab, the guide)
// and runs the layout checks (gui/LayoutChecks.h) on it. Used for docs/ and by tst_tour.

#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

class MainWindow;
class QWidget;

class ScreenshotTour
{
public:
    /// `sizes` empty: 1280x800 and 1920x1080. `images`: training images of each preset run.
    ScreenshotTour(QString folder, QList<QSize> sizes, int images = 1000);

    /// Runs the tour inside the application's event loop. 0: every PNG written, no finding;
    /// 1: a layout check found something or training failed; 2: DIR or a PNG could not be written.
    int run();
    /// "1280x800 04-comparison: QLabel 'x' in y: text clipped ...", in the order found.
    const QStringList &findings() const { return m_findings; }
    const QStringList &savedFiles() const { return m_saved; }

private:
    /// Saves `widget` (the window or one of its dialogs) at every size, checking each.
    void capture(MainWindow &window, QWidget *widget, const QString &state);
    void trainOneRun(MainWindow &window);
    void runPreset(MainWindow &window);
    void visitTabs(MainWindow &window);

    QString m_folder;
    QList<QSize> m_sizes;
    QStringList m_findings;
    QStringList m_saved;
    bool m_writeFailed = false;
    int m_images;
    int m_step = 0; // numbers the PNGs in the order a student meets the states
};
