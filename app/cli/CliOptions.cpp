#include "cli/CliOptions.h"

#include "normlab/ConfigJson.h"
#include "normlab/Errors.h"

#include <sstream>

namespace normlab {
namespace {

// One option as written: "--name value", "--name=value", or a flag ("--name", value "true").
struct WrittenOption
{
    std::string name, value;
};

// The arguments after the command word, before any of them is interpreted.
struct SplitArguments
{
    std::vector<WrittenOption> options;
    std::string sweepFile; // sweep's first argument that is not an option
    bool help = false;     // --help or -h stood among the options
};

// The commands an option of normlab-cli's own applies to, as bits.
enum CommandMask : unsigned
{
    kTrain = 1u << 0,
    kSweep = 1u << 1,
    kBench = 1u << 2,
    kGet = 1u << 3,
    kAnyCommand = kTrain | kSweep | kBench,
};

// An option that is not a configuration key: for which commands, and what it sets.
struct CommandOption
{
    const char *name;
    unsigned commands;
    void (*apply)(CliOptions &options, const WrittenOption &option);
};

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

int parsePositiveInt(const WrittenOption &option)
{
    return static_cast<int>(parseCount(option.name, option.value, 1));
}

unsigned commandBit(CliCommand command)
{
    switch (command) {
    case CliCommand::Train:
        return kTrain;
    case CliCommand::Sweep:
        return kSweep;
    case CliCommand::Bench:
        return kBench;
    case CliCommand::Get:
        return kGet;
    case CliCommand::Help:
        break;
    }
    return 0;
}

// normlab-cli's own options (the others are configuration keys), with the commands that take
// them. --repeats has two rows: seeds per configuration (sweep), timed repetitions (bench).
const std::vector<CommandOption> &commandOptions()
{
    using O = CliOptions;
    using W = WrittenOption;
    static const std::vector<CommandOption> kOptions = {
        {"results", kAnyCommand, [](O &o, const W &w) { o.resultsPath = w.value; }},
        {"history", kAnyCommand, [](O &o, const W &w) { o.historyPath = w.value; }},
        {"stats", kTrain, [](O &o, const W &w) { o.statsPath = w.value; }},
        {"confusion", kTrain, [](O &o, const W &w) { o.confusionPath = w.value; }},
        {"quiet", kAnyCommand, [](O &o, const W &w) { o.quiet = w.value != "false"; }},
        {"no-compare", kAnyCommand,
         [](O &o, const W &w) { o.compareAllocator = w.value == "false"; }},
        {"repeats", kBench, [](O &o, const W &w) { o.repeats = parsePositiveInt(w); }},
        {"images", kBench,
         [](O &o, const W &w) { o.benchImages = parseCount(w.name, w.value, 1); }},
        {"summary", kTrain | kSweep, [](O &o, const W &w) { o.summaryPath = w.value; }},
        {"repeats", kSweep, [](O &o, const W &w) { o.sweepRepeats = parsePositiveInt(w); }},
        {"preset", kSweep, [](O &o, const W &w) { o.preset = w.value; }},
        {"baseline", kSweep, [](O &o, const W &w) { o.baseline = w.value; }},
        {"dir", kGet, [](O &o, const W &w) { o.getDir = w.value; }},
        {"url", kGet, [](O &o, const W &w) { o.getUrl = w.value; }},
        {"md5", kGet, [](O &o, const W &w) { o.getMd5 = w.value; }},
    };
    return kOptions;
}

const CommandOption *findCommandOption(const std::string &name, CliCommand command)
{
    for (const auto &option : commandOptions())
        if (name == option.name && (option.commands & commandBit(command)))
            return &option;
    return nullptr;
}

bool isHelpWord(const std::string &arg)
{
    return arg == "--help" || arg == "-h";
}

bool startsWithDashes(const std::string &arg)
{
    return arg.rfind("--", 0) == 0;
}

bool isFlag(const std::string &name)
{
    const ConfigKeyInfo *key = findConfigKey(name);
    return (key && key->isFlag) || name == "quiet" || name == "no-compare";
}

CliCommand parseCommand(const std::string &word)
{
    if (word == "train")
        return CliCommand::Train;
    if (word == "bench")
        return CliCommand::Bench;
    if (word == "sweep")
        return CliCommand::Sweep;
    if (word == "get")
        return CliCommand::Get;
    throw InputError("unknown command '" + word + "' (expected train, sweep, bench or get)");
}

// Splits "--key=value" and "--key value"; flags take no separate value. Stops at --help.
SplitArguments splitArguments(const std::vector<std::string> &args, bool sweep)
{
    SplitArguments split;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (isHelpWord(arg)) {
            split.help = true;
            return split;
        }
        if (sweep && !startsWithDashes(arg) && split.sweepFile.empty()) {
            split.sweepFile = arg; // normlab-cli sweep FILE.json
            continue;
        }
        if (!startsWithDashes(arg) || arg.size() == 2)
            throw InputError("unexpected argument '" + arg + "' (options start with --)");
        const std::string name = arg.substr(2);
        const size_t equals = name.find('=');
        if (equals != std::string::npos)
            split.options.push_back({name.substr(0, equals), name.substr(equals + 1)});
        else if (isFlag(name))
            split.options.push_back({name, "true"});
        else if (i + 1 < args.size())
            split.options.push_back({name, args[++i]});
        else
            throw InputError("--" + name + " needs a value");
    }
    return split;
}

// --config first, wherever it stands, so that the other options override the file.
void applyConfigFiles(const std::vector<WrittenOption> &written, CliOptions &options)
{
    for (const WrittenOption &option : written) {
        if (option.name != "config")
            continue;
        if (options.command == CliCommand::Sweep)
            throw InputError("--config: a sweep takes its configuration from the sweep file's "
                             "\"base\"; options on the command line override it");
        options.configFile = option.value;
        options.config = loadConfigFile(option.value, options.config);
    }
}

void applyOption(const WrittenOption &option, CliOptions &options)
{
    if (const CommandOption *own = findCommandOption(option.name, options.command)) {
        own->apply(options, option);
    } else if (findConfigKey(option.name) && options.command != CliCommand::Get) {
        setConfigValue(options.config, option.name, option.value);
        options.configOverrides.push_back({option.name, option.value});
    } else {
        throw InputError("unknown option --" + option.name + " (see normlab-cli --help)");
    }
}

// What each option accepts on its own but not together with others.
void checkCombinations(const CliOptions &options)
{
    if (options.config.folds >= 2 && options.config.fold == 0 &&
        (!options.statsPath.empty() || !options.confusionPath.empty()))
        throw InputError("--stats and --confusion describe one run; with --folds " +
                         std::to_string(options.config.folds) +
                         " train without them, or one fold at a time with --fold I");
    if (options.command == CliCommand::Sweep && options.sweepFile.empty() == options.preset.empty())
        throw InputError("sweep needs a sweep file or --preset NAME (one of the two)");
    if (options.command == CliCommand::Get && options.getDataset != "cifar10")
        throw InputError(options.getDataset.empty()
                             ? "get needs the dataset: normlab-cli get cifar10"
                             : "get: unknown dataset '" + options.getDataset +
                                   "' (NormLab downloads cifar10)");
}

const char *const kUsage =
    "NormLab command line: normalization and regularization experiments on a small CNN.\n"
    "\n"
    "Usage:\n"
    "  normlab-cli train [options]   train one experiment, print its result row\n"
    "  normlab-cli sweep FILE.json [options]\n"
    "  normlab-cli sweep --preset NAME [options]\n"
    "                                run a sweep (grid x repeats) one run after another,\n"
    "                                then print the grouped table and Welch's t-tests\n"
    "  normlab-cli bench [options]   training throughput: bare step vs whole epochs\n"
    "  normlab-cli get cifar10 [--dir DIR] [--url URL] [--md5 SUM]\n"
    "                                download CIFAR-10 (binary version) into your data\n"
    "                                folder; train --dataset cifar10 then finds it\n"
    "  normlab-cli --help            this text\n"
    "\n";

const char *const kTrainOptions =
    "train options:\n"
    "  --config FILE.json                options as a JSON object, e.g.\n"
    "                                    {\"norm\": \"batch\", \"batch-size\": 64, "
    "\"augment\": true};\n"
    "                                    options on the command line override it\n"
    "  --results FILE.csv                append the result row (header when new)\n"
    "  --history FILE.csv                write one row per epoch, as each finishes\n"
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
    "\n";

const char *const kSweepOptions =
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
    "\n";

const char *const kBenchOptions =
    "bench options (with --arch, --norm, --augment, --batch-size, --threads, ...):\n"
    "  --repeats N                       timed repetitions, median reported (default 5)\n"
    "  --images N                        training images per timed epoch (default 4096)\n"
    "  --no-compare                      skip the run with glibc's default malloc\n"
    "\n";

const char *const kGetOptions =
    "get cifar10 options:\n"
    "  --dir DIR                         the folder that will hold data_batch_1.bin ...\n"
    "                                    (default: ~/.local/share/normlab/\n"
    "                                    cifar-10-batches-bin, under $XDG_DATA_HOME)\n"
    "  --url URL                         where to download cifar-10-binary.tar.gz from\n"
    "                                    (default: the dataset's page at the University\n"
    "                                    of Toronto)\n"
    "  --md5 SUM                         the archive's MD5 (default: the published one)\n"
    "  An interrupted download (Ctrl-C, a lost connection) resumes where it stopped\n"
    "  when run again: the bytes so far stay in DIR/../cifar-10-binary.tar.gz.part.\n"
    "\n";

const char *const kExitStatus =
    "Exit status: 0 when the run finished, stopped early or diverged (a result);\n"
    "1 when it (or any run of a sweep) failed; 2 for bad input (the message names the\n"
    "file or value);\n"
    "130 when interrupted (Ctrl-C keeps the epochs done).\n";

// The configuration keys, one per line; the help column starts at kHelpColumn.
std::string experimentOptionsHelp()
{
    constexpr size_t kHelpColumn = 34;
    std::ostringstream out;
    out << "Experiment options (also the keys of --config FILE.json, without the dashes):\n";
    for (const auto &key : configKeys()) {
        std::string left = "  --" + key.name + (key.valueName.empty() ? "" : " " + key.valueName);
        if (left.size() < kHelpColumn)
            left.resize(kHelpColumn, ' ');
        else
            left += "\n" + std::string(kHelpColumn, ' ');
        out << left << key.help << "\n";
    }
    out << "\n";
    return out.str();
}

} // namespace

CliOptions parseCli(const std::vector<std::string> &args)
{
    CliOptions options;
    if (args.empty() || args[0] == "help" || isHelpWord(args[0]))
        return options;
    options.command = parseCommand(args[0]);
    const bool positional =
        options.command == CliCommand::Sweep || options.command == CliCommand::Get;
    const SplitArguments split = splitArguments(args, positional);
    (options.command == CliCommand::Get ? options.getDataset : options.sweepFile) = split.sweepFile;
    if (split.help) {
        options.command = CliCommand::Help;
        return options;
    }
    applyConfigFiles(split.options, options);
    for (const WrittenOption &option : split.options)
        if (option.name != "config")
            applyOption(option, options);
    checkCombinations(options);
    return options;
}

std::string cliHelp()
{
    return kUsage + experimentOptionsHelp() + kTrainOptions + kSweepOptions + kBenchOptions +
           kGetOptions + kExitStatus;
}

} // namespace normlab
