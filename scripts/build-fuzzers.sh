#!/usr/bin/env bash
# Builds the libFuzzer fuzzers of tests/fuzz/ (one per reader of outside bytes) with clang-14,
# AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz/, then prints how to run each.
# Needs Debian's clang-14 and libfuzzer-14-dev. Usage: scripts/build-fuzzers.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-fuzz}
readers=(cifar10 config_json sweep_json insight_codec image_decoding model_archive)
# Everything is built with coverage instrumentation (fuzzer-no-link); only the fuzzers link
# libFuzzer's main(). The GUI is not needed: the insight codec is compiled into its fuzzer.
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" -G Ninja -DNORMLAB_FUZZ=ON \
    -DNORMLAB_SANITIZE=ON -DNORMLAB_BUILD_GUI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
    -DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST >/dev/null
ninja -C "$build_dir" -j"${NORMLAB_FUZZ_JOBS:-2}" "${readers[@]/#/fuzz_}"
echo
echo "Run a fuzzer on a copy of its regression inputs (new finds go to the corpus folder):"
for reader in "${readers[@]}"; do
    echo "  mkdir -p corpus/$reader && cp tests/fuzz/regressions/$reader/* corpus/$reader/ &&" \
        "$build_dir/tests/fuzz/fuzz_$reader -max_total_time=300 -max_len=16384 corpus/$reader"
done
echo "Keep each crash-* file it writes (minimized: -minimize_crash=1) in tests/fuzz/regressions/<reader>/."
