#include "images/PredictionGrid.h"

#include "export/SavePrompt.h"
#include "images/ImageTiles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace normlab;

PredictionGrid::PredictionGrid(QWidget *parent)
    : QWidget(parent), m_fetcher(this, &PredictionGrid::onFetched, &PredictionGrid::onFetchFailed)
{
    m_split = new QComboBox;
    m_split->setObjectName(QStringLiteral("predictionSplit"));
    m_split->addItem(tr("Test"), QStringLiteral("test"));
    m_split->addItem(tr("Validation"), QStringLiteral("validation"));
    m_class = new QComboBox;
    m_class->setObjectName(QStringLiteral("predictionClass"));
    m_class->setToolTip(tr("Show only images of this true class"));
    m_mistakes = new QCheckBox(tr("Mistakes only"));
    m_mistakes->setObjectName(QStringLiteral("mistakesOnly"));
    m_previous = new QPushButton(tr("◀ Previous"));
    m_next = new QPushButton(tr("Next ▶"));
    m_savePng =
        savePngButton(this, tr("Save the predictions as PNG"), QStringLiteral("predictions.png"),
                      [this](const QString &path, QString *error) { return savePng(path, error); });
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("predictionStatus"));
    m_status->setWordWrap(true); // a long run name must not widen the window past 1280 px
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_split);
    bar->addWidget(m_class);
    bar->addWidget(m_mistakes);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    bar->addWidget(m_savePng);
    m_tiles = new ImageTileList(64);
    m_tiles->setObjectName(QStringLiteral("predictionTiles"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_tiles, 1);

    connect(m_split, &QComboBox::currentIndexChanged, this, [this] {
        fillClassCombo();
        refilter();
    });
    connect(m_class, &QComboBox::currentIndexChanged, this, [this] { refilter(); });
    connect(m_mistakes, &QCheckBox::toggled, this, [this] { refilter(); });
    connect(m_previous, &QPushButton::clicked, this, [this] { setPage(m_page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { setPage(m_page + 1); });
    clear();
}

void PredictionGrid::setFetcher(ImageFetcher *fetcher)
{
    m_fetcher.setFetcher(fetcher);
}

void PredictionGrid::setRun(const RunResult &result)
{
    m_run = result;
    m_hasRun = true;
    m_classNames.clear();
    fillClassCombo();
    refilter();
}

void PredictionGrid::clear()
{
    m_hasRun = false;
    m_run = RunResult();
    m_classNames.clear();
    m_matching.clear();
    m_requested.clear();
    m_request.forget();
    m_tiles->clear();
    fillClassCombo();
    m_status->setText(tr("No run selected."));
    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    m_savePng->setEnabled(false);
}

void PredictionGrid::setSplit(const QString &split)
{
    const int index = m_split->findData(split);
    if (index >= 0)
        m_split->setCurrentIndex(index);
}

QString PredictionGrid::split() const
{
    return m_split->currentData().toString();
}

void PredictionGrid::setClassFilter(int label)
{
    const int index = m_class->findData(label);
    m_class->setCurrentIndex(index >= 0 ? index : 0);
}

void PredictionGrid::setMistakesOnly(bool on)
{
    m_mistakes->setChecked(on);
}

const SplitPredictions &PredictionGrid::predictions() const
{
    return split() == QLatin1String("validation") ? m_run.insight.validation : m_run.insight.test;
}

QString PredictionGrid::className(int label) const
{
    return label >= 0 && label < m_classNames.size() ? m_classNames[label] : QString::number(label);
}

void PredictionGrid::fillClassCombo()
{
    // Keep the chosen class across refills (a new run, names arriving).
    const int chosen = m_class->count() > 0 ? m_class->currentData().toInt() : -1;
    int classes = int(m_classNames.size());
    for (int label : predictions().truth)
        classes = std::max(classes, label + 1);
    const QSignalBlocker blocker(m_class);
    m_class->clear();
    m_class->addItem(tr("All classes"), -1);
    for (int c = 0; c < classes; ++c)
        m_class->addItem(className(c), c);
    const int index = m_class->findData(chosen);
    m_class->setCurrentIndex(index >= 0 ? index : 0);
}

void PredictionGrid::refilter()
{
    m_matching.clear();
    const SplitPredictions &p = predictions();
    const int wanted = m_class->currentData().toInt();
    const bool mistakesOnly = m_mistakes->isChecked();
    const size_t n = std::min({p.truth.size(), p.predicted.size(), p.confidence.size()});
    for (size_t i = 0; i < n; ++i) {
        if (wanted >= 0 && p.truth[i] != wanted)
            continue;
        if (mistakesOnly && p.truth[i] == p.predicted[i])
            continue;
        m_matching.push_back(int64_t(i));
    }
    m_page = 0;
    requestPage();
}

void PredictionGrid::setPage(int page)
{
    const int pages = std::max(1, int((m_matching.size() + kPageSize - 1) / kPageSize));
    page = std::clamp(page, 0, pages - 1);
    if (page == m_page && !m_requested.empty())
        return;
    m_page = page;
    requestPage();
}

void PredictionGrid::requestPage()
{
    m_tiles->clear();
    const size_t first = size_t(m_page) * kPageSize;
    const size_t last = std::min(m_matching.size(), first + kPageSize);
    m_requested.assign(m_matching.begin() + std::ptrdiff_t(std::min(first, last)),
                       m_matching.begin() + std::ptrdiff_t(last));
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(last < m_matching.size());
    m_savePng->setEnabled(!m_requested.empty());
    m_status->setText(statusText());
    m_request.forget();
    if (!m_hasRun || !m_fetcher.fetcher())
        return;
    // Also when nothing matches: the answer brings the class names for the filter.
    m_request.expect(m_fetcher.fetcher()->fetchSplit(m_run.config, split(), m_requested));
}

QString PredictionGrid::statusText() const
{
    if (!m_hasRun)
        return tr("No run selected.");
    if (predictions().empty())
        return tr("%1 has no %2 predictions: they are made with the best weights when a run "
                  "ends.")
            .arg(QString::fromStdString(m_run.name), split());
    // Named like the confusion matrix's line ("run, split: ..."), so a screenshot says whose it is.
    const QString run = tr("%1, %2").arg(QString::fromStdString(m_run.name), split());
    if (m_matching.empty())
        return tr("%1: no image matches the filter.").arg(run);
    const size_t first = size_t(m_page) * kPageSize;
    return tr("%1: images %2–%3 of %4 matching")
        .arg(run)
        .arg(first + 1)
        .arg(first + m_requested.size())
        .arg(m_matching.size());
}

void PredictionGrid::onFetched(int requestId, const FetchedImages &images)
{
    if (!m_request.take(requestId))
        return; // an older page or filter
    if (images.classNames != m_classNames) {
        m_classNames = images.classNames;
        fillClassCombo();
    }
    const SplitPredictions &p = predictions();
    for (int i = 0; i < images.images.size() && size_t(i) < m_requested.size(); ++i) {
        const size_t position = size_t(m_requested[size_t(i)]);
        const int truth = p.truth[position], predicted = p.predicted[position];
        const bool mistake = truth != predicted;
        const double confidence = p.confidence[position];
        const QString caption =
            mistake ? tr("%1\n→ %2\n%3%")
                          .arg(className(truth), className(predicted))
                          .arg(100.0 * confidence, 0, 'f', 0)
                    : tr("%1\n%2%").arg(className(truth)).arg(100.0 * confidence, 0, 'f', 0);
        m_tiles->addTile(images.images[i], caption,
                         mistake ? tilecolors::kMistake : tilecolors::kCorrect,
                         tr("%1 image %2: true %3, predicted %4 with confidence %5")
                             .arg(split())
                             .arg(position)
                             .arg(className(truth), className(predicted))
                             .arg(confidence, 0, 'f', 3));
    }
    Q_EMIT pageShown(true);
}

void PredictionGrid::onFetchFailed(int requestId, const QString &message)
{
    if (!m_request.take(requestId))
        return;
    m_status->setText(tr("The images could not be loaded: %1").arg(message));
    Q_EMIT pageShown(false);
}

bool PredictionGrid::savePng(const QString &path, QString *error)
{
    return saveWidgetPng(this, path, error);
}
