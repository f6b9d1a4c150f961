# Install rules and the CMake package: `cmake --install build --prefix P` gives
#   P/include/geobalance/...          public headers of the modules built
#   P/lib/libgeobalance_<module>.a    one static library per module
#   P/bin/geobalance                  the CLI (when GEOBALANCE_BUILD_APPS)
#   P/share/geobalance/...            the built-in data (found by the CLI relative to itself)
#   P/lib/cmake/geobalance/           geobalanceConfig.cmake: geobalance::geobalance and
#                                     geobalance::<module>, with find_dependency() for the
#                                     third-party libraries the static libraries link.
include(CMakePackageConfigHelpers)

set(GEOBALANCE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/geobalance" CACHE STRING
  "Where geobalanceConfig.cmake is installed, relative to the prefix")
mark_as_advanced(GEOBALANCE_INSTALL_CMAKEDIR)

install(FILES "${PROJECT_SOURCE_DIR}/include/geobalance/check.h" "${PROJECT_SOURCE_DIR}/include/geobalance/error.h"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/geobalance COMPONENT geobalance_development)
install(TARGETS ${GEOBALANCE_MODULE_TARGETS} geobalance EXPORT geobalanceTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT geobalance_development
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT geobalanceTargets NAMESPACE geobalance:: DESTINATION ${GEOBALANCE_INSTALL_CMAKEDIR}
  COMPONENT geobalance_development)
if(TARGET geobalance_cli)
  install(TARGETS geobalance_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT geobalance_runtime)
endif()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/data/" DESTINATION ${CMAKE_INSTALL_DATADIR}/geobalance
  COMPONENT geobalance_runtime)

# The modules built, so that the config file can report geobalance_<module>_FOUND.
set(GEOBALANCE_INSTALLED_MODULES "")
foreach(t IN LISTS GEOBALANCE_MODULE_TARGETS)
  string(REPLACE "geobalance_" "" _m ${t})
  list(APPEND GEOBALANCE_INSTALLED_MODULES ${_m})
endforeach()
set(GEOBALANCE_DATA_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/geobalance")
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/geobalanceConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/geobalanceConfig.cmake"
  INSTALL_DESTINATION ${GEOBALANCE_INSTALL_CMAKEDIR}
  PATH_VARS GEOBALANCE_DATA_INSTALL_DIR)
# 0.x: minor versions may break the API.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/geobalanceConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/geobalanceConfig.cmake" "${PROJECT_BINARY_DIR}/geobalanceConfigVersion.cmake"
  DESTINATION ${GEOBALANCE_INSTALL_CMAKEDIR} COMPONENT geobalance_development)
