#pragma once
// The engine's one error type, in its own header so that every layer can throw it without
// including the engine's front door.

#include <stdexcept>

namespace normlab {

/// Bad input (a file, a folder, a value): the message names it. Never a crash.
class InputError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace normlab
