// The brief's sensitivity charts (issue 12, item 6): the tornado of a bargaining answer and
// the power ratio by index render as well-formed SVG with the rows in the order of effect.
#include "report/sensitivity_charts.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "geobalance/error.h"
#include "geobalance/report/brief.h"
#include "report_test_util.h"

namespace geobalance::report {
namespace {

using nlohmann::json;
using scenario::TornadoBar;

// A minimal XML well-formedness check for the SVG fragment: every element closes in order
// (or self-closes), attribute values are quoted, no stray '<' or '&' in text.
bool well_formed(const std::string& s, std::string& why) {
  std::vector<std::string> open;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      const auto semi = s.find(';', i);
      if (semi == std::string::npos || semi - i > 8) return why = "bare & at " + std::to_string(i), false;
      i = semi + 1;
      continue;
    }
    if (s[i] != '<') {
      if (s[i] == '>') return why = "stray > at " + std::to_string(i), false;
      ++i;
      continue;
    }
    const auto end = s.find('>', i);
    if (end == std::string::npos) return why = "unclosed tag at " + std::to_string(i), false;
    std::string tag = s.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return why = "empty tag", false;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return why = "mismatched </" + tag.substr(1) + ">", false;
      open.pop_back();
      continue;
    }
    const bool self = tag.back() == '/';
    const std::string name = tag.substr(0, tag.find_first_of(" /"));
    // Quotes balance inside the tag.
    int quotes = 0;
    for (char c : tag) quotes += c == '"';
    if (quotes % 2) return why = "unbalanced quotes in <" + name + ">", false;
    if (!self) open.push_back(name);
  }
  if (!open.empty()) return why = "unclosed <" + open.back() + ">", false;
  return true;
}

TornadoBar bar(const std::string& actor, const std::string& input, double step, double down, double up, double base) {
  TornadoBar b;
  b.actor = actor, b.input = input, b.step = step, b.declared = true;
  b.forecast_down = down, b.forecast_up = up;
  b.effect = std::max(std::fabs(down - base), std::fabs(up - base));
  return b;
}

scenario::ScenarioResult result_with_tornado() {
  scenario::ScenarioResult r;
  r.interval_level = 0.9;
  scenario::Answer a;
  a.id = "q";
  a.baseline = 40;
  scenario::BargainingAnswer b;
  b.issue = "iss";
  b.title = "An <issue> & more";
  b.model = "smp";
  b.scale_min = 0, b.scale_max = 100;
  // Ranked as the library ranks them: effects 30, 12, 5, 0.5.
  b.tornado = {bar("B", "dropped", 0, 70, 70, 40), bar("A", "position", 5, 28, 45, 40),
               bar("C", "capability", 1.5, 35, 44, 40), bar("A", "salience", 0.05, 39.5, 40.2, 40)};
  b.tornado[0].declared = true;
  a.bargaining = b;
  r.answers.push_back(a);
  return r;
}

json doc_with(const std::vector<json>& charts) {
  json doc = testing::load_fixture();
  json sec{{"id", "sensitivity"}, {"title", "Sensitivity"}, {"charts", charts}};
  doc["sections"].push_back(sec);
  return doc;
}

