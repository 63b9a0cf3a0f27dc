// Built-in synthetic shapes: 32x32 RGB, 10 classes drawn with OpenCV primitives on a cluttered,
// noisy background. Image i of a split depends only on (seed, split, i), so the output does not
// depend on the thread count and a smaller count yields a prefix. See datasets.md for the design.

#include "data/Dataset.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <vector>

namespace normlab {
namespace {

// ---- Difficulty knobs: the slide CNN without normalization should learn, but not perfectly ----
constexpr double kMinRadius = 8.0;     // smallest shape radius (px): small shapes blur together
constexpr double kMaxRadius = 13.0;    // largest shape radius (px); the image is 32 px wide
constexpr double kEdgeSlack = 0.3;     // a shape may leave the image by this fraction of its radius
constexpr double kVertexJitter = 0.15; // polygon corners move by up to this fraction of the radius
constexpr double kMinEllipseAspect = 0.25;  // ellipse minor/major axis ratio, at least ...
constexpr double kMaxEllipseAspect = 0.5;   // ... and at most (near 1 it becomes a circle)
constexpr int kMinClutter = 1;              // distractor strokes and dots per image, at least ...
constexpr int kMaxClutter = 3;              // ... and at most (some are drawn over the shape)
constexpr double kMaxClutterLength = 8.0;   // longest distractor stroke (px)
constexpr double kSameColourClutter = 0.35; // chance a distractor takes the shape's colour
constexpr double kMinNoiseSigma = 2.0;   // Gaussian pixel noise sigma (0..255 scale), at least ...
constexpr double kMaxNoiseSigma = 8.0;   // ... and at most
constexpr double kMaxBlurSigma = 0.5;    // random defocus (Gaussian blur sigma, px)
constexpr double kBackgroundTint = 30.0; // background base = a random grey + up to this per channel
constexpr double kBackgroundRamp = 20.0; // background corners differ from the base by up to this
constexpr double kMinContrast = 75.0;    // shape vs background luminance gap (0..255), at least

// ---- Fixed geometry and colour ----
constexpr int kSize = 32;                    // images are kSize x kSize RGB
constexpr int kChannels = 3;                 // R, G, B
constexpr int kShift = 4;                    // OpenCV fixed-point bits: sub-pixel shape positions
constexpr double kFixedOne = 1 << kShift;    // one pixel in fixed-point units
constexpr double kStarInnerRatio = 0.45;     // star: inner / outer radius
constexpr double kMinBackgroundGrey = 30.0;  // background grey level (0..255), at least ...
constexpr double kMaxBackgroundGrey = 225.0; // ... and at most: room for a contrasting shape
constexpr int kColourTries = 16;             // attempts at a random, contrasting shape colour

const std::vector<std::string> kClassNames = {"circle", "square",  "triangle", "cross",   "ring",
                                              "star",   "stripes", "checker",  "ellipse", "frame"};
const int kNumClasses = static_cast<int>(kClassNames.size());

enum Shape
{
    Circle,
    Square,
    Triangle,
    Cross,
    Ring,
    Star,
    Stripes,
    Checker,
    Ellipse,
    Frame
};

enum SplitId : uint64_t
{
    TrainSplit = 0,
    ValSplit = 1,
    TestSplit = 2
};

uint64_t splitMix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// One independent stream per (seed, split, item, purpose).
uint64_t itemSeed(uint64_t seed, uint64_t split, uint64_t item, uint64_t purpose)
{
    return splitMix64(splitMix64(splitMix64(splitMix64(seed) ^ split) ^ item) ^ purpose);
}

// Labels: every block of kNumClasses consecutive images is a seeded permutation of the classes,
// so any prefix is balanced to within one image per class and no index pattern reveals the class.
int labelOf(uint64_t seed, uint64_t split, int64_t index)
{
    const auto block = static_cast<uint64_t>(index / kNumClasses);
    cv::RNG rng(itemSeed(seed, split, block, 1));
    std::array<int, 16> order{};
    for (int c = 0; c < kNumClasses; ++c)
        order[c] = c;
    for (int i = kNumClasses - 1; i > 0; --i)
        std::swap(order[i], order[rng.uniform(0, i + 1)]);
    return order[index % kNumClasses];
}

cv::Point fixedPoint(cv::Point2d p)
{
    return {static_cast<int>(std::lround(p.x * kFixedOne)),
            static_cast<int>(std::lround(p.y * kFixedOne))};
}

cv::Point2d polar(cv::Point2d centre, double radius, double angle)
{
    return {centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle)};
}

double luminance(const cv::Scalar &c)
{
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]; // channels are R, G, B
}

