// The brief's JSON contract: each malformed document fails with a message naming the JSON
// pointer and what was expected.
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "geobalance/report/brief.h"
#include "report_test_util.h"
#include "test_util.h"

namespace geobalance::report {
namespace {

using nlohmann::json;

json valid_doc() {
  return json::parse(R"({
    "title": "T", "generated": "2024-01-01", "provenance": {"seed": 7, "scenario": "x.toml"},
    "answers": [{"id": "a", "question": "Q?", "answer": "A.", "value": 0.5, "interval": [0.25, 0.75]}],
    "sections": [{"id": "s", "title": "S", "charts": [
      {"id": "l", "type": "line", "title": "L", "x_label": "x", "y_label": "y",
       "series": [{"name": "n", "x": [1, 2, 3], "y": [1, null, 3], "lower": [0, null, 2], "upper": [2, null, 4]}],
       "markers": [{"x": 2, "label": "m"}]},
      {"id": "b", "type": "bar", "title": "B", "y_label": "y", "categories": ["p", "q"],
       "series": [{"name": "n", "values": [1, null]}]},
      {"id": "t", "type": "table", "title": "T", "columns": ["c1", "c2"], "rows": [["a", 1], [null, 2.5]]},
      {"id": "h", "type": "heatmap", "title": "H", "x_labels": ["u", "v"], "y_labels": ["r"], "values": [[1, null]]}
    ]}],
    "extra_top_level_results": {"anything": [1, 2, 3]}})");
}

#define EXPECT_BRIEF_ERROR(mutation, message)                                         \
  do {                                                                                 \
    json doc = valid_doc();                                                            \
    mutation;                                                                          \
    EXPECT_THROW_MSG(render_brief_html(doc), InputError, message);                    \
    EXPECT_THROW_MSG(validate_brief_json(doc), InputError, message);                  \
  } while (0)

json& chart(json& doc, int i) { return doc["sections"][0]["charts"][i]; }

TEST(BriefContract, ValidDocumentWithExtraTopLevelKeysIsAccepted) {
  EXPECT_NO_THROW(validate_brief_json(valid_doc()));
  EXPECT_NO_THROW(validate_brief_json(testing::load_fixture()));
}

TEST(BriefContract, RootAndTopLevelKeys) {
  EXPECT_THROW_MSG(render_brief_html(json::array()), InputError,
                   "results JSON at \"\": found an array of 0 elements, expected an object");
  EXPECT_BRIEF_ERROR(doc.erase("title"), "results JSON at \"/title\": missing, expected a string");
  EXPECT_BRIEF_ERROR(doc["generated"] = 20240101,
                     "results JSON at \"/generated\": found a number (20240101), expected a string");
  EXPECT_BRIEF_ERROR(doc.erase("sections"), "results JSON at \"/sections\": missing, expected an array");
  EXPECT_BRIEF_ERROR(doc["provenance"] = "none",
                     "results JSON at \"/provenance\": found a string (\"none\"), expected an object");
  EXPECT_BRIEF_ERROR(doc["provenance"]["a/b"] = true,
                     "results JSON at \"/provenance/a~1b\": found a boolean (true), expected a string or a number");
}

TEST(BriefContract, Answers) {
  EXPECT_BRIEF_ERROR(doc["answers"][0]["value"] = "high",
                     "results JSON at \"/answers/0/value\": found a string (\"high\"), expected a number or null");
  EXPECT_BRIEF_ERROR(doc["answers"][0]["value"] = std::numeric_limits<double>::quiet_NaN(),
                     "results JSON at \"/answers/0/value\": found nan, expected a finite number");
  EXPECT_BRIEF_ERROR(doc["answers"][0]["interval"] = json::array({1}),
                     "results JSON at \"/answers/0/interval\": found an array of 1 element, expected an array "
                     "[lo, hi] of two numbers");
  EXPECT_BRIEF_ERROR(doc["answers"][0]["interval"] = json::array({0.9, 0.1}),
                     "results JSON at \"/answers/0/interval\": found [0.9, 0.1], expected lo <= hi");
  EXPECT_BRIEF_ERROR(doc["answers"][0].erase("question"),
                     "results JSON at \"/answers/0/question\": missing, expected a string");
  EXPECT_BRIEF_ERROR(doc["answers"].push_back(doc["answers"][0]),
                     "results JSON at \"/answers/1/id\": found \"a\", already used at \"/answers/0\"; expected a "
                     "unique id");
}

TEST(BriefContract, SectionsAndChartIds) {
  EXPECT_BRIEF_ERROR(doc["sections"][0]["charts"] = json::object(),
                     "results JSON at \"/sections/0/charts\": found an object, expected an array");
  EXPECT_BRIEF_ERROR(doc["sections"][0]["notes"] = json::array({"ok", 3}),
                     "results JSON at \"/sections/0/notes/1\": found a number (3), expected a string");
  EXPECT_BRIEF_ERROR(chart(doc, 1)["id"] = "l",
                     "results JSON at \"/sections/0/charts/1/id\": found \"l\", already used at "
                     "\"/sections/0/charts/0\"; expected a unique id");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["type"] = "pie",
                     "results JSON at \"/sections/0/charts/0/type\": found \"pie\", expected one of \"line\", "
                     "\"bar\", \"table\", \"heatmap\"");
  EXPECT_BRIEF_ERROR(doc["sections"][0]["chart"] = json::array(),
                     "results JSON at \"/sections/0/chart\": unknown key, expected one of \"id\", \"title\", "
                     "\"text\", \"charts\", \"notes\"");
}

