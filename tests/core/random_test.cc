#include "geobalance/core/random.h"
#include "geobalance/core/parallel.h"
#include "geobalance/check.h"

#include <cmath>
#include <vector>

#include "test_util.h"

namespace geobalance {
namespace {

TEST(Rng, SplitMix64MatchesPublishedReferenceValues) {
  // SplitMix64 from state 0 (Steele, Lea & Flood 2014; Vigna's splitmix64.c): the first
  // three outputs are the widely quoted 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4,
  // 0x06C45D188009454F.
  std::uint64_t s = 0;
  EXPECT_EQ(splitmix64(s), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(splitmix64(s), 0x6E789E6AA1B965F4ull);
  EXPECT_EQ(splitmix64(s), 0x06C45D188009454Full);
}

TEST(Rng, StreamsAreReproducibleAndDistinct) {
  Rng a(42, 7), b(42, 7), c(42, 8);
  for (int i = 0; i < 100; ++i) {
    auto x = a();
    EXPECT_EQ(x, b());
    (void)c;
  }
  Rng d(42, 7), e(42, 8);
  int same = 0;
  for (int i = 0; i < 100; ++i) same += d() == e();
  EXPECT_EQ(same, 0);
}

TEST(Rng, UniformAndNormalMoments) {
  Rng r(1, 0);
  const int n = 200000;
  double s = 0, s2 = 0, u = 0;
  for (int i = 0; i < n; ++i) {
    double z = r.normal();
    s += z;
    s2 += z * z;
    u += r.uniform();
  }
  // Standard errors: mean 1/sqrt(n) = 0.0022, variance sqrt(2/n) = 0.0032; 5 sigma bounds.
  EXPECT_NEAR(s / n, 0.0, 0.012);
  EXPECT_NEAR(s2 / n, 1.0, 0.016);
  EXPECT_NEAR(u / n, 0.5, 0.0035);
}

TEST(ParallelFor, SameResultForOneAndManyThreads) {
  auto run = [](unsigned threads) {
    std::vector<double> out(1000);
    parallel_for(out.size(), threads, 7, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        Rng r(99, i);
        out[i] = r.normal();
      }
    });
    return out;
  };
  EXPECT_EQ(run(1), run(4));
}

TEST(ParallelFor, RethrowsFirstException) {
  EXPECT_THROW(parallel_for(100, 4, 1, [](std::size_t b, std::size_t) {
                 if (b == 50) throw InputError("boom");
               }),
               InputError);
}

TEST(Check, MessagesNameWhereNameValueAndConstraint) {
  EXPECT_THROW_MSG(check_nonnegative("RichardsonOptions", "fatigue", -0.2), InputError,
                   "RichardsonOptions: fatigue is -0.2, but must be finite and >= 0");
  std::vector<double> v{1, NAN};
  EXPECT_THROW_MSG(check_finite("X", "g", v), InputError, "X: g[1] is nan, but must be finite");
  EXPECT_THROW_MSG(check_probability("X", "p", 1.5), InputError, "p is 1.5, but must be in [0, 1]");
  EXPECT_NO_THROW(check_positive("X", "p", 1e-300));
}

}  // namespace
}  // namespace geobalance
