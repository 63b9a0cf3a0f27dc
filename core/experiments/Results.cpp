#include "normlab/Results.h"

#include <cmath>

namespace normlab {
namespace {
const std::pair<const char *, RunStatus> kStatusKeys[] = {
    {"finished", RunStatus::Finished},   {"early-stopped", RunStatus::EarlyStopped},
    {"cancelled", RunStatus::Cancelled}, {"diverged", RunStatus::Diverged},
    {"failed", RunStatus::Failed},
};
} // namespace

std::string toKey(RunStatus status)
{
    for (const auto &[key, value] : kStatusKeys)
        if (value == status)
            return key;
    return "?";
}

bool fromKey(const std::string &s, RunStatus &out)
{
    for (const auto &[key, value] : kStatusKeys) {
        if (s == key) {
            out = value;
            return true;
        }
    }
    return false;
}

void summarizeHistory(RunResult &result)
{
    const double nan = std::nan("");
    result.bestValLoss = result.bestValAcc = result.testLoss = result.testAcc = nan;
    result.bestTestLoss = result.bestTestAcc = nan;
    result.bestEpoch = 0;
    result.epochsRun = static_cast<int>(result.history.size());
    // A comparison with NaN is false, so NaN never replaces a finite best.
    auto lower = [](double candidate, double best) {
        return std::isfinite(candidate) && (std::isnan(best) || candidate < best);
    };
    auto higher = [](double candidate, double best) {
        return std::isfinite(candidate) && (std::isnan(best) || candidate > best);
    };
    for (const EpochMetrics &m : result.history) {
        if (lower(m.valLoss, result.bestValLoss)) {
            result.bestValLoss = m.valLoss;
            result.bestEpoch = m.epoch;
            result.testLoss = m.testLoss;
            result.testAcc = m.testAcc;
        }
        if (higher(m.valAcc, result.bestValAcc))
            result.bestValAcc = m.valAcc;
        if (lower(m.testLoss, result.bestTestLoss))
            result.bestTestLoss = m.testLoss;
        if (higher(m.testAcc, result.bestTestAcc))
            result.bestTestAcc = m.testAcc;
    }
}

} // namespace normlab
