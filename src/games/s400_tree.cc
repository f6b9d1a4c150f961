#include "geobalance/games/s400_tree.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/error.h"
#include "geobalance/games/sequence_form.h"

namespace geobalance::games {

const std::array<const char*, kTreeTrMoves> kTreeTrNames = {"Keep stored", "Activate and integrate",
                                                           "Return or transfer"};
const std::array<const char*, kTreeUsMoves> kTreeUsNames = {
    "Tolerate", "F-35 exclusion", "Targeted CAATSA", "F-35 exclusion + targeted CAATSA", "Broad sanctions"};
const std::array<const char*, kTreeRuMoves> kTreeRuNames = {"Support", "Stay out"};

namespace {
constexpr int kStored = 0, kActivate = 1, kReturn = 2;
constexpr double kF[kTreeUsMoves] = {0, 1, 0, 1, 1};
constexpr double kC[kTreeUsMoves] = {0, 0, 1, 1, 0};
constexpr double kB[kTreeUsMoves] = {0, 0, 0, 0, 1};
constexpr double kLimitLambda = 1e5;

Rational rounded(double x) {
  Rational q(static_cast<long>(std::llround(x * 1e6)), 1'000'000L);
  q.canonicalize();
  return q;
}

// D(a, Türkiye type): how much of a threat the move is (type 0 Activation, 1 chip).
double threat(int a, int tt) {
  if (a == kActivate) return 1;
  if (a == kStored) return tt == 0 ? 0.75 : 0.25;
  return 0;
}

struct Payoffs {
  double t, u, r;
};

// ut: US type (0 High, 1 Low); tt: Türkiye's type (0 Activation, 1 chip).
Payoffs payoffs(const S400TreeInputs& in, int ut, int tt, int a, int r, int s) {
  const double q = in.us_ru_capability_ratio, w = q / (1 + q);
  const double sU = in.tr_us_similarity, sR = in.tr_ru_similarity, m = (1 + sU) / 2;
  const double eT = in.eu_tr_activate / 4, eU = in.eu_us_sanction / 4, eR = in.eu_ru_support / 4;
  const double f = kF[r], c = kC[r], b = kB[r];
  const double sup = s == 0 ? 1 : 0, kept = a == kReturn ? 0 : 1;
  double value = 0;
  if (tt == 0) value = a == kActivate ? 1 + eT : a == kStored ? 0.5 : 0;
  else value = a == kActivate ? 0.25 : a == kStored ? 0.75 + eT : 0.25;
  const double d = threat(a, tt);
  Payoffs p{};
  p.t = value - m * w * (1.0 * f + 0.5 * c + 2.0 * b) + sup * kept * (1 + sR) / 4;
  p.u = -m * d - m * (0.3 * f + 0.2 * c + 1.0 * b) + w * (1 + eU) * d * (0.4 * f + 0.3 * c + 0.8 * b) -
        in.congress_pressure * (ut == 0 ? 1 : 0) * kept * (c == 0 && b == 0 ? 1 : 0) - sup * b * (1 + sR) / 4;
  const double wedge[3] = {0.5, 1, -0.5};  // Stored, Activate, Return
  p.r = 0.5 * (1 + eR) * wedge[a] + 0.3 * f + 0.2 * c + 0.5 * b + sup * kept * (1 + sR) / 4 * (1 + eR) -
        sup * 0.3 * w * (1 + f + c + 2 * b);
  return p;
}

// Russia's best response (ties: Stay out), from the rounded payoffs the tree holds.
int russia_best(const S400TreeInputs& in, int a, int r) {
  Rational sup = rounded(payoffs(in, 0, 0, a, r, 0).r), out = rounded(payoffs(in, 0, 0, a, r, 1).r);
  return sup > out ? 0 : 1;
}

template <class Leaf>
ExtensiveFormGame build_tree(const S400TreeInputs& in, bool core, Leaf leaf) {
  in.validate();
  ExtensiveFormGame g;
  g.title = core ? "S-400 crisis (two-player core)" : "S-400 crisis with incomplete information";
  g.comment = "geobalance S-400 game (issue 14); payoffs from S400TreeInputs, see docs/games.md";
  g.player_names = {"Türkiye", "United States"};
  if (!core) g.player_names.push_back("Russia");
  const char* ttn[2] = {"Activation", "Bargaining chip"};
  const char* utn[2] = {"High resolve", "Low resolve"};
  int hT[2], hU[2][3], hR[3][5];
  for (int tt = 0; tt < 2; ++tt)
    hT[tt] = g.add_infoset(0, fmt::format("Türkiye, {} type", ttn[tt]), {kTreeTrNames[0], kTreeTrNames[1], kTreeTrNames[2]});
  for (int ut = 0; ut < 2; ++ut)
    for (int a = 0; a < 3; ++a)
      hU[ut][a] = g.add_infoset(1, fmt::format("US, {}, after {}", utn[ut], kTreeTrNames[a]),
                                {kTreeUsNames[0], kTreeUsNames[1], kTreeUsNames[2], kTreeUsNames[3], kTreeUsNames[4]});
  if (!core)
    for (int a = 0; a < 3; ++a)
      for (int r = 0; r < 5; ++r)
        hR[a][r] = g.add_infoset(2, fmt::format("Russia after {}, {}", kTreeTrNames[a], kTreeUsNames[r]),
                                 {kTreeRuNames[0], kTreeRuNames[1]});
  const Rational pu = rounded(in.prior_congress_high), pt = rounded(in.prior_ankara_activation);
  int cu = g.add_infoset(-1, "US Congress resolve", {utn[0], utn[1]}, {pu, 1 - pu});
  int root = g.add_decision(-1, 0, cu, "Nature: US type");
  for (int ut = 0; ut < 2; ++ut) {
    int ct = g.add_infoset(-1, fmt::format("Ankara's type ({})", utn[ut]), {ttn[0], ttn[1]}, {pt, 1 - pt});
    int cn = g.add_decision(root, ut, ct, "Nature: Türkiye's type");
    for (int tt = 0; tt < 2; ++tt) {
      int tn = g.add_decision(cn, tt, hT[tt], "Türkiye");
      for (int a = 0; a < 3; ++a) {
        int un = g.add_decision(tn, a, hU[ut][a], "United States");
        for (int r = 0; r < 5; ++r) {
          if (core) {
            leaf(g, un, r, ut, tt, a, r, russia_best(in, a, r));
            continue;
          }
          int rn = g.add_decision(un, r, hR[a][r], "Russia");
          for (int s = 0; s < 2; ++s) leaf(g, rn, s, ut, tt, a, r, s);
        }
      }
    }
  }
  g.validate(g.title);
  return g;
}

std::vector<double> softmax(const std::vector<double>& v, double lambda) {
  double mx = *std::max_element(v.begin(), v.end());
  std::vector<double> p(v.size());
  double sum = 0;
  for (std::size_t i = 0; i < v.size(); ++i) sum += p[i] = std::exp(lambda * (v[i] - mx));
  for (auto& x : p) x /= sum;
  return p;
}

// Given Türkiye's behaviour, fills Russia's and the US's logit responses and returns Türkiye's
// action values v[tt][a].
void respond(const S400TreeInputs& in, double lambda, S400TreeProfile& p, double vt[2][3]) {
  const double pu[2] = {in.prior_congress_high, 1 - in.prior_congress_high};
  const double pt[2] = {in.prior_ankara_activation, 1 - in.prior_ankara_activation};
  for (int a = 0; a < 3; ++a)
    for (int r = 0; r < 5; ++r) {
      auto q = softmax({payoffs(in, 0, 0, a, r, 0).r, payoffs(in, 0, 0, a, r, 1).r}, lambda);
      p.ru[a][r][0] = q[0];
      p.ru[a][r][1] = q[1];
    }
  for (int a = 0; a < 3; ++a) {
    double mu[2] = {pt[0] * p.tr[0][a], pt[1] * p.tr[1][a]};
    double z = mu[0] + mu[1];
    if (z > 0) mu[0] /= z, mu[1] /= z;
    else mu[0] = pt[0], mu[1] = pt[1];  // unreachable only by underflow: the prior
    for (int ut = 0; ut < 2; ++ut) {
      std::vector<double> v(5, 0.0);
      for (int r = 0; r < 5; ++r)
        for (int tt = 0; tt < 2; ++tt)
          for (int s = 0; s < 2; ++s) v[r] += mu[tt] * p.ru[a][r][s] * payoffs(in, ut, tt, a, r, s).u;
      auto q = softmax(v, lambda);
      for (int r = 0; r < 5; ++r) p.us[ut][a][r] = q[r];
    }
  }
  for (int tt = 0; tt < 2; ++tt)
    for (int a = 0; a < 3; ++a) {
      vt[tt][a] = 0;
      for (int ut = 0; ut < 2; ++ut)
        for (int r = 0; r < 5; ++r)
          for (int s = 0; s < 2; ++s)
            vt[tt][a] += pu[ut] * p.us[ut][a][r] * p.ru[a][r][s] * payoffs(in, ut, tt, a, r, s).t;
    }
}

// Residual of the QRE in Türkiye's log-odds z[tt*2 + k] = log tr[tt][k+1] - log tr[tt][0].
std::array<double, 4> residual(const S400TreeInputs& in, double lambda, const std::array<double, 4>& z,
                               S400TreeProfile& p) {
  for (int tt = 0; tt < 2; ++tt) {
    auto q = softmax({0.0, z[tt * 2], z[tt * 2 + 1]}, 1.0);
    for (int a = 0; a < 3; ++a) p.tr[tt][a] = q[a];
  }
  double vt[2][3];
  respond(in, lambda, p, vt);
  std::array<double, 4> res{};
  for (int tt = 0; tt < 2; ++tt)
    for (int k = 0; k < 2; ++k) res[tt * 2 + k] = z[tt * 2 + k] - lambda * (vt[tt][k + 1] - vt[tt][0]);
  return res;
}

double norm(const std::array<double, 4>& r) {
  double m = 0;
  for (double x : r) m = std::max(m, std::abs(x));
  return m;
}

// Newton's method with a finite-difference Jacobian and backtracking.
bool newton(const S400TreeInputs& in, double lambda, std::array<double, 4>& z) {
  S400TreeProfile p;
  auto r = residual(in, lambda, z, p);
  for (int it = 0; it < 200; ++it) {
    double nr = norm(r);
    if (nr < 1e-10) return true;
    double J[4][5];
    for (int j = 0; j < 4; ++j) {
      auto z2 = z;
      double h = 1e-7 * std::max(1.0, std::abs(z[j]));
      z2[j] += h;
      auto r2 = residual(in, lambda, z2, p);
      for (int i = 0; i < 4; ++i) J[i][j] = (r2[i] - r[i]) / h;
    }
    for (int i = 0; i < 4; ++i) J[i][4] = -r[i];
    for (int c = 0; c < 4; ++c) {  // Gaussian elimination with partial pivoting
      int piv = c;
      for (int i = c + 1; i < 4; ++i)
        if (std::abs(J[i][c]) > std::abs(J[piv][c])) piv = i;
      if (std::abs(J[piv][c]) < 1e-300) return false;
      for (int k = 0; k < 5; ++k) std::swap(J[c][k], J[piv][k]);
      for (int i = 0; i < 4; ++i) {
        if (i == c) continue;
        double f = J[i][c] / J[c][c];
        for (int k = c; k < 5; ++k) J[i][k] -= f * J[c][k];
      }
    }
    std::array<double, 4> dz{};
    for (int i = 0; i < 4; ++i) dz[i] = J[i][4] / J[i][i];
    double step = 1;
    bool moved = false;
    for (int k = 0; k < 40; ++k, step /= 2) {
      auto zn = z;
      for (int i = 0; i < 4; ++i) zn[i] += step * dz[i];
      auto rn = residual(in, lambda, zn, p);
      if (norm(rn) < nr) {
        z = zn, r = rn, moved = true;
        break;
      }
    }
    if (!moved) return norm(r) < 1e-10;
  }
  return norm(r) < 1e-10;
}

S400TreeProfile profile_at(const S400TreeInputs& in, const std::array<double, 4>& z) {
  S400TreeProfile p;
  residual(in, in.lambda, z, p);
  return p;
}

// Follows the principal branch from lambda 0 to `lambda` (steps of factor 1.25, halved up to
// 30 times where Newton's method fails). Where the branch cannot be continued in lambda (a
// turning point), throws ComputationError unless `partial`, which returns the last point
// reached and its lambda in *reached.
S400TreeProfile qre_at(S400TreeInputs in, double lambda, bool partial = false, double* reached = nullptr) {
  in.validate();  // lambda itself may be the limit's 1e5, beyond the input range
  std::array<double, 4> z{};
  double done = 0;
  if (reached) *reached = 0;
  while (done < lambda) {
    double next = std::min(lambda, std::max(0.25, done * 1.25));
    bool ok = false;
    for (int k = 0; k < 30 && !ok; ++k) {
      auto trial = z;
      if (newton(in, next, trial)) {
        z = trial;
        ok = true;
      } else {
        next = done + (next - done) / 2;
      }
    }
    if (!ok) {
      if (!partial)
        throw ComputationError(fmt::format("S-400 game: the logit QRE branch could not be continued past lambda {:.6g}", done));
      break;
    }
    done = next;
  }
  if (reached) *reached = done;
  in.lambda = done;
  return profile_at(in, z);
}

Behavior<double> to_behavior(const S400TreeProfile& p, bool core, const S400TreeInputs& in) {
  Behavior<double> b;
  for (int tt = 0; tt < 2; ++tt) b.push_back({p.tr[tt][0], p.tr[tt][1], p.tr[tt][2]});
  for (int ut = 0; ut < 2; ++ut)
    for (int a = 0; a < 3; ++a) b.push_back(std::vector<double>(p.us[ut][a], p.us[ut][a] + 5));
  if (!core)
    for (int a = 0; a < 3; ++a)
      for (int r = 0; r < 5; ++r) b.push_back({p.ru[a][r][0], p.ru[a][r][1]});
  (void)in;
  return b;
}
}  // namespace

const std::vector<S400TreeField>& s400_tree_fields() {
  constexpr double kMax = std::numeric_limits<double>::max();
  static const std::vector<S400TreeField> fields = {
      {"prior_congress_high", "prior that the US Congress is highly resolved to sanction (scenario)",
       &S400TreeInputs::prior_congress_high, 0, 1},
      {"prior_ankara_activation", "prior that Ankara values the system for activation, not as a bargaining chip",
       &S400TreeInputs::prior_ankara_activation, 0, 1},
      {"us_ru_capability_ratio", "US CINC / Russian CINC (power module)", &S400TreeInputs::us_ru_capability_ratio,
       std::numeric_limits<double>::min(), kMax},
      {"tr_us_similarity", "alliance-portfolio S, Türkiye-US (alignment module)", &S400TreeInputs::tr_us_similarity, -1, 1},
      {"tr_ru_similarity", "alliance-portfolio S, Türkiye-Russia (alignment module)", &S400TreeInputs::tr_ru_similarity, -1, 1},
      {"eu_tr_activate", "Türkiye's BDM expected utility of insisting on the S-400", &S400TreeInputs::eu_tr_activate, -4, 4},
      {"eu_us_sanction", "the US's BDM expected utility of confronting Türkiye", &S400TreeInputs::eu_us_sanction, -4, 4},
      {"eu_ru_support", "Russia's BDM expected utility of backing Türkiye", &S400TreeInputs::eu_ru_support, -4, 4},
      {"congress_pressure", "cost to a High-resolve US of leaving CAATSA unapplied (calibrated)",
       &S400TreeInputs::congress_pressure, 0, 10},
      {"lambda", "logit precision in payoff units (calibrated)", &S400TreeInputs::lambda, 0, 1000},
  };
  return fields;
}

const S400TreeField& s400_tree_field(std::string_view name) {
  std::string n(name);
  for (auto& ch : n)
    if (ch == '-') ch = '_';
  for (const auto& f : s400_tree_fields())
    if (f.name == n) return f;
  std::string names;
  for (const auto& f : s400_tree_fields()) names += (names.empty() ? "" : ", ") + f.name;
  throw InputError(SourceLocation{}, "parameter", fmt::format("found '{}', expected one of {}", name, names));
}

void S400TreeInputs::validate() const {
  for (const auto& f : s400_tree_fields()) check_in_range("S400TreeInputs", f.name, this->*f.member, f.lo, f.hi);
}

ExtensiveFormGame build_s400_tree(const S400TreeInputs& in) {
  return build_tree(in, false, [&](ExtensiveFormGame& g, int parent, int action, int ut, int tt, int a, int r, int s) {
    Payoffs p = payoffs(in, ut, tt, a, r, s);
    int o = g.add_outcome(fmt::format("{} / {} / {}", kTreeTrNames[a], kTreeUsNames[r], kTreeRuNames[s]),
                          {rounded(p.t), rounded(p.u), rounded(p.r)});
    g.add_terminal(parent, action, o);
  });
}

ExtensiveFormGame build_s400_core(const S400TreeInputs& in) {
  return build_tree(in, true, [&](ExtensiveFormGame& g, int parent, int action, int ut, int tt, int a, int r, int s) {
    Payoffs p = payoffs(in, ut, tt, a, r, s);
    int o = g.add_outcome(fmt::format("{} / {} / Russia: {}", kTreeTrNames[a], kTreeUsNames[r], kTreeRuNames[s]),
                          {rounded(p.t), rounded(p.u)});
    g.add_terminal(parent, action, o);
  });
}

S400TreeForecast forecast_of(const S400TreeInputs& in, const S400TreeProfile& p) {
  const double pu[2] = {in.prior_congress_high, 1 - in.prior_congress_high};
  const double pt[2] = {in.prior_ankara_activation, 1 - in.prior_ankara_activation};
  S400TreeForecast f;
  for (int a = 0; a < 3; ++a) f.turkiye[a] = pt[0] * p.tr[0][a] + pt[1] * p.tr[1][a];
  f.p_kept = f.turkiye[kStored] + f.turkiye[kActivate];
  for (int a = 0; a < 3; ++a)
    for (int ut = 0; ut < 2; ++ut)
      for (int r = 0; r < 5; ++r) {
        double pr = f.turkiye[a] * pu[ut] * p.us[ut][a][r];
        f.us[r] += pr;
        if (a != kReturn) f.us_given_kept[r] += pr;
        f.russia_support += pr * p.ru[a][r][0];
      }
  for (int r = 0; r < 5; ++r) {
    if (f.p_kept > 0) f.us_given_kept[r] /= f.p_kept;
    f.us_f35 += kF[r] * f.us[r];
    f.us_caatsa += kC[r] * f.us[r];
    f.us_broad += kB[r] * f.us[r];
  }
  return f;
}

namespace {
// Every US action played with positive probability is a best response (within 1e-9) at every
// US information set, against beliefs by Bayes' rule where Türkiye reaches the set and the
// prior where it does not.
bool us_sequential(const S400TreeInputs& in, const S400TreeProfile& p) {
  const double pt[2] = {in.prior_ankara_activation, 1 - in.prior_ankara_activation};
  for (int a = 0; a < 3; ++a) {
    double mu[2] = {pt[0] * p.tr[0][a], pt[1] * p.tr[1][a]};
    double z = mu[0] + mu[1];
    if (z > 1e-12) mu[0] /= z, mu[1] /= z;
    else mu[0] = pt[0], mu[1] = pt[1];
    for (int ut = 0; ut < 2; ++ut) {
      double v[5] = {}, best = -1e300;
      for (int r = 0; r < 5; ++r) {
        for (int tt = 0; tt < 2; ++tt)
          for (int s = 0; s < 2; ++s) v[r] += mu[tt] * p.ru[a][r][s] * rounded(payoffs(in, ut, tt, a, r, s).u).get_d();
        best = std::max(best, v[r]);
      }
      for (int r = 0; r < 5; ++r)
        if (p.us[ut][a][r] > 1e-9 && v[r] < best - 1e-9) return false;
    }
  }
  return true;
}
}  // namespace

std::pair<std::string, double> modal_path(const S400TreeInputs& in, const S400TreeProfile& p) {
  const double pu[2] = {in.prior_congress_high, 1 - in.prior_congress_high};
  const double pt[2] = {in.prior_ankara_activation, 1 - in.prior_ankara_activation};
  double best = -1;
  std::string text;
  for (int a = 0; a < 3; ++a)
    for (int r = 0; r < 5; ++r)
      for (int s = 0; s < 2; ++s) {
        double pr = 0;
        for (int tt = 0; tt < 2; ++tt)
          for (int ut = 0; ut < 2; ++ut) pr += pt[tt] * pu[ut] * p.tr[tt][a] * p.us[ut][a][r] * p.ru[a][r][s];
        if (pr > best + 1e-12) {
          best = pr;
          text = fmt::format("Türkiye: {}; United States: {}; Russia: {}", kTreeTrNames[a], kTreeUsNames[r], kTreeRuNames[s]);
        }
      }
  return {text, best};
}

S400TreeProfile s400_tree_qre(const S400TreeInputs& in) { return qre_at(in, in.lambda); }

S400TreeResult solve_s400_tree(const S400TreeInputs& in) {
  in.validate();
  S400TreeResult res;
  res.inputs = in;
  res.qre = s400_tree_qre(in);
  res.forecast = forecast_of(in, res.qre);
  res.limit = qre_at(in, kLimitLambda, true, &res.limit_lambda);
  res.limit_forecast = forecast_of(in, res.limit);
  res.limit_regret = behavior_regret(build_s400_tree(in), to_behavior(res.limit, false, in));
  ExtensiveFormGame core = build_s400_core(in);
  res.core_lcp = sequence_lcp(core);
  if (!res.core_lcp.equilibria.empty()) {
    const auto& e = res.core_lcp.equilibria.front();
    S400TreeProfile p;
    for (int tt = 0; tt < 2; ++tt)
      for (int a = 0; a < 3; ++a) p.tr[tt][a] = e.approx[static_cast<std::size_t>(tt)][static_cast<std::size_t>(a)];
    for (int ut = 0; ut < 2; ++ut)
      for (int a = 0; a < 3; ++a)
        for (int r = 0; r < 5; ++r)
          p.us[ut][a][r] = e.approx[static_cast<std::size_t>(2 + 3 * ut + a)][static_cast<std::size_t>(r)];
    for (int a = 0; a < 3; ++a)
      for (int r = 0; r < 5; ++r) {
        int s = russia_best(in, a, r);
        p.ru[a][r][s] = 1;
        p.ru[a][r][1 - s] = 0;
      }
    res.core_forecast = forecast_of(in, p);
    res.core_sequential = us_sequential(in, p);
  }
  return res;
}

std::string S400TreeResult::summary() const {
  auto line = [](const S400TreeForecast& f) {
    return fmt::format(
        "Türkiye keeps stored {:.2f}, activates {:.2f}, returns {:.2f}; US tolerates {:.2f}, F-35 exclusion only "
        "{:.2f}, targeted CAATSA only {:.2f}, both {:.2f}, broad sanctions {:.2f}; Russia supports {:.2f}",
        f.turkiye[0], f.turkiye[1], f.turkiye[2], f.us[0], f.us[1], f.us[2], f.us[3], f.us[4], f.russia_support);
  };
  return fmt::format("Logit QRE at lambda {:.4g}: {}. Logit limit (lambda {:.3g}{}, regret {:.2g}): {}. Lemke on the "
                     "two-player core ({}): {}.",
                     inputs.lambda, line(forecast), limit_lambda,
                     limit_lambda < kLimitLambda ? ", where the branch turns back: not a limit" : "", limit_regret,
                     line(limit_forecast),
                     core_sequential ? "the US's moves are sequentially rational at every set"
                                     : "a Nash equilibrium whose US moves off the path are not sequentially rational",
                     line(core_forecast));
}

// ------------------------------------------------------------------ calibration

namespace {
// "2018" -> "2018-01-01" (low) or "2018-12-31" (high); "2018-10" likewise; "before X" -> X.
std::string pad_date(std::string d, bool high) {
  if (d.rfind("before ", 0) == 0) d = d.substr(7);
  if (d.size() == 4) return d + (high ? "-12-31" : "-01-01");
  if (d.size() == 7) return d + (high ? "-31" : "-01");
  return d;
}

double similarity_of(const ReferenceCase& c) {
  // Proxy table (docs/games.md): the template's Türkiye-US value for a NATO ally, lower for
  // looser ties, negative for a strategic competitor.
  if (c.us_relationship == "NATO ally") return 0.55;
  if (c.us_relationship == "major non-NATO ally") return 0.45;
  if (c.us_relationship == "major defence partner") return 0.35;
  if (c.us_relationship == "security partner") return 0.3;
  if (c.us_relationship == "strategic competitor") return -0.3;
  throw InputError(SourceLocation{}, fmt::format("reference case {}: us_relationship", c.id),
                   fmt::format("found '{}', expected NATO ally, major non-NATO ally, major defence partner, security "
                               "partner or strategic competitor",
                               c.us_relationship));
}

int response_of(const ReferenceCase& c) {
  if (c.caatsa == CaatsaResponse::kBroad) return 4;
  if (c.caatsa == CaatsaResponse::kTargeted) return c.programme_exclusion ? 3 : 2;
  return c.programme_exclusion ? 1 : 0;
}

struct CaseModel {
  std::array<double, kTreeUsMoves> us{};  // P(US response | the observed move class)
  double p_kept = 0;
};

CaseModel predict(const S400TreeInputs& base, const S400CaseObs& c, double lambda, double pressure, bool kept) {
  S400TreeInputs in = base;
  in.tr_us_similarity = c.tr_us_similarity;
  in.lambda = lambda;
  in.congress_pressure = pressure;
  S400TreeForecast f = forecast_of(in, s400_tree_qre(in));
  CaseModel m;
  m.p_kept = f.p_kept;
  if (kept) m.us = f.us_given_kept;
  else {
    S400TreeProfile p = s400_tree_qre(in);
    for (int r = 0; r < 5; ++r)
      m.us[r] = in.prior_congress_high * p.us[0][kReturn][r] + (1 - in.prior_congress_high) * p.us[1][kReturn][r];
  }
  return m;
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

double neg_loglik(const S400TreeInputs& base, const std::vector<S400CaseObs>& cases, double x, double y) {
  double lambda = 1000 * sigmoid(x), pressure = 10 * sigmoid(y);
  double nll = 0;
  for (const auto& c : cases) {
    CaseModel m = predict(base, c, lambda, pressure, c.kept);
    double pm = c.kept ? m.p_kept : 1 - m.p_kept;
    nll -= std::log(std::max(pm, 1e-300)) + std::log(std::max(m.us[c.us_response], 1e-300));
  }
  return nll;
}

// Nelder-Mead in two dimensions (standard coefficients 1, 2, 0.5, 0.5).
std::array<double, 3> nelder_mead(const std::function<double(double, double)>& f, double x0, double y0) {
  std::array<std::array<double, 3>, 3> s = {{{x0, y0, 0}, {x0 + 1, y0, 0}, {x0, y0 + 1, 0}}};
  for (auto& v : s) v[2] = f(v[0], v[1]);
  for (int it = 0; it < 300; ++it) {
    std::sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a[2] < b[2]; });
    if (std::abs(s[2][2] - s[0][2]) < 1e-9 && it > 20) break;
    double cx = (s[0][0] + s[1][0]) / 2, cy = (s[0][1] + s[1][1]) / 2;
    auto at = [&](double t) {
      std::array<double, 3> v{cx + t * (s[2][0] - cx), cy + t * (s[2][1] - cy), 0};
      v[2] = f(v[0], v[1]);
      return v;
    };
    auto r = at(-1);
    if (r[2] < s[0][2]) {
      auto e = at(-2);
      s[2] = e[2] < r[2] ? e : r;
    } else if (r[2] < s[1][2]) {
      s[2] = r;
    } else {
      auto c = at(r[2] < s[2][2] ? -0.5 : 0.5);
      if (c[2] < std::min(r[2], s[2][2])) s[2] = c;
      else
        for (int i = 1; i < 3; ++i) {
          s[i][0] = s[0][0] + 0.5 * (s[i][0] - s[0][0]);
          s[i][1] = s[0][1] + 0.5 * (s[i][1] - s[0][1]);
          s[i][2] = f(s[i][0], s[i][1]);
        }
    }
  }
  std::sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a[2] < b[2]; });
  return s[0];
}

