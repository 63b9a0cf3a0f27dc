// glibc returns every freed block above the mmap threshold to the OS (munmap) and trims the heap
// top above the trim threshold. A training step allocates and frees megabyte-sized activation
// buffers hundreds of times a second, so with the defaults each one is a fresh mmap, page faults
// and zeroing included: throughput halves. Raising both thresholds keeps the buffers in the heap.

#include "normlab/Engine.h"

#include <cstdlib>
#include <cstring>
#include <malloc.h>

namespace normlab {
namespace {
// Largest value glibc accepts for M_MMAP_THRESHOLD on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX).
constexpr int kMmapThreshold = 32 * 1024 * 1024;
// Keep up to 1 GiB of freed heap before giving memory back to the OS.
constexpr int kTrimThreshold = 1024 * 1024 * 1024;

bool tuned = false;
} // namespace

void tuneAllocator()
{
    const char *choice = std::getenv("NORMLAB_MALLOC");
    if (choice && std::strcmp(choice, "default") == 0)
        return;
    tuned = mallopt(M_MMAP_THRESHOLD, kMmapThreshold) == 1 &&
            mallopt(M_TRIM_THRESHOLD, kTrimThreshold) == 1;
}

bool allocatorTuned()
{
    return tuned;
}

} // namespace normlab
