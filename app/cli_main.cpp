// normlab-cli: runs one experiment, a sweep or a benchmark headless and exits.

#include "core/CliCommands.h"
#include "core/Engine.h"

int main(int argc, char **argv)
{
    normlab::tuneAllocator();
    return normlab::runCli({argv + 1, argv + argc});
}
