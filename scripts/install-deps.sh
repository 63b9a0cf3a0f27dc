#!/usr/bin/env bash
# Installs the Debian 12 packages NormLab needs, and nothing when they are already there.
set -euo pipefail

packages=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev libqt6sql6-sqlite libqcustomplot-dev
    libtorch-dev libopencv-dev libgtest-dev
    # Distributed sweeps: LibTorch's c10d (TCPStore) and its Gloo backend.
    libgloo-dev
    # normlab-cli get cifar10 and File › Get CIFAR-10…: unpacking the downloaded archive.
    libarchive-dev
    # scripts/run-sanitizers.sh (in CI): GCC's AddressSanitizer and UndefinedBehaviorSanitizer
    # runtimes. g++ pulls them in already (libgcc-12-dev depends on them); named so the pass
    # does not rest on that.
    libasan8 libubsan1
    # The Vietnamese interface: qt_add_translations (lupdate, lrelease) and Qt's own catalogues
    # (Debian ships none in Vietnamese today; NormLab loads qtbase_vi.qm when it appears).
    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    # The model-file test: Python's torch.load opens NormLab's model files and the documented
    # PyTorch network reproduces its logits (docs/models.md). About 40 MB to download.
    python3-torch
    # The tree's checks: formatting (clang-format 14) and the architecture script.
    clang-format python3
    # Without an optimized BLAS, Debian's LibTorch runs matrix products about 20x slower.
    libopenblas0-openmp
    # The Debian package (cpack's dpkg-shlibdeps) and its check, ctest package: the desktop
    # entry's validator, groff for the man page, file for the icons' sizes; the icons' renderer
    # for scripts/make-icons.sh.
    dpkg-dev desktop-file-utils groff-base file librsvg2-bin
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
