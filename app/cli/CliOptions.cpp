#include "cli/CliOptions.h"

#include "normlab/ConfigJson.h"
#include "normlab/Errors.h"

#include <sstream>

namespace normlab {
namespace {

const ConfigKeyInfo *findConfigKey(const std::string &name)
{
    for (const auto &key : configKeys())
        if (key.name == name)
            return &key;
    return nullptr;
}

long long parseCount(const std::string &option, const std::string &text, long long minimum)
{
    try {
        size_t used = 0;
        const long long value = std::stoll(text, &used);
        if (used == text.size() && value >= minimum)
            return value;
    } catch (const std::exception &) {
    }
    throw InputError("--" + option + ": '" + text + "' must be an integer of at least " +
                     std::to_string(minimum));
}

} // namespace

CliOptions parseCli(const std::vector<std::string> &args)
{
    CliOptions options;
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h")
        return options;
    if (args[0] == "train")
        options.command = CliCommand::Train;
    else if (args[0] == "bench")
        options.command = CliCommand::Bench;
    else if (args[0] == "sweep")
        options.command = CliCommand::Sweep;
    else
        throw InputError("unknown command '" + args[0] + "' (expected train, sweep or bench)");
    const bool sweep = options.command == CliCommand::Sweep;

    // Split "--key=value" and "--key value"; flags take no separate value.
    struct Option
    {
        std::string name, value;
        bool hasValue;
    };
    std::vector<Option> parsed;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "--help" || arg == "-h") {
            options.command = CliCommand::Help;
            return options;
        }
        if (sweep && arg.rfind("--", 0) != 0 && options.sweepFile.empty()) {
            options.sweepFile = arg; // normlab-cli sweep FILE.json
            continue;
        }
        if (arg.rfind("--", 0) != 0 || arg.size() == 2)
            throw InputError("unexpected argument '" + arg + "' (options start with --)");
        std::string name = arg.substr(2);
        const size_t equals = name.find('=');
        if (equals != std::string::npos) {
            parsed.push_back({name.substr(0, equals), name.substr(equals + 1), true});
            continue;
        }
        const ConfigKeyInfo *key = findConfigKey(name);
        const bool isFlag = (key && key->isFlag) || name == "quiet" || name == "no-compare";
        if (isFlag) {
            parsed.push_back({name, "true", false});
            continue;
        }
        if (i + 1 >= args.size())
            throw InputError("--" + name + " needs a value");
        parsed.push_back({name, args[++i], true});
    }

    for (const Option &option : parsed) {
        if (option.name == "config" && sweep)
            throw InputError("--config: a sweep takes its configuration from the sweep file's "
                             "\"base\"; options on the command line override it");
        if (option.name == "config") {
            options.configFile = option.value;
            options.config = loadConfigFile(option.value, options.config);
        }
    }
    for (const Option &option : parsed) {
        const std::string &name = option.name;
        if (name == "config")
            continue;
        if (name == "results")
            options.resultsPath = option.value;
        else if (name == "history")
            options.historyPath = option.value;
        else if (name == "stats" && options.command == CliCommand::Train)
            options.statsPath = option.value;
        else if (name == "confusion" && options.command == CliCommand::Train)
            options.confusionPath = option.value;
        else if (name == "quiet")
            options.quiet = option.value != "false";
        else if (name == "no-compare")
            options.compareAllocator = option.value == "false";
        else if (name == "repeats" && options.command == CliCommand::Bench)
            options.repeats = static_cast<int>(parseCount(name, option.value, 1));
        else if (name == "images" && options.command == CliCommand::Bench)
            options.benchImages = parseCount(name, option.value, 1);
        else if (name == "summary" && options.command != CliCommand::Bench)
            options.summaryPath = option.value;
        else if (name == "repeats" && sweep)
            options.sweepRepeats = static_cast<int>(parseCount(name, option.value, 1));
        else if (name == "preset" && sweep)
            options.preset = option.value;
        else if (name == "baseline" && sweep)
            options.baseline = option.value;
        else if (findConfigKey(name)) {
            setConfigValue(options.config, name, option.value);
            options.configOverrides.push_back({name, option.value});
        } else
            throw InputError("unknown option --" + name + " (see normlab-cli --help)");
    }
    if (options.config.folds >= 2 && options.config.fold == 0 &&
        (!options.statsPath.empty() || !options.confusionPath.empty()))
        throw InputError("--stats and --confusion describe one run; with --folds " +
                         std::to_string(options.config.folds) +
                         " train without them, or one fold at a time with --fold I");
    if (sweep && options.sweepFile.empty() == options.preset.empty())
        throw InputError("sweep needs a sweep file or --preset NAME (one of the two)");
    return options;
}

