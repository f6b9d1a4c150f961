// The reference class for the S-400 crisis game (issue 14, item 4): partners and rivals of the
// United States that bought or contracted major Russian weapons after CAATSA (2 August 2017),
// the US response and what became of the purchase, one row per case with its source, in
// data/games/caatsa_reference_class.csv (documented in docs/games.md).
//
// Columns (found by name): id, buyer, buyer_ccode (COW code), us_relationship, system, seller,
// contracted, threatened (0/1), programme_exclusion (0/1), caatsa (none | targeted | broad),
// response_date, outcome (delivered | shelved | abandoned | not_concluded), outcome_date, source.
// Dates are YYYY, YYYY-MM or YYYY-MM-DD; `contracted` may also read "before YYYY-MM-DD" (a deal
// the sources date only as concluded before a day). response_date is blank exactly when there
// was no response (threatened 0, programme_exclusion 0, caatsa none); outcome_date may be blank
// only for not_concluded (no source dates the end of the talks).
//
// Cost: one pass over the file.
#ifndef GEOBALANCE_GAMES_REFERENCE_CLASS_H_
#define GEOBALANCE_GAMES_REFERENCE_CLASS_H_

#include <string>
#include <vector>

namespace geobalance::games {

enum class CaatsaResponse { kNone, kTargeted, kBroad };
enum class PurchaseOutcome { kDelivered, kShelved, kAbandoned, kNotConcluded };

std::string to_string(CaatsaResponse r);
std::string to_string(PurchaseOutcome o);

struct ReferenceCase {
  std::string id;
  std::string buyer;
  int buyer_ccode = 0;
  std::string us_relationship;
  std::string system;
  std::string seller;
  std::string contracted;      ///< as written (a date, or "before <date>")
  bool threatened = false;
  bool programme_exclusion = false;
  CaatsaResponse caatsa = CaatsaResponse::kNone;
  std::string response_date;   ///< first dated US response; empty when there was none
  PurchaseOutcome outcome = PurchaseOutcome::kDelivered;
  std::string outcome_date;    ///< empty only for kNotConcluded
  std::string source;

  /// Any US response at all (threat, exclusion or sanctions).
  bool responded() const { return threatened || programme_exclusion || caatsa != CaatsaResponse::kNone; }
  /// Any measure actually imposed (exclusion or sanctions), not only a threat.
  bool imposed() const { return programme_exclusion || caatsa != CaatsaResponse::kNone; }
};

/// Reads the reference class. Every bad cell is an InputError "file:line:col: column 'x':
/// found 'y', expected ..."; duplicate ids, an empty source, or a response date that
/// contradicts the response columns are errors too.
std::vector<ReferenceCase> read_reference_class(const std::string& path);
std::vector<ReferenceCase> parse_reference_class(std::string text, const std::string& source);

}  // namespace geobalance::games

#endif  // GEOBALANCE_GAMES_REFERENCE_CLASS_H_
