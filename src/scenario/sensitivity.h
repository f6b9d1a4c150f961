// Sensitivity of the scenario's answers (issue 12, item 6), internal to the scenario module:
//  - the power answer's coalition ratio under COW's CINC, from the World's NMC file, in the
//    last year NMC covers up to history_to (never a filled year);
//  - the tornado of a bargaining answer: the baseline forecast's change when one input of
//    one actor moves (position +/- 1 sd, salience +/- 1 sd, capability x/÷ 1.5) or the actor
//    is dropped, each run through the issue's own model on the baseline inputs.
// The rules and defaults are in docs/scenario.md ("Sensitivity").
#ifndef GEOBALANCE_SRC_SCENARIO_SENSITIVITY_H_
#define GEOBALANCE_SRC_SCENARIO_SENSITIVITY_H_

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "geobalance/bargaining/issue.h"
#include "geobalance/core/records.h"
#include "geobalance/power/balance.h"
#include "geobalance/scenario/result.h"
#include "geobalance/scenario/scenario.h"

namespace geobalance::scenario::detail {

/// The coalition ratio under CINC (COW's composite of the six NMC components) in `year`.
struct CincRatio {
  double ratio = std::numeric_limits<double>::quiet_NaN();  ///< NaN when not computable
  int year = 0;                    ///< the NMC year used (0: none)
  std::vector<std::string> absent; ///< coalition members with no CINC in that year (left out, named)
};

/// `nmc` holds NMC state-years (already cut at the information date). The year is the last
/// NMC year <= last_year; each state's CINC is computed over all states of that year
/// (power::compute_cinc); members come from the coalition specs in that year. A member
/// without a CINC that year is left out and named in `absent`. No NMC year <= last_year, or
/// a second coalition with CINC 0: ratio NaN, year as found (0 when none).
CincRatio cinc_ratio(const std::vector<NmcRecord>& nmc, const power::CoalitionSpec& first,
                     const power::CoalitionSpec& second, const power::CoalitionContext& ctx, int last_year);

/// The forecast of one issue by one model: the capability x salience weighted mean of the
/// final positions on the first dimension (as run_scenario's answers), SMP with `max_turns`
/// or BDM with `preset` ("" = scholz2011).
double issue_forecast(const bargaining::Issue& issue, const std::string& model, const std::string& preset, int max_turns);

/// One actor's spreads for the tornado and where each comes from.
struct TornadoSpread {
  double position_sd = 0, salience_sd = 0;
  bool position_declared = false, salience_declared = false;
};

/// Default spreads where the scenario declares none: 10% of the issue's scale for
/// positions, 0.1 for saliences.
inline constexpr double kDefaultPositionSdFraction = 0.10;
inline constexpr double kDefaultSalienceSd = 0.10;
/// Capability is multiplied and divided by this factor.
inline constexpr double kTornadoCapabilityFactor = 1.5;

/// The spreads the scenario declares for (issue_id, actor): every [[uncertainty]] whose
/// target position.ISSUE.ACTOR / salience.ISSUE.ACTOR matches (`*` matches all) adds its
/// variance (they are drawn independently per replicate): normal sd^2, uniform
/// (high - low)^2 / 12, triangular (a^2 + b^2 + c^2 - ab - ac - bc) / 18. None matching:
/// the defaults above.
TornadoSpread tornado_spread(const std::vector<Uncertainty>& uncertainties, const std::string& issue_id,
                             const bargaining::Issue& issue, const std::string& actor);

/// The forecast of an issue (the model under test).
using IssueModel = std::function<double(const bargaining::Issue&)>;

/// The tornado of one issue: for every actor, its position -/+ sd and salience -/+ sd on the
/// first dimension (held at the scale's ends and at [0.01, 1], flagged `held`), capability
/// ÷/x 1.5, and the actor dropped (NaN when the model refuses the smaller issue). Bars are
/// sorted by their largest |change| of the forecast, descending (ties: input order). Runs
/// the 7 x actors variants on `threads` threads; the result does not depend on them.
/// `baseline` receives model(issue).
std::vector<TornadoBar> tornado(const bargaining::Issue& issue, const IssueModel& model,
                                const std::vector<TornadoSpread>& spreads, unsigned threads, double& baseline);

/// run_scenario's use of cinc_ratio for one power answer: fills p.ratio_cinc, cinc_year and
/// cinc_dataset from world.nmc (the cut World) and adds "nmc" to a.datasets, or adds the caveat
/// that says why there is no CINC ratio (no NMC file; no NMC year up to last_year). A year
/// before last_year and members without a CINC are caveats too.
void attach_cinc(Answer& a, PowerAnswer& p, const std::vector<NmcRecord>& nmc, const std::vector<DatasetRecord>& datasets,
                 const power::CoalitionSpec& first, const power::CoalitionSpec& second, const power::CoalitionContext& ctx,
                 int last_year);

/// run_scenario's tornado of one issue: its own model (spec.model, spec.preset, max_turns)
/// on `issue` (the baseline inputs), spreads from the scenario's declared uncertainties.
std::vector<TornadoBar> issue_tornado(const Scenario& s, const IssueSpec& spec, const bargaining::Issue& issue,
                                      unsigned threads);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_SENSITIVITY_H_
