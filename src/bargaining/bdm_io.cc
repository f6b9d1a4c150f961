// Reader of the common BDM CSV format (Actor,Capability,Position,Salience).
#include "geobalance/bargaining/bdm_io.h"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/csv.h"

namespace geobalance::bargaining {

Issue read_bdm_csv(const std::string& path) {
  const io::CsvTable t = io::CsvTable::read_file(path);
  const std::size_t c_actor = t.require_column("Actor");
  const std::size_t c_cap = t.require_column("Capability");
  const std::size_t c_pos = t.require_column("Position");
  const std::size_t c_sal = t.require_column("Salience");

  Issue issue;
  issue.name = std::filesystem::path(path).stem().string();
  issue.dimensions = {"Position"};
  issue.source = path;
  std::unordered_map<std::string, std::size_t> seen;  // name -> row
  for (std::size_t row = 0; row < t.num_rows(); ++row) {
    Actor a;
    a.name = std::string(t.get_string(row, c_actor));
    if (auto it = seen.find(a.name); it != seen.end())
      t.fail_cell(row, c_actor,
                  fmt::format("a unique actor name (already on line {})", t.line_of_row(it->second)));
    seen.emplace(a.name, row);
    a.capability = t.get_double(row, c_cap);
    if (!(a.capability > 0)) t.fail_cell(row, c_cap, "a capability > 0");
    a.position = {t.get_double(row, c_pos)};
    const double s = t.get_double(row, c_sal);
    if (!(s >= 0 && s <= 1)) t.fail_cell(row, c_sal, "a salience in [0, 1]");
    a.salience = {s};
    issue.actors.push_back(std::move(a));
  }
  if (issue.actors.size() < 3)
    throw InputError(SourceLocation{path, 1, static_cast<int>(1)}, "column 'Actor'",
                     fmt::format("found {} actor{}, expected at least 3", issue.actors.size(),
                                 issue.actors.size() == 1 ? "" : "s"));
  issue.scale_min = issue.actors[0].position[0];
  issue.scale_max = issue.scale_min;
  for (const Actor& a : issue.actors) {
    issue.scale_min = std::min(issue.scale_min, a.position[0]);
    issue.scale_max = std::max(issue.scale_max, a.position[0]);
  }
  return issue;
}

}  // namespace geobalance::bargaining
