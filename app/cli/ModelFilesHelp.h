#pragma once
// The help of normlab-cli's model files: train's --save-model, --checkpoint and --resume, and
// the predict command (docs/models.md).

#include <string>

namespace normlab::cli {

/// The help text of the model-file options and of `predict`.
std::string modelOptionsHelp();

} // namespace normlab::cli