std::string cliHelp()
{
    std::ostringstream out;
    out << "NormLab command line: normalization and regularization experiments on a small CNN.\n"
           "\n"
           "Usage:\n"
           "  normlab-cli train [options]   train one experiment, print its result row\n"
           "  normlab-cli sweep FILE.json [options]\n"
           "  normlab-cli sweep --preset NAME [options]\n"
           "                                run a sweep (grid x repeats) one run after another,\n"
           "                                then print the grouped table and Welch's t-tests\n"
           "  normlab-cli bench [options]   training throughput: bare step vs whole epochs\n"
           "  normlab-cli --help            this text\n"
           "\n"
           "Experiment options (also the keys of --config FILE.json, without the dashes):\n";
    for (const auto &key : configKeys()) {
        std::string left = "  --" + key.name + (key.valueName.empty() ? "" : " " + key.valueName);
        if (left.size() < 34)
            left.resize(34, ' ');
        else
            left += "\n" + std::string(34, ' ');
        out << left << key.help << "\n";
    }
    out << "\n"
           "train options:\n"
           "  --config FILE.json                options as a JSON object, e.g.\n"
           "                                    {\"norm\": \"batch\", \"batch-size\": 64, "
           "\"augment\": true};\n"
           "                                    options on the command line override it\n"
           "  --results FILE.csv                append the result row (header when new)\n"
           "  --history FILE.csv                write one row per epoch\n"
           "  --stats FILE.csv                  write what the network did inside, one value a\n"
           "                                    row: series,step,epoch,layer,value; series\n"
           "                                    pre-mean, pre-std, post-mean, post-std (each\n"
           "                                    conv block before/after its normalization, on a\n"
           "                                    fixed probe batch every --stats-every steps),\n"
           "                                    grad-norm (every step and layer), loss-gap\n"
           "                                    (validation - training loss, per epoch)\n"
           "  --confusion FILE.csv              write the test confusion matrix of the best\n"
           "                                    weights (rows: true class, columns: predicted)\n"
           "                                    --stats and --confusion describe one run: with\n"
           "                                    --folds K, only when --fold I picks the fold\n"
           "  --quiet                           no per-epoch progress on stderr\n"
           "  --folds K                         k-fold cross-validation: one run per fold, then\n"
           "                                    mean ± std over the folds\n"
           "  --summary FILE.csv                with --folds: write the mean/std/CI row\n"
           "\n"
           "sweep options (experiment options override the file's base and runs):\n"
           "  FILE.json                         {\"base\": {...}, \"grid\": {\"norm\": [\"none\", "
           "\"batch\"]},\n"
           "                                    \"repeats\": N}; see docs/experiments.md\n"
           "  --preset NAME                     a shipped preset (lecture-normalization,\n"
           "                                    lecture-regularization, batch-size-study,\n"
           "                                    double-descent) or a sweep file's path\n"
           "  --repeats N                       seeds per configuration (seed, seed+1, ...)\n"
           "  --results FILE.csv                append one row per run\n"
           "  --history FILE.csv                one row per epoch, with a first column `run`\n"
           "  --summary FILE.csv                the grouped table: mean, std, 95% CI per metric,\n"
           "                                    Welch's p-value against the baseline\n"
           "  --baseline NAME                   group to test against (default: the first)\n"
           "  A preset whose data folder is missing runs on the built-in synthetic data; its\n"
           "  run names then end in \" (built-in data)\". Pass --data PATH to use yours.\n"
           "\n"
           "bench options (with --arch, --norm, --augment, --batch-size, --threads, ...):\n"
           "  --repeats N                       timed repetitions, median reported (default 5)\n"
           "  --images N                        training images per timed epoch (default 4096)\n"
           "  --no-compare                      skip the run with glibc's default malloc\n"
           "\n"
           "Exit status: 0 when the run finished, stopped early or diverged (a result);\n"
           "1 when it (or any run of a sweep) failed; 2 for bad input (the message names the\n"
           "file or value);\n"
           "130 when interrupted (Ctrl-C keeps the epochs done).\n";
    return out.str();
}

} // namespace normlab
