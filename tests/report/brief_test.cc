// Rendering of the HTML brief and its charts: coordinates, gaps, bands, escaping and the
// count of drawn elements for every chart type in the fixture.
#include "geobalance/report/brief.h"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/brief_model.h"
#include "report/svg_chart.h"
#include "report_test_util.h"
#include "test_util.h"

namespace geobalance::report {
namespace {

using detail::LineChart;
using detail::LineSeries;
using detail::MaybeNumber;
using testing::chart_markup;
using testing::count;
using testing::load_fixture;
using ::testing::HasSubstr;
using ::testing::Not;

LineChart simple_line(std::vector<double> x, std::vector<MaybeNumber> y) {
  LineChart c;
  c.id = "c";
  c.title = "T";
  c.x_label = "Year";
  c.y_label = "Index";
  c.series.push_back(LineSeries{"A", std::move(x), std::move(y), {}, {}, false});
  return c;
}

TEST(LineChart, KnownPointLandsWhereWorkedOut) {
  // One series from (0, 0) to (10, 100), through (5, 50).
  LineChart c = simple_line({0, 5, 10}, {0.0, 50.0, 100.0});
  detail::LineLayout L = detail::line_layout(c);
  // Top: 6 (margin) + 22 (one legend row) + 28 (y label line) = 56.
  // Bottom: 420 (height) - 52 (x tick labels and x label) = 368.
  EXPECT_DOUBLE_EQ(L.area.top, 56);
  EXPECT_DOUBLE_EQ(L.area.bottom, 368);
  EXPECT_THAT(L.y_scale.ticks, ::testing::ElementsAre(0.0, 20.0, 40.0, 60.0, 80.0, 100.0));
  // y = 50 is half way up the 0..100 axis: 368 - 0.5 * (368 - 56) = 212.
  EXPECT_DOUBLE_EQ(L.y(50), 212);
  // x = 5 is half way across the 0..10 domain (the x axis is not padded).
  EXPECT_DOUBLE_EQ(L.x(5), (L.area.left + L.area.right) / 2);
  const std::string svg = detail::render_line_chart(c);
  EXPECT_THAT(svg, HasSubstr(fmt::format("L{},212", detail::fmt_coord((L.area.left + L.area.right) / 2))));
  EXPECT_THAT(svg, HasSubstr(fmt::format("M{},368", detail::fmt_coord(L.area.left))));
}

TEST(LineChart, NullsBreakTheLineIntoSegmentsAndLonePointsBecomeDots) {
  // y = 1, -, 3, 4, -, 6: one two-point segment (3, 4) and two isolated points (1 and 6).
  LineChart c = simple_line({1, 2, 3, 4, 5, 6}, {1.0, std::nullopt, 3.0, 4.0, std::nullopt, 6.0});
  const std::string svg = detail::render_line_chart(c);
  EXPECT_EQ(count(svg, "<path class=\"line\""), 1);
  EXPECT_EQ(count(svg, "<circle class=\"point\""), 2);
  EXPECT_EQ(count(svg, "data-series=\"A\""), 1);
}

TEST(LineChart, BandIsAClosedTranslucentAreaSplitAtNulls) {
  LineChart c = simple_line({1, 2, 3, 4, 5}, {1.0, 2.0, 3.0, 4.0, 5.0});
  c.series[0].lower = {0.5, 1.5, std::nullopt, 3.5, 4.5};
  c.series[0].upper = {1.5, 2.5, 3.5, 4.5, 5.5};
  const std::string svg = detail::render_line_chart(c);
  EXPECT_EQ(count(svg, "<path class=\"band\""), 2);  // points 1-2 and 4-5
  EXPECT_EQ(count(svg, "Z\" fill=\"#0072B2\" fill-opacity=\"0.18\""), 2);
  EXPECT_EQ(count(svg, "<path class=\"line\""), 1);  // the line itself is unbroken
}

TEST(LineChart, DegenerateInputsStayFinite) {
  for (const auto& c : {simple_line({2020}, {3.0}),                       // a single point
                        simple_line({1, 2, 3}, {7.0, 7.0, 7.0}),          // a constant series
                        simple_line({1, 2}, {std::nullopt, std::nullopt}),  // nothing to draw
                        simple_line({0, 1, 2}, {-4e12, 1e12, 2.5e12}),     // huge, negative
                        simple_line({0, 1e-9, 2e-9}, {1e-7, 3e-7, 2e-7})}) {  // tiny
    const std::string svg = detail::render_line_chart(c);
    EXPECT_THAT(svg, Not(HasSubstr("nan")));
    EXPECT_THAT(svg, Not(HasSubstr("inf")));
    EXPECT_THAT(svg, HasSubstr("class=\"grid\""));
  }
  // The single point is drawn as a dot, centred on the widened x axis.
  EXPECT_THAT(detail::render_line_chart(simple_line({2020}, {3.0})), HasSubstr("<circle class=\"point\""));
}

TEST(LineChart, DashedStyleAndMarkers) {
  LineChart c = simple_line({2010, 2020}, {1.0, 2.0});
  c.series[0].dashed = true;
  c.markers.push_back({2014, "Crimea & <after>"});
  const std::string svg = detail::render_line_chart(c);
  EXPECT_THAT(svg, HasSubstr("stroke-dasharray=\"7 4\""));
  EXPECT_EQ(count(svg, "class=\"marker-rule\""), 1);
  EXPECT_THAT(svg, HasSubstr(">Crimea &amp; &lt;after&gt;</text>"));
  EXPECT_THAT(svg, HasSubstr(">2010</text>"));  // years without grouping
}

nlohmann::json minimal_doc() {
  return nlohmann::json::parse(R"({
    "title": "T", "generated": "2024-01-01", "provenance": {"seed": 7},
    "answers": [], "sections": [{"id": "s", "title": "S", "charts": []}]})");
}

TEST(Brief, EscapesTextEverywhere) {
  nlohmann::json doc = minimal_doc();
  doc["title"] = "Türkiye <S-400> & \"NATO\"";
  doc["answers"] = nlohmann::json::parse(R"([{"id": "a", "question": "Q <1>?", "answer": "Yes & no", "value": 0.5,
                                               "interval": [0.25, 0.75], "unit": "%"}])");
  doc["sections"][0]["charts"] = nlohmann::json::parse(R"([
    {"id": "x<\"1\">", "type": "bar", "title": "A & B", "y_label": "'y'", "categories": ["<c>"],
     "series": [{"name": "US & \"allies\"", "values": [1]}]}])");
  const std::string html = render_brief_html(doc);
  EXPECT_THAT(html, HasSubstr("<h1>Türkiye &lt;S-400&gt; &amp; &quot;NATO&quot;</h1>"));
  EXPECT_THAT(html, HasSubstr("data-chart-id=\"x&lt;&quot;1&quot;&gt;\""));
  EXPECT_THAT(html, HasSubstr("data-series=\"US &amp; &quot;allies&quot;\""));
  EXPECT_THAT(html, HasSubstr(">&lt;c&gt;</text>"));
  EXPECT_THAT(html, HasSubstr("Q &lt;1&gt;?"));
  EXPECT_THAT(html, Not(HasSubstr("<S-400>")));
  EXPECT_THAT(html, Not(HasSubstr("US & ")));
}

