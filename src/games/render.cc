#include "geobalance/games/render.h"

#include <fmt/format.h>

#include "geobalance/check.h"

namespace geobalance::games {

std::string probability_text(const Equilibrium& e, std::size_t block, std::size_t entry) {
  if (e.exact && block < e.probs.size()) return format_rational(e.probs[block][entry]);
  return format_value(e.approx[block][entry]);
}

std::string payoff_text(const Equilibrium& e, std::size_t player) {
  if (e.exact && player < e.payoffs.size()) return format_rational(e.payoffs[player]);
  return format_value(e.payoffs_approx[player]);
}

std::string to_gambit(const SolveResult& r) {
  std::string out;
  for (const auto& e : r.equilibria) {
    out += "NE";
    for (std::size_t b = 0; b < e.approx.size(); ++b)
      for (std::size_t k = 0; k < e.approx[b].size(); ++k) out += "," + probability_text(e, b, k);
    out += "\n";
  }
  return out;
}

nlohmann::json to_json(const SolveResult& r) {
  nlohmann::json j;
  j["method"] = to_string(r.method);
  j["termination"] = to_string(r.termination);
  j["finds_all"] = coverage_of(r.method).finds_all;
  j["coverage"] = coverage_of(r.method).text;
  j["message"] = r.message;
  j["exact_rerun"] = r.exact_rerun;
  j["profile_kind"] = r.layout.behavior ? "behavior" : "mixed";
  if (r.value) j["value"] = r.value->get_str();
  j["equilibria"] = nlohmann::json::array();
  for (const auto& e : r.equilibria) {
    nlohmann::json je;
    je["exact"] = e.exact;
    je["max_regret"] = e.max_regret;
    nlohmann::json pay = nlohmann::json::object();
    for (std::size_t p = 0; p < e.payoffs_approx.size(); ++p)
      pay[p < r.layout.player_names.size() ? r.layout.player_names[p] : std::to_string(p + 1)] = payoff_text(e, p);
    je["payoffs"] = pay;
    je["profile"] = nlohmann::json::array();
    for (std::size_t b = 0; b < e.approx.size(); ++b) {
      nlohmann::json jb;
      jb["block"] = r.layout.block_names[b];
      jb["player"] = r.layout.player_names[static_cast<std::size_t>(r.layout.block_player[b])];
      nlohmann::json probs = nlohmann::json::object();
      for (std::size_t k = 0; k < e.approx[b].size(); ++k) probs[r.layout.labels[b][k]] = probability_text(e, b, k);
      jb["probabilities"] = probs;
      je["profile"].push_back(jb);
    }
    j["equilibria"].push_back(je);
  }
  if (r.method == Method::kLogit) {
    j["qre_path"] = nlohmann::json::array();
    for (const auto& pt : r.qre_path) j["qre_path"].push_back({{"lambda", pt.lambda}, {"profile", pt.profile}});
  }
  return j;
}

}  // namespace geobalance::games
