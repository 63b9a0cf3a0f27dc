#pragma once
// How the engine and the command line write numbers: one place, so that every file and table
// that shows a value shows it the same way.

#include <string>

namespace normlab {

/// `decimals` digits after the point ("0.8123"), as printf's %.*f; "nan" for NaN and infinities.
std::string formatFixed(double value, int decimals);

/// `digits` significant digits, as printf's %.*g ("0.0123", "1.2e-05"); "nan" when not finite.
std::string formatSignificant(double value, int digits);

/// Nine significant digits: a float reads back unchanged; "nan", "inf" and "-inf" as such.
std::string formatExact(double value);

/// The shortest ordinary text, as an ostream prints a double ("0.5", "1e-05"), for messages.
std::string formatPlain(double value);

} // namespace normlab
