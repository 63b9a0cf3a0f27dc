#!/usr/bin/env bash
# Sweep throughput with runs in parallel worker processes: the same 12-run sweep (4
# normalizations x 3 seeds, the default GAP CNN on the built-in data) once with
# `--jobs 1 --threads 2` (one run after another, each on two threads) and once with
# `--jobs 2 --threads 1` (two runs at once in worker processes, one thread each). Prints both
# wall times, the speed-up, the load average around each, and whether the two sweeps' results
# agree with a third, `--jobs 1 --threads 1` (same thread count as the workers: the values must
# be equal run for run). A benchmark that prints figures, not a test (docs/distributed.md).
#
#   scripts/bench-parallel-sweep.sh [--limit N] [--epochs N] [--cli PATH] [--no-check]
#
# Defaults: 4000 training images, 2 epochs, build/app/normlab-cli.
set -euo pipefail

limit=4000
epochs=2
check=1
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/app/normlab-cli"
while [[ $# -gt 0 ]]; do
    case "$1" in
    --limit) limit=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --no-check) check=0; shift ;;
    *) echo "bench-parallel-sweep.sh: unknown option '$1' (--limit N, --epochs N, --cli PATH, --no-check)" >&2; exit 2 ;;
    esac
done
if ! [[ $limit =~ ^[0-9]+$ && $epochs =~ ^[0-9]+$ ]] || ((limit < 100 || epochs < 1)); then
    echo "bench-parallel-sweep.sh: --limit must be at least 100 and --epochs at least 1" >&2
    exit 2
fi
if [[ ! -x $cli ]]; then
    echo "bench-parallel-sweep.sh: $cli is not an executable (build the normlab-cli target)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/sweep.json" <<EOF
{"name": "parallel sweep benchmark", "repeats": 3,
 "base": {"limit": $limit, "epochs": $epochs},
 "grid": {"norm": ["none", "batch", "group", "layer"]}}
EOF

load() { cut -d' ' -f1 /proc/loadavg; }

# Runs the sweep with the given options; prints "SECONDS LOAD_BEFORE LOAD_AFTER CPU_SECONDS"
# (CPU: user + system of the sweep and its workers; on a shared machine the wall time also
# counts time the other jobs took the cores, the CPU time does not).
timed_sweep() {
    local name=$1
    shift
    local before start end
    before=$(load)
    start=$(date +%s.%N)
    if ! /usr/bin/time -o "$work/$name.cpu" -f '%U %S' \
        "$cli" sweep "$work/sweep.json" --quiet --results "$work/$name.csv" "$@" \
        >"$work/$name.out" 2>&1; then
        echo "bench-parallel-sweep.sh: the sweep with $* failed:" >&2
        tail -20 "$work/$name.out" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    echo "$(awk -v end="$end" -v start="$start" 'BEGIN { print end - start }') $before $(load)" \
        "$(awk '{ print $1 + $2 }' "$work/$name.cpu")"
}

# The results' values, the Seconds column (13th, wall time) blanked, sorted by run.
values() { awk -F, 'NR > 1 { $13 = ""; print }' OFS=, "$1" | sort; }

echo "12 runs (4 normalizations x 3 seeds), $limit built-in images, $epochs epochs, $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r serial serial_before serial_after serial_cpu < <(timed_sweep serial --jobs 1 --threads 2)
printf '  --jobs 1 --threads 2: %6.1f s, CPU %5.1f s   (load %s -> %s)\n' "$serial" "$serial_cpu" \
    "$serial_before" "$serial_after"
read -r parallel parallel_before parallel_after parallel_cpu < <(timed_sweep parallel --jobs 2 --threads 1)
printf '  --jobs 2 --threads 1: %6.1f s, CPU %5.1f s   (load %s -> %s)\n' "$parallel" "$parallel_cpu" \
    "$parallel_before" "$parallel_after"
printf '  speed-up: %.2fx\n' "$(awk -v a="$serial" -v b="$parallel" 'BEGIN { print a / b }')"

if ((check)); then
    read -r same _ _ same_cpu < <(timed_sweep same --jobs 1 --threads 1)
    if [[ "$(values "$work/same.csv")" == "$(values "$work/parallel.csv")" ]]; then
        verdict="equal run for run"
    else
        verdict="DIFFERENT"
    fi
    printf '  --jobs 1 --threads 1: %6.1f s, CPU %5.1f s; its results and --jobs 2 --threads 1'"'"'s: %s\n' \
        "$same" "$same_cpu" "$verdict"
    [[ $verdict != DIFFERENT ]] || exit 1
fi
