// normlab-cli's entry: parse the command line, then hand over to the command (Commands.h).

#include "cli/CliCommands.h"

#include "cli/CliOptions.h"
#include "cli/Commands.h"
#include "cli/ConsoleOutput.h"
#include "cli/ExitStatus.h"

#include "normlab/Errors.h"

#include <iostream>

namespace normlab {

int runCli(const std::vector<std::string> &args)
{
    CliOptions options;
    try {
        options = parseCli(args);
    } catch (const InputError &error) {
        cli::printError(error.what());
        return cli::kExitBadInput;
    }
    switch (options.command) {
    case CliCommand::Help:
        std::cout << cliHelp();
        return args.empty() ? cli::kExitBadInput : cli::kExitOk;
    case CliCommand::Train:
        cli::useDownloadedData(options);
        return cli::train(options);
    case CliCommand::Sweep:
        return cli::sweep(options);
    case CliCommand::Bench:
        return cli::bench(options, args);
    case CliCommand::Get:
        return cli::get(options);
    case CliCommand::Worker:
        return cli::worker(options);
    case CliCommand::Predict:
        return cli::predict(options);
    }
    return cli::kExitFailed;
}

} // namespace normlab
