// The dataset registry: one row per dataset geobalance reads (data/datasets.csv), with its
// version, the years it covers, its units, where it lives, its citation (BibTeX keys into
// data/references.bib) and its terms of use. `geobalance data list` prints it, `geobalance
// data cite NAME` prints the BibTeX, and commands check requested years against it.
#ifndef GEOBALANCE_IO_REGISTRY_H_
#define GEOBALANCE_IO_REGISTRY_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace geobalance::io {

struct DatasetEntry {
  std::string name;     ///< short key, e.g. "nmc7", "capabilities"
  std::string title;
  std::string version;
  std::optional<int> first_year, last_year;  ///< both or neither (tables without years)
  std::string units;
  std::string location;  ///< "builtin:FILE" (under data/) or "shared:PATH" (under ../shared)
  std::vector<std::string> bibtex_keys;
  std::string terms;
  std::string source;
  int line = 0;
  /// "1816-2022", or "" for a table without years.
  std::string coverage() const;
};

struct Registry {
  std::vector<DatasetEntry> entries;
  std::map<std::string, std::string> bibtex;  ///< key -> the entry's text, "@type{key, ...}"
  const DatasetEntry* find(const std::string& name) const;
  /// The entry whose location names this file (matched on the path's ending, so both
  /// "../shared/data/nmc/NMC-70-abridged.csv" and an absolute path find nmc7), if any.
  const DatasetEntry* for_path(const std::string& path) const;
  /// BibTeX of one dataset: its entries in the order of its keys. Throws InputError naming
  /// `flag` for an unknown name (listing the known ones).
  std::string cite(const std::string& name, const std::string& flag = "NAME") const;
};

/// Reads DIR/datasets.csv and DIR/references.bib. Every row must have a unique name, a
/// location "builtin:" or "shared:", both years or neither (first <= last), and BibTeX keys
/// present in references.bib; a key defined twice in the .bib is an error too.
Registry load_registry(const std::string& data_dir);

/// Parses BibTeX text into key -> entry text (top-level "@type{key, ...}" blocks; braces
/// must balance). `source` names the file in messages.
std::map<std::string, std::string> parse_bibtex(const std::string& text, const std::string& source);

/// A requested year range cut to a dataset's coverage.
struct YearCut {
  int from = 0, to = 0;  ///< the overlap, inclusive
  std::string note;      ///< empty when nothing was dropped; else which years and why
};

/// Checks [from, to] (what the user asked for with `flag`) against a dataset covering
/// [first, last]. No overlap -> InputError naming the flag, the dataset, its coverage and the
/// request. Partial overlap -> the overlap and a note "--years 1990:2024: capabilities covers
/// 1995-2024; years 1990-1994 dropped (outside the dataset)". Full overlap -> empty note.
YearCut cut_to_coverage(const std::string& dataset, int first, int last, int from, int to, const std::string& flag);

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_REGISTRY_H_
