// Model files opened by Python's PyTorch: scripts/check-model-python.py loads each file with
// torch.load, rebuilds the network as docs/models.md shows and compares its logits with
// NormLab's to within 1e-5, for every normalization and both architectures. Skipped when no
// python3 with torch is installed (Debian: python3-torch).

#include "TempDir.h"
#include "TestData.h"

#include "CliRunner.h"
#include "normlab/ModelFile.h"
#include "training/ModelArchive.h"
#include "training/Trainer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>

using namespace normlab;
using fixtures::TempDir;

namespace {

// The first python3 that imports torch: Debian's, then the one on PATH.
std::string pythonWithTorch()
{
    for (const std::string python : {"/usr/bin/python3", "python3"})
        if (fixtures::runShell(python + " -c 'import torch'").exitCode == 0)
            return python;
    return "";
}

// NormLab's logits of `images` from the model file, as ModelPredictor computes them.
torch::Tensor logitsFromFile(const std::string &path, const torch::Tensor &images)
{
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>()};
    const ArchiveReader archive(torch::pickle_load(bytes).toGenericDict(), path);
    const ModelInfo info = readModelMetadata(archive);
    NormCnn model(info.config, static_cast<int64_t>(info.classNames.size()), info.imageSize,
                  info.channels);
    loadStateDict(model, archive.state("state_dict"), path);
    model->eval();
    torch::NoGradGuard noGrad;
    return model->forward(prepareImages(images, inputScaling(info.inputMean, info.inputStd)))
        .to(torch::kDouble);
}

ExperimentConfig variant(NormKind norm, Architecture arch)
{
    ExperimentConfig config = fixtures::tinyConfig();
    config.epochs = 1;
    config.norm = norm;
    config.arch = arch;
    config.groups = 4;
    config.dropout = arch == Architecture::Fc ? 0.2 : 0.0;
    config.meanOnlyBatchNorm = norm == NormKind::Weight;
    config.normAfterActivation = norm == NormKind::Layer;
    return config;
}

} // namespace

TEST(ModelFilePython, TorchLoadAndTheDocumentedNetworkReproduceTheLogits)
{
    const std::string python = pythonWithTorch();
    if (python.empty())
        GTEST_SKIP() << "no python3 with torch (Debian: apt install python3-torch)";
    const DataSplits data = fixtures::brightDarkSplits(48, 16, 16);
    TempDir dir;
    std::string arguments;
    int index = 0;
    for (const NormKind norm : {NormKind::None, NormKind::Batch, NormKind::Layer,
                                NormKind::Instance, NormKind::Group, NormKind::Weight}) {
        for (const Architecture arch : {Architecture::Gap, Architecture::Fc}) {
            const std::string model = (dir.path() / ("m" + std::to_string(index) + ".pt")).string();
            const std::string inputs =
                (dir.path() / ("i" + std::to_string(index) + ".pt")).string();
            ++index;
            TrainingRun run(variant(norm, arch), data);
            run.saveModel(model, run.run());
            ArchiveDict probe = newArchiveDict();
            probe.insert("images", data.test.images);
            probe.insert("logits", logitsFromFile(model, data.test.images));
            writeArchive(inputs, probe);
            arguments += " " + model + " " + inputs;
        }
    }
    const fixtures::CliOutcome outcome =
        fixtures::runShell(python + " " + NORMLAB_CHECK_MODEL_SCRIPT + arguments);
    std::cout << outcome.output; // the largest difference per model, for docs/models.md
    EXPECT_EQ(outcome.exitCode, 0) << outcome.output;
    EXPECT_NE(outcome.output.find("largest logit difference"), std::string::npos) << outcome.output;
}
