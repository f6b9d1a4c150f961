// Gambit's file formats, as documented in Gambit's manual ("Game representation formats"):
//
//   .nfg  NFG 1 R "title" { "P1" "P2" } { 3 2 } ["comment"] payoffs...        (payoff version)
//         NFG 1 R "title" { "P1" "P2" } { { "a" "b" } { "x" "y" } } ["comment"]
//             { { "name" 1, 2 } ... } outcome-number-per-profile...          (outcome version)
//   .efg  EFG 2 R "title" { "P1" "P2" } ["comment"] then the tree in prefix order:
//             p "name" player infoset ["infoset name"] [{ "a" "b" }] outcome ["name" { payoffs }]
//             c "name" infoset ["infoset name"] [{ "a" 1/2 "b" 1/2 }] outcome [...]
//             t "name" outcome ["name" { payoffs }]
//
// Either strategy form ({ 3 2 } counts or named lists) is accepted with either body. Payoffs
// and probabilities may be integers, decimals or p/q rationals; commas between payoffs are
// optional. "R" and "D" are both accepted after the version number.
//
// Every error is an InputError "file:line:col: <element>: found '<token>', expected <what>",
// where line and column are where the offending token starts (1-based). Nothing is returned
// from a file that fails to parse.
#ifndef GEOBALANCE_GAMES_GAMBIT_IO_H_
#define GEOBALANCE_GAMES_GAMBIT_IO_H_

#include <string>
#include <string_view>
#include <variant>

#include "geobalance/games/game.h"

namespace geobalance::games {

/// Parses .nfg text; `source` names it in messages.
NormalFormGame parse_nfg(const std::string& text, const std::string& source);
/// Parses .efg text; `source` names it in messages.
ExtensiveFormGame parse_efg(const std::string& text, const std::string& source);

NormalFormGame read_nfg(const std::string& path);
ExtensiveFormGame read_efg(const std::string& path);

/// A game read from a file: the kind follows the header ("NFG" or "EFG").
using AnyGame = std::variant<NormalFormGame, ExtensiveFormGame>;
/// Reads a .nfg or .efg file (the header decides, so extensions are not trusted).
AnyGame read_game(const std::string& path);

enum class NfgVersion { kPayoff, kOutcome };

/// Gambit .nfg text. kOutcome writes the game's own outcomes when it has them, otherwise one
/// outcome per profile.
std::string write_nfg(const NormalFormGame& g, NfgVersion version = NfgVersion::kPayoff);
/// Gambit .efg text (every node carries its infoset's name and actions, as Gambit writes them).
std::string write_efg(const ExtensiveFormGame& g);

/// The ASCII spelling of a UTF-8 label, for files Gambit 16.x reads: Latin letters lose their
/// diacritics ("Türkiye" -> "Turkiye", "İ" -> "I", "ß" -> "ss", "Æ" -> "AE"), typographic dashes,
/// quotes, ellipses and no-break spaces become their ASCII forms. Throws InputError naming
/// `what` and the label for invalid UTF-8 or a character with no ASCII spelling here (Greek,
/// Cyrillic, CJK, ...), so nothing is silently dropped.
std::string ascii_label(std::string_view utf8, const std::string& what);
/// Copies with every label (title, comment, players, strategies/infosets/actions, outcomes,
/// node names) passed through ascii_label.
NormalFormGame ascii_labels(const NormalFormGame& g);
ExtensiveFormGame ascii_labels(const ExtensiveFormGame& g);

}  // namespace geobalance::games

#endif  // GEOBALANCE_GAMES_GAMBIT_IO_H_