TEST(Brief, AnswersShowValueAndInterval) {
  const std::string html = render_brief_html(load_fixture());
  EXPECT_THAT(html, HasSubstr("<span class=\"value\">0.31<span class=\"unit\">probability</span></span>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"interval\">90% interval 0.22&#8211;0.41</span>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"value\">68%</span><span class=\"interval\">90% interval 57&#8211;78%</span>"));
  // Negative bounds are joined by "to": an en dash beside a minus sign misreads.
  EXPECT_THAT(html, HasSubstr("<span class=\"interval\">90% interval −0.29 to −0.13</span>"));
}

TEST(Brief, PageIsSelfContainedAndPrintable) {
  const std::string html = render_brief_html(load_fixture());
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("@import")));
  EXPECT_THAT(html, Not(HasSubstr("url(")));
  EXPECT_THAT(html, Not(HasSubstr("href=\"http")));
  EXPECT_THAT(html, HasSubstr("<th scope=\"row\">seed</th><td>20240611</td>"));  // provenance footer
}

TEST(Brief, EveryFixtureChartIsRenderedWithItsSeriesBarsRowsAndCells) {
  const nlohmann::json doc = load_fixture();
  const std::string html = render_brief_html(doc);
  std::set<std::string> types;
  int charts = 0;
  for (const auto& section : doc["sections"]) {
    for (const auto& chart : section["charts"]) {
      ++charts;
      const std::string id = chart["id"], type = chart["type"];
      types.insert(type);
      SCOPED_TRACE(id);
      const std::string m = chart_markup(html, id);
      ASSERT_FALSE(m.empty());
      if (type == "line") {
        EXPECT_THAT(m, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-line\""));
        EXPECT_EQ(count(m, "<g class=\"series\""), static_cast<int>(chart["series"].size()));
        int bands = 0;
        for (const auto& s : chart["series"]) {
          EXPECT_THAT(m, HasSubstr("data-series=\"" + detail::escape_html(s["name"].get<std::string>()) + "\""));
          bands += s.contains("lower");
        }
        EXPECT_GE(count(m, "<path class=\"band\""), bands);
        EXPECT_EQ(count(m, "class=\"marker-rule\""), static_cast<int>(chart.value("markers", nlohmann::json::array()).size()));
      } else if (type == "bar") {
        int bars = 0, nulls = 0;
        for (const auto& s : chart["series"])
          for (const auto& v : s["values"]) (v.is_null() ? nulls : bars)++;
        EXPECT_EQ(count(m, "<rect class=\"bar\""), bars);
        EXPECT_EQ(count(m, ">n/a</text>"), nulls);
        EXPECT_EQ(count(m, "<g class=\"series\""), static_cast<int>(chart["series"].size()));
      } else if (type == "table") {
        EXPECT_THAT(m, HasSubstr("<table class=\"chart-table\""));
        EXPECT_EQ(count(m, "</th>"), static_cast<int>(chart["columns"].size()));
        EXPECT_EQ(count(m, "<tr>") - 1, static_cast<int>(chart["rows"].size()));  // minus the header row
      } else if (type == "heatmap") {
        const int cells = static_cast<int>(chart["x_labels"].size() * chart["y_labels"].size());
        EXPECT_EQ(count(m, "<rect class=\"cell"), cells);
        EXPECT_EQ(count(m, "<g class=\"series\""), static_cast<int>(chart["y_labels"].size()));
      }
    }
  }
  EXPECT_EQ(types, (std::set<std::string>{"line", "bar", "table", "heatmap"}));
  EXPECT_EQ(count(html, "class=\"chart chart-"), charts - 2);  // the two tables are HTML tables
}

