// Data-parallel training's pieces against their definitions, with two ranks as two threads of
// this process, each holding a ProcessGroupGloo rank over a TCPStore on 127.0.0.1: the shard of
// a batch, the gradient average, and SyncBatchNorm against BatchNorm2d on the whole batch.

#include "distributed/DataParallel.h"
#include "model/Layers.h"

#include "normlab/Errors.h"

#include <gtest/gtest.h>

#include <functional>
#include <thread>

using namespace normlab;

namespace {

DataParallelSettings rankSettings(int rank, int port, bool syncBatchNorm = false)
{
    DataParallelSettings settings;
    settings.rank = rank;
    settings.world = 2;
    settings.masterPort = port;
    settings.connectTimeoutSeconds = 5;
    settings.joinTimeoutSeconds = 10;
    settings.syncBatchNorm = syncBatchNorm;
    return settings;
}

// Runs `body(rank, group)` on two ranks at once; rethrows the first failure's message.
void onTwoRanks(const std::function<void(int, DataParallelGroup::Impl &)> &body)
{
    DataParallelGroup rank0(rankSettings(0, 0));
    DataParallelGroup rank1(rankSettings(1, rank0.port()));
    std::string failure[2];
    auto run = [&](int rank, DataParallelGroup &group) {
        try {
            group.join();
            body(rank, group.impl());
        } catch (const std::exception &error) {
            failure[rank] = error.what();
        }
    };
    std::thread other(run, 1, std::ref(rank1));
    run(0, rank0);
    other.join();
    ASSERT_EQ(failure[0], "");
    ASSERT_EQ(failure[1], "");
}

double maxDifference(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

} // namespace

TEST(DataParallel, RanksTakeConsecutiveSharesOfEachBatch)
{
    onTwoRanks([](int rank, DataParallelGroup::Impl &group) {
        DataParallelHook hook(group, ExperimentConfig{});
        const torch::Tensor batch = torch::arange(10, 15, torch::kLong); // 5 rows: 2 + 3
        const torch::Tensor mine = hook.shard(batch);
        const torch::Tensor expected =
            rank == 0 ? torch::arange(10, 12, torch::kLong) : torch::arange(12, 15, torch::kLong);
        if (!torch::equal(mine, expected))
            throw std::runtime_error("rank " + std::to_string(rank) + " got the wrong rows");
    });
}

TEST(DataParallel, ReduceAveragesGradientsOverEveryRanksRowsAndSumsTheTotals)
{
    std::vector<torch::Tensor> grads(2);
    std::vector<StepTotals> totals(2);
    onTwoRanks([&](int rank, DataParallelGroup::Impl &group) {
        DataParallelHook hook(group, ExperimentConfig{});
        torch::Tensor weight = torch::zeros({2, 2}, torch::requires_grad());
        // Rank 0: mean gradient 1 over 3 rows; rank 1: mean gradient 5 over 1 row.
        weight.mutable_grad() = torch::full({2, 2}, rank == 0 ? 1.0f : 5.0f);
        StepTotals local;
        local.lossSum = rank == 0 ? 6.0 : 1.0;
        local.correct = rank == 0 ? 2 : 1;
        local.rows = rank == 0 ? 3 : 1;
        local.cancelled = rank == 1;
        totals[rank] = hook.reduce({weight}, local);
        grads[rank] = weight.grad().clone();
    });
    for (int rank = 0; rank < 2; ++rank) {
        EXPECT_TRUE(torch::allclose(grads[rank], torch::full({2, 2}, 2.0f))) // (3 + 5) / 4
            << grads[rank];
        EXPECT_DOUBLE_EQ(totals[rank].lossSum, 7.0);
        EXPECT_EQ(totals[rank].correct, 3);
        EXPECT_EQ(totals[rank].rows, 4);
        EXPECT_TRUE(totals[rank].cancelled); // one rank's Ctrl-C stops both
    }
}

TEST(DataParallel, SyncBatchNormOnTwoRanksEqualsBatchNormOnTheWholeBatch)
{
    torch::manual_seed(11);
    const torch::Tensor x = torch::randn({64, 4, 5, 5}) * 3 + 2;
    const torch::Tensor upstream = torch::randn({64, 4, 5, 5}); // dL/dy of L = sum(y * upstream)
    const torch::Tensor gamma = torch::rand({4}) + 0.5, beta = torch::randn({4});

    torch::nn::BatchNorm2d single(4);
    {
        torch::NoGradGuard noGrad;
        single->weight.copy_(gamma);
        single->bias.copy_(beta);
    }
    const torch::Tensor xSingle = x.clone().requires_grad_();
    const torch::Tensor ySingle = single->forward(xSingle);
    (ySingle * upstream).sum().backward();

    std::vector<torch::Tensor> y(2), dx(2), dGamma(2), runningMean(2), runningVar(2);
    onTwoRanks([&](int rank, DataParallelGroup::Impl &group) {
        SyncBatchNorm sync(4, [&group](torch::Tensor &t) { group.sum(t); });
        {
            torch::NoGradGuard noGrad;
            sync->weight.copy_(gamma);
            sync->bias.copy_(beta);
        }
        const torch::Tensor rows = x.slice(0, rank * 32, (rank + 1) * 32).clone().requires_grad_();
        y[rank] = sync->forward(rows);
        (y[rank] * upstream.slice(0, rank * 32, (rank + 1) * 32)).sum().backward();
        dx[rank] = rows.grad();
        dGamma[rank] = sync->weight.grad();
        runningMean[rank] = sync->runningMean.clone();
        runningVar[rank] = sync->runningVar.clone();
    });
    EXPECT_LT(maxDifference(torch::cat(y), ySingle), 1e-5);
    EXPECT_LT(maxDifference(torch::cat(dx), xSingle.grad()), 1e-5);
    // Each rank's weight gradient is its rows' share; data-parallel training sums them.
    EXPECT_LT(maxDifference(dGamma[0] + dGamma[1], single->weight.grad()), 1e-4);
    for (int rank = 0; rank < 2; ++rank) {
        EXPECT_LT(maxDifference(runningMean[rank], single->running_mean), 1e-6);
        EXPECT_LT(maxDifference(runningVar[rank], single->running_var), 1e-5);
    }
}

TEST(DataParallel, BadRanksAndAnUnreachableMasterAreInputErrors)
{
    DataParallelSettings settings = rankSettings(2, 1);
    EXPECT_THROW(DataParallelGroup{settings}, InputError);
    settings.rank = 1;
    settings.masterPort = 1; // nothing listens on port 1
    settings.connectTimeoutSeconds = 0.5;
    try {
        DataParallelGroup group(settings);
        FAIL() << "connected to nothing";
    } catch (const InputError &error) {
        EXPECT_NE(std::string(error.what()).find("127.0.0.1:1"), std::string::npos) << error.what();
    }
}
