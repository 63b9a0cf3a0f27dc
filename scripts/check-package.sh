#!/usr/bin/env bash
# Builds the Debian package from BUILD_DIR (already built) and checks it as a user would get it:
# unpacked into a scratch root, it must hold both programs, the presets, the desktop entry, MIME
# type, icons and man page; the desktop entry must validate; the unpacked normlab-cli must run
# and find the presets installed beside it (not the source tree's); and every package it
# depends on must be one Debian knows. The ctest `package` runs it.
# Usage: scripts/check-package.sh BUILD_DIR   (CPACK=path/to/cpack to pick the cpack)
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1/CPackConfig.cmake" ]; then
    echo "usage: $0 BUILD_DIR (a configured and built NormLab build folder)" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
checks=0

fail() {
    echo "check-package: FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() {
    checks=$((checks + 1))
}

# The package, written into the scratch folder so the build folder keeps no stale .deb.
build_package() {
    if ! "${CPACK:-cpack}" --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1; then
        cat "$scratch/cpack.log" >&2
        echo "check-package: cpack failed" >&2
        exit 1
    fi
    deb=$(find "$scratch/out" -maxdepth 1 -name 'normlab_*_amd64.deb' | head -n 1)
    if [ -z "$deb" ]; then
        echo "check-package: cpack wrote no normlab_<version>_amd64.deb" >&2
        exit 1
    fi
    echo "check-package: built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
    dpkg-deb -x "$deb" "$scratch/root"
    root="$scratch/root/usr"
}

check_files() {
    local expected=(
        bin/normlab bin/normlab-cli
        share/applications/normlab.desktop share/mime/packages/normlab.xml
        share/man/man1/normlab-cli.1 share/icons/hicolor/scalable/apps/normlab.svg
    )
    local preset size
    for preset in lecture-normalization lecture-regularization batch-size-study double-descent; do
        expected+=("share/normlab/presets/$preset.json")
    done
    for size in 16 32 48 64 128 256; do
        expected+=("share/icons/hicolor/${size}x${size}/apps/normlab.png")
    done
    local file
    for file in "${expected[@]}"; do
        if [ -s "$root/$file" ]; then pass; else fail "the package lacks /usr/$file"; fi
    done
    for size in 16 32 48 64 128 256; do
        file="$root/share/icons/hicolor/${size}x${size}/apps/normlab.png"
        if file "$file" | grep -q "PNG image data, $size x $size,"; then pass; else
            fail "/usr/share/icons/hicolor/${size}x${size}/apps/normlab.png is not a $size x $size PNG"
        fi
    done
}

check_desktop_entry() {
    local output
    if output=$(desktop-file-validate "$root/share/applications/normlab.desktop" 2>&1); then
        pass
    else
        fail "desktop-file-validate rejects normlab.desktop: $output"
    fi
    if grep -q '<glob pattern="\*\.normlab"/>' "$root/share/mime/packages/normlab.xml" &&
        grep -q '^MimeType=application/x-normlab-project;$' "$root/share/applications/normlab.desktop"; then
        pass
    else
        fail "normlab.desktop and normlab.xml do not agree on application/x-normlab-project (*.normlab)"
    fi
    # groff's warnings (-ww) name any roff mistake in the generated man page.
    if output=$(groff -man -ww -z -K utf8 "$root/share/man/man1/normlab-cli.1" 2>&1) && [ -z "$output" ]; then
        pass
    else
        fail "normlab-cli.1 does not render cleanly: $output"
    fi
}

# The unpacked programs, run from a folder far from the source tree with no preset override.
check_programs() {
    local cli="$root/bin/normlab-cli" output
    mkdir -p "$scratch/cwd"
    cd "$scratch/cwd"
    if output=$(env -u NORMLAB_PRESET_DIR timeout 30 "$cli" --help 2>&1) &&
        grep -q "normlab-cli sweep --preset NAME" <<<"$output"; then
        pass
    else
        fail "the unpacked normlab-cli --help failed: $output"
    fi
    # An unknown preset's message names the folder searched and the presets found there.
    output=$(env -u NORMLAB_PRESET_DIR timeout 30 "$cli" sweep --preset no-such-preset 2>&1) || true
    if grep -qF "presets in $root/share/normlab/presets: batch-size-study, double-descent," <<<"$output"; then
        pass
    else
        fail "the unpacked normlab-cli does not look in its installed presets: $output"
    fi
    # A real preset from there, shrunk to seconds: 6 runs of one epoch on 64 built-in images (its
    # CIFAR-10 folder is absent here).
    if output=$(env -u NORMLAB_PRESET_DIR OMP_NUM_THREADS=2 timeout 60 "$cli" sweep \
        --preset lecture-normalization --epochs 1 --limit 64 --repeats 1 --quiet 2>&1) &&
        grep -q "built-in data" <<<"$output"; then
        pass
    else
        fail "the unpacked normlab-cli could not run the installed preset lecture-normalization: $output"
    fi
    if output=$(QT_QPA_PLATFORM=offscreen timeout 30 "$root/bin/normlab" --help 2>&1) &&
        grep -q -- "--database" <<<"$output"; then
        pass
    else
        fail "the unpacked normlab --help failed: $output"
    fi
    cd - >/dev/null
}

# Every package named in Depends (each alternative) must be one this system's Debian knows.
check_depends() {
    local depends name
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "check-package: Depends: $depends"
    for name in $(tr ',|' '\n' <<<"$depends" | sed -e 's/(.*)//' -e 's/:any//' -e 's/ //g'); do
        if dpkg -s "$name" >/dev/null 2>&1 || apt-cache show --no-all-versions "$name" >/dev/null 2>&1; then
            pass
        else
            fail "Depends names '$name', which neither dpkg nor apt-cache knows"
        fi
    done
}

build_package
check_files
check_desktop_entry
check_programs
check_depends
if [ "$failures" -ne 0 ]; then
    echo "check-package: $failures of $((checks + failures)) checks failed" >&2
    exit 1
fi
echo "check-package: OK ($checks checks)"
