#include "geobalance/armsrace/simulate.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include <boost/numeric/odeint.hpp>
#include <fmt/format.h>

#include "geobalance/armsrace/names.h"
#include "geobalance/check.h"
#include "geobalance/error.h"

namespace geobalance::armsrace {

namespace odeint = boost::numeric::odeint;

void SimulateOptions::validate() const {
  constexpr std::string_view w = "SimulateOptions";
  check_positive(w, "rtol", rtol);
  check_positive(w, "atol", atol);
  check_nonnegative(w, "max_step", max_step);
  check_at_least(w, "max_steps", max_steps, 1);
  check_positive(w, "blowup_level", blowup_level);
  check_at_least(w, "max_output_points", max_output_points, 1);
}

std::string Trajectory::brief_report() const {
  std::string s = fmt::format("{}: {} output times, {} steps, {} events", to_string(termination),
                              times.size(), steps, events.size());
  if (!message.empty()) s += " (" + message + ")";
  return s;
}

namespace {

using State = std::vector<double>;
constexpr double kInf = std::numeric_limits<double>::infinity();

/// A threshold to watch: stop when actor's level reaches `level`.
struct Watch {
  std::size_t actor = 0;
  double level = 0;
};

/// Called for every piece [ta, tb) of the solution with an interpolant valid on [ta, tb].
using SpanFn = std::function<void(double ta, double tb, const std::function<void(double, State&)>& at)>;

struct CoreResult {
  Termination termination = Termination::kCompleted;
  std::string message;
  double t_end = 0;
  State x_end;
  std::optional<double> threshold_time;
  std::int64_t steps = 0;
  std::vector<Event> events;
};

/// Cap levels binding at time t (a cap binds on [from, until)); +inf where none binds.
std::vector<double> active_caps(const Model& m, double t) {
  std::vector<double> level(m.size(), kInf);
  for (const Cap& c : m.caps)
    if (t >= c.from && t < c.until) level[c.actor] = std::min(level[c.actor], c.level);
  return level;
}

/// Applies the dated cap events at time t: records starts and lapses, and cuts levels above
/// a newly binding cap.
void apply_dated_events(const Model& m, double t, bool first, State& x, std::vector<Event>& events) {
  for (const Cap& c : m.caps) {
    if (c.until == t) events.push_back({t, EventKind::kCapEnd, c.actor, c.level});
    if (c.from == t || (first && c.from < t && t < c.until))
      events.push_back({t, EventKind::kCapStart, c.actor, c.level});
  }
  auto level = active_caps(m, t);
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i] > level[i]) x[i] = level[i];
}

bool blown_up(const State& x, double limit) {
  for (double v : x)
    if (!std::isfinite(v) || std::fabs(v) > limit) return true;
  return false;
}

/// Bisection for the first time in [lo, hi] where `hit(t)` holds, given !hit(lo), hit(hi).
double locate(double lo, double hi, const std::function<bool(double)>& hit) {
  for (int it = 0; it < 200; ++it) {
    double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (hit(mid)) hi = mid; else lo = mid;
  }
  return hi;
}

