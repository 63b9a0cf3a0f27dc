// Runs trained in the window keep their model: the file beside the project, Export Model… and
// the Predict tab on image files and folders (dropped or added), offscreen.

#include "GuiTestSupport.h"

#include "images/PredictPanel.h"
#include "normlab/ModelFile.h"
#include "project/RunRecorder.h"
#include "project/RunStore.h"

#include <QBrush>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <map>
#include <memory>
#include <random>

using namespace normlab;

namespace {
QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A noisy colour image, different for every seed.
void writeNoiseImage(const QString &path, int size, unsigned seed)
{
    std::mt19937 random(seed);
    QImage image(size, size, QImage::Format_RGB32);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            image.setPixel(x, y,
                           qRgb(int(random() % 256), int(random() % 256), int(random() % 256)));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY2(image.save(path), qPrintable(path));
}

// Top-1 class of every file, as the engine predicts it without the window.
std::map<QString, int> enginePredictions(const QString &model, const QStringList &files)
{
    std::vector<std::string> names;
    for (const QString &file : files)
        names.push_back(file.toStdString());
    const ModelPredictor predictor(model.toStdString());
    std::map<QString, int> top1;
    for (const ImagePrediction &p : predictor.predict(names, 3))
        top1[QString::fromStdString(p.file)] = p.classes.empty() ? -1 : p.classes.front();
    return top1;
}

bool waitForPredictions(PredictPanel *panel)
{
    QSignalSpy shown(panel, &PredictPanel::predictionsShown);
    return shown.wait(guitest::kRunTimeoutMs);
}
} // namespace

class TestPredictPanel : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<guitest::RecordingWindow> m_window;
    qint64 m_runId = 0;
    ModelInfo m_info;

    MainWindow *window() const { return m_window->window.get(); }

