// The brief's document model: the results JSON, validated and copied into plain structs so
// the renderers never touch JSON. Internal to the report module.
#ifndef GEOBALANCE_SRC_REPORT_BRIEF_MODEL_H_
#define GEOBALANCE_SRC_REPORT_BRIEF_MODEL_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace geobalance::report::detail {

/// A number that may be missing (JSON null): drawn as a gap.
using MaybeNumber = std::optional<double>;

struct LineSeries {
  std::string name;
  std::vector<double> x;
  std::vector<MaybeNumber> y;
  std::vector<MaybeNumber> lower;  ///< empty, or the same length as x
  std::vector<MaybeNumber> upper;  ///< empty, or the same length as x
  bool dashed = false;
  /// Drawn at low opacity: an illustration, not a forecast (style "faint"; docs/report.md).
  bool faint = false;
};

struct Marker {
  double x = 0;
  std::string label;
};

struct LineChart {
  std::string id, title, x_label, y_label;
  std::vector<LineSeries> series;
  std::vector<Marker> markers;
};

struct BarSeries {
  std::string name;
  std::vector<MaybeNumber> values;  ///< one per category
};

struct BarChart {
  std::string id, title, y_label;
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
};

/// A table cell: empty (null), text or number.
using Cell = std::variant<std::monostate, std::string, double>;

struct TableChart {
  std::string id, title;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

struct Heatmap {
  std::string id, title;
  std::vector<std::string> x_labels, y_labels;
  std::vector<std::vector<MaybeNumber>> values;  ///< values[row][column], rows = y_labels
  std::string value_label;
};

/// Horizontal bars left and right of a reference value, one row each (a tornado chart): a row
/// spans from the reference to `low` and to `high` (equal for a single change); `interval`
/// draws whiskers. Rows are drawn in the given order (the producer sorts them).
struct TornadoRow {
  std::string label;
  MaybeNumber low, high;  ///< null: not computable ("n/a")
  std::optional<std::pair<double, double>> interval;
};

struct TornadoChart {
  std::string id, title, x_label;
  double reference = 0;
  std::string reference_label;        ///< e.g. "baseline 43.9", "parity"
  std::string low_name, high_name;    ///< legend: what the left / right part of a row means
  std::string single_name;            ///< legend: a row whose low == high (one change); optional
  std::vector<TornadoRow> rows;
};

using Chart = std::variant<LineChart, BarChart, TableChart, Heatmap, TornadoChart>;

struct Answer {
  std::string id, question, answer;
  MaybeNumber value;
  std::optional<std::pair<double, double>> interval;
  std::string unit;
  std::string interval_label;  ///< e.g. "90% interval"; empty = none
  std::vector<std::string> caveats;  ///< shown under the answer (inputs held at a bound, ...)
};

struct Section {
  std::string id, title, text;
  std::vector<Chart> charts;
  std::vector<std::string> notes;
};

struct Brief {
  std::string title, subtitle, generated;
  std::vector<std::pair<std::string, std::string>> provenance;  ///< sorted by key (nlohmann::json keeps objects sorted)
  std::vector<Answer> answers;
  std::vector<Section> sections;
};

/// Validates and converts; throws InputError naming the JSON pointer on bad input.
Brief parse_brief(const nlohmann::json& results);

}  // namespace geobalance::report::detail

#endif  // GEOBALANCE_SRC_REPORT_BRIEF_MODEL_H_
