#include "cli/BatchLossFile.h"

#include "normlab/Errors.h"

#include <cstdio>

namespace normlab::cli {

BatchLossFile::BatchLossFile(TrainingObserver &next, const std::string &path) : next_(next)
{
    if (path.empty())
        return;
    out_.open(path);
    if (!out_)
        throw InputError(path + ": cannot be written (--batch-losses)");
    out_ << "step,epoch,batch,loss\n";
}

void BatchLossFile::batchFinished(const BatchProgress &progress)
{
    if (out_.is_open()) {
        char loss[32];
        std::snprintf(loss, sizeof loss, "%.17g", progress.loss); // every digit
        out_ << progress.step << "," << progress.epoch << "," << progress.batch << "," << loss
             << "\n";
        out_.flush();
    }
    next_.batchFinished(progress);
}

} // namespace normlab::cli
