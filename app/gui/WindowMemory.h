#pragma once
// What the window remembers between sessions (QSettings): its geometry and dock layout, the
// experiment last in the form and Run › Parallel Runs; and, on the very first start, one line that
// says what to do. Only the interactive window uses it: scripted runs and the screenshot tour start
// as configured.

class MainWindow;
class QSettings;

namespace window_memory {

/// Restores what `settings` holds into `window`, or shows the first-start line when it holds
/// nothing yet, and saves the window there again whenever it is closed. `settings` must outlive
/// the window (the application's QSettings, or a test's file).
void attach(MainWindow *window, QSettings *settings);

} // namespace window_memory