TEST(SensitivityCharts, TornadoRendersWellFormedWithRowsByEffect) {
  const auto r = result_with_tornado();
  json charts = json::array();
  std::vector<std::string> notes;
  detail::add_tornado_charts(r, charts, notes);
  ASSERT_EQ(charts.size(), 1u);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("position sd 5 (declared in the scenario)"), std::string::npos) << notes[0];
  EXPECT_NE(notes[0].find("capability ÷/×1.5"), std::string::npos) << notes[0];
  const std::string html = render_brief_html(doc_with({charts[0]}));
  const std::string svg = testing::chart_markup(html, "bargaining-tornado-iss");
  ASSERT_FALSE(svg.empty());
  std::string why;
  EXPECT_TRUE(well_formed(svg, why)) << why;
  // Rows in rank order, labelled; the escaped title survives.
  std::vector<std::string> labels{"B dropped", "A position ±5", "C capability ×/÷1.5", "A salience ±0.05"};
  std::size_t at = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string key = "data-rank=\"" + std::to_string(i + 1) + "\" data-label=\"" + labels[i] + "\"";
    const std::size_t p = svg.find(key);
    ASSERT_NE(p, std::string::npos) << key;
    EXPECT_GT(p, at) << key;
    at = p;
  }
  EXPECT_NE(svg.find("An &lt;issue&gt; &amp; more"), std::string::npos);
  // A lowered and a raised part for the pairs, one bar for the dropped actor.
  EXPECT_EQ(testing::count(svg, "class=\"bar bar-single\""), 1);
  EXPECT_EQ(testing::count(svg, "class=\"bar bar-low\""), 3);
  EXPECT_EQ(testing::count(svg, "class=\"bar bar-high\""), 3);
  // The reference line sits at the baseline: x of 40 on the 0-100 axis... the label says so.
  EXPECT_NE(svg.find(">baseline 40<"), std::string::npos);
}

TEST(SensitivityCharts, TornadoDrawsAtMostMaxRowsAndSaysWhatItLeftOut) {
  const auto r = result_with_tornado();
  json charts = json::array();
  std::vector<std::string> notes;
  detail::add_tornado_charts(r, charts, notes, 2);
  EXPECT_EQ(charts[0]["rows"].size(), 2u);
  // The two left out: C capability (35 and 44 around 40: 5) and A salience (0.5): at most 5.
  EXPECT_NE(notes[0].find("the 2 smaller bars not drawn change it by at most 5 (all 4 in results.json)"), std::string::npos)
      << notes[0];
}

TEST(SensitivityCharts, PowerIndexChartHasWeightsCincAndEachIndicator) {
  scenario::ScenarioResult r;
  r.interval_level = 0.9;
  scenario::Answer a;
  a.id = "balance";
  a.baseline = 1.63, a.low = 1.57, a.high = 1.7;
  scenario::PowerAnswer p;
  p.first = "NATO", p.second = "RUS+CHN";
  p.last_year = 2024;
  p.by_indicator = {{"milex", 3.11}, {"tpop", 0.626}, {"gdp", std::nan("")}};
  p.ratio_cinc = 0.828, p.cinc_year = 2022, p.cinc_dataset = "NMC 7.0";
  a.power = p;
  const json ch = detail::power_index_chart(a, r);
  ASSERT_EQ(ch["rows"].size(), 5u);
  EXPECT_EQ(ch["rows"][1]["label"], "CINC (NMC 7.0, 2022, the last year it covers)");
  EXPECT_EQ(ch["rows"][0]["interval"], json({1.57, 1.7}));
  EXPECT_TRUE(ch["rows"][4]["low"].is_null());  // gdp: not computable -> n/a
  const std::string svg = testing::chart_markup(render_brief_html(doc_with({ch})), "power-index-balance");
  std::string why;
  EXPECT_TRUE(well_formed(svg, why)) << why;
  EXPECT_EQ(testing::count(svg, "class=\"whisker\""), 1);
  EXPECT_EQ(testing::count(svg, ">n/a<"), 1);
  EXPECT_NE(svg.find(">parity<"), std::string::npos);
  // Without an NMC file the row says so.
  p.cinc_dataset.clear(), p.cinc_year = 0, p.ratio_cinc = std::nan("");
  EXPECT_EQ(detail::cinc_label(p), "CINC (not available: no NMC file in the scenario)");
}

TEST(SensitivityCharts, TornadoChartJsonIsValidated) {
  json ch{{"id", "t"}, {"type", "tornado"}, {"title", "t"}, {"x_label", ""}, {"reference", 1}, {"reference_label", ""},
          {"low_name", ""}, {"high_name", ""}, {"rows", json::array()}};
  EXPECT_THROW(render_brief_html(doc_with({ch})), InputError);  // no rows
  ch["rows"] = {{{"label", "x"}, {"low", 1}, {"high", "a"}}};
  EXPECT_THROW(render_brief_html(doc_with({ch})), InputError);
}

}  // namespace
}  // namespace geobalance::report