CoreResult integrate_continuous(const Model& m, double t0, double t1, const SimulateOptions& opt,
                                const std::optional<Watch>& watch, const SpanFn& on_span) {
  const std::size_t n = m.size();
  CoreResult r;
  State x = m.x0;
  // Segment boundaries: the dated events inside (t0, t1), then t1.
  std::vector<double> bounds;
  for (const Cap& c : m.caps) {
    if (c.from > t0 && c.from < t1) bounds.push_back(c.from);
    if (c.until > t0 && c.until < t1) bounds.push_back(c.until);
  }
  bounds.push_back(t1);
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());

  double watch_sign = 1;  // > 0: watching for x rising to the level
  if (watch) {
    double d = x[watch->actor] - watch->level;
    if (d == 0) {
      r.threshold_time = t0;
      r.t_end = t0;
      r.x_end = x;
      return r;
    }
    watch_sign = d < 0 ? 1 : -1;
  }

  State f(n), xi(n);
  double t = t0;
  bool first = true;
  for (double seg_end : bounds) {
    apply_dated_events(m, t, first, x, r.events);
    first = false;
    const std::vector<double> level = active_caps(m, t);
    // An actor sits on its cap while its free drive points upward.
    std::vector<char> pinned(n, 0);
    drift(m, t, x, f);
    for (std::size_t i = 0; i < n; ++i)
      if (std::isfinite(level[i]) && x[i] >= level[i] && f[i] > 0) {
        pinned[i] = 1;
        x[i] = level[i];
      }

    while (t < seg_end) {
      auto system = [&](const State& y, State& dy, double tt) {
        drift(m, tt, y, dy);
        for (std::size_t i = 0; i < n; ++i)
          if (pinned[i]) dy[i] = 0;
      };
      const double span = seg_end - t;
      const double max_dt = opt.max_step > 0 ? opt.max_step : std::max(span, 1e-300);
      auto stepper = odeint::make_dense_output(opt.atol, opt.rtol, max_dt, odeint::runge_kutta_dopri5<State>());
      stepper.initialize(x, t, std::min(max_dt, span * 1e-3));
      // Steps until an event or the segment end.
      bool restart = false;
      while (!restart) {
        if (r.steps >= opt.max_steps) {
          r.termination = Termination::kMaxSteps;
          r.message = fmt::format("stopped at t = {} after {} steps (max_steps)", format_value(t), r.steps);
          r.t_end = t;
          r.x_end = x;
          return r;
        }
        std::pair<double, double> st;
        try {
          st = stepper.do_step(system);
        } catch (const odeint::step_adjustment_error& e) {
          r.termination = Termination::kStepSizeUnderflow;
          r.message = fmt::format("stopped at t = {}: {}", format_value(t), e.what());
          r.t_end = t;
          r.x_end = x;
          return r;
        }
        ++r.steps;
        const double ta = st.first;
        const double tb = std::min(st.second, seg_end);
        auto at = [&](double tt, State& out) {
          stepper.calc_state(tt, out);
          for (std::size_t i = 0; i < n; ++i)
            if (pinned[i]) out[i] = level[i];
        };
        if (blown_up(stepper.current_state(), opt.blowup_level)) {
          r.termination = Termination::kBlowUp;
          r.message = fmt::format("a level exceeded {} in magnitude between t = {} and t = {}",
                                  format_value(opt.blowup_level), format_value(ta), format_value(st.second));
          r.t_end = ta;
          r.x_end = x;
          return r;
        }
        // State events inside [ta, tb]: the earliest one wins.
        double te = kInf;
        std::function<void(double)> apply;
        auto consider = [&](const std::function<bool(double)>& hit, const std::function<void(double)>& act) {
          if (!hit(tb)) return;
          double when = hit(ta) ? ta : locate(ta, tb, hit);
          if (when < te) {
            te = when;
            apply = act;
          }
        };
        for (std::size_t i = 0; i < n; ++i) {
          if (!std::isfinite(level[i])) continue;
          if (!pinned[i]) {
            auto hit = [&, i](double tt) { at(tt, xi); return xi[i] > level[i]; };
            consider(hit, [&, i](double tt) {
              r.events.push_back({tt, EventKind::kCapReached, i, level[i]});
            });
          } else {
            auto hit = [&, i](double tt) { at(tt, xi); drift(m, tt, xi, f); return f[i] < 0; };
            consider(hit, [&, i](double tt) {
              r.events.push_back({tt, EventKind::kCapReleased, i, level[i]});
            });
          }
        }
        if (watch) {
          const std::size_t a = watch->actor;
          auto hit = [&, a](double tt) { at(tt, xi); return watch_sign * (xi[a] - watch->level) >= 0; };
          consider(hit, [&, a](double tt) {
            r.events.push_back({tt, EventKind::kThreshold, a, watch->level});
          });
        }
        if (te < kInf) {
          on_span(ta, te, at);
          at(te, x);
          t = te;
          std::size_t before = r.events.size();
          apply(te);
          const Event& ev = r.events[before];
          if (ev.kind == EventKind::kThreshold) {
            r.threshold_time = te;
            r.t_end = te;
            r.x_end = x;
            return r;
          }
          if (ev.kind == EventKind::kCapReached) {
            pinned[ev.actor] = 1;
            x[ev.actor] = level[ev.actor];
          } else {
            pinned[ev.actor] = 0;
          }
          restart = true;
        } else {
          on_span(ta, tb, at);
          if (st.second >= seg_end) {
            at(seg_end, x);
            t = seg_end;
            restart = true;
          } else {
            t = st.second;
            x = stepper.current_state();
            for (std::size_t i = 0; i < n; ++i)
              if (pinned[i]) x[i] = level[i];
          }
        }
      }
    }
  }
  r.t_end = t;
  r.x_end = x;
  return r;
}

