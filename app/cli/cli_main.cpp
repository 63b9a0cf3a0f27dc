// normlab-cli: runs one experiment, a sweep or a benchmark headless and exits.

#include "cli/CliCommands.h"
#include "normlab/Engine.h"

int main(int argc, char **argv)
{
    normlab::tuneAllocator();
    return normlab::runCli({argv + 1, argv + argc});
}
