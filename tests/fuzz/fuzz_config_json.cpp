// The configuration JSON reader (normlab-cli --config, the window's scripted runs): the bytes are
// the file. Documented outcomes: the experiments, or an InputError naming the file. Each
// experiment read must write (toJson) and read back (configFromJson) to itself, and
// loadValidConfigList must accept the file exactly when every experiment passes validate().

#include "FuzzSupport.h"

#include "normlab/ConfigJson.h"
#include "normlab/Errors.h"

namespace {

using fuzzsupport::require;
using namespace normlab;

// Reads `path`; an error must name it.
template <typename Read> bool readsOrNamesFile(const std::string &path, Read read)
{
    try {
        read();
        return true;
    } catch (const InputError &error) {
        require(fuzzsupport::mentions(error.what(), path),
                std::string("error does not name the file: ") + error.what());
        return false;
    }
}

void checkRoundTrip(const ExperimentConfig &config)
{
    const QJsonObject written = toJson(config);
    ExperimentConfig reread;
    try {
        reread = configFromJson(written);
    } catch (const InputError &error) {
        fuzzsupport::fail(std::string("a written configuration does not read back: ") +
                          error.what());
    }
    require(toJson(reread) == written, "a configuration changes when written and read back");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string path = fuzzsupport::scratch().write("config.json", data, size);
    std::vector<ExperimentConfig> configs;
    if (!readsOrNamesFile(path, [&] { configs = loadConfigList(path); }))
        return 0;
    require(!configs.empty(), "read a configuration list without an experiment");
    bool allValid = true;
    for (const ExperimentConfig &config : configs) {
        checkRoundTrip(config);
        allValid = allValid && validate(config).empty();
    }
    std::vector<ExperimentConfig> valid;
    const bool accepted = readsOrNamesFile(path, [&] { valid = loadValidConfigList(path); });
    require(accepted == allValid, "loadValidConfigList disagrees with validate()");
    require(!accepted || valid.size() == configs.size(), "valid list lost experiments");
    return 0;
}