/// Discrete time: x[k+1] = x[k] + period f(t_k, x[k]), caps applied on the grid.
CoreResult integrate_discrete(const Model& m, double t0, std::int64_t periods, const SimulateOptions& opt,
                              const std::optional<Watch>& watch,
                              const std::function<void(std::int64_t, const State&)>& on_point) {
  const std::size_t n = m.size();
  CoreResult r;
  State x = m.x0, f(n);
  double watch_sign = 1;
  for (std::int64_t k = 0;; ++k) {
    const double t = t0 + static_cast<double>(k) * m.period;
    const double t_prev = t0 + static_cast<double>(k - 1) * m.period;
    // Dated events whose date falls in (t_prev, t] (or at t0 for the first point).
    for (const Cap& c : m.caps) {
      if ((k == 0 && c.from <= t && t < c.until) || (k > 0 && c.from > t_prev && c.from <= t && t < c.until))
        r.events.push_back({t, EventKind::kCapStart, c.actor, c.level});
      if (k > 0 && c.until > t_prev && c.until <= t) r.events.push_back({t, EventKind::kCapEnd, c.actor, c.level});
    }
    auto level = active_caps(m, t);
    for (std::size_t i = 0; i < n; ++i)
      if (x[i] > level[i]) x[i] = level[i];
    if (blown_up(x, opt.blowup_level)) {
      r.termination = Termination::kBlowUp;
      r.message = fmt::format("a level exceeded {} in magnitude at t = {}", format_value(opt.blowup_level),
                              format_value(t));
      r.t_end = t;
      return r;
    }
    if (watch) {
      double d = x[watch->actor] - watch->level;
      if (k == 0) watch_sign = d < 0 ? 1 : -1;
      if (watch_sign * d >= 0) {
        r.threshold_time = t;
        r.events.push_back({t, EventKind::kThreshold, watch->actor, watch->level});
        r.t_end = t;
        r.x_end = x;
        return r;
      }
    }
    on_point(k, x);
    r.t_end = t;
    r.x_end = x;
    if (k == periods) break;
    if (r.steps >= opt.max_steps) {
      r.termination = Termination::kMaxSteps;
      r.message = fmt::format("stopped at t = {} after {} periods (max_steps)", format_value(t), r.steps);
      return r;
    }
    drift(m, t, x, f);
    for (std::size_t i = 0; i < n; ++i) x[i] += m.period * f[i];
    ++r.steps;
  }
  return r;
}

void check_time_args(double t0, double t1, double step) {
  if (!std::isfinite(t0))
    throw InputError(SourceLocation{}, "--from", fmt::format("found {}, expected a finite time", format_value(t0)));
  if (!std::isfinite(t1) || !(t1 > t0))
    throw InputError(SourceLocation{}, "--to",
                     fmt::format("found {}, expected a finite time after --from ({})", format_value(t1), format_value(t0)));
  if (!std::isfinite(step) || !(step > 0))
    throw InputError(SourceLocation{}, "--step", fmt::format("found {}, expected a finite number > 0", format_value(step)));
}

/// Continuous time: the explicit Dormand-Prince integrator is stable only for steps h with
/// h |lambda| <= about 3.3 (the real extent of DOPRI5's stability region, Hairer & Wanner,
/// "Solving ODEs II", IV.2), so a model whose fastest rate |lambda| is huge needs at least
/// |lambda| (t1 - t0) / 3.3 steps. fatigue = [1e300, 1e300] would need 1e300 steps: instead of
/// a step-size failure reported as a "blow-up", refuse it before the run, naming the key.
/// |lambda| is bounded by Gershgorin's row sums of K - diag(a), max_i |a_i| + sum_j |k_ij|.
void check_step_budget(const Model& m, double t0, double t1, const SimulateOptions& opt) {
  if (m.time != TimeMode::kContinuous) return;
  double rate = 0;
  std::string key, element;
  double value = 0;
  for (std::size_t i = 0; i < m.size(); ++i) {
    double row = std::fabs(m.fatigue[i]);
    std::string k = "fatigue", el = fmt::format("fatigue[{}]", i);
    double v = m.fatigue[i], vmax = std::fabs(m.fatigue[i]);
    for (std::size_t j = 0; j < m.size(); ++j) {
      row += std::fabs(m.defence[i][j]);
      if (std::fabs(m.defence[i][j]) > vmax) {
        vmax = std::fabs(m.defence[i][j]);
        v = m.defence[i][j];
        k = "defence";
        el = fmt::format("defence[{}][{}]", i, j);
      }
    }
    if (row > rate) {
      rate = row;
      key = k;
      element = el;
      value = v;
    }
  }
  const double needed = rate * (t1 - t0) / 3.3;
  if (needed > static_cast<double>(opt.max_steps))
    throw InputError(SourceLocation{}, fmt::format("key '{}'", key),
                     fmt::format("found {} = {} per unit time: over [{}, {}] the integrator would need at least {:.3g} "
                                 "steps, more than the limit of {} (--max-steps); expected rates with "
                                 "(|fatigue| + sum |defence|) x (--to - --from) <= 3.3 x --max-steps (docs/armsrace.md)",
                                 element, format_value(value), format_value(t0), format_value(t1), needed,
                                 opt.max_steps));
}

}  // namespace