cv::Scalar randomColour(cv::RNG &rng)
{
    return cv::Scalar(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256));
}

// Any hue, any class: only the luminance gap to the background is constrained, so the shape stays
// visible while colour says nothing about the class.
cv::Scalar contrastingColour(cv::RNG &rng, const cv::Scalar &background)
{
    const double backgroundLuma = luminance(background);
    for (int attempt = 0; attempt < kColourTries; ++attempt) {
        const cv::Scalar colour = randomColour(rng);
        if (std::abs(luminance(colour) - backgroundLuma) >= kMinContrast)
            return colour;
    }
    return backgroundLuma > 127 ? cv::Scalar::all(rng.uniform(0, 60))
                                : cv::Scalar::all(rng.uniform(196, 256));
}

// A rotated rectangle of the given length and width as a closed polygon.
std::vector<cv::Point> bar(cv::Point2d centre, double length, double width, double angle)
{
    const cv::Point2d along(std::cos(angle) * length / 2, std::sin(angle) * length / 2);
    const cv::Point2d across(-std::sin(angle) * width / 2, std::cos(angle) * width / 2);
    return {fixedPoint(centre - along - across), fixedPoint(centre + along - across),
            fixedPoint(centre + along + across), fixedPoint(centre - along + across)};
}

// A regular polygon with jittered corners, so squares and triangles are irregular quadrilaterals
// and triangles rather than templates.
std::vector<cv::Point> jitteredPolygon(cv::RNG &rng, cv::Point2d centre, double radius, int corners,
                                       double angle)
{
    std::vector<cv::Point> points;
    for (int k = 0; k < corners; ++k) {
        const double cornerRadius = radius * (1.0 + rng.uniform(-kVertexJitter, kVertexJitter));
        const double cornerAngle = angle + 2 * CV_PI * k / corners +
                                   rng.uniform(-kVertexJitter, kVertexJitter) * CV_PI / corners;
        points.push_back(fixedPoint(polar(centre, cornerRadius, cornerAngle)));
    }
    return points;
}

void fill(cv::Mat &image, const std::vector<cv::Point> &polygon, const cv::Scalar &colour)
{
    const std::vector<std::vector<cv::Point>> polygons{polygon};
    cv::fillPoly(image, polygons, colour, cv::LINE_AA, kShift);
}

int strokeWidth(double radius, double fraction)
{
    return std::max(1, static_cast<int>(std::lround(radius * fraction)));
}

// Every shape drawer gets the same arguments; `angle` is drawn for all of them, used by most.
using ShapeDrawer = void (*)(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius,
                             double angle, const cv::Scalar &colour);

void drawCircle(cv::Mat &image, cv::RNG &, cv::Point2d centre, double radius, double,
                const cv::Scalar &colour)
{
    cv::circle(image, fixedPoint(centre), static_cast<int>(std::lround(radius * kFixedOne)), colour,
               cv::FILLED, cv::LINE_AA, kShift);
}

void drawSquare(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius, double angle,
                const cv::Scalar &colour)
{
    fill(image, jitteredPolygon(rng, centre, radius, 4, angle), colour);
}

void drawTriangle(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius, double angle,
                  const cv::Scalar &colour)
{
    fill(image, jitteredPolygon(rng, centre, radius * 1.1, 3, angle), colour);
}

void drawCross(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius, double angle,
               const cv::Scalar &colour)
{
    const double width = radius * rng.uniform(0.35, 0.55);
    fill(image, bar(centre, 2 * radius, width, angle), colour);
    fill(image, bar(centre, 2 * radius, width, angle + CV_PI / 2), colour);
}

void drawRing(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius, double,
              const cv::Scalar &colour)
{
    cv::circle(image, fixedPoint(centre), static_cast<int>(std::lround(radius * 0.8 * kFixedOne)),
               colour, strokeWidth(radius, rng.uniform(0.25, 0.45)), cv::LINE_AA, kShift);
}

void drawStar(cv::Mat &image, cv::RNG &, cv::Point2d centre, double radius, double angle,
              const cv::Scalar &colour)
{
    std::vector<cv::Point> points;
    for (int k = 0; k < 10; ++k) {
        const double r = (k % 2 == 0) ? radius : radius * kStarInnerRatio;
        points.push_back(fixedPoint(polar(centre, r, angle + CV_PI * k / 5)));
    }
    fill(image, points, colour);
}

