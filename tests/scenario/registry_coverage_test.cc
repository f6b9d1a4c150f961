// Issue 15, item 3: every dataset a scenario can read has a row in the dataset registry
// (data/datasets.csv), so results.json, the brief's source lines and `geobalance cite` can
// name it. Issue packs are the scenario's own authored inputs (each position sourced in the
// pack), not datasets, and are not listed.
#include <filesystem>

#include "geobalance/io/registry.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/scenario/world.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

using testing::source_dir;

// The files the [data] keys of docs/scenario.md name in ../shared (whether or not ../shared is
// present: the registry matches a path by its location's suffix), and the built-in defaults.
TEST(RegistryCoverage, EveryFileAScenarioDataKeyCanNameIsListed) {
  const io::Registry reg = io::load_registry(source_dir() + "/data");
  const std::vector<std::pair<std::string, std::string>> shared{
      {"alliances", "cow_alliance_v4.1/alliance_v4.1_by_dyad.csv"},
      {"states", "cow_states/states2016.csv"},
      {"nmc", "nmc/NMC-70-abridged.csv"},
      {"nmc", "nmc/NMC-60-abridged.csv"},
      {"idealpoints", "unga_idealpoints/IdealpointsJuly2025.csv"},
      {"conflicts", "ucdp_acd/ucdp_acd_v25_1.csv"},
      {"rivalries", "rivalries/tss_rivalries_2021.csv"}};
  for (const auto& [key, rel] : shared)
    EXPECT_NE(reg.for_path("/anywhere/shared/data/" + rel), nullptr) << "data." << key << ": " << rel;
  for (const char* builtin : {"countries.csv", "nato_members.csv", "theatres.csv", "capabilities.csv",
                              "alignment/idealpoints.csv", "alignment/ties_2026.csv",
                              "armsrace/milex_usa_rus_chn_1995_2024.csv", "armsrace/warheads_usa_rus_1985_2023.csv",
                              "games/caatsa_reference_class.csv"})
    EXPECT_NE(reg.for_path(source_dir() + "/data/" + builtin), nullptr) << builtin;
  const io::DatasetEntry* dyads = reg.for_path("/x/shared/data/cow_alliance_v4.1/alliance_v4.1_by_dyad.csv");
  ASSERT_NE(dyads, nullptr);
  EXPECT_EQ(dyads->name, "cow_alliance_dyads");
}

// Every file the shipped scenarios' Worlds read (those in ../shared only where it is present).
TEST(RegistryCoverage, EveryFileTheShippedScenariosReadIsListed) {
  const io::Registry reg = io::load_registry(source_dir() + "/data");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/data/scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    const Scenario s = load_scenario(entry.path().string());
    for (const auto& f : s.world->files) {
      if (f.role.rfind("issue:", 0) == 0) continue;
      EXPECT_NE(reg.for_path(f.path), nullptr) << entry.path().filename() << ": role " << f.role << ", " << f.path;
      ++files;
    }
  }
  EXPECT_GE(files, 12);
}

}  // namespace
}  // namespace geobalance::scenario
