// Addresses and tokens of the distributed sweep (Distributed.h).

#include "normlab/Distributed.h"
#include "normlab/Errors.h"

#include <random>

namespace normlab {

HostPort parseHostPort(const std::string &text, const std::string &option)
{
    const size_t colon = text.rfind(':');
    const std::string bad = "--" + option + ": '" + text + "' ";
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        throw InputError(bad + "must be HOST:PORT, e.g. 127.0.0.1:29500");
    HostPort address;
    address.host = text.substr(0, colon);
    if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']')
        address.host = address.host.substr(1, address.host.size() - 2); // [::1]:29500
    const std::string port = text.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
        std::stoi(port) > 65535)
        throw InputError(bad + "has no port number in 0..65535");
    address.port = std::stoi(port);
    return address;
}

bool isLoopbackHost(const std::string &host)
{
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string randomToken()
{
    std::random_device device; // the kernel's entropy: the token guards the sweep's keys
    std::string token;
    const char *const digits = "0123456789abcdef";
    for (int i = 0; i < 32; ++i)
        token += digits[device() % 16];
    return token;
}

} // namespace normlab
