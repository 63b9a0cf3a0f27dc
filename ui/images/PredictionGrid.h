#pragma once
// A grid of the selected run's test (or validation) images with true label, predicted label and
// confidence under each; mistakes framed red. Filtered by true class and "mistakes only", a page
// of kPageSize images at a time so it stays fast on CIFAR-10's 10 000 test images.

#include "images/FetcherLink.h"
#include "normlab/Results.h"

#include <QWidget>

#include <vector>

class ImageTileList;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

class PredictionGrid : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 100;

    explicit PredictionGrid(QWidget *parent = nullptr);

    void setFetcher(ImageFetcher *fetcher);
    void setRun(const normlab::RunResult &result);
    void clear();
    /// "test" (the default) or "validation".
    void setSplit(const QString &split);
    QString split() const;
    /// -1: every class; otherwise only images whose true class is `label`.
    void setClassFilter(int label);
    void setMistakesOnly(bool on);
    /// Page `page` (0-based) of the matching images.
    void setPage(int page);
    int page() const { return m_page; }

    /// Positions in the split that pass the filters, ascending.
    const std::vector<int64_t> &matching() const { return m_matching; }
    /// The positions the current page asked for.
    const std::vector<int64_t> &requestedIndices() const { return m_requested; }
    ImageTileList *tiles() const { return m_tiles; }
    QString statusText() const;
    bool savePng(const QString &path, QString *error);

Q_SIGNALS:
    /// The page's images arrived (or failed: `ok` false).
    void pageShown(bool ok);

private:
    const normlab::SplitPredictions &predictions() const;
    QString className(int label) const;
    void refilter();
    void requestPage();
    void fillClassCombo();
    void onFetched(int requestId, const FetchedImages &images);
    void onFetchFailed(int requestId, const QString &message);

    FetcherLink m_fetcher;
    normlab::RunResult m_run;
    bool m_hasRun = false;
    QStringList m_classNames;
    std::vector<int64_t> m_matching, m_requested;
    int m_page = 0;
    PendingRequest m_request;
    QComboBox *m_split, *m_class;
    QCheckBox *m_mistakes;
    QPushButton *m_previous, *m_next, *m_savePng;
    QLabel *m_status;
    ImageTileList *m_tiles;
};
