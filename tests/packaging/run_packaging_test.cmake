# ctest "packaging" (label packaging): installs this build tree into a fresh prefix, then
# builds tests/packaging/consumer against it with find_package() and, separately, with
# add_subdirectory() of the source tree, and runs both. Checks that
#  - the installed consumer (put in <prefix>/bin) finds the data in <prefix>/share/geobalance
#    by its own location, with GEOBALANCE_DATA_DIR unset;
#  - the installed CLI runs from any working folder;
#  - a subproject leaves the parent's cache alone and builds no apps or tests (the consumer's
#    CMakeLists.txt fails otherwise), and compiles with C++20 from cxx_std_20 alone.
# Arguments: -DSOURCE_DIR -DBUILD_DIR -DWORK_DIR [-DGENERATOR] [-DLAUNCHER].
cmake_minimum_required(VERSION 3.22)
foreach(v SOURCE_DIR BUILD_DIR WORK_DIR)
  if(NOT ${v})
    message(FATAL_ERROR "packaging: -D${v}=... is required")
  endif()
endforeach()
if(NOT GENERATOR)
  set(GENERATOR Ninja)
endif()
set(_launcher "")
if(LAUNCHER)
  set(_launcher "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
unset(ENV{GEOBALANCE_DATA_DIR})

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
    WORKING_DIRECTORY "${WORK_DIR}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "packaging: ${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

# 1. Install, and use the installed package.
run("cmake --install" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(f lib/cmake/geobalance/geobalanceConfig.cmake lib/cmake/geobalance/geobalanceConfigVersion.cmake
          include/geobalance/check.h include/geobalance/power/cinc.h share/geobalance/countries.csv)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "packaging: the install has no ${f}")
  endif()
endforeach()
run("configure against the installed prefix" ${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/packaging/consumer"
  -B "${WORK_DIR}/installed" -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${prefix}"
  "-DCMAKE_INSTALL_PREFIX=${prefix}" ${_launcher})
run("build against the installed prefix" ${CMAKE_COMMAND} --build "${WORK_DIR}/installed")
run("install the consumer" ${CMAKE_COMMAND} --install "${WORK_DIR}/installed")
run("the installed consumer" "${prefix}/bin/consumer")
file(REAL_PATH "${prefix}/share/geobalance" _want)
if(NOT last_output MATCHES "data_dir=([^\n]*)\n")
  message(FATAL_ERROR "packaging: consumer printed no data_dir:\n${last_output}")
endif()
file(REAL_PATH "${CMAKE_MATCH_1}" _got)
if(NOT _got STREQUAL _want)
  message(FATAL_ERROR "packaging: the installed consumer read its data from ${_got}, not ${_want}")
endif()
message(STATUS "packaging: installed consumer: ${last_output}")
if(EXISTS "${prefix}/bin/geobalance")
  run("the installed CLI" "${prefix}/bin/geobalance" --version)
  message(STATUS "packaging: installed CLI: ${last_output}")
endif()

# 2. The same consumer with geobalance as a subdirectory (only what it links is built).
run("configure with add_subdirectory" ${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/packaging/consumer"
  -B "${WORK_DIR}/subdir" -G "${GENERATOR}" "-DCONSUMER_GEOBALANCE_SOURCE=${SOURCE_DIR}" ${_launcher})
run("build with add_subdirectory" ${CMAKE_COMMAND} --build "${WORK_DIR}/subdir")
run("the subdirectory consumer" "${WORK_DIR}/subdir/consumer")
message(STATUS "packaging: subdirectory consumer: ${last_output}")
