#pragma once
// What the fuzz targets share: failing loudly on an outcome the reader does not document, and a
// scratch file for the readers that take a path.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fuzzsupport {

/// Anything but a value or the reader's documented error: the fuzzer records the input.
[[noreturn]] inline void fail(const std::string &what)
{
    std::fprintf(stderr, "fuzz target: %s\n", what.c_str());
    std::abort();
}

inline void require(bool holds, const std::string &what)
{
    if (!holds)
        fail(what);
}

/// True when `text` contains `part`: error messages must name the file.
inline bool mentions(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/// One scratch folder per process, removed when the process exits normally.
class ScratchFolder
{
public:
    ScratchFolder()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "normlab-fuzz-XXXXXX");
        if (!mkdtemp(pattern.data()))
            fail("cannot create a scratch folder");
        m_path = pattern;
    }
    ~ScratchFolder()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    /// Writes `data` to the file `name` in the folder (replacing it) and returns its path.
    std::string write(const std::string &name, const uint8_t *data, size_t size) const
    {
        const std::string path = (m_path / name).string();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
        if (!out.flush())
            fail("cannot write " + path);
        return path;
    }

private:
    std::filesystem::path m_path;
};

inline const ScratchFolder &scratch()
{
    static const ScratchFolder folder;
    return folder;
}

} // namespace fuzzsupport
