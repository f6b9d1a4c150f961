#include "geobalance/power/builtin_data.h"

#include <filesystem>

#include "test_util.h"

namespace geobalance::power {
namespace {

using testing::read_text;
using testing::source_dir;
using testing::TempDir;
using testing::write_text;

// A copy of data/ with one file replaced.
void copy_data_with(const TempDir& d, const std::string& name, const std::string& text) {
  for (const char* f : {"countries.csv", "nato_members.csv", "theatres.csv", "capabilities.csv"})
    write_text(d.file(f), read_text(source_dir() + "/data/" + f));
  write_text(d.file(name), text);
}

// Regression (issue 8 bad-input corpus, tests/data/bad/nato_unknown_ccode.csv and
// nato_wrong_abbreviation.csv): the cross-file checks named the file but no line.
TEST(BuiltinData, CrossFileErrorsNameTheLine) {
  TempDir d;
  const char* header = "ccode,stateabb,name,accession_date,exit_date,source\n";
  copy_data_with(d, "nato_members.csv",
                 std::string(header) + "2,USA,United States,1949-08-24,,x\n998,XYZ,Nowhere,1999-03-12,,x\n");
  EXPECT_THROW_MSG(load_builtin_data(d.path()), InputError,
                   d.path() + "/nato_members.csv:3: column 'ccode': found '998' (XYZ), expected a state listed in");
  copy_data_with(d, "nato_members.csv",
                 std::string(header) + "2,USA,United States,1949-08-24,,x\n20,USA,Canada,1949-08-24,,x\n");
  EXPECT_THROW_MSG(load_builtin_data(d.path()), InputError,
                   d.path() + "/nato_members.csv:3: column 'stateabb': ccode 20 is 'USA' here but 'CAN' in countries.csv");
}

TEST(BuiltinData, RejectsASignedYearInADate) {
  TempDir d;
  write_text(d.file("n.csv"), "ccode,stateabb,name,accession_date,exit_date,source\n2,USA,United States,-949-08-24,,x\n");
  EXPECT_THROW_MSG(load_nato_members(d.file("n.csv")), InputError,
                   "n.csv:2:21: column 'accession_date': found '-949-08-24', expected a date YYYY-MM-DD");
}

TEST(BuiltinData, TheShippedTablesLoad) { EXPECT_NO_THROW(load_builtin_data(source_dir() + "/data")); }

}  // namespace
}  // namespace geobalance::power
