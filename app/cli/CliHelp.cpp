// The text of `normlab-cli --help` (CliOptions.h): the commands, every configuration key, and
// each command's own options.

#include "cli/CliOptions.h"

#include "cli/ModelFilesHelp.h"

#include "normlab/ConfigJson.h"

#include <sstream>

namespace normlab {
namespace {

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
    "  normlab-cli worker --connect HOST:PORT [--token T] [options]\n"
    "                                train the runs of a sweep started elsewhere with\n"
    "                                --listen, until it is over (docs/distributed.md)\n"
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
    "  --batch-losses FILE.csv           write every training step's loss\n"
    "  --world N                         one run on N processes (data-parallel, Gloo):\n"
    "                                    each trains 1/N of every batch, gradients are\n"
    "                                    averaged (docs/distributed.md)\n"
    "  --rank R --master HOST:PORT       start rank R of --world N by hand (rank 0 on\n"
    "                                    HOST hosts the rendezvous; other machines)\n"
    "  --sync-bn                         with --world: BatchNorm statistics over every\n"
    "                                    rank's rows (default: each rank's own)\n"
    "  --connect-timeout S               with --rank: how long to try to reach --master\n"
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
    "  --jobs N                          train N runs at once, each in a worker process\n"
    "                                    of its own with cores/N threads (runs that set\n"
    "                                    --threads keep theirs); default 1: one run after\n"
    "                                    another in this process\n"
    "  --listen HOST:PORT                also hand runs to workers on other machines\n"
    "                                    (normlab-cli worker --connect ...; the command\n"
    "                                    is printed); port 0: any free one. A HOST other\n"
    "                                    than 127.0.0.1 needs --token\n"
    "  --token T                         the sweep's shared secret, 16 or more letters,\n"
    "                                    digits, - or _ (default: $NORMLAB_TOKEN, else a\n"
    "                                    random one); workers without it see nothing\n"
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

const char *const kWorkerOptions =
    "worker options:\n"
    "  --connect HOST:PORT               the coordinator (sweep --listen) to train for\n"
    "  --token T                         the sweep's token (default: $NORMLAB_TOKEN)\n"
    "  --threads N                       threads for runs that leave --threads at 0\n"
    "                                    (all cores); a run's own setting wins\n"
    "  --connect-timeout S               how long to try to reach the coordinator\n"
    "                                    (default 10 s)\n"
    "  --keep-files DIR                  also write each run's checkpoint (every epoch)\n"
    "                                    and model file to DIR as run-<index>.normlab-\n"
    "                                    checkpoint / .normlab-model (the window does)\n"
    "  --quiet                           print errors only\n"
    "  A worker runs only NormLab training from the sweep's configurations; data paths\n"
    "  are resolved on the worker's machine. Exit status 0 when the sweep is over, 2\n"
    "  when the coordinator cannot be reached or the token is wrong.\n"
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

std::string cliHelp()
{
    return kUsage + experimentOptionsHelp() + kTrainOptions + cli::modelOptionsHelp() +
           kSweepOptions + kBenchOptions + kGetOptions + kWorkerOptions + kExitStatus;
}

} // namespace normlab
