// libFuzzer target: io::CsvTable::parse and every typed accessor on every cell.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "geobalance/io/csv.h"

using geobalance::io::CsvTable;
using geobalance::io::Missing;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string source = "fuzz.csv";
  geobalance::fuzz::expect_input_error_only(source, [&] {
    CsvTable t = CsvTable::parse(geobalance::fuzz::as_text(data, size), source);
    if (t.num_columns() > 0) t.find_column(t.header()[0]);
    // Cap the work per input so a large table does not turn into a timeout of the harness.
    const std::size_t rows = t.num_rows() < 16 ? t.num_rows() : 16;
    const std::size_t cols = t.num_columns() < 16 ? t.num_columns() : 16;
    for (std::size_t r = 0; r < rows; ++r) {
      (void)t.line_of_row(r);
      for (std::size_t c = 0; c < cols; ++c) {
        (void)t.cell(r, c);
        (void)t.location(r, c);
        for (Missing m : {Missing::kNotAllowed, Missing::kBlankOrNA, Missing::kCow}) {
          (void)t.is_missing(r, c, m);
          try { (void)t.get_int(r, c, m, (r + c) % 2 == 0); } catch (const geobalance::InputError&) {}
          try { (void)t.get_double(r, c, m, (r + c) % 2 == 1); } catch (const geobalance::InputError&) {}
        }
        try { (void)t.get_int(r, c); } catch (const geobalance::InputError&) {}
        try { (void)t.get_double(r, c, true); } catch (const geobalance::InputError&) {}
        try { (void)t.get_string(r, c); } catch (const geobalance::InputError&) {}
      }
    }
    (void)t.require_column("no such column");
  });
  return 0;
}