private Q_SLOTS:
    // One tiny run trained in the window, shared by the tests below.
    void initTestCase()
    {
        guitest::initTestEnvironment();
        m_window = std::make_unique<guitest::RecordingWindow>(m_dir.filePath("p.normlab"));
        QSignalSpy completed(window()->recorder(), &RunRecorder::runCompleted);
        QVERIFY(window()->submit(guitest::tinyConfig(1)) > 0);
        QVERIFY(completed.wait(guitest::kRunTimeoutMs));
        QVERIFY2(m_window->errors.isEmpty(), qPrintable(m_window->errors.join('\n')));
        m_runId = completed.first().at(0).toLongLong();
        QVERIFY(m_runId > 0);
    }

    void finishedRunKeepsItsModelBesideTheProject()
    {
        const QString model = window()->runModelFile(m_runId);
        QCOMPARE(QFileInfo(model).absolutePath(),
                 QFileInfo(m_dir.filePath("p.normlab.models")).absoluteFilePath());
        QVERIFY2(QFileInfo::exists(model), qPrintable(model));
        m_info = readModelInfo(model.toStdString());
        QCOMPARE(QString::fromStdString(m_info.format), QStringLiteral("normlab-model"));
        QCOMPARE(m_info.epoch, 1);
        QVERIFY(m_info.classNames.size() >= 2);
        // Only the run's files are left: the job's files were renamed, not copied.
        QCOMPARE(QDir(QFileInfo(model).absolutePath()).entryList(QDir::Files),
                 (QStringList{QStringLiteral("%1.normlab-checkpoint").arg(m_runId),
                              QFileInfo(model).fileName()}));
    }

    void exportModelCopiesTheFileByteForByte()
    {
        window()->runView()->selectRow(0);
        const QString target = m_dir.filePath("exported.normlab-model");
        QVERIFY(window()->exportModel(target));
        QCOMPARE(fileBytes(target), fileBytes(window()->runModelFile(m_runId)));
        QVERIFY(!fileBytes(target).isEmpty());
    }

    void predictTabShowsTheEngineTopClassesForAFolder()
    {
        PredictPanel *panel = window()->predictPanel();
        window()->runView()->selectRow(0);
        QCOMPARE(panel->modelFile(), window()->runModelFile(m_runId));
        // Two class subfolders with three images each.
        const QString folder = m_dir.filePath("frames");
        QStringList files;
        for (int i = 0; i < 6; ++i) {
            const QString className = QString::fromStdString(m_info.classNames[size_t(i % 2)]);
            files << QDir(folder).filePath(className + QStringLiteral("/img%1.png").arg(i));
            writeNoiseImage(files.last(), m_info.imageSize, unsigned(i + 1));
        }
        panel->addPaths({folder});
        QVERIFY(waitForPredictions(panel));
        QVERIFY2(panel->report().error.isEmpty(), qPrintable(panel->report().error));
        QCOMPARE(panel->table()->rowCount(), 6);

        const std::map<QString, int> expected = enginePredictions(panel->modelFile(), files);
        int right = 0;
        for (int row = 0; row < 6; ++row) {
            const PredictedImage &image = panel->report().images[row];
            QVERIFY(image.readable);
            QCOMPARE(image.classes.size(),
                     qsizetype(std::min<size_t>(3, m_info.classNames.size())));
            QCOMPARE(image.classes.front(), expected.at(image.file));
            QVERIFY(image.truth >= 0);
            right += image.classes.front() == image.truth;
            // The first bar names the top class.
            const QString name = panel->report().classNames[image.classes.front()];
            QVERIFY(panel->table()->item(row, PredictPanel::FirstClass)->text().startsWith(name));
            QVERIFY(!image.thumbnail.isNull());
        }
        QCOMPARE(panel->accuracy(), right / 6.0);
        QCOMPARE(panel->confusion()->total(), 6);
        // Coloured as in the Confusion matrix tab, with no selection colour over the cells.
        auto *matrix = panel->findChild<QTableView *>(QStringLiteral("predictConfusion"));
        QVERIFY(matrix && matrix->isVisibleTo(panel));
        QCOMPARE(matrix->selectionMode(), QAbstractItemView::NoSelection);
        const QColor diagonal = matrix->model()
                                    ->data(matrix->model()->index(0, 0), Qt::BackgroundRole)
                                    .value<QBrush>()
                                    .color();
        QVERIFY(diagonal.green() > diagonal.red() && diagonal.alphaF() > 0);
        QVERIFY(panel->summary()->text().contains(QStringLiteral("%")));
        panel->clearImages();
        QCOMPARE(panel->table()->rowCount(), 0);
    }

    void droppedFilesArePredicted()
    {
        PredictPanel *panel = window()->predictPanel();
        const QString file = m_dir.filePath("dropped.png");
        writeNoiseImage(file, m_info.imageSize, 99);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QSignalSpy shown(panel, &PredictPanel::predictionsShown);
        // Straight to the widget's handler: without a drag in progress the application drops it.
        static_cast<QObject *>(panel)->event(&drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(shown.wait(guitest::kRunTimeoutMs));
        QCOMPARE(panel->table()->rowCount(), 1);
        QCOMPARE(panel->report().images.front().classes.front(),
                 enginePredictions(panel->modelFile(), {file}).at(file));
        QCOMPARE(panel->report().images.front().truth, -1); // no class folder
        QCOMPARE(panel->accuracy(), -1.0);
        panel->clearImages();
    }

    void badModelFileIsReportedByName()
    {
        PredictPanel panel;
        const QString bad = m_dir.filePath("bad.normlab-model");
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a model");
        file.close();
        panel.setModel(bad, QStringLiteral("bad"));
        panel.addPaths({m_dir.filePath("dropped.png")});
        QVERIFY(waitForPredictions(&panel));
        QVERIFY2(panel.report().error.contains(bad), qPrintable(panel.report().error));
        QCOMPARE(panel.table()->rowCount(), 0);
    }

    void runWithoutModelFileSaysSo()
    {
        window()->runView()->selectRow(0);
        QVERIFY(QFile::remove(window()->runModelFile(m_runId)));
        m_window->errors.clear();
        QVERIFY(!window()->exportModel(m_dir.filePath("none.normlab-model")));
        QCOMPARE(m_window->errors.size(), 1);
        QVERIFY2(m_window->errors.front().contains(QStringLiteral("no model file")),
                 qPrintable(m_window->errors.front()));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("none.normlab-model")));
    }
};

QTEST_MAIN(TestPredictPanel)
#include "tst_predict_panel.moc"
