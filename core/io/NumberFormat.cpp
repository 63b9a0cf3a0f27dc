#include "normlab/NumberFormat.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace normlab {
namespace {

std::string printed(const char *format, int precision, double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, precision, value);
    return buffer;
}

} // namespace

std::string formatFixed(double value, int decimals)
{
    return std::isfinite(value) ? printed("%.*f", decimals, value) : "nan";
}

std::string formatSignificant(double value, int digits)
{
    return std::isfinite(value) ? printed("%.*g", digits, value) : "nan";
}

std::string formatExact(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    return printed("%.*g", 9, value);
}

std::string formatPlain(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

} // namespace normlab
