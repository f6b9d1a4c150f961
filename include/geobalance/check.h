// One validation vocabulary for the whole library. Every check throws InputError with the
// uniform message "where: name is v, but must be <constraint>" (Stan Math's format), e.g.
// "RichardsonOptions: fatigue[2] is -0.2, but must be >= 0". Options::validate() methods and
// model entry points use these; parsers add file:line:col in front through SourceLocation.
#ifndef GEOBALANCE_CHECK_H_
#define GEOBALANCE_CHECK_H_

#include <span>
#include <string>
#include <string_view>

#include "geobalance/error.h"

namespace geobalance {

/// Formats a double for messages: shortest round-trip form ("0.1", "1e+300", "nan").
std::string format_value(double x);

void check_finite(std::string_view where, std::string_view name, double x);
void check_nonnegative(std::string_view where, std::string_view name, double x);
void check_positive(std::string_view where, std::string_view name, double x);
void check_probability(std::string_view where, std::string_view name, double x);
void check_in_range(std::string_view where, std::string_view name, double x, double lo,
                    double hi);
void check_at_least(std::string_view where, std::string_view name, long long x, long long lo);
/// Element-wise versions; messages name the element as name[i] with a 0-based index.
void check_finite(std::string_view where, std::string_view name, std::span<const double> xs);
void check_nonnegative(std::string_view where, std::string_view name,
                       std::span<const double> xs);
void check_same_size(std::string_view where, std::string_view name_a, std::size_t a,
                     std::string_view name_b, std::size_t b);

}  // namespace geobalance

#endif  // GEOBALANCE_CHECK_H_
