#pragma once
// A loaded dataset handed between threads: decoded tensors, never modified once loaded, so one
// load can serve the training worker and the image fetcher at the same time.

#include "normlab/Engine.h"

#include <QMetaType>
#include <QString>

#include <memory>

using SharedData = std::shared_ptr<const normlab::DataSplits>;
Q_DECLARE_METATYPE(SharedData)
