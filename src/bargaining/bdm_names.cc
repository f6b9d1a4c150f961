// Names of the BDM enums: the strings the CLI, scenario files and Python bindings use.
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "geobalance/bargaining/bdm.h"
#include "geobalance/error.h"

namespace geobalance::bargaining {
namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
std::string name_of(const Names<E, N>& names, E x) {
  for (const auto& [e, s] : names)
    if (e == x) return std::string(s);
  return "unknown";
}

template <typename E, std::size_t N>
E from_name(const Names<E, N>& names, std::string_view s, std::string_view what) {
  for (const auto& [e, n] : names)
    if (n == s) return e;
  std::string list;
  for (const auto& [e, n] : names) {
    if (!list.empty()) list += ", ";
    list += n;
  }
  throw InputError(fmt::format("{}: found '{}', expected one of {}", what, s, list));
}

constexpr Names<BdmPreset, 3> kPresets{{{BdmPreset::kScholz2011, "scholz2011"},
                                        {BdmPreset::kGdm, "gdm"},
                                        {BdmPreset::kBdm1994, "bdm1994"}}};
constexpr Names<BdmVoteUtility, 2> kVote{{{BdmVoteUtility::kVoterRisk, "voter_risk"},
                                          {BdmVoteUtility::kLinear, "linear"}}};
constexpr Names<BdmProbabilityNumerator, 2> kNum{
    {{BdmProbabilityNumerator::kPositiveVotes, "positive_votes"},
     {BdmProbabilityNumerator::kClippedSignedSum, "clipped_signed_sum"}}};
constexpr Names<BdmProbabilityDenominator, 2> kDen{
    {{BdmProbabilityDenominator::kAllPairs, "all_pairs"},
     {BdmProbabilityDenominator::kPairVotes, "pair_votes"}}};
constexpr Names<BdmPerception, 2> kPerc{{{BdmPerception::kPerceiver, "perceiver"},
                                         {BdmPerception::kChallenger, "challenger"}}};
constexpr Names<BdmOfferSource, 2> kSrc{{{BdmOfferSource::kReceiverEstimate, "receiver_estimate"},
                                         {BdmOfferSource::kSenderOwn, "sender_own"}}};
constexpr Names<BdmOfferChoice, 3> kChoice{{{BdmOfferChoice::kScholzOrder, "scholz_order"},
                                            {BdmOfferChoice::kLargestSenderEu, "largest_sender_eu"},
                                            {BdmOfferChoice::kSmallestMove, "smallest_move"}}};
constexpr Names<BdmFlatDanger, 2> kFlat{{{BdmFlatDanger::kStop, "stop"},
                                         {BdmFlatDanger::kNeutral, "neutral"}}};
constexpr Names<BdmMedianRule, 2> kMedian{{{BdmMedianRule::kCondorcetScan, "condorcet_scan"},
                                           {BdmMedianRule::kLargestMargin, "largest_margin"}}};
constexpr Names<BdmOfferKind, 8> kKind{{{BdmOfferKind::kSamePosition, "same_position"},
                                        {BdmOfferKind::kNoOffer, "no_offer"},
                                        {BdmOfferKind::kConfrontation, "confrontation"},
                                        {BdmOfferKind::kReceiverWins, "conflict_receiver_wins"},
                                        {BdmOfferKind::kCompromise, "compromise"},
                                        {BdmOfferKind::kCapitulation, "capitulation"},
                                        {BdmOfferKind::kCapitulationDropped, "capitulation_dropped"},
                                        {BdmOfferKind::kOther, "other"}}};
constexpr Names<BdmTermination, 3> kTerm{{{BdmTermination::kMaxRounds, "max_rounds"},
                                          {BdmTermination::kConverged, "converged"},
                                          {BdmTermination::kFlatDanger, "flat_danger"}}};

}  // namespace

std::string to_string(BdmPreset x) { return name_of(kPresets, x); }
std::string to_string(BdmVoteUtility x) { return name_of(kVote, x); }
std::string to_string(BdmProbabilityNumerator x) { return name_of(kNum, x); }
std::string to_string(BdmProbabilityDenominator x) { return name_of(kDen, x); }
std::string to_string(BdmPerception x) { return name_of(kPerc, x); }
std::string to_string(BdmOfferSource x) { return name_of(kSrc, x); }
std::string to_string(BdmOfferChoice x) { return name_of(kChoice, x); }
std::string to_string(BdmFlatDanger x) { return name_of(kFlat, x); }
std::string to_string(BdmMedianRule x) { return name_of(kMedian, x); }
std::string to_string(BdmOfferKind x) { return name_of(kKind, x); }
std::string to_string(BdmTermination x) { return name_of(kTerm, x); }

BdmPreset bdm_preset_from_string(std::string_view s) { return from_name(kPresets, s, "BDM preset"); }
BdmVoteUtility bdm_vote_utility_from_string(std::string_view s) {
  return from_name(kVote, s, "BDM vote utility");
}
BdmProbabilityNumerator bdm_probability_numerator_from_string(std::string_view s) {
  return from_name(kNum, s, "BDM probability numerator");
}
BdmProbabilityDenominator bdm_probability_denominator_from_string(std::string_view s) {
  return from_name(kDen, s, "BDM probability denominator");
}
BdmPerception bdm_perception_from_string(std::string_view s) {
  return from_name(kPerc, s, "BDM perception");
}
BdmOfferSource bdm_offer_source_from_string(std::string_view s) {
  return from_name(kSrc, s, "BDM offer source");
}
BdmOfferChoice bdm_offer_choice_from_string(std::string_view s) {
  return from_name(kChoice, s, "BDM offer choice");
}
BdmFlatDanger bdm_flat_danger_from_string(std::string_view s) {
  return from_name(kFlat, s, "BDM flat danger");
}
BdmMedianRule bdm_median_rule_from_string(std::string_view s) {
  return from_name(kMedian, s, "BDM median rule");
}
BdmOfferKind bdm_offer_kind_from_string(std::string_view s) {
  return from_name(kKind, s, "BDM offer kind");
}
BdmTermination bdm_termination_from_string(std::string_view s) {
  return from_name(kTerm, s, "BDM termination");
}

}  // namespace geobalance::bargaining
