#pragma once
// Where downloaded datasets live: the user's data folder, the same for the window and the command
// line (their application names differ, so the folder does not depend on them).

#include "normlab/Sweep.h"

#include <QString>

#include <vector>

namespace normlab::download {

/// The user's data folder for NormLab: QStandardPaths' GenericDataLocation + "/normlab"
/// ($XDG_DATA_HOME/normlab, by default ~/.local/share/normlab).
QString defaultDataFolder();

/// Where `normlab-cli get cifar10` and File › Get CIFAR-10… unpack by default:
/// defaultDataFolder() + "/cifar-10-batches-bin".
QString defaultCifarFolder();

/// Whether `folder` holds the CIFAR-10 binary batches: data_batch_1.bin ... data_batch_5.bin and
/// test_batch.bin.
bool holdsCifarBatches(const QString &folder);

/// defaultCifarFolder() when it holds the batches, else an empty string: what a CIFAR-10
/// experiment without a data path uses.
QString downloadedCifarFolder();

/// Points the CIFAR-10 runs whose data path is empty or does not exist at downloadedCifarFolder(),
/// when it holds the batches, so that the presets' "data/cifar-10-batches-bin" finds a CIFAR-10
/// downloaded with `normlab-cli get cifar10` or File › Get CIFAR-10…. Returns how many runs moved.
int useDownloadedCifarWhereMissing(std::vector<SweepRun> &runs);

} // namespace normlab::download
