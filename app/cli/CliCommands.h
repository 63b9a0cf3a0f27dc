#pragma once
// normlab-cli's entry point, in the normlab_cli library so that the executable's main() stays thin.

#include <string>
#include <vector>

namespace normlab {

/// Runs normlab-cli with the arguments after the program name; returns the exit status
/// (0 result, 1 failed run, 2 bad input, 130 interrupted).
int runCli(const std::vector<std::string> &args);

} // namespace normlab