TEST(BriefContract, LineCharts) {
  const std::string s = "results JSON at \"/sections/0/charts/0/series/0/";
  EXPECT_BRIEF_ERROR(chart(doc, 0)["series"][0]["y"] = json::array({1, 2}),
                     s + "y\": has 2 elements, expected 3 (the length of x)");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["series"][0]["x"][1] = nullptr, s + "x/1\": found null, expected a number");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["series"][0]["y"][1] = "n/a",
                     s + "y/1\": found a string (\"n/a\"), expected a number or null");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["series"][0].erase("upper"),
                     s + "upper\": missing, expected an array of numbers or nulls (a band needs both lower and upper)");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["series"][0]["lower"][2] = 5,
                     s + "lower/2\": found 5, expected a value <= upper[2] (4)");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["series"][0]["style"] = "dotted",
                     s + "style\": found \"dotted\", expected \"solid\", \"dashed\" or \"faint\"");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["series"][0]["lowr"] = json::array(),
                     s + "lowr\": unknown key, expected one of \"name\", \"x\", \"y\", \"lower\", \"upper\", \"style\"");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["series"] = json::array(),
                     "results JSON at \"/sections/0/charts/0/series\": is empty, expected at least one series");
  EXPECT_BRIEF_ERROR(chart(doc, 0)["markers"][0].erase("label"),
                     "results JSON at \"/sections/0/charts/0/markers/0/label\": missing, expected a string");
}

TEST(BriefContract, BarTableAndHeatmapCharts) {
  EXPECT_BRIEF_ERROR(chart(doc, 1)["series"][0]["values"] = json::array({1}),
                     "results JSON at \"/sections/0/charts/1/series/0/values\": has 1 element, expected 2 (the "
                     "number of categories)");
  EXPECT_BRIEF_ERROR(chart(doc, 1).erase("categories"),
                     "results JSON at \"/sections/0/charts/1/categories\": missing, expected an array of strings");
  EXPECT_BRIEF_ERROR(chart(doc, 2)["rows"][1] = json::array({1}),
                     "results JSON at \"/sections/0/charts/2/rows/1\": has 1 element, expected 2 (the number of "
                     "columns)");
  EXPECT_BRIEF_ERROR(chart(doc, 2)["rows"][0][1] = true,
                     "results JSON at \"/sections/0/charts/2/rows/0/1\": found a boolean (true), expected a "
                     "string, a number or null");
  EXPECT_BRIEF_ERROR(chart(doc, 3)["values"].push_back(json::array({1, 2})),
                     "results JSON at \"/sections/0/charts/3/values\": has 2 elements, expected 1 (one row per y "
                     "label)");
  EXPECT_BRIEF_ERROR(chart(doc, 3)["values"][0] = json::array({1, 2, 3}),
                     "results JSON at \"/sections/0/charts/3/values/0\": has 3 elements, expected 2 (one value per "
                     "x label)");
  EXPECT_BRIEF_ERROR(chart(doc, 3)["x_labels"] = json::array(),
                     "results JSON at \"/sections/0/charts/3/x_labels\": is empty, expected at least one label");
}

}  // namespace
}  // namespace geobalance::report
