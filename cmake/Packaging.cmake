# `cpack -G DEB` (or the `package` target) in the build folder: normlab_<version>_amd64.deb with
# what cmake/Install.cmake installs, under /usr. Debian's triggers refresh the desktop, MIME and
# icon caches, so the package needs no maintainer scripts.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME normlab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "NormLab")
set(CPACK_PACKAGE_CONTACT "NormLab maintainers <normlab@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "desktop lab for normalization and regularization in deep learning")
set(CPACK_PACKAGE_DESCRIPTION
    "Trains a small CNN with LibTorch and compares BatchNorm, LayerNorm, InstanceNorm, GroupNorm, \
WeightNorm, L1/L2, Dropout, DropConnect, early stopping and data augmentation: a Qt window with \
live curves and a comparison table (normlab), and a command line with sweeps, presets and \
statistics over seeds (normlab-cli).")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# The libraries the programs link (LibTorch, OpenCV, Qt, QCustomPlot) from dpkg-shlibdeps; the
# ones loaded at run time it cannot see: Qt's SQLite driver (the project store), its platform
# plugins (no window without xcb), and the BLAS that makes LibTorch's matrix products ~20x faster.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-openmp")
if(NORMLAB_BUILD_GUI)
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libqt6sql6-sqlite, qt6-qpa-plugins")
endif()

include(CPack)