struct Fit {
  double lambda, pressure, ll;
};
Fit fit(const S400TreeInputs& base, const std::vector<S400CaseObs>& cases) {
  // Start at lambda 5, pressure 1 (the defaults).
  double x0 = std::log(5.0 / 995.0), y0 = std::log(1.0 / 9.0);
  auto best = nelder_mead([&](double x, double y) { return neg_loglik(base, cases, x, y); }, x0, y0);
  return {1000 * sigmoid(best[0]), 10 * sigmoid(best[1]), -best[2]};
}
}  // namespace

std::vector<S400CaseObs> s400_case_observations(const std::vector<ReferenceCase>& cases, const std::string& as_of) {
  std::vector<S400CaseObs> out;
  for (const auto& c : cases) {
    S400CaseObs o;
    o.id = c.id;
    o.tr_us_similarity = similarity_of(c);
    o.us_response = response_of(c);
    o.kept = c.outcome == PurchaseOutcome::kDelivered;
    if (!as_of.empty()) {
      if (pad_date(c.contracted, false) > as_of) continue;
      if (!c.response_date.empty() && pad_date(c.response_date, true) > as_of) o.us_response = 0;
      if (!o.kept) {
        if (c.outcome_date.empty()) continue;
        if (pad_date(c.outcome_date, true) > as_of) o.kept = true;
      }
    }
    out.push_back(o);
  }
  return out;
}

