#include "cli/CliOptions.h"

#include "normlab/ConfigJson.h"
#include "normlab/Distributed.h"
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
    std::string sweepFile;           // sweep's first argument that is not an option
    std::vector<std::string> inputs; // predict's arguments that are not options
    bool help = false;               // --help or -h stood among the options
};

// The commands an option of normlab-cli's own applies to, as bits.
enum CommandMask : unsigned
{
    kTrain = 1u << 0,
    kSweep = 1u << 1,
    kBench = 1u << 2,
    kGet = 1u << 3,
    kPredict = 1u << 5,
    kWorker = 1u << 4,
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

double parseSeconds(const WrittenOption &option)
{
    try {
        size_t used = 0;
        const double value = std::stod(option.value, &used);
        if (used == option.value.size() && value > 0 && value <= 86400)
            return value;
    } catch (const std::exception &) {
    }
    throw InputError("--" + option.name + ": '" + option.value +
                     "' must be a number of seconds above 0");
}

// The address as given, once it parses (the commands parse it again where they use it).
std::string checkedHostPort(const WrittenOption &option)
{
    parseHostPort(option.value, option.name);
    return option.value;
}

// A token is the sweep's only protection (docs/distributed.md): long enough not to be guessed,
// and plain enough to pass through a shell and a store key.
std::string checkedToken(const WrittenOption &option)
{
    constexpr size_t kMinTokenLength = 16;
    const bool plain = option.value.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                      "0123456789-_") == std::string::npos;
    if (!plain || option.value.size() < kMinTokenLength)
        throw InputError("--token: must be at least 16 letters, digits, - or _ (e.g. the "
                         "output of `openssl rand -hex 16`)");
    return option.value;
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
    case CliCommand::Worker:
        return kWorker;
    case CliCommand::Predict:
        return kPredict;
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
        {"quiet", kAnyCommand | kWorker, [](O &o, const W &w) { o.quiet = w.value != "false"; }},
        {"no-compare", kAnyCommand,
         [](O &o, const W &w) { o.compareAllocator = w.value == "false"; }},
        {"repeats", kBench, [](O &o, const W &w) { o.repeats = parsePositiveInt(w); }},
        {"images", kBench,
         [](O &o, const W &w) { o.benchImages = parseCount(w.name, w.value, 1); }},
        {"summary", kTrain | kSweep, [](O &o, const W &w) { o.summaryPath = w.value; }},
        {"repeats", kSweep, [](O &o, const W &w) { o.sweepRepeats = parsePositiveInt(w); }},
        {"preset", kSweep, [](O &o, const W &w) { o.preset = w.value; }},
        {"baseline", kSweep, [](O &o, const W &w) { o.baseline = w.value; }},
        {"jobs", kSweep, [](O &o, const W &w) { o.jobs = parsePositiveInt(w); }},
        {"listen", kSweep, [](O &o, const W &w) { o.listen = checkedHostPort(w); }},
        {"token", kSweep | kWorker, [](O &o, const W &w) { o.token = checkedToken(w); }},
        {"connect", kWorker, [](O &o, const W &w) { o.connect = checkedHostPort(w); }},
        {"keep-files", kWorker, [](O &o, const W &w) { o.keepFilesDir = w.value; }},
        {"connect-timeout", kWorker | kTrain,
         [](O &o, const W &w) { o.connectTimeoutSeconds = parseSeconds(w); }},
        {"dir", kGet, [](O &o, const W &w) { o.getDir = w.value; }},
        {"url", kGet, [](O &o, const W &w) { o.getUrl = w.value; }},
        {"md5", kGet, [](O &o, const W &w) { o.getMd5 = w.value; }},
        {"save-model", kTrain, [](O &o, const W &w) { o.saveModelPath = w.value; }},
        {"checkpoint", kTrain, [](O &o, const W &w) { o.checkpointPath = w.value; }},
        {"resume", kTrain, [](O &o, const W &w) { o.resumePath = w.value; }},
        {"world", kTrain, [](O &o, const W &w) { o.world = parsePositiveInt(w); }},
        {"rank", kTrain,
         [](O &o, const W &w) { o.rank = static_cast<int>(parseCount(w.name, w.value, 0)); }},
        {"master", kTrain, [](O &o, const W &w) { o.master = checkedHostPort(w); }},
        {"batch-losses", kTrain, [](O &o, const W &w) { o.batchLossesPath = w.value; }},
        {"sync-bn", kTrain, [](O &o, const W &w) { o.syncBatchNorm = w.value != "false"; }},
        {"model", kPredict, [](O &o, const W &w) { o.modelPath = w.value; }},
        {"top", kPredict, [](O &o, const W &w) { o.top = parsePositiveInt(w); }},
        {"csv", kPredict, [](O &o, const W &w) { o.predictCsv = w.value; }},
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
    return (key && key->isFlag) || name == "quiet" || name == "no-compare" || name == "sync-bn";
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
    if (word == "worker")
        return CliCommand::Worker;
    if (word == "predict")
        return CliCommand::Predict;
    throw InputError("unknown command '" + word +
                     "' (expected train, sweep, bench, get, worker or predict)");
}

// Splits "--key=value" and "--key value"; flags take no separate value. Stops at --help.
SplitArguments splitArguments(const std::vector<std::string> &args, bool sweep, bool predict)
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
        if (predict && !startsWithDashes(arg)) {
            split.inputs.push_back(arg); // normlab-cli predict --model M IMAGE_OR_FOLDER...
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
        if (options.command == CliCommand::Worker)
            throw InputError("--config: a worker trains the configurations the coordinator "
                             "sends");
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
    } else if (options.command == CliCommand::Worker && option.name != "threads") {
        throw InputError(
            "worker: unknown option --" + option.name +
            " (a worker trains the coordinator's configurations; it takes "
            "--connect, --token, --threads, --keep-files, --connect-timeout and --quiet)");
    } else if (findConfigKey(option.name) && options.command != CliCommand::Get &&
               options.command != CliCommand::Predict) {
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
    if (options.command == CliCommand::Worker && options.connect.empty())
        throw InputError("worker needs --connect HOST:PORT: the address `normlab-cli sweep "
                         "--listen` printed");
    if (options.command == CliCommand::Get && options.getDataset != "cifar10")
        throw InputError(options.getDataset.empty()
                             ? "get needs the dataset: normlab-cli get cifar10"
                             : "get: unknown dataset '" + options.getDataset +
                                   "' (NormLab downloads cifar10)");
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
    const SplitArguments split =
        splitArguments(args, positional, options.command == CliCommand::Predict);
    options.predictions = split.inputs;
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

} // namespace normlab
