#include "normlab/Benchmark.h"

#include "data/Dataset.h"
#include "model/Regularization.h"
#include "training/InsightRecorder.h"
#include "training/Trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <thread>

namespace normlab {
namespace {

using Clock = std::chrono::steady_clock;

// Steps run before timing starts (allocator and thread-pool warm-up).
constexpr int kWarmupSteps = 5;
// Classes of the benchmark's synthetic data.
constexpr int64_t kClasses = 10;

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

NormCnn seededModel(const ExperimentConfig &config)
{
    torch::manual_seed(config.seed);
    return NormCnn(config, kClasses, 32);
}

// Forward, backward and optimizer step of `config`'s model on one fixed batch in memory.
class BareTrainer
{
public:
    explicit BareTrainer(const ExperimentConfig &config)
        : config_(config), model_(seededModel(config)),
          adam_(model_->parameters(), torch::optim::AdamOptions(config.lr)),
          sgd_(model_->parameters(), torch::optim::SGDOptions(config.lr).momentum(config.momentum)),
          weights_(model_->penalizedWeights()), input_(torch::randn({config.batchSize, 3, 32, 32})),
          labels_(torch::randint(kClasses, {config.batchSize}, torch::kLong))
    {
        model_->train();
    }
    /// One step; `afterBackward` runs where the engine records gradient norms.
    double step(const std::function<void()> &afterBackward = {})
    {
        torch::optim::Optimizer &optimizer = config_.optimizer == OptimizerKind::Adam
                                                 ? static_cast<torch::optim::Optimizer &>(adam_)
                                                 : sgd_;
        optimizer.zero_grad();
        const torch::Tensor loss =
            torch::nn::functional::cross_entropy(model_->forward(input_), labels_);
        loss.backward();
        addPenaltyGradients(weights_, config_.l1, config_.l2);
        if (afterBackward)
            afterBackward();
        optimizer.step();
        return loss.item<double>();
    }
    NormCnn &model() { return model_; }

private:
    ExperimentConfig config_;
    NormCnn model_;
    torch::optim::Adam adam_;
    torch::optim::SGD sgd_;
    std::vector<torch::Tensor> weights_;
    torch::Tensor input_, labels_;
};

double bareStep(const ExperimentConfig &config, int repeats, int64_t images, std::ostream &log)
{
    BareTrainer trainer(config);
    auto step = [&] { return trainer.step(); };
    for (int i = 0; i < kWarmupSteps; ++i)
        step();
    const int64_t steps = std::max<int64_t>(1, images / config.batchSize);
    std::vector<double> rates;
    // One more repetition than reported: the first warms up caches and the thread pool, as the
    // engine's first epoch does.
    for (int r = -1; r < repeats; ++r) {
        const auto start = Clock::now();
        for (int64_t i = 0; i < steps; ++i)
            step();
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        const double rate = static_cast<double>(steps * config.batchSize) / seconds;
        if (r < 0)
            continue;
        rates.push_back(rate);
        log << "  bare step, repetition " << r + 1 << ": " << static_cast<int64_t>(rate)
            << " images/s\n";
    }
    return median(rates);
}

// The recording's share of the bare step, measured in alternating blocks of stats-every steps
// without and with recording (gradient norms every step, layer statistics once a block), so
// the machine's drifts hit both alike. Percent of the step time; median over repetitions.
double stepRecordingCost(const ExperimentConfig &config, int every, int repeats, int64_t images,
                         std::ostream &log)
{
    BareTrainer trainer(config);
    InsightRecorder recorder(trainer.model(), torch::randn({kProbeSize, 3, 32, 32}));
    for (int i = 0; i < kWarmupSteps; ++i)
        trainer.step();
    recorder.layerStats(0, 0);
    const int64_t blocks = std::max<int64_t>(1, images / config.batchSize / every);
    int64_t step = 0;
    const auto recordNorms = [&] { recorder.gradientNorms(step, 1); };
    std::vector<double> costs;
    for (int r = 0; r < repeats; ++r) {
        double off = 0, on = 0;
        for (int64_t b = 0; b < blocks; ++b) {
            auto start = Clock::now();
            for (int i = 0; i < every; ++i)
                trainer.step();
            off += std::chrono::duration<double>(Clock::now() - start).count();
            start = Clock::now();
            for (int i = 0; i < every; ++i, ++step)
                trainer.step(recordNorms);
            recorder.layerStats(step, 1);
            on += std::chrono::duration<double>(Clock::now() - start).count();
        }
        costs.push_back(100.0 * (on / off - 1.0));
        char percent[32];
        std::snprintf(percent, sizeof percent, "%+.1f%%", costs.back());
        log << "  bare step with recording (stats-every " << every << "), repetition " << r + 1
            << ": " << percent << " time\n";
    }
    return median(costs);
}

// Collects the training throughput of each epoch (the last batch's running figure).
class EpochRates : public TrainingObserver
{
public:
    void batchFinished(const BatchProgress &p) override
    {
        if (p.batch == p.batchesPerEpoch)
            rates.push_back(p.imagesPerSecond);
    }
    std::vector<double> rates;
};

DataSplits benchData(const ExperimentConfig &config, int64_t images)
{
    const int64_t evalImages = std::max<int64_t>(kClasses, images / 20);
    DataSplits data = makeSynthetic(images, evalImages, evalImages, config.splitSeed);
    channelStats(data.train.images, data.mean, data.stddev);
    return data;
}

double engineEpochs(const ExperimentConfig &base, int repeats, const DataSplits &data,
                    std::ostream &log)
{
    ExperimentConfig config = base;
    config.epochs = repeats + 1; // the first epoch warms up
    config.earlyStopping = 0;
    EpochRates observer;
    const RunResult result = runExperiment(config, data, &observer);
    if (result.status != RunStatus::Finished)
        log << "  engine run ended early: " << result.message << "\n";
    if (observer.rates.size() < 2)
        return observer.rates.empty() ? 0 : observer.rates.front();
    std::vector<double> timed(observer.rates.begin() + 1, observer.rates.end());
    for (size_t i = 0; i < timed.size(); ++i)
        log << "  engine epoch " << i + 1 << ": " << static_cast<int64_t>(timed[i])
            << " images/s\n";
    return median(timed);
}

// Throughput of the second epoch of a two-epoch run (the first warms up).
// Throughput of the second epoch of a two-epoch run (the first warms up): by the wall clock, and
// by the process's CPU time (which other processes on a shared machine barely disturb).
struct EpochRate
{
    double wall = 0, cpu = 0;
};

class SecondEpochObserver : public TrainingObserver
{
public:
    void batchFinished(const BatchProgress &p) override
    {
        if (p.epoch != 2)
            return;
        if (p.batch == 1)
            cpuStart_ = std::clock();
        if (p.batch == p.batchesPerEpoch && p.batch > 1) {
            rate.wall = p.imagesPerSecond;
            const double seconds = static_cast<double>(std::clock() - cpuStart_) / CLOCKS_PER_SEC;
            // Batches 2..last ran between the two clock readings.
            rate.cpu = seconds > 0 ? static_cast<double>(imagesAfterFirst_) / seconds : 0;
        }
        imagesAfterFirst_ = p.batch == 1 ? 0 : imagesAfterFirst_ + batchSize;
    }
    int64_t batchSize = 0;
    EpochRate rate;

private:
    std::clock_t cpuStart_ = 0;
    int64_t imagesAfterFirst_ = 0;
};

EpochRate secondEpochRate(ExperimentConfig config, const DataSplits &data)
{
    config.epochs = 2;
    config.earlyStopping = 0;
    SecondEpochObserver observer;
    observer.batchSize = config.batchSize;
    runExperiment(config, data, &observer);
    return observer.rate;
}

// Recording off and on in paired short runs, so a shared machine's drifts hit both alike.
void recordingCost(const ExperimentConfig &base, int repeats, const DataSplits &data,
                   BenchFigures &figures, std::ostream &log)
{
    ExperimentConfig off = base, on = base;
    off.statsEvery = 0;
    on.statsEvery = base.statsEvery > 0 ? base.statsEvery : 25;
    std::vector<double> offRates, onRates, slowdowns, cpuSlowdowns;
    for (int r = 0; r < repeats; ++r) {
        // Alternate which goes first, so a steady drift does not favour one side.
        EpochRate offRate, onRate;
        if (r % 2 == 0) {
            offRate = secondEpochRate(off, data);
            onRate = secondEpochRate(on, data);
        } else {
            onRate = secondEpochRate(on, data);
            offRate = secondEpochRate(off, data);
        }
        if (offRate.wall <= 0 || onRate.wall <= 0 || offRate.cpu <= 0 || onRate.cpu <= 0)
            continue;
        offRates.push_back(offRate.wall);
        onRates.push_back(onRate.wall);
        slowdowns.push_back(100.0 * (1.0 - onRate.wall / offRate.wall));
        cpuSlowdowns.push_back(100.0 * (1.0 - onRate.cpu / offRate.cpu));
        log << "  recording off / on (stats-every " << on.statsEvery << "), pair " << r + 1 << ": "
            << static_cast<int64_t>(offRate.wall) << " / " << static_cast<int64_t>(onRate.wall)
            << " images/s; per CPU second " << static_cast<int64_t>(offRate.cpu) << " / "
            << static_cast<int64_t>(onRate.cpu) << "\n";
    }
    if (slowdowns.empty())
        return;
    figures.recordingStatsEvery = on.statsEvery;
    figures.recordingOffImagesPerSecond = median(offRates);
    figures.recordingOnImagesPerSecond = median(onRates);
    figures.recordingOverheadPercent = median(slowdowns);
    figures.recordingCpuOverheadPercent = median(cpuSlowdowns);
}

} // namespace

BenchFigures runBenchmark(const ExperimentConfig &config, int repeats, int64_t images,
                          std::ostream &log)
{
    at::set_num_threads(config.threads > 0 ? config.threads
                                           : std::max(1u, std::thread::hardware_concurrency()));
    BenchFigures figures;
    figures.bareStepImagesPerSecond = bareStep(config, repeats, images, log);
    const DataSplits data = benchData(config, images);
    figures.epochImagesPerSecond = engineEpochs(config, repeats, data, log);
    recordingCost(config, repeats, data, figures, log);
    figures.recordingStepOverheadPercent = stepRecordingCost(
        config, figures.recordingStatsEvery > 0 ? figures.recordingStatsEvery : 25, repeats, images,
        log);
    return figures;
}

} // namespace normlab
