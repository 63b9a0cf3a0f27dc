#pragma once
// The confusion matrix of the selected run on validation or test (predictions made with the
// best weights), with its accuracy; clicking a cell shows the images behind it, fetched off the
// GUI thread.

#include "images/FetcherLink.h"
#include "normlab/Results.h"

#include <QWidget>

#include <vector>

class ConfusionMatrixModel;
class ImageTileList;
class QComboBox;
class QLabel;
class QLayout;
class QPushButton;
class QTableView;

class ConfusionMatrixView : public QWidget
{
    Q_OBJECT
public:
    /// Images shown for one cell at most (the caption says how many there are).
    static constexpr int kMaxCellImages = 120;

    explicit ConfusionMatrixView(QWidget *parent = nullptr);

    void setFetcher(ImageFetcher *fetcher);
    /// Shows `result`'s predictions; a run without any shows a note instead.
    void setRun(const normlab::RunResult &result);
    void clear();
    /// "validation" or "test".
    void setSplit(const QString &split);
    QString split() const;
    /// As a click on cell (truth, predicted): fetches its images.
    void selectCell(int truth, int predicted);

    ConfusionMatrixModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    ImageTileList *cellImages() const { return m_images; }
    QString accuracyText() const;
    /// The split positions the last cell request asked for.
    const std::vector<int64_t> &requestedIndices() const { return m_requested; }
    /// Images of the selected cell, once they arrived.
    const QList<QImage> &cellImageList() const { return m_cellImages; }

    bool savePng(const QString &path, QString *error);
    /// normlab::writeConfusionCsv with the class names. False with `error` naming the path.
    bool saveCsv(const QString &path, QString *error);

Q_SIGNALS:
    /// The selected cell's images arrived (or failed: `ok` false), for tests and status lines.
    void cellImagesShown(bool ok);

private:
    QLayout *createBar(); // split, accuracy, Save PNG… and Save CSV…
    QWidget *createMatrixAndCells();
    void showSplit();
    void requestClassNames();
    QString cellCaption() const;
    void onFetched(int requestId, const FetchedImages &images);
    void onFetchFailed(int requestId, const QString &message);
    void askSaveCsv();

    FetcherLink m_fetcher;
    normlab::RunResult m_run;
    bool m_hasRun = false;
    QStringList m_classNames;
    ConfusionMatrixModel *m_model;
    QComboBox *m_split;
    QLabel *m_accuracy;
    QTableView *m_table;
    QLabel *m_cellCaption;
    ImageTileList *m_images;
    QPushButton *m_savePng, *m_saveCsv;
    std::vector<int64_t> m_requested;
    QList<QImage> m_cellImages;
    int m_cellTruth = -1, m_cellPredicted = -1;
    PendingRequest m_namesRequest, m_cellRequest;
};
