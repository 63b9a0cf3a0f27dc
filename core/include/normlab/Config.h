#pragma once
// Plain configuration of one experiment. No torch, no Qt: the GUI, the CLI and the
// engine all share it, and it crosses threads by value.

#include <cstdint>
#include <string>
#include <vector>

namespace normlab {

enum class DatasetKind
{
    Synthetic,
    Cifar10,
    Folder
};
enum class Architecture
{
    Gap,
    Fc
};
enum class NormKind
{
    None,
    Batch,
    Layer,
    Instance,
    Group,
    Weight
};
enum class OptimizerKind
{
    Sgd,
    Adam
};

struct ExperimentConfig
{
    std::string name; // empty: derived from the method, as the slides name runs

    // Data
    DatasetKind dataset = DatasetKind::Synthetic;
    std::string dataPath; // CIFAR-10 folder or image-folder root
    int imageSize = 64;   // image folders are resized to imageSize x imageSize
    int64_t limit = 0;    // at most this many training images (0: all)
    // CIFAR-10 training records held out for validation; 0: a tenth of them (5,000 on CIFAR-10
    // itself), so that smaller CIFAR-format folders work with the defaults too.
    int64_t cifarValidation = 0;
    double valFraction = 0.15; // image folders without val/ and test/ sub-folders
    double testFraction = 0.15;
    uint64_t splitSeed = 42; // splits stay fixed while the training seed varies
    double labelNoise = 0;   // percent of training labels replaced by a wrong class (0-100);
                             // validation and test labels stay clean (double descent)
    int folds = 0;           // k-fold cross-validation over train+validation (0: off, k >= 2)
    int fold = 0;            // with folds: train only this fold (1..folds; 0: every fold)

    // Model
    Architecture arch = Architecture::Gap;
    double width = 1.0; // channels 16k, 32k, 64k; hidden units 128k
    NormKind norm = NormKind::None;
    int groups = 8;                   // GroupNorm
    bool normAfterActivation = false; // default: conv -> norm -> ReLU
    bool meanOnlyBatchNorm = false;   // WeightNorm + mean-only BatchNorm (Salimans & Kingma)
    bool globalPool = false;          // FC network: global average pooling instead of Flatten

    // Regularization
    double l1 = 0.0;
    double l2 = 0.0;
    double dropout = 0.0;     // before the last Linear
    double dropconnect = 0.0; // on the hidden Linear's weights (GAP: the output Linear)
    bool augment = false;
    int earlyStopping = 0; // patience in epochs on validation loss (0: off)
    double minDelta = 0.0; // improvement needed to reset the patience

    // Training
    OptimizerKind optimizer = OptimizerKind::Adam;
    double lr = 1e-3;
    double momentum = 0.9; // SGD only
    bool nesterov = false; // SGD only
    int batchSize = 64;
    int epochs = 10;
    uint64_t seed = 1;
    int threads = 0;     // intra-op threads (0: all cores)
    int statsEvery = 25; // layer statistics every N steps, gradient norms every step
                         // (0: record nothing inside the network)
};

/// Channels of the three conv blocks for a width multiplier.
std::vector<int64_t> blockChannels(double width);
/// Hidden units of the FC head for a width multiplier.
int64_t hiddenUnits(double width);

/// Every problem with the configuration, each naming the value ("dropout 1.5 must be in [0, 1)").
/// Empty when the configuration can run.
std::vector<std::string> validate(const ExperimentConfig &config);

/// The CIFAR-10 validation records held out of `trainingRecords` for a val-size of `valSize`:
/// `valSize` itself, or a tenth of the records (at least 1) when it is 0.
int64_t cifarValidationCount(int64_t valSize, int64_t trainingRecords);

/// Name as the slides write it: "No Normalization", "BatchNorm", "CNN + Dropout",
/// "CNN + BatchNorm + Data Augmentation".
std::string defaultRunName(const ExperimentConfig &config);
/// config.name, or defaultRunName when it is empty.
std::string runName(const ExperimentConfig &config);

/// Short, human labels, used in tables and CSV files.
std::string normLabel(NormKind norm);                         // "BatchNorm", "None"
std::string regularizerLabel(const ExperimentConfig &config); // "L2 0.001 + Dropout 0.5" or "none"
std::string datasetLabel(const ExperimentConfig &config);     // "synthetic", "cifar10:/path"

/// Keyword spellings shared by the CLI options and the JSON keys.
std::string toKey(DatasetKind v);
std::string toKey(Architecture v);
std::string toKey(NormKind v);
std::string toKey(OptimizerKind v);
bool fromKey(const std::string &s, DatasetKind &out);
bool fromKey(const std::string &s, Architecture &out);
bool fromKey(const std::string &s, NormKind &out);
bool fromKey(const std::string &s, OptimizerKind &out);

} // namespace normlab
