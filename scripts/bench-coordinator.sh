#!/usr/bin/env bash
# What one sweep coordinator sustains: `normlab-cli sweep --listen 127.0.0.1:0` with many
# `normlab-cli worker --connect` processes (32 by default) training tiny runs on this machine.
# The workers share the cores, so the runs per second printed here are bounded by the workers'
# CPU, not by the coordinator; what carries over to a real cluster is the coordinator's own CPU
# time (its TCPStore server thread included) per run, per progress message and per worker-second.
# For each worker count it prints the wall time, runs and progress messages handed out or
# received per second, and the coordinator's CPU time and share of one core; a benchmark that
# prints figures, not a test (docs/distributed.md, "How far one coordinator goes").
#
# With --simulated, the workers are threads of one process instead (core_tests'
# DistributedCoordinator.DISABLED_Throughput: the real worker loop, store and publishing, with
# training replaced by a run that reports at once), so the coordinator, not the workers'
# training, is what is busy: runs and messages per second then approach what it sustains.
#
#   scripts/bench-coordinator.sh [--workers "8 32"] [--runs N] [--epochs N] [--limit N] [--cli PATH]
#   scripts/bench-coordinator.sh --simulated [--workers "8 32"] [--runs N] [--tests PATH]
#
# Defaults: 8 and 32 workers, 128 runs of 2 epochs on 100 built-in images, build/app/normlab-cli;
# simulated: 2000 runs, build/tests/core_tests.
set -euo pipefail

worker_counts="8 32"
runs=
simulated=0
epochs=2
limit=100
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/app/normlab-cli"
tests="$here/build/tests/core_tests"
while [[ $# -gt 0 ]]; do
    case "$1" in
    --workers) worker_counts=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --tests) tests=$2; shift 2 ;;
    --simulated) simulated=1; shift ;;
    *) echo "bench-coordinator.sh: unknown option '$1' (--workers \"N ...\", --runs N, --epochs N, --limit N, --cli PATH, --simulated, --tests PATH)" >&2; exit 2 ;;
    esac
done
if [[ -z $runs ]]; then
    runs=$( ((simulated)) && echo 2000 || echo 128)
fi
for number in $worker_counts "$runs" "$epochs" "$limit"; do
    if ! [[ $number =~ ^[0-9]+$ ]] || ((number < 1)); then
        echo "bench-coordinator.sh: '$number' is not a positive whole number" >&2
        exit 2
    fi
done
if ((simulated)); then
    if [[ ! -x $tests ]]; then
        echo "bench-coordinator.sh: $tests is not an executable (build the core_tests target)" >&2
        exit 2
    fi
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    for count in $worker_counts; do
        NORMLAB_BENCH_WORKERS=$count NORMLAB_BENCH_RUNS=$runs "$tests" --gtest_also_run_disabled_tests \
            --gtest_filter='DistributedCoordinator.DISABLED_Throughput' |
            grep -v '^\[\|^Running main\|^Note: \|^$'
    done
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
fi
if [[ ! -x $cli ]]; then
    echo "bench-coordinator.sh: $cli is not an executable (build the normlab-cli target)" >&2
    exit 2
fi

work=$(mktemp -d)
workers=()
coordinator=
cleanup() {
    [[ -n $coordinator ]] && kill "$coordinator" 2>/dev/null || true
    for pid in "${workers[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# `runs` runs: the seeds of one tiny configuration.
cat >"$work/sweep.json" <<EOF
{"name": "coordinator benchmark", "repeats": $runs,
 "base": {"limit": $limit, "epochs": $epochs, "threads": 1}}
EOF

# Seconds of CPU (user + system) a process has used so far, from /proc (it must still exist).
cpu_seconds() {
    awk -v ticks="$(getconf CLK_TCK)" '{ print ($14 + $15) / ticks }' "/proc/$1/stat"
}

# One sweep with `count` workers; prints a line of figures.
bench() {
    local count=$1 log="$work/coordinator-$1.log" address token start end base cpu
    : >"$log"
    "$cli" sweep "$work/sweep.json" --listen 127.0.0.1:0 --quiet --results "$work/results-$count.csv" \
        >/dev/null 2>"$log" &
    coordinator=$!
    for _ in $(seq 300); do
        grep -q 'worker --connect' "$log" && break
        sleep 0.1
    done
    read -r address token < <(sed -n 's/.*worker --connect \([^ ]*\) --token \([^ ]*\).*/\1 \2/p' "$log")
    if [[ -z ${address:-} ]]; then
        echo "bench-coordinator.sh: the coordinator did not start listening:" >&2
        cat "$log" >&2
        exit 1
    fi
    start=$(date +%s.%N)
    base=$(cpu_seconds "$coordinator") # start-up (loading LibTorch, the queue) is not counted
    workers=()
    for _ in $(seq "$count"); do
        OMP_NUM_THREADS=1 "$cli" worker --connect "$address" --token "$token" --threads 1 \
            >/dev/null 2>&1 &
        workers+=($!)
    done
    # Sample the coordinator's CPU until it exits (the last sample misses at most 0.2 s of it).
    cpu=0
    while kill -0 "$coordinator" 2>/dev/null; do
        cpu=$(cpu_seconds "$coordinator" 2>/dev/null || echo "$cpu")
        sleep 0.2
    done
    end=$(date +%s.%N)
    if ! wait "$coordinator"; then
        echo "bench-coordinator.sh: the sweep with $count workers failed:" >&2
        tail -20 "$log" >&2
        exit 1
    fi
    coordinator=
    for pid in "${workers[@]}"; do wait "$pid" 2>/dev/null || true; done
    workers=()
    local finished
    finished=$(($(wc -l <"$work/results-$count.csv") - 1))
    awk -v count="$count" -v runs="$finished" -v epochs="$epochs" -v start="$start" -v end="$end" \
        -v cpu="$(awk -v a="$cpu" -v b="$base" 'BEGIN { print a - b }')" 'BEGIN {
        # Its start, per epoch a series chunk (a tiny epoch is shorter than 0.2 s) and the epoch,
        # then the result.
        wall = end - start; messages = runs * (2 * epochs + 2)
        printf "  %3d workers: %4d runs in %6.1f s  %6.1f runs/s  %6.1f messages/s  coordinator %5.2f s CPU (%4.1f%% of a core, %5.1f ms per run)\n",
            count, runs, wall, runs / wall, messages / wall, cpu, 100 * cpu / wall, 1000 * cpu / runs
    }'
}

echo "$runs runs of $epochs epochs on $limit built-in images, 1 thread each, $(nproc) cores," \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for count in $worker_counts; do
    bench "$count"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
