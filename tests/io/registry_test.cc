// The dataset registry (data/datasets.csv, data/references.bib) and year coverage checks.
#include "geobalance/io/registry.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance::io {
namespace {

using testing::read_text;
using testing::source_dir;
using testing::TempDir;
using testing::write_text;

// Years a file covers, read from the file itself: min of `first_col`, max of `last_col`
// (the year part of a YYYY-MM-DD date counts).
std::pair<int, int> span_of(const std::string& path, const std::string& first_col, const std::string& last_col) {
  auto t = CsvTable::read_file(path);
  auto year = [](std::string_view s) { return static_cast<int>(*parse_int(s.substr(0, 4))); };
  int lo = 99999, hi = -1;
  auto cf = t.require_column(first_col), cl = t.require_column(last_col);
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    if (!t.cell(r, cf).empty()) lo = std::min(lo, year(t.cell(r, cf)));
    if (!t.cell(r, cl).empty()) hi = std::max(hi, year(t.cell(r, cl)));
  }
  return {lo, hi};
}

// The registry's years are checked against the data, not against themselves: every built-in
// table (and every ../shared file when present) must span exactly the years listed.
TEST(Registry, YearsMatchTheFilesThemselves) {
  auto reg = load_registry(source_dir() + "/data");
  const std::map<std::string, std::pair<std::string, std::string>> cols{
      {"nmc7", {"year", "year"}},           {"nmc6", {"year", "year"}},
      {"cow_states", {"styear", "endyear"}}, {"cow_alliances", {"mem_st_year", "mem_st_year"}},
      {"cow_alliance_dyads", {"dyad_st_year", "dyad_end_year"}},
      {"atop", {"year", "year"}},           {"sipri_milex", {"year", "year"}},
      {"owid_warheads", {"Year", "Year"}},  {"unga_idealpoints", {"year", "year"}},
      {"ucdp_acd", {"year", "year"}},       {"rivalries", {"start", "end"}},
      {"capabilities", {"year", "year"}},   {"warheads_fas", {"year", "year"}},
      {"nato_members", {"accession_date", "accession_date"}},
      {"idealpoints_builtin", {"year", "year"}}, {"milex_usa_rus_chn", {"year", "year"}},
      {"warheads_usa_rus", {"Year", "Year"}}};
  int checked = 0, skipped = 0;
  for (const auto& e : reg.entries) {
    const std::string rel = e.location.substr(e.location.find(':') + 1);
    std::string path;
    if (e.location.rfind("builtin:", 0) == 0) {
      path = source_dir() + "/data/" + rel;
      ASSERT_TRUE(std::filesystem::exists(path)) << e.name << ": " << path;
    } else {
      auto p = testing::shared_file(rel);
      if (!p) {
        ++skipped;
        continue;
      }
      path = *p;
    }
    auto it = cols.find(e.name);
    if (it == cols.end()) continue;
    ASSERT_TRUE(e.first_year) << e.name;
    auto [lo, hi] = span_of(path, it->second.first, it->second.second);
    EXPECT_EQ(lo, *e.first_year) << e.name;
    if (e.name != "cow_alliances") EXPECT_EQ(hi, *e.last_year) << e.name;  // COW v4.1 spells start by 2012
    ++checked;
  }
  std::cout << checked << " registry entries checked against their files, " << skipped
            << " ../shared files absent\n";
  EXPECT_GE(checked, 6);
}

TEST(Registry, CiteGivesTheBibtexOfEachKey) {
  auto reg = load_registry(source_dir() + "/data");
  auto text = reg.cite("ucdp_acd");
  EXPECT_THAT(text, ::testing::HasSubstr("@article{gleditsch2002,"));
  EXPECT_THAT(text, ::testing::HasSubstr("title = {Armed Conflict 1946-2001: A New Dataset}"));
  EXPECT_THAT(text, ::testing::HasSubstr("@article{davies2025,"));
  EXPECT_THROW_MSG(reg.cite("nmc8", "NAME"), InputError, "NAME: found unknown dataset 'nmc8', expected one of: nmc7, nmc6");
  ASSERT_NE(reg.for_path("/somewhere/shared/data/nmc/NMC-70-abridged.csv"), nullptr);
  EXPECT_EQ(reg.for_path("/somewhere/shared/data/nmc/NMC-70-abridged.csv")->name, "nmc7");
  EXPECT_EQ(reg.for_path("/x/XNMC-70-abridged.csv"), nullptr);
}

