// Coalitions and the capability balance among states and coalitions over years.
//
// A coalition is named in text as
//   "NATO"          NATO's members on 31 December of each year (data/nato_members.csv)
//   "RUS+CHN"       a fixed list of states (COW abbreviations, ISO3 codes or ccodes)
//   "cow:227"       the members of a COW alliance in each year (needs alliance members)
//   "atop:3180"     the states listing an ATOP id in each year (needs ATOP state-years)
// optionally labelled "Label=SPEC" (e.g. "Axis=RUS+CHN+IRN").
#ifndef GEOBALANCE_POWER_BALANCE_H_
#define GEOBALANCE_POWER_BALANCE_H_

#include <map>
#include <string>
#include <vector>

#include "geobalance/core/records.h"
#include "geobalance/core/world.h"
#include "geobalance/power/builtin_data.h"
#include "geobalance/power/composite.h"
#include "geobalance/power/concentration.h"

namespace geobalance::power {

struct CoalitionSpec {
  enum class Kind { kStates, kNato, kCowAlliance, kAtopAlliance };
  std::string label;
  Kind kind = Kind::kStates;
  std::vector<int> ccodes;  ///< kStates
  int alliance_id = 0;      ///< kCowAlliance, kAtopAlliance
};

/// What membership lookups need; empty parts make the matching specs fail with a clear error.
struct CoalitionContext {
  const CountryIndex* countries = nullptr;
  std::vector<NatoMember> nato;
  std::vector<AllianceMember> cow_members;   ///< by_member or by_member_yearly
  std::vector<AtopStateYear> atop;
};

/// Parses a coalition spec; `what` names the flag or key in messages.
CoalitionSpec parse_coalition(std::string_view text, const CoalitionContext& ctx, const std::string& what);
/// Members in `year`, ascending ccode.
std::vector<int> coalition_members(const CoalitionSpec& spec, int year, const CoalitionContext& ctx);

struct BalanceYear {
  int year = 0;
  std::map<int, double> index;           ///< every panel state's index that year
  std::vector<double> coalition_totals;  ///< one per coalition, in the order given
  Concentration concentration;           ///< over every panel state with an index that year
};

struct Balance {
  std::vector<std::string> indicators;
  std::vector<double> weights;
  std::vector<std::string> coalition_labels;
  std::vector<BalanceYear> years;
};

/// The composite index of every state in the panel for years [from, to], coalition totals
/// (sums of members' indices) and concentration. Years with no data are skipped.
Balance capability_balance(const Panel& panel, const CompositeOptions& weights,
                           const std::vector<CoalitionSpec>& coalitions, const CoalitionContext& ctx,
                           int from, int to);

}  // namespace geobalance::power

#endif  // GEOBALANCE_POWER_BALANCE_H_
