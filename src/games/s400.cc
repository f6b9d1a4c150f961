#include "geobalance/games/s400.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/error.h"

namespace geobalance::games {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
const char* const kTurkiye[] = {"Shelve", "Keep unactivated", "Activate"};
const char* const kUs[] = {"Tolerate", "Targeted sanctions", "Broad sanctions + F-35 exclusion"};
const char* const kRussia[] = {"Support", "No support"};

Rational rounded(double x) {
  Rational q(static_cast<long>(std::llround(x * 1e6)), 1'000'000L);
  q.canonicalize();
  return q;
}
}  // namespace

const std::vector<S400Field>& s400_fields() {
  static const std::vector<S400Field> fields = {
      {"us_ru_capability_ratio", "US CINC / Russian CINC (power module)", &S400Inputs::us_ru_capability_ratio, 1e-9, kInf},
      {"tr_ru_capability_ratio", "Türkiye CINC / Russian CINC (power module)", &S400Inputs::tr_ru_capability_ratio, 1e-9, kInf},
      {"tr_us_similarity", "alliance-portfolio S, Türkiye-US (alignment module)", &S400Inputs::tr_us_similarity, -1, 1},
      {"tr_ru_similarity", "alliance-portfolio S, Türkiye-Russia (alignment module)", &S400Inputs::tr_ru_similarity, -1, 1},
      {"eu_tr_activate", "Türkiye's BDM expected utility of insisting on the S-400", &S400Inputs::eu_tr_activate, -1, 1},
      {"eu_us_sanction", "the US's BDM expected utility of confronting Türkiye", &S400Inputs::eu_us_sanction, -1, 1},
      {"eu_ru_support", "Russia's BDM expected utility of backing Türkiye", &S400Inputs::eu_ru_support, -1, 1},
      {"sanction_weight", "multiplier on the harm US sanctions do to Türkiye", &S400Inputs::sanction_weight, 0, kInf},
  };
  return fields;
}

const S400Field& s400_field(std::string_view name) {
  std::string n(name);
  for (auto& ch : n)
    if (ch == '-') ch = '_';
  for (const auto& f : s400_fields())
    if (f.name == n) return f;
  std::string names;
  for (const auto& f : s400_fields()) names += (names.empty() ? "" : ", ") + f.name;
  throw InputError(SourceLocation{}, "parameter", fmt::format("found '{}', expected one of {}", name, names));
}

void S400Inputs::validate() const {
  for (const auto& f : s400_fields()) {
    double v = this->*f.member;
    if (std::isinf(f.hi)) {
      if (f.lo > 0) check_positive("S400Inputs", f.name, v);
      else check_nonnegative("S400Inputs", f.name, v);
    } else {
      check_in_range("S400Inputs", f.name, v, f.lo, f.hi);
    }
  }
}

ExtensiveFormGame build_s400_game(const S400Inputs& in) {
  in.validate();
  ExtensiveFormGame g;
  g.title = "S-400 crisis";
  g.comment = "geobalance S-400 template; payoffs from S400Inputs (see docs/games.md)";
  g.player_names = {"Türkiye", "United States", "Russia"};
  const double c = in.us_ru_capability_ratio, sU = in.tr_us_similarity, sR = in.tr_ru_similarity;
  const double w = c / (1 + c);
  const double kSev[] = {0, 0.5, 1};
  const double kCostT[] = {0, 1, 2.5};
  const double kFriction[] = {0, 0.3, 1.0};
  const double kDeter[] = {0, 0.5, 1.0};
  int ht = g.add_infoset(0, "Türkiye's decision", {kTurkiye[0], kTurkiye[1], kTurkiye[2]});
  int root = g.add_decision(-1, 0, ht, "Türkiye");
  for (int t = 0; t < 3; ++t) {
    int hu = g.add_infoset(1, fmt::format("after {}", kTurkiye[t]), {kUs[0], kUs[1], kUs[2]});
    int un = g.add_decision(root, t, hu, fmt::format("US after {}", kTurkiye[t]));
    for (int r = 0; r < 3; ++r) {
      int hr = g.add_infoset(2, fmt::format("after {}, {}", kTurkiye[t], kUs[r]), {kRussia[0], kRussia[1]});
      int rn = g.add_decision(un, r, hr, fmt::format("Russia after {}, {}", kTurkiye[t], kUs[r]));
      for (int sIdx = 0; sIdx < 2; ++sIdx) {
        const double k = kSev[t], s = sIdx == 0 ? 1 : 0, active = t > 0 ? 1 : 0, broad = r == 2 ? 1 : 0;
        double uT = k * (1 + in.eu_tr_activate + (1 - sU) / 2) - kCostT[r] * (1 + sU) * w * in.sanction_weight +
                    s * active * 0.5 * (1 + sR) * (1 - 0.3 * broad) * 1.4 / (1 + in.tr_ru_capability_ratio);
        double uU = -k * (1 + sU) - kFriction[r] * (1 + sU) * (1 - k / 2) + kDeter[r] * k * 2 * w * (1 + in.eu_us_sanction) -
                    s * broad * 0.5 * (1 + sR);
        double uR = k * (1 + in.eu_ru_support) * (1 - sU / 2) + broad * 0.5 +
                    s * active * 0.5 * (1 + sR) * (1 + in.eu_ru_support) - s * (1 + r) * 0.4 * w;
        int o = g.add_outcome(fmt::format("{} / {} / {}", kTurkiye[t], kUs[r], kRussia[sIdx]),
                              {rounded(uT), rounded(uU), rounded(uR)});
        g.add_terminal(rn, sIdx, o);
      }
    }
  }
  g.validate("S-400 template");
  return g;
}

