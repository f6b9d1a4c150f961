// Readers of bargaining issues. Formats (docs/bargaining.md describes each):
//   * KTAB CSV, exactly as KTAB's smpc reads it (../shared/models/smp-ktab.md, "Input
//     format"): a scenario line, a header line, then numActors actor lines;
//   * geobalance's TOML issue files (data/scenarios/issues/*.toml);
//   * geobalance's CSV: header `actor,description,capability,position,salience` (one
//     dimension) or with `position:NAME,salience:NAME` pairs (several);
//   * the common BDM CSV `Actor,Capability,Position,Salience`, read by bdm_io.h.
// Every reader is strict: each error is an InputError "file:line:col: field: found ..., expected
// ...", and nothing half-loaded is returned. Positions are kept on the input's scale (0-100
// for KTAB and geobalance formats); saliences are stored in [0, 1] (input / 100).
#ifndef GEOBALANCE_BARGAINING_ISSUE_IO_H_
#define GEOBALANCE_BARGAINING_ISSUE_IO_H_

#include <string>
#include <string_view>

#include "geobalance/bargaining/issue.h"

namespace geobalance::bargaining {

enum class IssueFormat { kKtabCsv, kToml, kCsv, kBdmCsv };
std::string to_string(IssueFormat f);

/// KTAB CSV. Enforces KTAB's constraints: 3 <= numActors <= 250, numDims >= 1, names of 1-25
/// characters, descriptions <= 256 characters, 0 < power <= 1e8 (KTAB's reader accepts 0 but
/// its run aborts), positions and saliences in [0, 100], an actor's saliences summing to
/// <= 100 and not all 0; and geobalance's own: finite numbers, unique names.
Issue read_ktab_csv(const std::string& path);
Issue parse_ktab_csv(std::string_view text, const std::string& source);

/// geobalance TOML issue file.
Issue read_issue_toml(const std::string& path);
Issue parse_issue_toml(std::string_view text, const std::string& source);

/// geobalance CSV issue file.
Issue read_issue_csv(const std::string& path);
Issue parse_issue_csv(std::string text, const std::string& source);

/// The format of a file: ".toml" is TOML, ".xml" is refused (KTAB XML is not supported);
/// otherwise the first line decides: `Actor,Capability,Position,Salience` is the BDM CSV,
/// a header starting with `actor` the geobalance CSV, anything else KTAB CSV.
IssueFormat detect_issue_format(const std::string& path);

/// Reads an issue in any supported format (detect_issue_format).
Issue load_issue(const std::string& path);

}  // namespace geobalance::bargaining

#endif  // GEOBALANCE_BARGAINING_ISSUE_IO_H_
