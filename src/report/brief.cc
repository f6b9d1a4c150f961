// The HTML brief: page structure and style around the charts of svg_chart.cc.
#include "geobalance/report/brief.h"

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "brief_model.h"
#include "geobalance/report/number.h"
#include "svg_chart.h"

namespace geobalance::report {
namespace {

using detail::escape_html;

// System fonts only: the page must render the same offline. Print rules keep figures whole
// and drop screen-only navigation.
constexpr const char* kCss = R"CSS(
:root { --ink:#1b1f24; --muted:#5b6470; --rule:#d9dde3; --soft:#f4f6f8; --accent:#1f3a5f; }
* { box-sizing:border-box; }
html { -webkit-text-size-adjust:100%; }
body { margin:0; background:#eef1f4; color:var(--ink);
  font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","DejaVu Sans",sans-serif; }
.brief { max-width:1040px; margin:24px auto; background:#fff; padding:40px 56px 32px;
  box-shadow:0 1px 3px rgba(0,0,0,.08); }
.masthead { border-bottom:3px solid var(--accent); padding-bottom:18px; margin-bottom:28px; }
.kicker { margin:0 0 6px; font-size:12px; letter-spacing:.12em; text-transform:uppercase; color:var(--accent); font-weight:600; }
h1 { margin:0; font:700 32px/1.2 Georgia,"Iowan Old Style","DejaVu Serif",serif; letter-spacing:-.01em; }
.subtitle { margin:8px 0 0; font-size:18px; color:var(--muted); }
.meta { margin:10px 0 0; font-size:13px; color:var(--muted); }
h2 { font:700 22px/1.3 Georgia,"Iowan Old Style","DejaVu Serif",serif; margin:0 0 12px; }
.answers { background:var(--soft); border-left:4px solid var(--accent); padding:18px 22px 8px; margin-bottom:28px; }
.answers h2 { font-size:19px; }
.answer-list { list-style:none; margin:0; padding:0; }
.answer { display:grid; grid-template-columns:1fr minmax(180px,auto); gap:4px 24px; padding:12px 0;
  border-top:1px solid var(--rule); }
.answer:first-child { border-top:0; }
.question { margin:0; grid-column:1; font-size:13px; color:var(--muted); }
.one-line { margin:0; grid-column:1; font-weight:600; font-size:16px; }
.figure-value { grid-column:2; grid-row:1 / span 2; align-self:center; text-align:right; margin:0;
  font-variant-numeric:tabular-nums; }
.figure-value .value { display:block; font-size:24px; font-weight:700; color:var(--accent); line-height:1.15; white-space:nowrap; }
.figure-value .unit { font-size:15px; font-weight:600; margin-left:4px; }
.figure-value .interval { display:block; font-size:12.5px; color:var(--muted); white-space:nowrap; }
.toc { margin:0 0 28px; font-size:14px; }
.toc h2 { font-size:15px; font-family:inherit; text-transform:uppercase; letter-spacing:.08em; color:var(--muted); margin-bottom:6px; }
.toc ol { margin:0; padding-left:22px; columns:2; column-gap:32px; }
.toc a { color:var(--accent); text-decoration:none; }
.toc a:hover { text-decoration:underline; }
.section { margin:0 0 36px; padding-top:8px; border-top:1px solid var(--rule); }
.section > h2 { margin-top:16px; }
.section .sec-num { color:var(--muted); font-weight:400; margin-right:6px; }
.text p { margin:0 0 12px; max-width:72ch; }
.figure { margin:22px 0 26px; }
figcaption { font-weight:700; font-size:15.5px; margin-bottom:8px; }
figcaption .fig-num { color:var(--muted); font-weight:600; margin-right:8px; }
svg.chart { display:block; width:100%; height:auto; overflow:visible; font-family:inherit; }
svg.chart text { font-family:inherit; fill:#3b424a; }
svg.chart .tick { font-size:12px; fill:#5b6470; font-variant-numeric:tabular-nums; }
svg.chart .axis-label { font-size:12.5px; fill:#3b424a; font-weight:600; }
svg.chart .legend-text { font-size:13px; fill:#2b3036; }
svg.chart .grid { stroke:#e6e9ed; stroke-width:1; }
svg.chart .zero { stroke:#8a929c; stroke-width:1.2; }
svg.chart .baseline { stroke:#8a929c; stroke-width:1.2; }
svg.chart .tickmark { stroke:#8a929c; }
svg.chart .marker-rule { stroke:#6b7480; stroke-width:1; stroke-dasharray:3 3; }
svg.chart .marker-label { font-size:11px; fill:#3b424a; paint-order:stroke; stroke:#fff; stroke-width:3px; stroke-linejoin:round; }
svg.chart .bar-label { font-size:11px; fill:#3b424a; font-variant-numeric:tabular-nums; }
svg.chart .missing { font-size:10px; fill:#8a929c; font-style:italic; }
svg.chart .missing-cell { fill:#f1f3f5; stroke:#d9dde3; stroke-dasharray:3 2; }
svg.chart .heat-label { font-size:12.5px; fill:#2b3036; }
svg.chart .cell-value { font-size:12.5px; font-weight:600; font-variant-numeric:tabular-nums; }
.table-wrap { overflow-x:auto; }
table { border-collapse:collapse; width:100%; font-size:14px; font-variant-numeric:tabular-nums; }
th, td { padding:6px 10px; border-bottom:1px solid var(--rule); text-align:left; vertical-align:top; }
thead th { border-bottom:2px solid var(--ink); font-size:13px; }
td.num, th.num { text-align:right; white-space:nowrap; }
td.missing { color:#8a929c; }
tbody tr:nth-child(even) { background:#fafbfc; }
.notes { font-size:13px; color:var(--muted); border-left:3px solid var(--rule); padding:2px 0 2px 14px; margin-top:8px; }
.notes h3 { font-size:12px; text-transform:uppercase; letter-spacing:.08em; margin:0 0 4px; }
.notes ul { margin:0; padding-left:18px; }
.caveats { grid-column:1 / -1; font-size:13px; color:#7a4a00; margin:4px 0 0; padding-left:18px; }
.answer:not(:has(.figure-value)) .one-line { grid-column:1 / -1; }
.provenance { margin-top:40px; border-top:3px solid var(--accent); padding-top:14px; font-size:13px; color:var(--muted); }
.provenance h2 { font-size:16px; font-family:inherit; text-transform:uppercase; letter-spacing:.08em; color:var(--muted); }
.provenance table { font-size:12.5px; width:auto; min-width:50%; }
.provenance th { font-weight:600; color:var(--ink); white-space:nowrap; padding-right:28px; }
.provenance td { word-break:break-all; font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace; font-size:12px; }
.provenance .colophon { margin-top:12px; }
@media (max-width:720px) {
  .brief { padding:20px 16px; margin:0; }
  .answer { grid-template-columns:1fr; }
  .figure-value { grid-column:1; grid-row:auto; text-align:left; }
  .toc ol { columns:1; }
}
@page { size:A4; margin:14mm 13mm 16mm; }
@media print {
  * { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  body { background:#fff; font-size:10.5pt; }
  .brief { max-width:none; margin:0; padding:0; box-shadow:none; }
  .toc { display:none; }
  h1 { font-size:22pt; }
  h2 { font-size:15pt; break-after:avoid; }
  .answers { break-inside:avoid; }
  .answer { break-inside:avoid; }
  .figure, .notes, table { break-inside:avoid; }
  figcaption { break-after:avoid; }
  .section { border-top:0; }
  a { color:inherit; text-decoration:none; }
}
)CSS";

std::string paragraphs(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    const std::string para = text.substr(start, end - start);
    if (para.find_first_not_of(" \t\r\n") != std::string::npos)
      out += "<p>" + escape_html(para) + "</p>\n";
    start = end + 2;
  }
  return out;
}

bool symbol_unit(const std::string& unit) { return unit == "%" || unit == "‰"; }

std::string with_unit(const std::string& number, const std::string& unit) {
  if (unit.empty()) return number;
  if (symbol_unit(unit)) return number + escape_html(unit);
  return number + "<span class=\"unit\">" + escape_html(unit) + "</span>";
}

// sig3 (report/number.h) with a true minus sign, as the charts write negative numbers.
std::string headline_number(double v) {
  std::string s = sig3(v);
  return !s.empty() && s[0] == '-' ? "\u2212" + s.substr(1) : s;
}

std::string answer_html(const detail::Answer& a) {
  std::string out = "<li class=\"answer\" data-answer-id=\"" + escape_html(a.id) + "\">";
  out += "<p class=\"question\">" + escape_html(a.question) + "</p>";
  out += "<p class=\"one-line\">" + escape_html(a.answer) + "</p>";
  if (a.value || a.interval) {
    out += "<p class=\"figure-value\">";
    if (a.value)
      // Headline numbers and intervals: three significant digits (report/number.h, issue 12 item 9).
      out += "<span class=\"value\">" + with_unit(escape_html(headline_number(*a.value)), a.unit) + "</span>";
    if (a.interval) {
      // "0.22–0.41", but "−0.29 to −0.13": an en dash next to a minus sign misreads.
      const bool negative = a.interval->first < 0 || a.interval->second < 0;
      std::string range = escape_html(headline_number(a.interval->first)) + (negative ? " to " : "&#8211;") +
                          escape_html(headline_number(a.interval->second));
      if (symbol_unit(a.unit)) range += escape_html(a.unit);
      else if (!a.value && !a.unit.empty()) range += " " + escape_html(a.unit);
      const std::string label = a.interval_label.empty() ? "interval" : escape_html(a.interval_label);
      out += "<span class=\"interval\">" + label + " " + range + "</span>";
    }
    out += "</p>";
  }
  if (!a.caveats.empty()) {
    out += "<ul class=\"caveats\">";
    for (const auto& c : a.caveats) out += "<li>Caveat: " + escape_html(c) + "</li>";
    out += "</ul>";
  }
  out += "</li>\n";
  return out;
}

}  // namespace

std::string render_brief_html(const nlohmann::json& results) {
  const detail::Brief b = detail::parse_brief(results);
  // One colour per actor, coalition or model across every figure, in order of first appearance.
  detail::ColourKey key;
  for (const auto& s : b.sections)
    for (const auto& chart : s.charts) {
      std::vector<std::string> names;
      if (const auto* l = std::get_if<detail::LineChart>(&chart))
        for (const auto& x : l->series) names.push_back(x.name);
      if (const auto* bar = std::get_if<detail::BarChart>(&chart))
        for (const auto& x : bar->series) names.push_back(x.name);
      key.add_chart(names);
    }
  const detail::ColourKeyScope colour_scope(key);
  std::string out;
  out.reserve(1 << 16);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"geobalance report\">\n";
  out += "<title>" + escape_html(b.title) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
  out += "<main class=\"brief\">\n<header class=\"masthead\">\n<p class=\"kicker\">geobalance · assessment brief</p>\n";
  out += "<h1>" + escape_html(b.title) + "</h1>\n";
  if (!b.subtitle.empty()) out += "<p class=\"subtitle\">" + escape_html(b.subtitle) + "</p>\n";
  out += "<p class=\"meta\">Generated " + escape_html(b.generated) + "</p>\n</header>\n";

  if (!b.answers.empty()) {
    out += "<section class=\"answers\" aria-labelledby=\"answers-heading\">\n"
           "<h2 id=\"answers-heading\">Key judgements</h2>\n<ol class=\"answer-list\">\n";
    for (const auto& a : b.answers) out += answer_html(a);
    out += "</ol>\n</section>\n";
  }

  if (b.sections.size() > 1) {
    out += "<nav class=\"toc\" aria-label=\"Contents\"><h2>Contents</h2><ol>";
    for (std::size_t i = 0; i < b.sections.size(); ++i)
      out += fmt::format("<li><a href=\"#s{}\">{}</a></li>", i + 1, escape_html(b.sections[i].title));
    out += "</ol></nav>\n";
  }

  int figures = 0, tables = 0;
  for (std::size_t i = 0; i < b.sections.size(); ++i) {
    const auto& s = b.sections[i];
    out += fmt::format("<section class=\"section\" id=\"s{}\" data-section-id=\"{}\">\n", i + 1, escape_html(s.id));
    out += fmt::format("<h2><span class=\"sec-num\">{}.</span>{}</h2>\n", i + 1, escape_html(s.title));
    if (!s.text.empty()) out += "<div class=\"text\">" + paragraphs(s.text) + "</div>\n";
    for (const auto& chart : s.charts) {
      const bool table = std::holds_alternative<detail::TableChart>(chart);
      const std::string& title = std::visit([](const auto& c) -> const std::string& { return c.title; }, chart);
      out += fmt::format("<figure class=\"figure\"><figcaption><span class=\"fig-num\">{} {}</span>{}</figcaption>\n",
                         table ? "Table" : "Figure", table ? ++tables : ++figures, escape_html(title));
      out += detail::render_chart(chart);
      out += "\n</figure>\n";
    }
    if (!s.notes.empty()) {
      out += "<aside class=\"notes\"><h3>Notes</h3><ul>";
      for (const auto& n : s.notes) out += "<li>" + escape_html(n) + "</li>";
      out += "</ul></aside>\n";
    }
    out += "</section>\n";
  }

  out += "<footer class=\"provenance\">\n<h2>Provenance</h2>\n";
  if (!b.provenance.empty()) {
    out += "<table class=\"provenance-table\"><tbody>\n";
    for (const auto& [k, v] : b.provenance)
      out += "<tr><th scope=\"row\">" + escape_html(k) + "</th><td>" + escape_html(v) + "</td></tr>\n";
    out += "</tbody></table>\n";
  }
  out += "<p class=\"colophon\">Rendered by geobalance from the run's results document; every figure above "
         "is a model output under the scenario's stated assumptions.</p>\n</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace geobalance::report