std::string S400Path::text() const {
  return fmt::format("Türkiye: {}; United States: {}; Russia: {}", turkiye, us, russia);
}

namespace {
std::vector<S400Path> paths_of(const ExtensiveFormGame& g, const SolveResult& r) {
  // Block order: Türkiye's infoset, then the US's 3 (by number), then Russia's 9.
  std::vector<S400Path> out;
  for (const auto& e : r.equilibria) {
    auto chosen = [&](std::size_t block) {
      for (std::size_t a = 0; a < e.probs[block].size(); ++a)
        if (e.probs[block][a] == 1) return static_cast<int>(a);
      return -1;
    };
    int t = chosen(0);
    int u = chosen(static_cast<std::size_t>(1 + t));
    int s = chosen(static_cast<std::size_t>(4 + 3 * t + u));
    S400Path p{kTurkiye[t], kUs[u], kRussia[s], {}};
    // Payoffs of the reached terminal.
    int node = g.nodes[0].children[static_cast<std::size_t>(t)];
    node = g.nodes[static_cast<std::size_t>(node)].children[static_cast<std::size_t>(u)];
    node = g.nodes[static_cast<std::size_t>(node)].children[static_cast<std::size_t>(s)];
    for (const auto& x : g.terminal_payoffs(node)) p.payoffs.push_back(x.get_d());
    bool dup = false;
    for (const auto& q : out) dup = dup || q.text() == p.text();
    if (!dup) out.push_back(std::move(p));
  }
  return out;
}
}  // namespace

S400Result solve_s400(const S400Inputs& in) {
  S400Result res;
  res.inputs = in;
  res.game = build_s400_game(in);
  res.spe = spe(res.game);
  res.paths = paths_of(res.game, res.spe);
  return res;
}

std::string S400Result::summary() const {
  std::string s = fmt::format("{} subgame-perfect equilibri{}", spe.equilibria.size(),
                              spe.equilibria.size() == 1 ? "um" : "a");
  s += paths.size() == 1 ? "; equilibrium path: " : fmt::format("; {} distinct equilibrium paths: ", paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (i) s += " | ";
    s += fmt::format("{} (payoffs {:.3f}, {:.3f}, {:.3f})", paths[i].text(), paths[i].payoffs[0], paths[i].payoffs[1],
                     paths[i].payoffs[2]);
  }
  return s;
}

S400Sweep sweep_s400(const S400Inputs& base, std::string_view parameter, double from, double to, int steps) {
  const S400Field& f = s400_field(parameter);
  check_at_least("sweep_s400", "steps", steps, 2);
  check_in_range("sweep_s400", "from", from, f.lo, f.hi);
  check_in_range("sweep_s400", "to", to, f.lo, f.hi);
  S400Sweep out;
  out.parameter = f.name;
  std::string prev;
  for (int i = 0; i < steps; ++i) {
    double v = from + (to - from) * i / (steps - 1);
    S400Inputs in = base;
    in.*f.member = v;
    S400Result r = solve_s400(in);
    S400SweepPoint pt;
    pt.value = v;
    pt.paths = r.paths;
    std::string key;
    for (const auto& p : r.paths) key += p.text() + "\n";
    pt.changed = i > 0 && key != prev;
    if (pt.changed) out.change_points.push_back((v + out.points.back().value) / 2);
    prev = key;
    out.points.push_back(std::move(pt));
  }
  return out;
}

}  // namespace geobalance::games
