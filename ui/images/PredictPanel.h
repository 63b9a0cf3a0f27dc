#pragma once
// The Predict tab: the selected run's model on the user's own images. Files and folders come by
// drag-and-drop or the Add buttons; each image is shown with its top three classes as bars. When
// images lie in class subfolders of a given folder, the tab shows the accuracy and a confusion
// matrix. PredictWorker does the work off the GUI thread.

#include "session/PredictWorker.h"

#include <QWidget>

class ConfusionMatrixModel;
class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

class PredictPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column
    {
        Image,
        File,
        FirstClass,
        SecondClass,
        ThirdClass,
        ColumnCount
    };

    explicit PredictPanel(QWidget *parent = nullptr);

    /// The model to predict with; `modelFile` empty or missing: `reason` says why there is none.
    void setModel(const QString &modelFile, const QString &runName, const QString &reason = {});
    const QString &modelFile() const { return m_modelFile; }
    /// Adds image files and folders (searched below) and predicts all images again.
    void addPaths(const QStringList &paths);
    void clearImages();
    const QStringList &paths() const { return m_paths; }

    /// The predictions shown (empty while none).
    const PredictionReport &report() const { return m_report; }
    /// The share of images in class subfolders predicted right; -1 when there are none.
    double accuracy() const;
    QTableWidget *table() const { return m_table; }
    QLabel *summary() const { return m_summary; }
    ConfusionMatrixModel *confusion() const { return m_confusion; }

Q_SIGNALS:
    /// The predictions for the current model and images are on screen (or report().error).
    void predictionsShown();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void requestPredictions();
    void showReport(const PredictionReport &report);
    void fillRow(int row, const PredictedImage &image);
    void showAccuracy();
    void updateTexts();
    void askFiles();
    void askFolder();

    PredictWorker *m_worker;
    QString m_modelFile, m_runName, m_noModelReason;
    QStringList m_paths;
    int m_latestRequest = 0;
    PredictionReport m_report;

    QLabel *m_modelLabel;
    QPushButton *m_addFiles, *m_addFolder, *m_clear;
    QLabel *m_summary;
    QTableWidget *m_table;
    ConfusionMatrixModel *m_confusion;
    QTableView *m_confusionView;
};
