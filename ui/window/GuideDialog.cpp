#include "window/GuideDialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {

QString startSection()
{
    return GuideDialog::tr(
        "<h2>NormLab in five minutes</h2>"
        "<ol><li>Keep <b>Source: Built-in synthetic</b> (no download) or choose your CIFAR-10 "
        "folder with <i>Browse…</i>.</li>"
        "<li>Pick a <b>Normalization</b>, set <b>Epochs</b> and the <b>Learning rate</b>, press "
        "<b>Train</b> (Ctrl+Enter). The curves grow while it trains; the progress bars show how "
        "long it still needs.</li>"
        "<li>Change one thing (say None → BatchNorm) and press Train again: the run is queued "
        "and gets its own row in the table.</li>"
        "<li>Select rows in the table to overlay their curves. Each run keeps its colour in "
        "every plot and tab.</li></ol>"
        "<p>If <b>Train</b> is greyed out, the line under it says what is missing.</p>");
}

QString methodsSection()
{
    return GuideDialog::tr(
        "<h2>What each method does</h2>"
        "<ul><li><b>None</b>: conv → ReLU with nothing in between; the baseline.</li>"
        "<li><b>BatchNorm</b>: rescales every channel using the mean and spread of the current "
        "batch. Training is usually faster and steadier, but it depends on the batch size "
        "(try the <i>Batch-size study</i> preset).</li>"
        "<li><b>LayerNorm</b>: rescales each image over all of its channels; independent of "
        "the batch.</li>"
        "<li><b>InstanceNorm</b>: rescales each channel of each image on its own; removes the "
        "contrast of single images.</li>"
        "<li><b>GroupNorm</b>: between the two: channels are split into groups (the group count "
        "must divide the channel counts).</li>"
        "<li><b>WeightNorm</b>: normalizes the weights instead of the activations (direction "
        "and length learn separately).</li></ul>"
        "<p>Against overfitting: <b>L1/L2</b> penalize large weights, <b>Dropout</b> and "
        "<b>DropConnect</b> switch off random activations or weights while training, "
        "<b>Early stopping</b> ends a run when the validation loss stops improving, and "
        "<b>Data augmentation</b> shows the network flipped and shifted images.</p>");
}

QString compareSection()
{
    return GuideDialog::tr(
        "<h2>Comparing methods fairly</h2>"
        "<p>One run proves little: another seed can move the accuracy by a point or two. Use "
        "<b>Run › Presets and Sweeps…</b>, choose a preset (e.g. <i>Lecture: normalization</i>), "
        "keep <b>Repeats</b> at 2 or more and lower <b>Epochs</b> / <b>Training images</b> for a "
        "quick try.</p>"
        "<p>After a sweep, <b>Group repeats</b> turns on: one row per method with mean ± std and "
        "<b>n</b>, the number of runs. Every row is compared with the <b>Baseline</b> (the "
        "sweep's first method; change it above the table): <span style='color:#1b7f2a'>▲ "
        "green</span> is significantly better, <span style='color:#b00020'>▼ red</span> "
        "significantly worse (Welch's t-test, p &lt; 0.05). No mark means the difference may be "
        "noise. Hover a cell for its 95% confidence interval.</p>"
        "<p>The lecture's own numbers appear under the table when a preset has them; they were "
        "measured on CIFAR-10, so compare them with your CIFAR-10 rows only.</p>");
}

QString parallelSection()
{
    return GuideDialog::tr(
        "<p><b>Run › Parallel Runs</b> trains several queued runs at once, each in a worker "
        "process of its own, with the cores shared between them; their curves grow side by side. "
        "It pays off on machines with many cores; on two cores one run at a time is nearly as "
        "fast. A run whose worker crashes is trained again from its last epoch; the table says "
        "so.</p>");
}

QString plotsSection()
{
    return GuideDialog::tr(
        "<h2>Reading the plots</h2>"
        "<ul><li>Line styles: <b>train dashed</b>, <b>validation solid</b>, <b>test "
        "dotted</b>. The dashed vertical line marks each run's best epoch.</li>"
        "<li><b>Loss gap</b> (validation − training loss): when it keeps growing, the model "
        "overfits. That is when regularizers help.</li>"
        "<li><b>Layer statistics</b>: the spread of each block's activations before (dashed) "
        "and after (solid) the normalization. A normalized layer stays near 1.</li>"
        "<li><b>Gradient norms</b>: how strongly each layer learns; values near zero mean it "
        "has stopped learning (vanishing gradients).</li>"
        "<li><b>Confusion matrix</b> and <b>Predictions</b>: which classes get mixed up; click "
        "a cell to see the images.</li>"
        "<li><b>Study plot</b>: one point per method or configuration, to see a trend at a "
        "glance.</li></ul>"
        "<p>Drag to pan, scroll to zoom, double-click to fit. <b>File › Export</b> saves the "
        "table and plots as CSV, PNG or PDF for your report.</p>");
}

} // namespace

GuideDialog::GuideDialog(QWidget *parent) : QDialog(parent), m_browser(new QTextBrowser)
{
    setObjectName(QStringLiteral("guideDialog"));
    setWindowTitle(tr("NormLab Guide"));
    m_browser->setObjectName(QStringLiteral("guideText"));
    m_browser->setOpenExternalLinks(false);
    m_browser->setHtml(html());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(720, 640);
}

QString GuideDialog::html()
{
    return startSection() + methodsSection() + compareSection() + parallelSection() +
           plotsSection();
}
