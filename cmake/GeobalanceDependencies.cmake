# Every third-party dependency, found once. All come from Debian 12 packages (tools/setup.sh).
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)                 # libfmt-dev: text formatting
find_package(nlohmann_json 3 REQUIRED)     # nlohmann-json3-dev: JSON output and input
find_package(CLI11 REQUIRED)               # libcli11-dev: command-line parsing
find_package(tomlplusplus REQUIRED)        # libtomlplusplus-dev: scenario and model files
find_package(Eigen3 3.3 REQUIRED NO_MODULE) # libeigen3-dev: linear algebra, eigenvalues
find_package(Boost 1.74 REQUIRED)          # libboost-dev: odeint integrators, math distributions
find_package(SQLite3 REQUIRED)             # libsqlite3-dev: the run store
find_package(PkgConfig REQUIRED)
pkg_check_modules(GMPXX REQUIRED IMPORTED_TARGET gmpxx gmp)  # libgmp-dev: exact rationals
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)  # libcpp-httplib-dev: geobalance serve
if(GEOBALANCE_BUILD_TESTS)
  find_package(GTest REQUIRED)             # libgtest-dev, libgmock-dev
endif()
if(GEOBALANCE_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)         # libbenchmark-dev
endif()
