// Early stopping: exactly `patience` epochs without improvement, then the best weights return.

#include "TestData.h"

#include "training/Trainer.h"

#include <gtest/gtest.h>

using namespace normlab;

TEST(EarlyStopping, StopsAfterExactlyPatienceEpochsWithoutImprovement)
{
    EarlyStopping stopping(2, 0.0);
    EXPECT_FALSE(stopping.update(1.0));
    EXPECT_FALSE(stopping.update(0.8)); // improvement
    EXPECT_FALSE(stopping.update(0.9)); // 1 without
    EXPECT_FALSE(stopping.update(0.7)); // improvement resets
    EXPECT_FALSE(stopping.update(0.7)); // equal is no improvement: 1
    EXPECT_TRUE(stopping.update(0.75)); // 2: stop
}

TEST(EarlyStopping, MinDeltaSetsWhatCountsAsImprovement)
{
    EarlyStopping stopping(1, 0.1);
    EXPECT_FALSE(stopping.update(1.0));
    EXPECT_TRUE(stopping.update(0.95)); // better, but by less than 0.1
    EarlyStopping enough(1, 0.1);
    enough.update(1.0);
    EXPECT_FALSE(enough.update(0.85));
}

TEST(EarlyStopping, NonFiniteLossNeverImproves)
{
    EarlyStopping stopping(1, 0.0);
    EXPECT_FALSE(stopping.update(1.0));
    EXPECT_TRUE(stopping.update(std::nan("")));
}

TEST(EarlyStopping, ZeroPatienceIsOff)
{
    EarlyStopping off(0, 0.0);
    for (int i = 0; i < 10; ++i)
        EXPECT_FALSE(off.update(1.0 + i));
}

TEST(EarlyStopping, TrainerStopsAndRestoresTheBestWeights)
{
    const DataSplits data = fixtures::brightDarkSplits(96, 32, 32);
    ExperimentConfig config = fixtures::tinyConfig();
    config.epochs = 8;
    config.earlyStopping = 2;
    config.minDelta = 100.0; // only the first epoch can count as an improvement
    Trainer trainer(config, data);
    const RunResult result = trainer.run();
    EXPECT_EQ(result.status, RunStatus::EarlyStopped);
    ASSERT_EQ(result.history.size(), 3u); // epoch 1, then 2 without improvement
    EXPECT_NE(result.message.find("2 epochs"), std::string::npos);

    // The model now holds the weights of the epoch with the lowest validation loss.
    const Evaluation restored = trainer.evaluate(data.val);
    EXPECT_NEAR(restored.loss, result.bestValLoss, 1e-6);
    EXPECT_NEAR(restored.loss, result.history[result.bestEpoch - 1].valLoss, 1e-6);
}
