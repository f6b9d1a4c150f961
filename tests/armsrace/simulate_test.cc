// Integration of Richardson models against closed-form solutions written out here.
#include "geobalance/armsrace/simulate.h"

#include <cmath>

#include "geobalance/armsrace/names.h"
#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance::armsrace {
namespace {

constexpr double kRel = 1e-8;

void expect_rel(double got, double want, double rel = kRel) {
  EXPECT_LE(std::fabs(got - want), rel * std::max(1.0, std::fabs(want))) << "got " << got << " want " << want;
}

Model two_actor(double a1, double a2, double k12, double k21, double g1, double g2, double x1, double x2) {
  Model m;
  m.actors = {"A", "B"};
  m.x0 = {x1, x2};
  m.fatigue = {a1, a2};
  m.grievance = {g1, g2};
  m.defence = {{0, k12}, {k21, 0}};
  return m;
}

// x(t) = x* + exp(J t) (x0 - x*), J = [[-a1, k12], [k21, -a2]], x* = -J^{-1} g.
// For a 2x2 matrix with tau = tr(J)/2 and d2 = tau^2 - det(J):
//   d2 > 0: exp(J t) = e^{tau t} [cosh(d t) I + sinh(d t)/d (J - tau I)], d = sqrt(d2)
//   d2 < 0: exp(J t) = e^{tau t} [cos(w t) I + sin(w t)/w (J - tau I)],  w = sqrt(-d2)
std::array<double, 2> closed_form(double a1, double a2, double k12, double k21, double g1, double g2, double x1,
                                  double x2, double t) {
  const double j11 = -a1, j12 = k12, j21 = k21, j22 = -a2;
  const double det = j11 * j22 - j12 * j21;
  const double xs1 = -(j22 * g1 - j12 * g2) / det;
  const double xs2 = -(-j21 * g1 + j11 * g2) / det;
  const double tau = (j11 + j22) / 2, d2 = tau * tau - det;
  double c, s;  // exp(Jt) = e^{tau t} (c I + s (J - tau I))
  if (d2 > 0) {
    const double d = std::sqrt(d2);
    c = std::cosh(d * t);
    s = std::sinh(d * t) / d;
  } else {
    const double w = std::sqrt(-d2);
    c = std::cos(w * t);
    s = std::sin(w * t) / w;
  }
  const double e = std::exp(tau * t);
  const double m11 = e * (c + s * (j11 - tau)), m12 = e * s * j12, m21 = e * s * j21, m22 = e * (c + s * (j22 - tau));
  const double y1 = x1 - xs1, y2 = x2 - xs2;
  return {xs1 + m11 * y1 + m12 * y2, xs2 + m21 * y1 + m22 * y2};
}

SimulateOptions tight() {
  SimulateOptions o;
  o.rtol = 1e-13;
  o.atol = 1e-13;
  return o;
}

TEST(Simulate, TwoActorLinearMatchesMatrixExponentialStable) {
  // a1 a2 = 0.08 > k12 k21 = 0.03: stable, real eigenvalues.
  const double a1 = 0.4, a2 = 0.2, k12 = 0.1, k21 = 0.3, g1 = 5, g2 = 2, x1 = 100, x2 = 40;
  Trajectory tr = simulate(two_actor(a1, a2, k12, k21, g1, g2, x1, x2), 2000, 2030, 0.5, tight());
  ASSERT_EQ(tr.termination, Termination::kCompleted) << tr.message;
  ASSERT_EQ(tr.times.size(), 61u);
  for (std::size_t k = 0; k < tr.times.size(); ++k) {
    EXPECT_DOUBLE_EQ(tr.times[k], 2000 + 0.5 * static_cast<double>(k));
    auto want = closed_form(a1, a2, k12, k21, g1, g2, x1, x2, tr.times[k] - 2000);
    expect_rel(tr.values[k][0], want[0]);
    expect_rel(tr.values[k][1], want[1]);
  }
}

TEST(Simulate, TwoActorLinearMatchesMatrixExponentialRunaway) {
  // a1 a2 = 0.02 < k12 k21 = 0.12: unstable (saddle), the race runs away.
  const double a1 = 0.1, a2 = 0.2, k12 = 0.3, k21 = 0.4, g1 = 1, g2 = 3, x1 = 10, x2 = 20;
  Trajectory tr = simulate(two_actor(a1, a2, k12, k21, g1, g2, x1, x2), 0, 25, 1, tight());
  ASSERT_EQ(tr.termination, Termination::kCompleted);
  for (std::size_t k = 0; k < tr.times.size(); ++k) {
    auto want = closed_form(a1, a2, k12, k21, g1, g2, x1, x2, tr.times[k]);
    expect_rel(tr.values[k][0], want[0]);
    expect_rel(tr.values[k][1], want[1]);
  }
  EXPECT_GT(tr.values.back()[0], 1e3);
}

TEST(Simulate, TwoActorLinearMatchesMatrixExponentialComplexEigenvalues) {
  // k12 k21 < 0 (one side de-escalates when the other arms): damped spirals.
  const double a1 = 0.1, a2 = 0.1, k12 = -0.5, k21 = 0.8, g1 = 4, g2 = 1, x1 = 30, x2 = 5;
  Trajectory tr = simulate(two_actor(a1, a2, k12, k21, g1, g2, x1, x2), 0, 40, 0.25, tight());
  for (std::size_t k = 0; k < tr.times.size(); ++k) {
    auto want = closed_form(a1, a2, k12, k21, g1, g2, x1, x2, tr.times[k]);
    expect_rel(tr.values[k][0], want[0]);
    expect_rel(tr.values[k][1], want[1]);
  }
}

TEST(Simulate, OutputGridEndsAtT1WhenStepDoesNotDivideSpan) {
  Trajectory tr = simulate(two_actor(0.4, 0.2, 0.1, 0.3, 5, 2, 100, 40), 0, 1, 0.3);
  ASSERT_EQ(tr.times.size(), 5u);
  EXPECT_DOUBLE_EQ(tr.times[3], 0.9);
  EXPECT_DOUBLE_EQ(tr.times[4], 1.0);
}

TEST(Simulate, DiscreteTimeFollowsTheDifferenceEquationByHand) {
  // x' = x + (K x - a x + g): A: 100 + (0.1*40 - 0.4*100 + 5) = 69; B: 40 + (0.3*100 - 0.2*40 + 2) = 64.
  // Next: A: 69 + (0.1*64 - 0.4*69 + 5) = 52.8; B: 64 + (0.3*69 - 0.2*64 + 2) = 73.9.
  Model m = two_actor(0.4, 0.2, 0.1, 0.3, 5, 2, 100, 40);
  m.time = TimeMode::kDiscrete;
  Trajectory tr = simulate(m, 2020, 2022, 1);
  ASSERT_EQ(tr.times.size(), 3u);
  expect_rel(tr.values[1][0], 69);
  expect_rel(tr.values[1][1], 64);
  expect_rel(tr.values[2][0], 52.8);
  expect_rel(tr.values[2][1], 73.9);
  EXPECT_EQ(tr.steps, 2);
  EXPECT_THROW_MSG(simulate(m, 2020, 2022, 0.5), InputError,
                   "--step: found 0.5, expected a whole number of periods (1) for a discrete-time model");
}

// One actor growing on its own: dx/dt = 0.05 x + 10 (fatigue -0.05, grievance 10), x(0) = 100:
// x(t) = -200 + 300 e^{0.05 t}.
Model grower() {
  Model m;
  m.actors = {"A"};
  m.x0 = {100};
  m.fatigue = {-0.05};
  m.grievance = {10};
  m.defence = {{0}};
  return m;
}

TEST(Simulate, CapReachedFromBelowHoldsAndLapsesAtExactTimes) {
  Model m = grower();
  m.caps.push_back(Cap{0, 150, 2020, 2035, "test cap"});
  Trajectory tr = simulate(m, 2020, 2040, 0.5, tight());
  ASSERT_EQ(tr.termination, Termination::kCompleted);
  // Reaches 150 when 300 e^{0.05 s} = 350: s = 20 ln(7/6).
  const double t_reach = 2020 + 20 * std::log(7.0 / 6.0);
  ASSERT_EQ(tr.events.size(), 3u);
  EXPECT_EQ(tr.events[0].kind, EventKind::kCapStart);
  EXPECT_EQ(tr.events[0].time, 2020);
  EXPECT_EQ(tr.events[1].kind, EventKind::kCapReached);
  EXPECT_NEAR(tr.events[1].time, t_reach, 1e-9);
  EXPECT_EQ(tr.events[2].kind, EventKind::kCapEnd);
  EXPECT_EQ(tr.events[2].time, 2035);  // exactly the lapse date
  for (std::size_t k = 0; k < tr.times.size(); ++k) {
    const double t = tr.times[k];
    double want;
    if (t < t_reach) want = -200 + 300 * std::exp(0.05 * (t - 2020));
    else if (t <= 2035) want = 150;
    else want = -200 + 350 * std::exp(0.05 * (t - 2035));
    expect_rel(tr.values[k][0], want);
  }
}

TEST(Simulate, CapStartingAboveTheLevelCutsAtItsDate) {
  Model m = grower();
  const double from = 2026.0 + 35.0 / 365.0;  // 5 February 2026
  m.caps.push_back(Cap{0, 120, from, std::numeric_limits<double>::infinity(), ""});
  Trajectory tr = simulate(m, 2020, 2030, 1, tight());
  ASSERT_EQ(tr.events.size(), 1u);
  EXPECT_EQ(tr.events[0].time, from);
  for (std::size_t k = 0; k < tr.times.size(); ++k) {
    const double t = tr.times[k];
    if (t < from) expect_rel(tr.values[k][0], -200 + 300 * std::exp(0.05 * (t - 2020)));
    else EXPECT_EQ(tr.values[k][0], 120);
  }
}

TEST(Simulate, PinnedActorIsReleasedWhenItsDriveTurnsDown) {
  // B decays: x_B = 100 e^{-0.5 t}. A: dx_A/dt = 0.1 x_B - 0.1 x_A, capped at 50 from t = 0.
  // At the cap A's drive 0.1 (x_B - 50) turns negative when x_B = 50: t_r = 2 ln 2. Afterwards
  // x_A(t) = -25 e^{-0.5 t} + 62.5 e^{-0.1 (t - t_r)}.
  Model m;
  m.actors = {"A", "B"};
  m.x0 = {50, 100};
  m.fatigue = {0.1, 0.5};
  m.grievance = {0, 0};
  m.defence = {{0, 0.1}, {0, 0}};
  m.caps.push_back(Cap{0, 50, 0, 100, ""});
  Trajectory tr = simulate(m, 0, 6, 0.5, tight());
  const double tr_release = 2 * std::log(2.0);
  ASSERT_EQ(tr.events.size(), 2u);
  EXPECT_EQ(tr.events[1].kind, EventKind::kCapReleased);
  EXPECT_NEAR(tr.events[1].time, tr_release, 1e-9);
  for (std::size_t k = 0; k < tr.times.size(); ++k) {
    const double t = tr.times[k];
    expect_rel(tr.values[k][1], 100 * std::exp(-0.5 * t));
    if (t <= tr_release) EXPECT_EQ(tr.values[k][0], 50);
    else expect_rel(tr.values[k][0], -25 * std::exp(-0.5 * t) + 62.5 * std::exp(-0.1 * (t - tr_release)));
  }
}

TEST(Simulate, DiscreteCapBindsFromTheNextGridPoint) {
  Model m = grower();
  m.time = TimeMode::kDiscrete;
  m.caps.push_back(Cap{0, 110, 2021.5, 2023.5, ""});
  Trajectory tr = simulate(m, 2020, 2025, 1);
  // x: 2020 100; 2021 100 + (0.05*100 + 10) = 115; 2022 capped (115 + 15.75 -> 110); 2023 110;
  // 2024: 110 + 15.5 = 125.5 (lapsed at 2023.5); 2025: 125.5 + 16.275 = 141.775.
  std::vector<double> want = {100, 115, 110, 110, 125.5, 141.775};
  ASSERT_EQ(tr.values.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) expect_rel(tr.values[k][0], want[k]);
  ASSERT_EQ(tr.events.size(), 2u);
  EXPECT_EQ(tr.events[0].time, 2022);
  EXPECT_EQ(tr.events[1].time, 2024);
}

TEST(Simulate, LogisticCeilingOneActorMatchesClosedForm) {
  // dx/dt = g (1 - x/C) - a x = g - (g/C + a) x: x* = g / (g/C + a), rate r = g/C + a.
  Model m;
  m.actors = {"A"};
  m.x0 = {10};
  m.fatigue = {0.02};
  m.grievance = {8};
  m.defence = {{0}};
  m.variant = Variant::kLogistic;
  m.ceiling = {200};
  const double r = 8.0 / 200 + 0.02, xs = 8 / r;
  Trajectory tr = simulate(m, 0, 50, 5, tight());
  for (std::size_t k = 0; k < tr.times.size(); ++k)
    expect_rel(tr.values[k][0], xs + (10 - xs) * std::exp(-r * tr.times[k]));
}

TEST(Simulate, CeilingVariantsStayBelowTheirCeilings) {
  Model m = two_actor(0.01, 0.01, 0.5, 0.5, 10, 10, 50, 60);  // a runaway race without a ceiling
  m.variant = Variant::kLogistic;
  m.ceiling = {1000, 800};
  Trajectory tr = simulate(m, 0, 100, 1);
  for (const auto& row : tr.values) {
    EXPECT_LT(row[0], 1000);
    EXPECT_LT(row[1], 800);
  }
  EXPECT_GT(tr.values.back()[0], 900);
  m.variant = Variant::kBudgetShare;
  m.gdp = {10000, 5000};
  m.gdp_growth = {0.02, 0.05};
  m.max_share = {0.05, 0.1};
  m.gdp_year = 0;
  tr = simulate(m, 0, 30, 1);
  for (std::size_t k = 0; k < tr.times.size(); ++k)
    for (std::size_t i = 0; i < 2; ++i) EXPECT_LT(tr.values[k][i], ceiling_at(m, i, tr.times[k]));
}

TEST(Simulate, StepLimitAndBlowUpAreReportedNotThrown) {
  SimulateOptions o;
  o.max_steps = 3;
  o.max_step = 0.1;
  Trajectory tr = simulate(grower(), 0, 10, 1, o);
  EXPECT_EQ(tr.termination, Termination::kMaxSteps);
  EXPECT_EQ(tr.steps, 3);
  EXPECT_EQ(tr.times.size(), 1u);  // only t = 0 was passed
  EXPECT_THAT(tr.brief_report(), ::testing::HasSubstr("max_steps"));

  SimulateOptions b;
  b.blowup_level = 1e4;
  tr = simulate(grower(), 0, 200, 1, b);
  EXPECT_EQ(tr.termination, Termination::kBlowUp);
  EXPECT_THAT(tr.message, ::testing::HasSubstr("exceeded 10000"));
  EXPECT_LT(tr.times.back(), 80);  // 300 e^{0.05 t} = 10200 at t = 70.5
}

TEST(Simulate, TimeToThresholdIsLocatedOnTheDenseOutput) {
  Crossing c = time_to_threshold(grower(), 0, 150, 2020, 2100, tight());
  ASSERT_TRUE(c.crossed);
  EXPECT_NEAR(c.time, 2020 + 20 * std::log(7.0 / 6.0), 1e-9);
  c = time_to_threshold(grower(), 0, 1e9, 2020, 2030);
  EXPECT_FALSE(c.crossed);
  // Downward crossing: a decaying actor x = 100 e^{-0.5 t} reaches 25 at t = 4 ln 2.
  Model d;
  d.actors = {"B"};
  d.x0 = {100};
  d.fatigue = {0.5};
  d.grievance = {0};
  d.defence = {{0}};
  c = time_to_threshold(d, 0, 25, 0, 10, tight());
  ASSERT_TRUE(c.crossed);
  EXPECT_NEAR(c.time, 4 * std::log(2.0), 1e-9);
}

TEST(Simulate, RejectsBadTimesAndOptions) {
  Model m = grower();
  EXPECT_THROW_MSG(simulate(m, 2030, 2020, 1), InputError, "--to: found 2020, expected a finite time after --from (2030)");
  EXPECT_THROW_MSG(simulate(m, 2020, 2030, 0), InputError, "--step: found 0, expected a finite number > 0");
  EXPECT_THROW_MSG(simulate(m, std::nan(""), 2030, 1), InputError, "--from: found nan, expected a finite time");
  SimulateOptions o;
  o.rtol = -1;
  EXPECT_THROW_MSG(simulate(m, 0, 1, 1, o), InputError, "SimulateOptions: rtol is -1, but must be finite and > 0");
  m.fatigue = {std::nan("")};
  EXPECT_THROW_MSG(simulate(m, 0, 1, 1), InputError, "Model: fatigue[0] is nan, but must be finite");
  m = grower();
  m.variant = Variant::kLogistic;
  m.ceiling = {100};
  EXPECT_THROW_MSG(simulate(m, 0, 1, 1), InputError,
                   "Model: fatigue[0] is -0.05, but must be finite and >= 0 (variant 'logistic')");
}

}  // namespace
}  // namespace geobalance::armsrace