Trajectory simulate(const Model& m, double t0, double t1, double step, const SimulateOptions& options) {
  m.validate();
  options.validate();
  check_time_args(t0, t1, step);
  const double span = t1 - t0;
  const double ratio = span / step;
  if (ratio > static_cast<double>(options.max_output_points))
    throw InputError(SourceLocation{}, "--step",
                     fmt::format("found {}, expected a step giving at most {} output times over [{}, {}]",
                                 format_value(step), options.max_output_points, format_value(t0), format_value(t1)));
  check_step_budget(m, t0, t1, options);
  // Output grid t0 + k*step; t1 is added when it is not on the grid.
  std::int64_t last_k = static_cast<std::int64_t>(std::floor(ratio + 1e-9));
  std::vector<double> times;
  for (std::int64_t k = 0; k <= last_k; ++k) times.push_back(k == last_k && std::fabs(ratio - last_k) <= 1e-9 ? t1 : t0 + k * step);
  if (times.back() < t1) times.push_back(t1);

  Trajectory tr;
  tr.actors = m.actors;
  CoreResult r;
  if (m.time == TimeMode::kDiscrete) {
    const double per_step = step / m.period;
    if (std::fabs(per_step - std::round(per_step)) > 1e-9 * std::max(1.0, per_step))
      throw InputError(SourceLocation{}, "--step",
                       fmt::format("found {}, expected a whole number of periods ({}) for a discrete-time model",
                                   format_value(step), format_value(m.period)));
    const double total = span / m.period;
    if (std::fabs(total - std::round(total)) > 1e-9 * std::max(1.0, total))
      throw InputError(SourceLocation{}, "--to",
                       fmt::format("found {}, expected --from plus a whole number of periods ({}) for a discrete-time model",
                                   format_value(t1), format_value(m.period)));
    const std::int64_t stride = std::llround(per_step);
    const std::int64_t periods = std::llround(total);
    r = integrate_discrete(m, t0, periods, options, std::nullopt, [&](std::int64_t k, const State& x) {
      if (k % stride == 0 || k == periods) {
        tr.times.push_back(t0 + static_cast<double>(k) * m.period);
        tr.values.push_back(x);
      }
    });
    if (!tr.times.empty()) tr.times.back() = std::min(tr.times.back(), t1);
  } else {
    std::size_t next = 0;
    r = integrate_continuous(m, t0, t1, options, std::nullopt,
                             [&](double ta, double tb, const std::function<void(double, State&)>& at) {
                               while (next < times.size() && times[next] < tb) {
                                 if (times[next] >= ta) {
                                   State x(m.size());
                                   at(times[next], x);
                                   tr.times.push_back(times[next]);
                                   tr.values.push_back(std::move(x));
                                 }
                                 ++next;
                               }
                             });
    if (r.termination == Termination::kCompleted) {
      tr.times.push_back(t1);
      tr.values.push_back(r.x_end);
    }
  }
  tr.events = std::move(r.events);
  tr.termination = r.termination;
  tr.message = std::move(r.message);
  tr.steps = r.steps;
  return tr;
}

Crossing time_to_threshold(const Model& m, std::size_t actor, double level, double t0, double t_max,
                           const SimulateOptions& options) {
  m.validate();
  options.validate();
  if (actor >= m.size())
    throw InputError(fmt::format("time_to_threshold: actor is {}, but must be < {}", actor, m.size()));
  check_finite("time_to_threshold", "level", level);
  check_time_args(t0, t_max, 1.0);
  check_step_budget(m, t0, t_max, options);
  Crossing c;
  CoreResult r;
  Watch w{actor, level};
  if (m.time == TimeMode::kDiscrete) {
    auto periods = static_cast<std::int64_t>(std::floor((t_max - t0) / m.period + 1e-9));
    r = integrate_discrete(m, t0, periods, options, w, [](std::int64_t, const State&) {});
  } else {
    r = integrate_continuous(m, t0, t_max, options, w, [](double, double, const std::function<void(double, State&)>&) {});
  }
  c.termination = r.termination;
  c.message = r.message;
  if (r.threshold_time) {
    c.crossed = true;
    c.time = *r.threshold_time;
  }
  return c;
}

}  // namespace geobalance::armsrace
