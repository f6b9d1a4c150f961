// Integrating a Richardson model (model.h) over time.
//
// Continuous time: Boost.Odeint's adaptive Dormand-Prince 5(4) stepper with dense output.
// Dated events (a cap starting or lapsing) are segment boundaries: the integration stops
// exactly at them and restarts there. State events (a capped actor reaching its cap, a pinned
// actor's drive turning downward, a threshold being crossed) are located on the dense output
// by bisection to machine precision, and the integration restarts at the located time.
// Output times t0, t0 + step, ... are read off the dense output, so they never shorten steps.
//
// Discrete time: x[n+1] = x[n] + period * f(t_n, x[n]); caps apply on the period grid (a
// cap whose date falls between two grid points binds from the next grid point).
//
// Cost: O(N^2) per drift evaluation (N actors), 7 evaluations per accepted step.
#ifndef GEOBALANCE_ARMSRACE_SIMULATE_H_
#define GEOBALANCE_ARMSRACE_SIMULATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "geobalance/armsrace/model.h"

namespace geobalance::armsrace {

/// How an integration ended. Anything but kCompleted still returns the output up to the stop.
enum class Termination {
  kCompleted,          ///< reached the end time
  kMaxSteps,           ///< SimulateOptions::max_steps accepted steps were taken
  kStepSizeUnderflow,  ///< the step-size controller could not meet the tolerances
  kBlowUp,             ///< a level became non-finite or exceeded SimulateOptions::blowup_level
};

struct SimulateOptions {
  /// Relative and absolute error tolerances of the Dormand-Prince controller (per step,
  /// Hairer, Norsett & Wanner 1993, II.4). > 0.
  double rtol = 1e-8;
  double atol = 1e-8;
  /// Largest step the controller may take (0 = no limit). >= 0.
  double max_step = 0;
  /// Accepted steps before giving up with kMaxSteps. >= 1.
  std::int64_t max_steps = 1'000'000;
  /// A level whose magnitude exceeds this stops the run with kBlowUp. > 0.
  double blowup_level = 1e100;
  /// Most output rows simulate() will produce (guards against a tiny --step). >= 1.
  std::int64_t max_output_points = 10'000'000;
  void validate() const;
};

enum class EventKind { kCapStart, kCapEnd, kCapReached, kCapReleased, kThreshold };

/// Something that happened during a run (for reports and tests).
struct Event {
  double time = 0;
  EventKind kind = EventKind::kCapStart;
  std::size_t actor = 0;
  double level = 0;  ///< the cap or threshold level
};

struct Trajectory {
  std::vector<std::string> actors;
  std::vector<double> times;                ///< output times, increasing
  std::vector<std::vector<double>> values;  ///< values[k][i]: actor i at times[k]
  std::vector<Event> events;
  Termination termination = Termination::kCompleted;
  std::string message;     ///< empty when completed
  std::int64_t steps = 0;  ///< accepted integrator steps (periods in discrete time)
  /// One line: "completed: 11 output times, 84 steps, 2 events" or the reason it stopped.
  std::string brief_report() const;
};

/// Simulates from t0 (where the levels are m.x0) to t1 > t0, reporting every `step` time
/// units (t0 + k*step, and t1 when it is not on that grid). In discrete time `step` must be
/// a whole number of periods. Throws InputError for bad arguments (naming --from, --to,
/// --step) or an invalid model; integration trouble is reported in the Trajectory.
Trajectory simulate(const Model& m, double t0, double t1, double step,
                    const SimulateOptions& options = {});

struct Crossing {
  bool crossed = false;
  double time = 0;  ///< when actor's level first reached `level` (valid if crossed)
  Termination termination = Termination::kCompleted;
  std::string message;
};

/// First time in [t0, t_max] at which actor's level reaches `level` from the side it starts
/// on (t0 itself if it starts there). In continuous time the time is located on the dense
/// output to machine precision; in discrete time it is the first grid point at or past it.
Crossing time_to_threshold(const Model& m, std::size_t actor, double level, double t0,
                           double t_max, const SimulateOptions& options = {});

}  // namespace geobalance::armsrace

#endif  // GEOBALANCE_ARMSRACE_SIMULATE_H_