// Three or four parallel bars filling a disc-sized region.
void drawStripes(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius, double angle,
                 const cv::Scalar &colour)
{
    const int count = rng.uniform(3, 5);
    const double spacing = 2 * radius / count;
    const cv::Point2d across(-std::sin(angle), std::cos(angle));
    for (int k = 0; k < count; ++k) {
        const double offset = (k - (count - 1) / 2.0) * spacing;
        fill(image, bar(centre + across * offset, 2 * radius, spacing * 0.5, angle), colour);
    }
}

// A rotated k x k board: alternate cells in the shape colour and a second random colour.
void drawChecker(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius, double angle,
                 const cv::Scalar &colour)
{
    const int cells = rng.uniform(3, 5);
    const double cell = 2 * radius / cells * 0.8;
    const cv::Scalar other = randomColour(rng);
    const cv::Point2d along(std::cos(angle), std::sin(angle));
    const cv::Point2d across(-std::sin(angle), std::cos(angle));
    for (int row = 0; row < cells; ++row) {
        for (int column = 0; column < cells; ++column) {
            const cv::Point2d cellCentre = centre + along * ((column - (cells - 1) / 2.0) * cell) +
                                           across * ((row - (cells - 1) / 2.0) * cell);
            fill(image, bar(cellCentre, cell, cell, angle),
                 (row + column) % 2 == 0 ? colour : other);
        }
    }
}

void drawEllipse(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius, double angle,
                 const cv::Scalar &colour)
{
    const double aspect = rng.uniform(kMinEllipseAspect, kMaxEllipseAspect);
    const cv::RotatedRect box(
        cv::Point2f(static_cast<float>(centre.x), static_cast<float>(centre.y)),
        cv::Size2f(static_cast<float>(2.2 * radius), static_cast<float>(2.2 * radius * aspect)),
        static_cast<float>(angle * 180 / CV_PI));
    cv::ellipse(image, box, colour, cv::FILLED, cv::LINE_AA);
}

void drawFrame(cv::Mat &image, cv::RNG &rng, cv::Point2d centre, double radius, double angle,
               const cv::Scalar &colour)
{
    const std::vector<std::vector<cv::Point>> outline{
        jitteredPolygon(rng, centre, radius, 4, angle)};
    cv::polylines(image, outline, true, colour, strokeWidth(radius, rng.uniform(0.25, 0.45)),
                  cv::LINE_AA, kShift);
}

// The drawers in Shape order (the class order of kClassNames).
const ShapeDrawer kShapeDrawers[] = {drawCircle, drawSquare,  drawTriangle, drawCross,   drawRing,
                                     drawStar,   drawStripes, drawChecker,  drawEllipse, drawFrame};
static_assert(std::size(kShapeDrawers) == Frame + 1, "one drawer per shape");

void drawShape(cv::Mat &image, cv::RNG &rng, int shape, cv::Point2d centre, double radius,
               const cv::Scalar &colour)
{
    const double angle = rng.uniform(0.0, 2 * CV_PI);
    if (shape >= 0 && shape < static_cast<int>(std::size(kShapeDrawers)))
        kShapeDrawers[shape](image, rng, centre, radius, angle, colour);
}

// Short strokes and dots: they break up edges and sometimes share the shape's colour.
void drawClutter(cv::Mat &image, cv::RNG &rng, int count, const cv::Scalar &shapeColour)
{
    for (int k = 0; k < count; ++k) {
        const cv::Scalar colour =
            rng.uniform(0.0, 1.0) < kSameColourClutter ? shapeColour : randomColour(rng);
        const cv::Point2d start(rng.uniform(0.0, double(kSize)), rng.uniform(0.0, double(kSize)));
        if (rng.uniform(0, 2) == 0) {
            const cv::Point2d end =
                polar(start, rng.uniform(2.0, kMaxClutterLength), rng.uniform(0.0, 2 * CV_PI));
            cv::line(image, fixedPoint(start), fixedPoint(end), colour, 1, cv::LINE_AA, kShift);
        } else {
            cv::circle(image, fixedPoint(start),
                       static_cast<int>(rng.uniform(0.8, 2.2) * kFixedOne), colour, cv::FILLED,
                       cv::LINE_AA, kShift);
        }
    }
}

