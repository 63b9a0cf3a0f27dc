#pragma once
// The entries form of fuzz_model_archive's odd-mode inputs: records of a 1-byte name length, the
// name, a 4-byte little-endian data length and the data; a length beyond the input takes what
// is left.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fuzzsupport {

inline std::vector<std::pair<std::string, std::string>> archiveEntries(const uint8_t *data,
                                                                       size_t size)
{
    std::vector<std::pair<std::string, std::string>> entries;
    size_t at = 0;
    while (at < size) {
        const size_t claimed = data[at++];
        const size_t nameLength = std::min(claimed, size - at);
        std::string name(reinterpret_cast<const char *>(data + at), nameLength);
        at += nameLength;
        uint32_t dataLength = 0;
        for (int i = 0; i < 4 && at < size; ++i)
            dataLength |= uint32_t(data[at++]) << (8 * i);
        const size_t taken = std::min<size_t>(dataLength, size - at);
        entries.emplace_back(std::move(name),
                             std::string(reinterpret_cast<const char *>(data + at), taken));
        at += taken;
    }
    return entries;
}

} // namespace fuzzsupport
