// Model files and checkpoints (readModelInfo, readCheckpointInfo, ModelPredictor's constructor).
// The first byte picks what the rest is: the file's bytes as they are (even), or the archive's
// entries (odd: records of a 1-byte name length, the name, a 4-byte little-endian data length and
// the data), packed here into a zip as torch.save writes it, with valid checksums, so that the
// fuzzer reaches the pickle and NormLab's metadata checks behind the zip layer. Documented
// outcomes: a value, or an InputError that names the file. A model that loads has what predicting
// needs.

#include "ArchiveEntries.h"
#include "FuzzSupport.h"

#include "normlab/Errors.h"
#include "normlab/ModelFile.h"

#include <caffe2/serialize/inline_container.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace {

using fuzzsupport::require;

// A zip as torch.save writes it ("archive/<name>" records, then "archive/version"), or empty
// when PyTorch's writer refuses the names.
std::string packed(const std::vector<std::pair<std::string, std::string>> &entries)
{
    std::string bytes;
    try {
        caffe2::serialize::PyTorchStreamWriter writer([&bytes](const void *buf, size_t n) {
            bytes.append(static_cast<const char *>(buf), n);
            return n;
        });
        std::set<std::string> written{"version"}; // the writer adds it
        for (const auto &[name, content] : entries)
            if (!name.empty() && written.insert(name).second)
                writer.writeRecord(name, content.data(), content.size());
        writer.writeEndOfFile();
    } catch (const std::exception &) {
        return {};
    }
    return bytes;
}

template <typename Read> void expectValueOrNamedError(const std::string &path, Read read)
{
    try {
        read();
    } catch (const normlab::InputError &error) {
        require(fuzzsupport::mentions(error.what(), path),
                std::string("error does not name the file: ") + error.what());
    } catch (const std::exception &error) {
        fuzzsupport::fail(std::string("undocumented exception: ") + error.what());
    }
}

void checkUsable(const normlab::ModelInfo &info)
{
    require(info.classNames.size() >= 2 && info.imageSize >= 8 && info.channels >= 1 &&
                info.inputMean.size() == size_t(info.channels) &&
                info.inputStd.size() == size_t(info.channels),
            "a model loaded without what predicting needs");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const std::string bytes = data[0] % 2 == 0
                                  ? std::string(reinterpret_cast<const char *>(data + 1), size - 1)
                                  : packed(fuzzsupport::archiveEntries(data + 1, size - 1));
    const std::string path = fuzzsupport::scratch().write(
        "fuzz.normlab-model", reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    expectValueOrNamedError(path, [&] { checkUsable(normlab::readModelInfo(path)); });
    expectValueOrNamedError(path, [&] { normlab::readCheckpointInfo(path); });
    expectValueOrNamedError(path, [&] { checkUsable(normlab::ModelPredictor(path).info()); });
    return 0;
}
