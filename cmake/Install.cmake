# What `cmake --install` and the Debian package put in place (GNUInstallDirs under the prefix):
# the two programs, the sweep presets (found from bin/ as ../share/normlab/presets, see
# core/experiments/Sweep.cpp), the desktop entry with its project MIME type and icons, and
# normlab-cli's man page, written from its --help at build time.
include(GNUInstallDirs)

install(TARGETS normlab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/presets/
    DESTINATION ${CMAKE_INSTALL_DATADIR}/normlab/presets
    FILES_MATCHING PATTERN "*.json")

set(normlab_man_page ${PROJECT_BINARY_DIR}/man/normlab-cli.1)
add_custom_command(OUTPUT ${normlab_man_page}
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:normlab-cli> -DOUTPUT=${normlab_man_page}
            -DVERSION=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    DEPENDS normlab-cli ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    COMMENT "Writing normlab-cli.1 from normlab-cli --help"
    VERBATIM)
add_custom_target(normlab-cli-man ALL DEPENDS ${normlab_man_page})
install(FILES ${normlab_man_page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

if(NORMLAB_BUILD_GUI)
    install(TARGETS normlab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    install(FILES ${PROJECT_SOURCE_DIR}/resources/normlab.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/normlab-mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME normlab.xml)
    # The PNGs are rendered from the SVG by scripts/make-icons.sh and committed.
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/icons/hicolor
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons FILES_MATCHING PATTERN "normlab.png")
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/normlab.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
