#!/usr/bin/env bash
# Builds NormLab with AddressSanitizer + UndefinedBehaviorSanitizer (NORMLAB_SANITIZE) in its own
# folder and runs the engine tests, the CLI end-to-end tests (their normlab-cli children are the
# sanitized build too) and GUI tests (the window trains, stops and queues runs, offscreen, also in
# worker processes).
# Any sanitizer report, from the test process or from any child it starts, fails the script.
#
# Usage: scripts/run-sanitizers.sh [BUILD_DIR]      (default: build-sanitize)
#   NORMLAB_CCACHE=1          compile through ccache (CI has none; it only helps reruns)
#   NORMLAB_SANITIZE_JOBS=N   parallel compile jobs (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD
build_dir=$(realpath -m "${1:-build-sanitize}")
jobs=${NORMLAB_SANITIZE_JOBS:-2}
supp_dir=$source_dir/scripts/sanitizers

# -O1 with line tables only (-g1): a third of the compile time of -O2 -g, and ASan still gives
# file:line stacks (frame pointers kept by the NORMLAB_SANITIZE options). Assertions stay on.
# Test discovery waits for ctest (PRE_TEST): running the tests at link time would do the work twice.
launcher=()
if [ "${NORMLAB_CCACHE:-0}" = 1 ]; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" -G Ninja -DNORMLAB_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST "${launcher[@]}" >/dev/null

# Only what runs below.
build_start=$SECONDS
ninja -C "$build_dir" -j"$jobs" core_tests normlab-cli cli_tests tst_training tst_parallel_runs
echo "run-sanitizers: built in $((SECONDS - build_start)) s"

# Every process writes its reports to $report_dir/report.PID instead of stderr, so a report from a
# child whose exit status a test does not look at still fails the run; exitcode 86 is one no
# NormLab program uses, so a test that expects exit status 1 or 2 cannot mistake a report for it.
report_dir=$(mktemp -d)
trap 'rm -rf "$report_dir"' EXIT
common="halt_on_error=1:exitcode=86:log_path=$report_dir/report"
export ASAN_OPTIONS="$common:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export LSAN_OPTIONS="suppressions=$supp_dir/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="$common:print_stacktrace=1:suppressions=$supp_dir/ubsan.supp"
export OMP_NUM_THREADS=2 QT_QPA_PLATFORM=offscreen

failed=()
run_tests() {
    local name=$1
    shift
    local start=$SECONDS
    echo "run-sanitizers: $name: $*"
    if (cd "$build_dir/tests" && "$@"); then
        echo "run-sanitizers: $name passed in $((SECONDS - start)) s"
    else
        echo "run-sanitizers: $name FAILED (exit status $?) after $((SECONDS - start)) s"
        failed+=("$name")
    fi
}
# Left out, to keep the pass within its CI budget (about 20 minutes cold on 2 cores): tests whose
# child is killed with SIGKILL (a killed process cannot report, and the parent only reads files),
# a benchmark, and the longest multi-process runs, whose code paths the remaining CLI, sweep,
# distributed and predict tests also take. `ctest --preset sanitize` runs them all.
engine_skipped="RecordingBenchmark.*"
cli_skipped="CliKilled.*:CliPredict.KillDuringCheckpointWritesLeavesALoadableCheckpoint"
cli_skipped+=":CliDistributed.AWorkerKilledMidRunHasItsRunRetried"
cli_skipped+=":CliDistributed.JobsTwoGiveTheSameResultsAsOneRunAfterAnother"
cli_skipped+=":CliPredict.ResumedRunHasTheUninterruptedHistory"
run_tests "engine tests" ./core_tests --gtest_filter="-$engine_skipped"
run_tests "CLI end-to-end tests" ./cli_tests --gtest_filter="-$cli_skipped"
run_tests "GUI smoke test" ./gui/tst_training
# Parallel runs: worker threads and processes beside the window, one killed, Stop and close.
run_tests "GUI parallel runs" ./gui/tst_parallel_runs aKilledWorkerCostsItsRunARetryNotTheWindow \
    stopAndClosingEndEveryWorker

shopt -s nullglob
reports=("$report_dir"/report.*)
for report in "${reports[@]}"; do
    echo "run-sanitizers: sanitizer report ${report##*/}:"
    cat "$report"
done
if [ ${#reports[@]} -gt 0 ] || [ ${#failed[@]} -gt 0 ]; then
    echo "run-sanitizers: FAILED: ${#reports[@]} sanitizer report(s); failed: ${failed[*]:-none}"
    exit 1
fi
echo "run-sanitizers: no sanitizer reports; engine, CLI and GUI tests passed"
