#include "core/Benchmark.h"

#include "core/Dataset.h"
#include "core/Regularization.h"
#include "core/Trainer.h"

#include <algorithm>
#include <chrono>
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

double bareStep(const ExperimentConfig &config, int repeats, int64_t images, std::ostream &log)
{
    torch::manual_seed(config.seed);
    NormCnn model(config, kClasses, 32);
    model->train();
    torch::optim::Adam adam(model->parameters(), torch::optim::AdamOptions(config.lr));
    torch::optim::SGD sgd(model->parameters(),
                          torch::optim::SGDOptions(config.lr).momentum(config.momentum));
    torch::optim::Optimizer &optimizer =
        config.optimizer == OptimizerKind::Adam ? static_cast<torch::optim::Optimizer &>(adam)
                                                : sgd;
    const auto weights = model->penalizedWeights();
    const torch::Tensor input = torch::randn({config.batchSize, 3, 32, 32});
    const torch::Tensor labels = torch::randint(kClasses, {config.batchSize}, torch::kLong);
    auto step = [&] {
        optimizer.zero_grad();
        const torch::Tensor loss =
            torch::nn::functional::cross_entropy(model->forward(input), labels);
        loss.backward();
        addPenaltyGradients(weights, config.l1, config.l2);
        optimizer.step();
        return loss.item<double>();
    };
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

double engineEpochs(const ExperimentConfig &base, int repeats, int64_t images, std::ostream &log)
{
    const int64_t evalImages = std::max<int64_t>(kClasses, images / 20);
    DataSplits data = makeSynthetic(images, evalImages, evalImages, base.splitSeed);
    channelStats(data.train.images, data.mean, data.stddev);
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

} // namespace

BenchFigures runBenchmark(const ExperimentConfig &config, int repeats, int64_t images,
                          std::ostream &log)
{
    at::set_num_threads(config.threads > 0 ? config.threads
                                           : std::max(1u, std::thread::hardware_concurrency()));
    BenchFigures figures;
    figures.bareStepImagesPerSecond = bareStep(config, repeats, images, log);
    figures.epochImagesPerSecond = engineEpochs(config, repeats, images, log);
    return figures;
}

} // namespace normlab