TEST(Registry, BadFilesNameLineAndField) {
  TempDir d;
  write_text(d.file("references.bib"), "@misc{a, title = {A}}\n@misc{b, title = {B}}\n");
  const std::string head = "name,title,version,first_year,last_year,units,location,bibtex,terms,source\n";
  write_text(d.file("datasets.csv"), head + "x,X,1,1990,,u,builtin:x.csv,a,t,s\n");
  EXPECT_THROW_MSG(load_registry(d.path()), InputError, "datasets.csv:2:12: column 'last_year': found '', expected both first_year and last_year, or neither");
  write_text(d.file("datasets.csv"), head + "x,X,1,1990,1980,u,builtin:x.csv,a,t,s\n");
  EXPECT_THROW_MSG(load_registry(d.path()), InputError, "column 'last_year': found '1980', expected a year from first_year (1990) to 2200");
  write_text(d.file("datasets.csv"), head + "x,X,1,,,u,web:x.csv,a,t,s\n");
  EXPECT_THROW_MSG(load_registry(d.path()), InputError, "column 'location': found 'web:x.csv', expected builtin:FILE");
  write_text(d.file("datasets.csv"), head + "x,X,1,,,u,builtin:x.csv,a;c,t,s\n");
  EXPECT_THROW_MSG(load_registry(d.path()), InputError, "column 'bibtex': found 'a;c', expected BibTeX keys of");
  write_text(d.file("datasets.csv"), head + "x,X,1,,,u,builtin:x.csv,a,t,s\nx,Y,1,,,u,builtin:y.csv,b,t,s\n");
  EXPECT_THROW_MSG(load_registry(d.path()), InputError, "datasets.csv:3:1: row: duplicate dataset name 'x' (first given on line 2)");
  write_text(d.file("references.bib"), "@misc{a, title = {A}}\n@misc{a, title = {B}}\n");
  EXPECT_THROW_MSG(load_registry(d.path()), InputError, "references.bib:2: BibTeX: key 'a' is defined twice (first on line 1)");
  write_text(d.file("references.bib"), "@misc{a, title = {A}\n");
  EXPECT_THROW_MSG(load_registry(d.path()), InputError, "references.bib:1: BibTeX: entry 'a' has unbalanced braces");
}

TEST(Coverage, NoOverlapIsAnErrorPartialOverlapIsStated) {
  EXPECT_THROW_MSG(cut_to_coverage("nmc6", 1816, 2016, 1700, 1750, "--years"), InputError,
                   "--years: found '1700:1750', but nmc6 covers 1816-2016 only; expected years within 1816:2016");
  EXPECT_THROW_MSG(cut_to_coverage("nmc6", 1816, 2016, 2024, 2024, "--year"), InputError,
                   "--year: found '2024', but nmc6 covers 1816-2016 only");
  auto c = cut_to_coverage("nmc6", 1816, 2016, 2016, 2030, "--years");
  EXPECT_EQ(c.from, 2016);
  EXPECT_EQ(c.to, 2016);
  EXPECT_EQ(c.note, "--years 2016:2030: nmc6 covers 1816-2016; years 2017-2030 dropped (outside the dataset); output covers 2016");
  c = cut_to_coverage("capabilities", 1995, 2024, 1990, 2030, "--years");
  EXPECT_EQ(c.note, "--years 1990:2030: capabilities covers 1995-2024; years 1990-1994 and 2025-2030 dropped (outside the dataset); output covers 1995-2024");
  c = cut_to_coverage("capabilities", 1995, 2024, 2000, 2010, "--years");
  EXPECT_TRUE(c.note.empty());
  EXPECT_EQ(c.from, 2000);
  EXPECT_EQ(c.to, 2010);
}

}  // namespace
}  // namespace geobalance::io