// Draws one image (channels R, G, B) of class `shape` from its own random stream.
cv::Mat drawImage(uint64_t streamSeed, int shape)
{
    cv::RNG rng(streamSeed);

    // Background: a tinted grey, as a smooth ramp between four corner colours near that base.
    const double grey = rng.uniform(kMinBackgroundGrey, kMaxBackgroundGrey);
    const cv::Scalar base(grey + rng.uniform(-kBackgroundTint, kBackgroundTint),
                          grey + rng.uniform(-kBackgroundTint, kBackgroundTint),
                          grey + rng.uniform(-kBackgroundTint, kBackgroundTint));
    cv::Mat corners(2, 2, CV_8UC3);
    for (int k = 0; k < 4; ++k) {
        cv::Vec3b &pixel = corners.at<cv::Vec3b>(k / 2, k % 2);
        for (int c = 0; c < kChannels; ++c)
            pixel[c] = cv::saturate_cast<uint8_t>(base[c] +
                                                  rng.uniform(-kBackgroundRamp, kBackgroundRamp));
    }
    cv::Mat image;
    cv::resize(corners, image, cv::Size(kSize, kSize), 0, 0, cv::INTER_LINEAR);

    const double radius = rng.uniform(kMinRadius, kMaxRadius);
    const double margin = radius * (1.0 - kEdgeSlack);
    const cv::Point2d centre(
        rng.uniform(std::min(margin, kSize / 2.0), std::max(kSize - margin, kSize / 2.0)),
        rng.uniform(std::min(margin, kSize / 2.0), std::max(kSize - margin, kSize / 2.0)));
    const cv::Scalar colour = contrastingColour(rng, base);

    const int clutter = rng.uniform(kMinClutter, kMaxClutter + 1);
    const int clutterAbove = rng.uniform(0, clutter / 2 + 1);
    drawClutter(image, rng, clutter - clutterAbove, colour);
    drawShape(image, rng, shape, centre, radius, colour);
    drawClutter(image, rng, clutterAbove, colour);

    const double blurSigma = rng.uniform(0.0, kMaxBlurSigma);
    if (blurSigma > 0.3)
        cv::GaussianBlur(image, image, cv::Size(0, 0), blurSigma);

    // Gaussian pixel noise (cv::randn, but from this image's own stream), added with saturation.
    cv::Mat noise(kSize, kSize, CV_16SC3);
    const double sigma = rng.uniform(kMinNoiseSigma, kMaxNoiseSigma);
    rng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(sigma));
    cv::Mat noisy;
    image.convertTo(noisy, CV_16SC3);
    noisy += noise;
    noisy.convertTo(image, CV_8UC3);
    return image;
}

} // namespace

DataSplits makeSynthetic(int64_t trainCount, int64_t valCount, int64_t testCount, uint64_t seed)
{
    if (trainCount < 0 || valCount < 0 || testCount < 0) {
        throw InputError("synthetic split sizes must be >= 0 (got " + std::to_string(trainCount) +
                         ", " + std::to_string(valCount) + ", " + std::to_string(testCount) + ")");
    }
    DataSplits data;
    data.classNames = kClassNames;
    data.description = "Built-in synthetic shapes";

    struct Job
    {
        Dataset *split;
        uint64_t splitId;
        int64_t count;
    };
    const std::array<Job, 3> jobs{{{&data.train, TrainSplit, trainCount},
                                   {&data.val, ValSplit, valCount},
                                   {&data.test, TestSplit, testCount}}};
    for (const Job &job : jobs) {
        job.split->images = torch::empty({job.count, kChannels, kSize, kSize}, torch::kUInt8);
        job.split->labels = torch::empty({job.count}, torch::kLong);
    }

    // One flat parallel loop over all three splits; each item writes only its own tensor slot.
    const int64_t total = trainCount + valCount + testCount;
    cv::parallel_for_(cv::Range(0, static_cast<int>(total)), [&](const cv::Range &range) {
        for (int64_t flat = range.start; flat < range.end; ++flat) {
            int64_t index = flat;
            size_t j = 0;
            while (index >= jobs[j].count) {
                index -= jobs[j].count;
                ++j;
            }
            const Job &job = jobs[j];
            const int label = labelOf(seed, job.splitId, index);
            const cv::Mat image =
                drawImage(itemSeed(seed, job.splitId, static_cast<uint64_t>(index), 2), label);
            // HWC -> CHW straight into the slot: cv::split writes into the preallocated planes.
            uint8_t *slot =
                job.split->images.data_ptr<uint8_t>() + index * kChannels * kSize * kSize;
            cv::Mat planes[kChannels];
            for (int c = 0; c < kChannels; ++c)
                planes[c] = cv::Mat(kSize, kSize, CV_8UC1, slot + c * kSize * kSize);
            cv::split(image, planes);
            job.split->labels.data_ptr<int64_t>()[index] = label;
        }
    });
    return data;
}

} // namespace normlab
