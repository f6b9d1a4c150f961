// Enum <-> string conversions of the forecast module (one place, as STYLE.md asks).
#include "geobalance/forecast/models.h"
#include "geobalance/forecast/series.h"
#include "geobalance/forecast/var.h"

namespace geobalance::forecast {

std::string to_string(SeriesKind k) {
  switch (k) {
    case SeriesKind::kMilex: return "milex";
    case SeriesKind::kWarheads: return "warheads";
    case SeriesKind::kCinc: return "cinc";
    case SeriesKind::kIdealPoint: return "idealpoint";
  }
  return "?";
}

std::optional<SeriesKind> series_kind_from_string(std::string_view s) {
  for (SeriesKind k : {SeriesKind::kMilex, SeriesKind::kWarheads, SeriesKind::kCinc, SeriesKind::kIdealPoint})
    if (s == to_string(k)) return k;
  return std::nullopt;
}

std::string series_kind_names() { return "milex, warheads, cinc, idealpoint"; }

std::string to_string(ModelKind m) {
  switch (m) {
    case ModelKind::kNoChange: return "nochange";
    case ModelKind::kTrend: return "trend";
    case ModelKind::kAr1: return "ar1";
    case ModelKind::kRichardson: return "richardson";
    case ModelKind::kVar: return "var";
    case ModelKind::kRegime: return "regime";
  }
  return "?";
}

std::optional<ModelKind> model_kind_from_string(std::string_view s) {
  for (ModelKind m : {ModelKind::kNoChange, ModelKind::kTrend, ModelKind::kAr1, ModelKind::kRichardson, ModelKind::kVar,
                      ModelKind::kRegime})
    if (s == to_string(m)) return m;
  return std::nullopt;
}

std::string model_kind_names() { return "nochange, trend, ar1, richardson, var, regime"; }

std::string to_string(TreatyRegime r) {
  switch (r) {
    case TreatyRegime::kNone: return "none";
    case TreatyRegime::kStartI: return "START I";
    case TreatyRegime::kSort: return "SORT";
    case TreatyRegime::kNewStart: return "New START";
  }
  return "?";
}

std::string to_string(InfoCriterion c) {
  switch (c) {
    case InfoCriterion::kAic: return "aic";
    case InfoCriterion::kBic: return "bic";
    case InfoCriterion::kHqic: return "hqic";
  }
  return "?";
}

std::optional<InfoCriterion> info_criterion_from_string(std::string_view s) {
  for (InfoCriterion c : {InfoCriterion::kAic, InfoCriterion::kBic, InfoCriterion::kHqic})
    if (s == to_string(c)) return c;
  return std::nullopt;
}

}  // namespace geobalance::forecast