S400CaseScore score_case(const S400TreeInputs& in, const S400CaseObs& actual) {
  S400TreeInputs at = in;
  at.tr_us_similarity = actual.tr_us_similarity;
  CaseModel m = predict(at, actual, in.lambda, in.congress_pressure, actual.kept);
  S400CaseScore sc;
  sc.p = m.us;
  for (int r = 0; r < 5; ++r) {
    double o = r == actual.us_response ? 1 : 0;
    sc.brier += (sc.p[r] - o) * (sc.p[r] - o);
  }
  sc.log = -std::log(std::max(sc.p[actual.us_response], 1e-300));
  return sc;
}

S400Calibration calibrate_s400_tree(const S400TreeInputs& base, const std::vector<S400CaseObs>& cases) {
  base.validate();
  if (cases.size() < 2)
    throw InputError(SourceLocation{}, "reference class", fmt::format("found {} cases, expected at least 2", cases.size()));
  S400Calibration cal;
  for (const auto& c : cases) cal.fit_ids.push_back(c.id);
  Fit all = fit(base, cases);
  cal.lambda = all.lambda;
  cal.congress_pressure = all.pressure;
  cal.log_likelihood = all.ll;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    std::vector<S400CaseObs> train;
    for (std::size_t j = 0; j < cases.size(); ++j)
      if (j != i) train.push_back(cases[j]);
    Fit fi = fit(base, train);
    const auto& c = cases[i];
    S400Calibration::Loo l;
    l.id = c.id;
    CaseModel m = predict(base, c, fi.lambda, fi.pressure, c.kept);
    l.game = m.us;
    l.p_kept_game = m.p_kept;
    double n = 0, kept = 0;
    std::array<double, kTreeUsMoves> cnt{};
    for (const auto& t : train) {
      kept += t.kept ? 1 : 0;
      if (t.kept == c.kept) cnt[static_cast<std::size_t>(t.us_response)] += 1, n += 1;
    }
    for (int r = 0; r < 5; ++r) l.base[r] = (cnt[r] + 0.5) / (n + 2.5);
    l.p_kept_base = (kept + 0.5) / (static_cast<double>(train.size()) + 1);
    for (int r = 0; r < 5; ++r) {
      double o = r == c.us_response ? 1 : 0;
      l.brier_game += (l.game[r] - o) * (l.game[r] - o);
      l.brier_base += (l.base[r] - o) * (l.base[r] - o);
    }
    l.log_game = -std::log(std::max(l.game[c.us_response], 1e-300));
    l.log_base = -std::log(l.base[c.us_response]);
    cal.brier_game += l.brier_game / cases.size();
    cal.brier_base += l.brier_base / cases.size();
    cal.log_game += l.log_game / cases.size();
    cal.log_base += l.log_base / cases.size();
    cal.loo.push_back(l);
  }
  return cal;
}

}  // namespace geobalance::games
