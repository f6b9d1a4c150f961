// Reproducible random streams. Replicate i of an ensemble draws from stream(seed, i), so a
// result depends only on (inputs, options, seed), never on thread or rank count. The
// generator and both distributions are written out here (xoshiro256**, seeded through
// SplitMix64; Box-Muller normals), so streams are identical across compilers and standard
// libraries, which std::normal_distribution does not promise.
#ifndef GEOBALANCE_CORE_RANDOM_H_
#define GEOBALANCE_CORE_RANDOM_H_

#include <cstdint>

namespace geobalance {

class Rng {
 public:
  using result_type = std::uint64_t;
  /// The stream for replicate `index` of a run seeded with `seed`.
  Rng(std::uint64_t seed, std::uint64_t index = 0);

  std::uint64_t operator()();
  static constexpr std::uint64_t min() { return 0; }
  static constexpr std::uint64_t max() { return ~std::uint64_t{0}; }

  /// Uniform on [0, 1), 53 random bits.
  double uniform();
  /// Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer on [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);
  /// Standard normal.
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }

 private:
  std::uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0;
};

/// SplitMix64 step: the mixing function used to derive stream seeds.
std::uint64_t splitmix64(std::uint64_t& state);

}  // namespace geobalance

#endif  // GEOBALANCE_CORE_RANDOM_H_
