#!/usr/bin/env bash
# Memory over a long sweep: runs `normlab-cli sweep` over many tiny runs (built-in data, a few
# hundred images, 1 epoch) and samples the child's resident memory (VmRSS in /proc/PID/status)
# while it works. Prints the RSS after the warm-up run and after the last run, and the growth
# between them. A benchmark that prints figures, not a test: the issue's bar is growth < 10%.
#
#   scripts/bench-long-sweep.sh [--runs N] [--warmup N] [--cli PATH]
#
# Defaults: 200 runs, warm-up 10 runs, build/app/normlab-cli.
set -euo pipefail

runs=200
warmup=10
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/app/normlab-cli"
while [[ $# -gt 0 ]]; do
    case "$1" in
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    *) echo "bench-long-sweep.sh: unknown option '$1' (--runs N, --warmup N, --cli PATH)" >&2; exit 2 ;;
    esac
done
if ! [[ $runs =~ ^[0-9]+$ && $warmup =~ ^[0-9]+$ ]] || ((runs < 4 || runs % 4 != 0)) ||
    ((warmup < 1 || warmup >= runs)); then
    echo "bench-long-sweep.sh: --runs must be a multiple of 4 (at least 4) and --warmup in [1, runs)" >&2
    exit 2
fi
if [[ ! -x $cli ]]; then
    echo "bench-long-sweep.sh: $cli is not an executable (build the normlab-cli target)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Four normalizations x runs/4 seeds: every run builds a different model, as a real sweep does.
cat >"$work/sweep.json" <<EOF
{"name": "long session", "repeats": $((runs / 4)),
 "base": {"limit": 300, "epochs": 1, "batch-size": 32, "threads": 1},
 "grid": {"norm": ["none", "batch", "group", "layer"]}}
EOF

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }
rows_done() { # results rows written so far (the file has a header line once a run finished)
    local lines
    lines=$( (wc -l <"$work/results.csv") 2>/dev/null || echo 0)
    echo $((lines > 0 ? lines - 1 : 0))
}

start=$(date +%s.%N)
"$cli" sweep "$work/sweep.json" --results "$work/results.csv" --quiet >"$work/stdout" 2>"$work/stderr" &
pid=$!
warm_rss="" last_rss="" last_rows=0 peak="" next_mark=$warmup
step=$((runs / 10)) # a line every tenth of the sweep shows whether memory climbs or levels off
while kill -0 "$pid" 2>/dev/null; do
    rss=$(rss_kib "$pid")
    rows=$(rows_done)
    if [[ -n $rss ]]; then
        last_rss=$rss last_rows=$rows
        hwm=$(hwm_kib "$pid") # empty once the process is a zombie: keep the last reading
        [[ -n $hwm ]] && peak=$hwm
        [[ -z $warm_rss && $rows -ge $warmup ]] && warm_rss=$rss
        if ((rows >= next_mark)); then
            printf '  after run %-4d RSS %8.1f MiB\n' "$rows" "$(echo "$rss / 1024" | bc -l)"
            next_mark=$(((rows / step + 1) * step))
        fi
    fi
    sleep 0.1
done
status=0
wait "$pid" || status=$?
seconds=$(echo "$(date +%s.%N) - $start" | bc)
if ((status != 0)); then
    echo "bench-long-sweep.sh: normlab-cli sweep exited with $status:" >&2
    tail -5 "$work/stderr" >&2
    exit 1
fi
if [[ -z $warm_rss ]]; then
    echo "bench-long-sweep.sh: the sweep ended before $warmup runs were sampled" >&2
    exit 1
fi
growth=$(echo "scale=1; 100 * ($last_rss - $warm_rss) / $warm_rss" | bc)
printf 'normlab-cli sweep, %d tiny runs (built-in data, 300 images, 1 epoch) in %.0f s\n' \
    "$(rows_done)" "$seconds"
printf '  RSS after run %-4d %8.1f MiB\n' "$warmup" "$(echo "$warm_rss / 1024" | bc -l)"
printf '  RSS after run %-4d %8.1f MiB  (last sample while running)\n' "$last_rows" \
    "$(echo "$last_rss / 1024" | bc -l)"
printf '  growth            %8s %%   (the issue asks for < 10%%)\n' "$growth"
printf '  peak RSS (VmHWM)  %8.1f MiB\n' "$(echo "$peak / 1024" | bc -l)"