// Colours tied to names across the brief (issue 12, item 9). Okabe-Ito palette slots:
// 0 #0072B2, 1 #E69F00, 2 #009E73. Chart 1 shows NATO, USA (slots 0, 1); chart 2 shows USA
// first, then RUS: USA keeps #E69F00 and RUS takes the first slot free in that chart, 0
// (#0072B2, shared with NATO, which chart 2 does not show); chart 3 is a bar chart of NATO and
// RUS, who never met before: RUS already holds slot 0 like NATO, so that chart falls back to
// the palette in series order.
TEST(Brief, SeriesKeepTheirColourAcrossFigures) {
  auto line = [](const std::string& id, std::vector<std::string> names) {
    nlohmann::json series = nlohmann::json::array();
    for (const auto& n : names) series.push_back({{"name", n}, {"x", {1, 2}}, {"y", {1, 2}}});
    return nlohmann::json{{"id", id}, {"type", "line"}, {"title", id}, {"x_label", "x"}, {"y_label", "y"}, {"series", series}};
  };
  nlohmann::json bar = {{"id", "c3"}, {"type", "bar"}, {"title", "c3"}, {"y_label", "y"}, {"categories", {"p"}},
                        {"series", {{{"name", "NATO"}, {"values", {1}}}, {{"name", "RUS"}, {"values", {2}}}}}};
  nlohmann::json doc = {{"title", "T"}, {"generated", "g"}, {"provenance", nlohmann::json::object()}, {"answers", nlohmann::json::array()},
                        {"sections", {{{"id", "s"}, {"title", "S"},
                                       {"charts", {line("c1", {"NATO", "USA"}), line("c2", {"USA", "RUS"}), bar}}}}}};
  const std::string html = render_brief_html(doc);
  auto series_block = [&](const std::string& chart_id, const std::string& name) {
    const auto c = html.find("id=\"" + chart_id + "\"");
    EXPECT_NE(c, std::string::npos) << chart_id;
    const auto at = html.find("data-series=\"" + name + "\"", c);
    EXPECT_NE(at, std::string::npos) << chart_id << " " << name;
    return html.substr(at, 400);
  };
  EXPECT_NE(series_block("c1", "NATO").find("#0072B2"), std::string::npos);
  EXPECT_NE(series_block("c1", "USA").find("#E69F00"), std::string::npos);
  EXPECT_NE(series_block("c2", "USA").find("#E69F00"), std::string::npos);
  EXPECT_NE(series_block("c2", "RUS").find("#0072B2"), std::string::npos);
  // Chart 3: keyed colours would repeat (both slot 0), so series order: NATO #0072B2, RUS #E69F00.
  EXPECT_NE(series_block("c3", "NATO").find("#0072B2"), std::string::npos);
  EXPECT_NE(series_block("c3", "RUS").find("#E69F00"), std::string::npos);
}

TEST(Brief, HeatmapWithNegativeAndPositiveValuesUsesADivergingScale) {
  const std::string html = render_brief_html(load_fixture());
  const std::string m = chart_markup(html, "s400-payoffs");
  EXPECT_THAT(m, HasSubstr(">−3.1</text>"));  // symmetric key: -max|v| .. 0 .. max|v|
  EXPECT_THAT(m, HasSubstr("class=\"cell missing-cell\""));
  EXPECT_THAT(m, HasSubstr(">Payoff to Türkiye (utility units)</text>"));
  // The darkest cell (3.1, deep blue) gets white text; a pale cell (0.4) gets dark text.
  EXPECT_THAT(m, HasSubstr("style=\"fill:#ffffff\">3.1</text>"));
  EXPECT_THAT(m, HasSubstr("style=\"fill:#1a1a1a\">0.4</text>"));
}

TEST(Brief, BarLabelsShareDecimalsAndNullsAreMarked) {
  const std::string m = chart_markup(render_brief_html(load_fixture()), "theatre-balance");
  EXPECT_THAT(m, HasSubstr(">1.00</text>"));  // NATO Baltic = 1, written like its neighbours (0.71)
  EXPECT_EQ(count(m, ">n/a</text>"), 2);
}

}  // namespace
}  // namespace geobalance::report
