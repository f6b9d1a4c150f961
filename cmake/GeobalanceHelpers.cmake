set(GEOBALANCE_MODULE_TARGETS "")

# geobalance_module(NAME [DEPS mod...]): library geobalance_NAME from src/NAME/*.cc.
# A module with no sources yet is skipped, so modules can land one at a time.
function(geobalance_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB _srcs CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/${name}/*.cc")
  if(NOT _srcs OR name IN_LIST GEOBALANCE_SKIP_MODULES)
    return()
  endif()
  set(target geobalance_${name})
  add_library(${target} STATIC ${_srcs})
  target_include_directories(${target}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  target_compile_definitions(${target} PRIVATE GEOBALANCE_VERSION="${PROJECT_VERSION}")
  set(_deps "")
  foreach(d IN LISTS ARG_DEPS)
    if(TARGET geobalance_${d})
      list(APPEND _deps geobalance_${d})
    endif()
  endforeach()
  target_link_libraries(${target} PUBLIC ${_deps} fmt::fmt nlohmann_json::nlohmann_json
    tomlplusplus::tomlplusplus Eigen3::Eigen Boost::headers SQLite::SQLite3 PkgConfig::GMPXX
    Threads::Threads)
  set(GEOBALANCE_MODULE_TARGETS ${GEOBALANCE_MODULE_TARGETS} ${target} PARENT_SCOPE)
endfunction()

# geobalance_module_tests(NAME): tests/NAME/*_test.cc -> executable NAME_tests, discovered by
# ctest with label NAME. Test names ending in "Slow" get the label "slow" too.
function(geobalance_module_tests name)
  file(GLOB _srcs CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/${name}/*_test.cc")
  if(NOT _srcs OR NOT TARGET geobalance_${name})
    return()
  endif()
  add_executable(${name}_tests ${_srcs})
  target_link_libraries(${name}_tests PRIVATE geobalance_${name} geobalance_test_util
    GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name}_tests PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  gtest_discover_tests(${name}_tests
    PROPERTIES LABELS "${name}"
    DISCOVERY_TIMEOUT 60
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
