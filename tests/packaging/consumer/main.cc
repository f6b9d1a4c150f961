// Links geobalance::power, reads the built-in data wherever geobalance finds it, and prints
//   data_dir=<folder>
//   nato_2024_06_01=<members>
// NATO had 32 members on 2024-06-01 (Sweden acceded on 2024-03-07; nato.int, "NATO member
// countries"). check.h uses std::span, so this compiles only with C++20 from geobalance.
#include <cstdio>
#include <exception>

#include "geobalance/check.h"
#include "geobalance/core/paths.h"
#include "geobalance/power/builtin_data.h"

int main() {
  try {
    namespace gp = geobalance::power;
    const auto members = gp::load_nato_members(geobalance::data_path("nato_members.csv"));
    const auto on = gp::nato_members_on(members, geobalance::Date{2024, 6, 1});
    std::printf("data_dir=%s\nnato_2024_06_01=%zu\n", geobalance::data_dir().c_str(), on.size());
    return on.size() == 32 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 1;
  }
}