namespace geobalance::armsrace {
namespace {

Model two_fast(double a) {
  Model m;
  m.actors = {"A", "B"};
  m.x0 = {10, 20};
  m.fatigue = {a, a};
  m.grievance = {a * 5, a * 4};  // equilibrium g / a = (5, 4)
  m.defence = {{0, 0}, {0, 0}};
  return m;
}

// Issue 16 item 4: fatigue = [1e300, 1e300] was reported as a blow-up (the step controller
// produced non-finite states). It is now refused before the run, naming the key and the limit.
TEST(Simulate, AModelTooStiffForTheStepLimitIsAnInputErrorNamingTheKey) {
  EXPECT_THROW_MSG(simulate(two_fast(1e300), 0, 10, 1), InputError,
                   "key 'fatigue': found fatigue[0] = 1e+300 per unit time: over [0, 10] the integrator would need "
                   "at least 3.03e+300 steps, more than the limit of 1000000 (--max-steps)");
  EXPECT_THROW_MSG(time_to_threshold(two_fast(1e300), 0, 7, 0, 10), InputError, "key 'fatigue'");
  Model k = two_fast(0.1);
  k.defence = {{0, -1e200}, {0.5, 0}};
  EXPECT_THROW_MSG(simulate(k, 0, 10, 1), InputError, "key 'defence': found defence[0][1] = -1e+200 per unit time");
  // Fast but within the budget: fatigue 1000 per unit time decays to g / a as the analytic
  // solution x(t) = g/a + (x0 - g/a) exp(-a t) says (exp(-1000) = 0 in double).
  const Trajectory tr = simulate(two_fast(1000), 0, 10, 1);
  ASSERT_EQ(tr.termination, Termination::kCompleted) << tr.message;
  EXPECT_NEAR(tr.values.back()[0], 5, 1e-6);
  EXPECT_NEAR(tr.values.back()[1], 4, 1e-6);
}

}  // namespace
}  // namespace geobalance::armsrace
