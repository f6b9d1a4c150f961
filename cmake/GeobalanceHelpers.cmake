set(GEOBALANCE_MODULE_TARGETS "")
set(GEOBALANCE_SKIPPED_MODULES "")

# Every third-party library a module may link. A module links the ones its public headers
# include PUBLIC (PUBLIC_LIBS) and the rest PRIVATE (PRIVATE_LIBS; all of these when not given),
# so that a consumer of geobalance::core does not inherit SQLite, GMP and Eigen.
set(GEOBALANCE_THIRD_PARTY_LIBS fmt::fmt nlohmann_json::nlohmann_json tomlplusplus::tomlplusplus
  Eigen3::Eigen Boost::headers SQLite::SQLite3 PkgConfig::GMPXX Threads::Threads)

# geobalance_module(NAME [DEPS mod...] [PUBLIC_LIBS lib...] [PRIVATE_LIBS lib...]): static
# library geobalance_NAME (alias and exported name geobalance::NAME) from src/NAME/*.cc.
# A module with no sources yet is skipped, so modules can land one at a time; a module whose
# DEPS include a module left out (GEOBALANCE_SKIP_MODULES, or no sources) is left out too,
# so that no link line is missing a library.
function(geobalance_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  file(GLOB _srcs CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/${name}/*.cc")
  if(NOT _srcs OR name IN_LIST GEOBALANCE_SKIP_MODULES)
    set(GEOBALANCE_SKIPPED_MODULES ${GEOBALANCE_SKIPPED_MODULES} ${name} PARENT_SCOPE)
    return()
  endif()
  set(_deps "")
  foreach(d IN LISTS ARG_DEPS)
    if(NOT TARGET geobalance_${d})
      message(STATUS "geobalance: leaving out module ${name}: it needs module ${d}, which is not built")
      set(GEOBALANCE_SKIPPED_MODULES ${GEOBALANCE_SKIPPED_MODULES} ${name} PARENT_SCOPE)
      return()
    endif()
    list(APPEND _deps geobalance_${d})
  endforeach()
  if(NOT DEFINED ARG_PRIVATE_LIBS)
    set(ARG_PRIVATE_LIBS ${GEOBALANCE_THIRD_PARTY_LIBS})
  endif()
  set(target geobalance_${name})
  add_library(${target} STATIC ${_srcs})
  add_library(geobalance::${name} ALIAS ${target})
  # Position-independent, so that shared objects (the Python module python/, a consumer's
  # plugin) can link the installed static libraries, and so that python/'s build reuses the
  # objects of a normal build through ccache.
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name} POSITION_INDEPENDENT_CODE ON)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_include_directories(${target}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  target_compile_definitions(${target} PRIVATE GEOBALANCE_VERSION="${PROJECT_VERSION}")
  target_link_libraries(${target} PUBLIC ${_deps} ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  if(GEOBALANCE_INSTALL AND EXISTS "${PROJECT_SOURCE_DIR}/include/geobalance/${name}")
    install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/geobalance/${name}"
      DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/geobalance COMPONENT geobalance_development)
  endif()
  set(GEOBALANCE_MODULE_TARGETS ${GEOBALANCE_MODULE_TARGETS} ${target} PARENT_SCOPE)
endfunction()

# geobalance_module_tests(NAME): tests/NAME/*_test.cc -> executable NAME_tests, discovered by
# ctest with label NAME. Test names ending in "Slow" get the label "slow" too. Tests may use
# any third-party library directly, so they link all of them.
function(geobalance_module_tests name)
  file(GLOB _srcs CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/${name}/*_test.cc")
  if(NOT _srcs OR NOT TARGET geobalance_${name})
    return()
  endif()
  add_executable(${name}_tests ${_srcs})
  target_link_libraries(${name}_tests PRIVATE geobalance_${name} geobalance_test_util
    ${GEOBALANCE_THIRD_PARTY_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name}_tests PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  gtest_discover_tests(${name}_tests
    PROPERTIES LABELS "${name}"
    DISCOVERY_TIMEOUT 60
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
