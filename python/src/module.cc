// geobalance._core: the public C++ API as Python functions returning column dicts (name ->
// numpy array or list), which geobalance/__init__.py turns into pandas DataFrames. The glue
// (which data to load, which columns to return) follows the CLI's commands in apps/geobalance
// so that a frame has the same columns and values as the CLI's CSV on the same input.
//
// Long computations run on a worker thread with the GIL released; the calling thread polls
// PyErr_CheckSignals() every 50 ms and, on Ctrl-C, fires the C++ cancel token (Monte Carlo,
// SMP, scenario runs) or makes the next callback throw (all-dyads similarity, BDM Monte Carlo
// replicates), waits for the worker, and raises KeyboardInterrupt.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <cmath>
#include <exception>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "geobalance/alignment/portfolio.h"
#include "geobalance/alignment/similarity.h"
#include "geobalance/armsrace/model_file.h"
#include "geobalance/armsrace/simulate.h"
#include "geobalance/armsrace/stability.h"
#include "geobalance/bargaining/bdm.h"
#include "geobalance/bargaining/issue_io.h"
#include "geobalance/bargaining/montecarlo.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/core/parallel.h"
#include "geobalance/core/paths.h"
#include "geobalance/core/world.h"
#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "geobalance/games/gambit_io.h"
#include "geobalance/games/render.h"
#include "geobalance/forecast/backtest.h"
#include "geobalance/forecast/models.h"
#include "geobalance/forecast/series.h"
#include "geobalance/io/loaders.h"
#include "geobalance/power/balance.h"
#include "geobalance/power/builtin_data.h"
#include "geobalance/power/cinc.h"
#include "geobalance/power/composite.h"
#include "geobalance/power/theatre.h"
#include "geobalance/power/transition.h"
#include "geobalance/report/scenario.h"
#include "geobalance/report/table.h"
#include "geobalance/scenario/result.h"
#include "geobalance/scenario/run.h"
#include "geobalance/scenario/scenario.h"

namespace py = pybind11;
namespace gb = geobalance;

namespace {

// ---------------------------------------------------------------- interruption

struct Interrupted {};  // thrown by callbacks after Ctrl-C to unwind a computation

// Runs f() on a worker thread with the GIL released. On Ctrl-C (a pending KeyboardInterrupt
// after PyErr_CheckSignals), sets `stop` and fires `token`, waits for f to return or throw,
// and raises the KeyboardInterrupt. Exceptions of f are rethrown on the calling thread.
template <class F>
auto interruptible(F&& f, gb::CancelToken* token = nullptr, std::atomic<bool>* stop = nullptr) {
  using R = decltype(f());
  std::promise<R> promise;
  std::future<R> future = promise.get_future();
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    std::thread worker([&] {
      try {
        promise.set_value(f());
      } catch (...) {
        promise.set_exception(std::current_exception());
      }
    });
    while (future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      if (interrupted) continue;
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {
        interrupted = true;
        if (token) token->cancel();
        if (stop) stop->store(true);
      }
    }
    worker.join();
  }
  if (interrupted) {
    // The KeyboardInterrupt (or whatever the signal handler raised) is the pending error.
    try {
      future.get();
    } catch (...) {
    }
    throw py::error_already_set();
  }
  return future.get();
}

// ---------------------------------------------------------------- columns

template <class T>
py::array owned_array(std::vector<T>&& v) {
  auto* heap = new std::vector<T>(std::move(v));
  py::capsule owner(heap, [](void* q) { delete static_cast<std::vector<T>*>(q); });
  return py::array_t<T>(static_cast<py::ssize_t>(heap->size()), heap->data(), owner);
}

// A table as columns. Numbers become numpy arrays (NaN for missing reals), text a list.
class Columns {
 public:
  std::vector<long long>& ints(const std::string& name) { return std::get<0>(col(name, 0)); }
  std::vector<double>& reals(const std::string& name) { return std::get<1>(col(name, 1)); }
  std::vector<std::string>& texts(const std::string& name) { return std::get<2>(col(name, 2)); }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& c : cols_) out.push_back(c.first);
    return out;
  }
  /// Moves the columns out: numbers become numpy arrays that own the vectors (no copy).
  py::dict to_python() {
    py::dict d;
    for (auto& [name, v] : cols_) {
      if (v.index() == 0) d[py::str(name)] = owned_array(std::move(std::get<0>(v)));
      else if (v.index() == 1) d[py::str(name)] = owned_array(std::move(std::get<1>(v)));
      else d[py::str(name)] = py::cast(std::get<2>(v));
    }
    return d;
  }

 private:
  using Col = std::variant<std::vector<long long>, std::vector<double>, std::vector<std::string>>;
  Col& col(const std::string& name, int kind) {
    for (auto& c : cols_)
      if (c.first == name) return c.second;
    Col c;
    if (kind == 1) c = std::vector<double>{};
    if (kind == 2) c = std::vector<std::string>{};
    cols_.emplace_back(name, std::move(c));
    return cols_.back().second;
  }
  std::deque<std::pair<std::string, Col>> cols_;  // a deque: references stay valid as columns are added
};

// A report::Table (the CLI's own rows) as columns: each column is an int, real or text column
// by the values it holds; missing values are NaN (numbers) or None (text).
py::dict table_to_python(const gb::report::Table& t) {
  py::dict d;
  const auto& cols = t.columns();
  for (std::size_t c = 0; c < cols.size(); ++c) {
    bool any_text = false, any_real = false, any_missing = false;
    for (const auto& row : t.rows()) {
      const auto& v = row[c];
      if (std::holds_alternative<std::string>(v)) any_text = true;
      else if (std::holds_alternative<double>(v)) any_real = true;
      else if (std::holds_alternative<std::monostate>(v)) any_missing = true;
    }
    py::list out;
    for (const auto& row : t.rows()) {
      const auto& v = row[c];
      if (std::holds_alternative<std::monostate>(v)) {
        out.append(any_text ? py::object(py::none()) : py::object(py::float_(std::nan(""))));
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        out.append(py::str(*s));
      } else if (const auto* i = std::get_if<long long>(&v)) {
        if (any_text) out.append(py::str(std::to_string(*i)));
        else if (any_real || any_missing) out.append(py::float_(static_cast<double>(*i)));
        else out.append(py::int_(*i));
      } else {
        double x = std::get<double>(v);
        if (any_text) out.append(py::str(gb::report::format_real(x)));
        else out.append(py::float_(x));
      }
    }
    d[py::str(cols[c].name)] = out;
  }
  return d;
}

gb::InputError flag_error(const std::string& flag, const std::string& what) {
  return gb::InputError(gb::SourceLocation{}, flag, what);
}

void check_finite_arg(const std::string& name, double x) {
  if (!std::isfinite(x)) throw flag_error(name, "found " + gb::report::format_real(x) + ", expected a finite number");
}

// ---------------------------------------------------------------- power

std::string folder_or_default(const std::string& data) { return data.empty() ? gb::data_dir() : data; }

py::dict countries(const std::string& data) {
  auto rows = gb::power::load_countries(folder_or_default(data) + "/countries.csv");
  Columns c;
  for (const auto& r : rows) {
    c.ints("ccode").push_back(r.ccode);
    c.texts("stateabb").push_back(r.abb);
    c.texts("iso3").push_back(r.iso3);
    c.texts("name").push_back(r.name);
    c.texts("capital").push_back(r.capital);
    c.reals("lat").push_back(r.location.lat);
    c.reals("lon").push_back(r.location.lon);
  }
  return c.to_python();
}

std::vector<int> resolve_states(const std::string& flag, const std::vector<std::string>& keys,
                                const gb::CountryIndex& idx) {
  std::vector<int> out;
  std::set<int> seen;
  for (const auto& s : keys) {
    auto c = idx.resolve(s);
    if (!c) throw flag_error(flag, "found unknown state '" + s + "', expected COW abbreviations such as USA,RUS,TUR");
    if (!seen.insert(*c).second) throw flag_error(flag, "state '" + s + "' is given twice");
    out.push_back(*c);
  }
  return out;
}

// CINC per state-year from an NMC file (geobalance power cinc).
py::dict cinc(const std::string& nmc, std::optional<int> first, std::optional<int> last,
              std::optional<std::vector<std::string>> states) {
  auto rows = gb::io::load_nmc(nmc);
  std::set<int> only;
  if (states) {
    gb::CountryIndex idx;
    for (const auto& r : rows) idx.add(r.ccode, r.abb, "");
    if (states->empty()) throw flag_error("states", "is empty, expected at least one state");
    for (int cc : resolve_states("states", *states, idx)) only.insert(cc);
  }
  auto v = gb::power::compute_cinc(rows);
  Columns c;
  c.ints("ccode"), c.texts("stateabb"), c.ints("year"), c.reals("cinc"), c.ints("components"), c.reals("cow_cinc");
  for (const auto& x : v) {
    if (first && x.year < *first) continue;
    if (last && x.year > *last) continue;
    if (!only.empty() && !only.count(x.ccode)) continue;
    c.ints("ccode").push_back(x.ccode);
    c.texts("stateabb").push_back(x.abb);
    c.ints("year").push_back(x.year);
    c.reals("cinc").push_back(x.cinc);
    c.ints("components").push_back(x.components);
    c.reals("cow_cinc").push_back(x.published_cinc);
  }
  return c.to_python();
}

// The panel a balance-type function works on (as the CLI's load_source).
struct Source {
  gb::power::BuiltinData builtin;
  std::vector<gb::AllianceMember> cow_members;
  std::vector<gb::AtopStateYear> atop;
  gb::power::Panel panel;
  gb::power::CompositeOptions weights;
  int first_year = 0, last_year = 0;
};

Source load_source(const std::string& data, const std::string& nmc, const std::string& weights,
                   const std::string& alliances, const std::string& atop) {
  Source s;
  s.builtin = gb::power::load_builtin_data(folder_or_default(data));
  if (!alliances.empty()) s.cow_members = gb::io::load_cow_alliance_members(alliances);
  if (!atop.empty()) s.atop = gb::io::load_atop_state_year(atop);
  if (!nmc.empty()) {
    if (!weights.empty()) throw flag_error("weights", "applies to the built-in data; with nmc the index is COW's CINC");
    auto rows = gb::io::load_nmc(nmc);
    for (const auto& r : rows) s.builtin.index.add(r.ccode, r.abb, "");
    s.panel = gb::power::panel_from_nmc(rows);
  } else {
    s.panel = s.builtin.capabilities;
    s.weights = gb::power::weights_from_string(s.panel, weights.empty() ? "milex=1,gdp=1,milper=1,tpop=1" : weights,
                                               "weights");
  }
  auto span = gb::power::year_span(s.panel);
  if (!span) throw flag_error(nmc.empty() ? "data" : "nmc", "has no rows");
  s.first_year = span->first;
  s.last_year = span->second;
  return s;
}

gb::power::CoalitionContext context_of(const Source& s) {
  gb::power::CoalitionContext ctx;
  ctx.countries = &s.builtin.index;
  ctx.nato = s.builtin.nato;
  ctx.cow_members = s.cow_members;
  ctx.atop = s.atop;
  return ctx;
}

std::pair<int, int> years_of(const Source& s, std::optional<int> first, std::optional<int> last) {
  int from = first.value_or(std::max(s.first_year, s.last_year - 30 + 1));
  int to = last.value_or(s.last_year);
  if (from > to) throw flag_error("years", "found " + std::to_string(from) + ":" + std::to_string(to) + ", expected first <= last");
  from = std::max(from, s.first_year);
  to = std::min(to, s.last_year);
  if (from > to)
    throw flag_error("years", "no year of the data (" + std::to_string(s.first_year) + "-" + std::to_string(s.last_year) +
                                  ") is in the range asked for");
  return {from, to};
}

std::string abb_of(const Source& s, int ccode) {
  const gb::Country* c = s.builtin.index.find(ccode);
  return c ? c->abb : std::to_string(ccode);
}
std::string name_of(const Source& s, int ccode) {
  const gb::Country* c = s.builtin.index.find(ccode);
  return c && !c->name.empty() ? c->name : abb_of(s, ccode);
}

// Index per state-year (tidy: one row per state and year), coalition totals per year, and
// concentration per year (geobalance power balance, long form).
py::dict balance(const std::vector<std::string>& coalitions, std::optional<int> first, std::optional<int> last,
                 const std::string& weights, const std::string& nmc, const std::string& data,
                 const std::string& alliances, const std::string& atop) {
  Source s = load_source(data, nmc, weights, alliances, atop);
  auto [from, to] = years_of(s, first, last);
  auto ctx = context_of(s);
  std::vector<gb::power::CoalitionSpec> specs;
  for (const auto& spec : coalitions) specs.push_back(gb::power::parse_coalition(spec, ctx, "coalitions"));
  auto b = gb::power::capability_balance(s.panel, s.weights, specs, ctx, from, to);
  Columns states, coal, years;
  states.ints("year"), states.ints("ccode"), states.texts("stateabb"), states.texts("name"), states.reals("index");
  coal.ints("year"), coal.texts("coalition"), coal.texts("members"), coal.reals("index");
  years.ints("year");
  if (specs.size() >= 2) years.reals(b.coalition_labels[0] + "/" + b.coalition_labels[1]);
  years.reals("con"), years.reals("poles");
  for (const auto& y : b.years) {
    for (const auto& [cc, v] : y.index) {
      states.ints("year").push_back(y.year);
      states.ints("ccode").push_back(cc);
      states.texts("stateabb").push_back(abb_of(s, cc));
      states.texts("name").push_back(name_of(s, cc));
      states.reals("index").push_back(v);
    }
    for (std::size_t k = 0; k < specs.size(); ++k) {
      coal.ints("year").push_back(y.year);
      coal.texts("coalition").push_back(b.coalition_labels[k]);
      auto members = gb::power::coalition_members(specs[k], y.year, ctx);
      std::string m;
      for (int cc : members) m += (m.empty() ? "" : "+") + abb_of(s, cc);
      coal.texts("members").push_back(m);
      coal.reals("index").push_back(y.coalition_totals[k]);
    }
    years.ints("year").push_back(y.year);
    if (specs.size() >= 2)
      years.reals(b.coalition_labels[0] + "/" + b.coalition_labels[1])
          .push_back(y.coalition_totals[1] > 0 ? y.coalition_totals[0] / y.coalition_totals[1] : std::nan(""));
    years.reals("con").push_back(y.concentration.con);
    years.reals("poles").push_back(y.concentration.effective_poles);
  }
  py::dict d;
  d["states"] = states.to_python();
  d["coalitions"] = coal.to_python();
  d["years"] = years.to_python();
  return d;
}

py::dict transition(const std::string& a, const std::string& b, double low, double high, std::optional<int> first,
                    std::optional<int> last, const std::string& weights, const std::string& nmc,
                    const std::string& data) {
  check_finite_arg("band", low);
  check_finite_arg("band", high);
  if (low <= 0 || low > 1 || high < 1)
    throw flag_error("band", "found " + gb::report::format_real(low) + ":" + gb::report::format_real(high) +
                                 ", expected LOW:HIGH with 0 < LOW <= 1 <= HIGH");
  gb::power::TransitionOptions topt;
  topt.parity_low = low;
  topt.parity_high = high;
  Source s = load_source(data, nmc, weights, "", "");
  auto [from, to] = years_of(s, first, last);
  auto ctx = context_of(s);
  std::vector<gb::power::CoalitionSpec> specs{gb::power::parse_coalition(a, ctx, "a"),
                                              gb::power::parse_coalition(b, ctx, "b")};
  auto bal = gb::power::capability_balance(s.panel, s.weights, specs, ctx, from, to);
  std::vector<int> ys;
  std::vector<double> xa, xb;
  for (const auto& y : bal.years)
    if (y.coalition_totals[1] > 0) ys.push_back(y.year), xa.push_back(y.coalition_totals[0]), xb.push_back(y.coalition_totals[1]);
  if (ys.empty()) throw flag_error("b", "'" + b + "' has no capability in the years asked for");
  auto t = gb::power::power_transition(ys, xa, xb, topt);
  Columns c;
  for (const auto& p : t.series) {
    c.ints("year").push_back(p.year);
    c.reals(specs[0].label).push_back(p.value_a);
    c.reals(specs[1].label).push_back(p.value_b);
    c.reals("ratio").push_back(p.ratio);
    c.texts("parity").push_back(p.parity ? "yes" : "no");
    auto has = [](const std::vector<int>& v, int y) { return std::find(v.begin(), v.end(), y) != v.end(); };
    c.texts("parity_entry").push_back(has(t.parity_entries, p.year) ? "yes" : "no");
    c.texts("parity_exit").push_back(has(t.parity_exits, p.year) ? "yes" : "no");
    std::string ahead;
    for (std::size_t i = 0; i < t.overtaking_years.size(); ++i)
      if (t.overtaking_years[i] == p.year) ahead = t.overtaker[i] == "A" ? specs[0].label : specs[1].label;
    c.texts("overtaking").push_back(ahead);
  }
  py::dict d;
  d["series"] = c.to_python();
  d["parity_entries"] = t.parity_entries;
  d["parity_exits"] = t.parity_exits;
  d["overtaking_years"] = t.overtaking_years;
  std::vector<std::string> who;
  for (const auto& o : t.overtaker) who.push_back(o == "A" ? specs[0].label : specs[1].label);
  d["overtaker"] = who;
  return d;
}

py::dict theatre(const std::string& theatre_name, std::optional<int> year_opt, double mpd,
                 const std::vector<std::string>& actors, const std::vector<std::string>& coalitions,
                 const std::string& weights, const std::string& nmc, const std::string& data) {
  check_finite_arg("mpd", mpd);
  gb::power::LossOfStrengthOptions lsg;
  lsg.miles_per_day = mpd;
  lsg.validate();
  Source s = load_source(data, nmc, weights, "", "");
  const int year = year_opt.value_or(s.last_year);
  if (year < s.first_year || year > s.last_year)
    throw flag_error("year", "found " + std::to_string(year) + ", expected a year in " + std::to_string(s.first_year) +
                                 "-" + std::to_string(s.last_year));
  auto ctx = context_of(s);
  std::vector<gb::power::CoalitionSpec> specs;
  for (const auto& spec : coalitions) specs.push_back(gb::power::parse_coalition(spec, ctx, "coalitions"));
  auto bal = gb::power::capability_balance(s.panel, s.weights, {}, ctx, year, year);
  if (bal.years.empty()) throw flag_error("year", "found " + std::to_string(year) + ", but the data have no row in that year");
  const auto& idx = bal.years[0].index;
  if (actors.empty()) throw flag_error("actors", "is empty, expected at least one state");
  auto ids = resolve_states("actors", actors, s.builtin.index);
  std::map<std::string, std::vector<int>> coal;
  for (const auto& spec : specs) coal[spec.label] = gb::power::coalition_members(spec, year, ctx);
  std::set<int> everyone(ids.begin(), ids.end());
  for (const auto& [l, m] : coal) everyone.insert(m.begin(), m.end());
  std::vector<gb::power::TheatreActor> all;
  for (int id : everyone) {
    auto it = idx.find(id);
    const auto* ci = s.builtin.country(id);
    if (it == idx.end() || !ci) continue;
    all.push_back({id, ci->abb, it->second, ci->location});
  }
  std::vector<const gb::power::TheatreInfo*> ths;
  for (const auto& th : s.builtin.theatres)
    if (theatre_name == "all" || th.name == theatre_name) ths.push_back(&th);
  if (ths.empty()) {
    std::string names;
    for (const auto& th : s.builtin.theatres) names += (names.empty() ? "" : ", ") + th.name;
    throw flag_error("theatre", "found '" + theatre_name + "', expected all or one of: " + names);
  }
  std::set<int> shown(ids.begin(), ids.end());
  Columns st, co;
  co.texts("theatre"), co.ints("year"), co.texts("coalition"), co.reals("adjusted");
  for (const auto* th : ths) {
    auto b = gb::power::theatre_balance(th->name, th->centroid, all, coal, lsg);
    for (const auto& a : b.actors) {
      if (!shown.count(a.ccode)) continue;
      st.texts("theatre").push_back(th->name);
      st.ints("year").push_back(year);
      st.ints("ccode").push_back(a.ccode);
      st.texts("actor").push_back(a.abb);
      st.texts("name").push_back(name_of(s, a.ccode));
      st.reals("index").push_back(a.capability);
      st.reals("miles").push_back(a.miles);
      st.reals("exponent").push_back(a.exponent);
      st.reals("adjusted").push_back(a.adjusted);
    }
    for (const auto& spec : specs) {
      co.texts("theatre").push_back(th->name);
      co.ints("year").push_back(year);
      co.texts("coalition").push_back(spec.label);
      co.reals("adjusted").push_back(b.coalition_totals[spec.label]);
    }
  }
  py::dict d;
  d["states"] = st.to_python();
  d["coalitions"] = co.to_python();
  return d;
}

// ---------------------------------------------------------------- alignment

// Directed dyad-years of alliance-portfolio similarity (geobalance align similarity).
py::dict similarity(const std::string& system, const std::string& alliances, const std::string& atop,
                    const std::string& capabilities, int first, int last,
                    std::optional<std::vector<std::pair<std::string, std::string>>> dyads, const std::string& scope,
                    unsigned threads, int open_end) {
  if (alliances.empty() == atop.empty())
    throw flag_error("alliances/atop", "expected exactly one alliance source: alliances (COW) or atop (ATOP)");
  if (first > last) throw flag_error("years", "found " + std::to_string(first) + ":" + std::to_string(last) + ", expected first <= last");
  if (threads > 1024) throw flag_error("threads", "found " + std::to_string(threads) + ", expected 0 to 1024");
  if (open_end < 1000 || open_end > 2200) throw flag_error("open_end", "found " + std::to_string(open_end) + ", expected 1000 to 2200");
  gb::alignment::SimilarityOptions opt;
  opt.scope = gb::alignment::scope_from_string(scope);
  opt.threads = threads;
  std::atomic<bool> stop{false};
  auto work = [&]() -> std::shared_ptr<Columns> {
    gb::World::Builder b;
    b.states(gb::io::load_cow_states(system), system);
    int data_last = 0, data_first = 1 << 30;
    if (!alliances.empty()) {
      auto ds = gb::io::load_cow_alliance_dyads(alliances);
      for (const auto& d : ds) data_first = std::min(data_first, d.start.year);
      data_last = open_end;
      b.alliance_dyads(std::move(ds), alliances);
    } else {
      auto rows = gb::io::load_atop_state_year(atop);
      for (const auto& r : rows) data_first = std::min(data_first, r.year), data_last = std::max(data_last, r.year);
      b.atop(std::move(rows), atop);
    }
    std::vector<gb::NmcRecord> nmc;
    if (!capabilities.empty()) {
      nmc = gb::io::load_nmc(capabilities);
      b.nmc(nmc, capabilities);
    }
    gb::World world = b.build();
    gb::alignment::CapabilityWeights weights;
    if (!nmc.empty()) weights = gb::alignment::CapabilityWeights(gb::power::compute_cinc(nmc));
    auto [sys_first, sys_last] = world.system_years();
    const int cover_first = std::max(sys_first, data_first), cover_last = std::min(sys_last, data_last);
    if (first < cover_first || last > cover_last)
      throw flag_error("years", "found '" + std::to_string(first) + ":" + std::to_string(last) +
                                    "', expected years within " + std::to_string(cover_first) + ":" +
                                    std::to_string(cover_last) +
                                    ", the years both the alliance data and the state system cover");
    std::vector<std::pair<int, int>> pairs;
    if (dyads) {
      for (const auto& [k1, k2] : *dyads) {
        auto c1 = world.countries().resolve(k1), c2 = world.countries().resolve(k2);
        if (!c1 || !c2)
          throw flag_error("dyads", "found '" + (c1 ? k2 : k1) + "', expected a COW state abbreviation, ccode or name of the state system");
        if (*c1 == *c2) throw flag_error("dyads", "found '" + k1 + "-" + k2 + "', expected two different states");
        pairs.emplace_back(*c1, *c2);
      }
      if (pairs.empty()) throw flag_error("dyads", "found an empty list, expected pairs of states");
    }
    gb::alignment::Portfolios p = [&] {
      if (!alliances.empty()) {
        gb::alignment::PortfolioOptions po;
        po.open_end_year = open_end;
        po.source = alliances;
        return gb::alignment::Portfolios::from_cow(world.states(), world.alliance_dyads(), first, last, po);
      }
      return gb::alignment::Portfolios::from_atop(world.states(), world.atop(), first, last, atop);
    }();
    auto out = std::make_shared<Columns>();
    auto& c1 = out->ints("ccode1");
    auto& c2 = out->ints("ccode2");
    auto& yr = out->ints("year");
    auto& ns = out->ints("n_system");
    auto& m1 = out->reals("s_unw_abs");
    auto& m2 = out->reals("s_unw_sq");
    auto& m3 = out->reals("s_w_abs");
    auto& m4 = out->reals("s_w_sq");
    auto& m5 = out->reals("kappa_abs");
    auto& m6 = out->reals("pi_abs");
    auto& m7 = out->reals("taub");
    auto sink = [&](int, std::span<const gb::alignment::DyadSimilarity> rows) {
      if (stop.load()) throw Interrupted{};
      for (const auto& d : rows) {
        c1.push_back(d.ccode1);
        c2.push_back(d.ccode2);
        yr.push_back(d.year);
        ns.push_back(d.n_system);
        m1.push_back(d.m.s_unw_abs);
        m2.push_back(d.m.s_unw_sq);
        m3.push_back(d.m.s_w_abs);
        m4.push_back(d.m.s_w_sq);
        m5.push_back(d.m.kappa_abs);
        m6.push_back(d.m.pi_abs);
        m7.push_back(d.m.taub);
      }
    };
    if (!dyads) gb::alignment::all_dyads(p, weights, first, last, opt, sink);
    else gb::alignment::selected_dyads(p, weights, pairs, first, last, opt, sink);
    // Abbreviations and names of every state in the rows.
    std::set<long long> seen(c1.begin(), c1.end());
    seen.insert(c2.begin(), c2.end());
    auto& kc = out->ints("__ccode");
    auto& ka = out->texts("__abb");
    auto& kn = out->texts("__name");
    for (long long cc : seen) {
      const gb::Country* k = world.countries().find(static_cast<int>(cc));
      kc.push_back(cc);
      ka.push_back(k ? k->abb : std::to_string(cc));
      kn.push_back(k ? k->name : std::string());
    }
    return out;
  };
  auto cols = interruptible(work, nullptr, &stop);
  py::dict all = cols->to_python();
  py::dict rows, names;
  for (auto item : all) {
    std::string k = py::str(item.first);
    if (k.rfind("__", 0) == 0) names[py::str(k.substr(2))] = item.second;
    else rows[item.first] = item.second;
  }
  py::dict d;
  d["rows"] = rows;
  d["states"] = names;
  return d;
}

// ---------------------------------------------------------------- bargaining

struct BargainRun {
  std::vector<std::vector<double>> history;
  std::vector<std::string> termination;
  std::vector<int> turns;
  std::string summary;
};

BargainRun run_smp_once(const gb::bargaining::Issue& issue, const gb::bargaining::SmpOptions& opt,
                        const gb::CancelToken& cancel) {
  auto r = gb::bargaining::run_smp(issue, opt, cancel);
  BargainRun run;
  run.summary = r.brief_report();
  const std::size_t d = issue.dimensions.size();
  const std::string term = r.termination == gb::bargaining::SmpTermination::kCycle
                               ? "cycle of length " + std::to_string(r.cycle_length)
                               : gb::bargaining::to_string(r.termination);
  run.termination.assign(d, term);
  run.turns.assign(d, r.turns());
  run.history = std::move(r.history);
  return run;
}

BargainRun run_bdm_once(const gb::bargaining::Issue& issue, gb::bargaining::BdmOptions opt, bool record) {
  const std::size_t n = issue.actors.size(), d = issue.dimensions.size();
  opt.record_offers = false;
  BargainRun run;
  std::vector<std::vector<std::vector<double>>> per_dim(d);
  std::size_t turns = 0;
  for (std::size_t k = 0; k < d; ++k) {
    opt.dimension = static_cast<int>(k);
    const auto r = gb::bargaining::run_bdm(issue, opt);
    per_dim[k].push_back(r.initial_positions);
    if (record)
      for (const auto& round : r.rounds) per_dim[k].push_back(round.positions);
    if (per_dim[k].back() != r.final_positions) per_dim[k].push_back(r.final_positions);
    turns = std::max(turns, per_dim[k].size());
    run.summary += (run.summary.empty() ? "" : "; ") + r.brief_report();
    run.termination.push_back(gb::bargaining::to_string(r.termination));
    run.turns.push_back(r.rounds_run);
  }
  for (std::size_t t = 0; t < turns; ++t) {
    std::vector<double> state(n * d);
    for (std::size_t k = 0; k < d; ++k) {
      const auto& s = per_dim[k][std::min(t, per_dim[k].size() - 1)];
      for (std::size_t i = 0; i < n; ++i) state[i * d + k] = s[i];
    }
    run.history.push_back(std::move(state));
  }
  return run;
}

gb::bargaining::BdmOptions bdm_options(const std::string& preset, int max_turns) {
  gb::bargaining::BdmPreset p;
  try {
    p = gb::bargaining::bdm_preset_from_string(preset.empty() ? "scholz2011" : preset);
  } catch (const gb::InputError&) {
    throw flag_error("preset", "found '" + preset + "', expected one of scholz2011, gdm, bdm1994");
  }
  auto o = gb::bargaining::bdm_preset(p);
  if (max_turns > 0) o.max_rounds = max_turns;
  return o;
}

void check_bargain_flags(const std::string& model, const std::string& preset, const std::string& transitions,
                         int max_turns) {
  if (model != "smp" && model != "bdm") throw flag_error("model", "found '" + model + "', expected smp or bdm");
  if (model == "smp" && !preset.empty())
    throw flag_error("preset", "found '" + preset + "', but presets apply to model bdm only");
  if (model == "bdm" && transitions != "deterministic")
    throw flag_error("transitions", "found '" + transitions + "', but only model smp has stochastic transitions");
  if (max_turns < 0 || max_turns > 100000)
    throw flag_error("max_turns", "found " + std::to_string(max_turns) + ", expected 0 (the model's default) to 100000");
}

py::dict bargain(const std::string& input, const std::string& model, const std::string& preset, std::uint64_t seed,
                 int max_turns, const std::string& transitions) {
  check_bargain_flags(model, preset, transitions, max_turns);
  gb::CancelToken token;
  auto work = [&]() -> std::shared_ptr<std::pair<gb::bargaining::Issue, BargainRun>> {
    auto issue = gb::bargaining::load_issue(input);
    BargainRun run;
    if (model == "smp") {
      gb::bargaining::SmpOptions opt;
      if (max_turns > 0) opt.max_turns = max_turns;
      opt.transitions = gb::bargaining::smp_transitions_from_string(transitions);
      opt.seed = seed;
      run = run_smp_once(issue, opt, token);
    } else {
      run = run_bdm_once(issue, bdm_options(preset, max_turns), true);
    }
    return std::make_shared<std::pair<gb::bargaining::Issue, BargainRun>>(std::move(issue), std::move(run));
  };
  auto res = interruptible(work, &token);
  const auto& issue = res->first;
  const auto& run = res->second;
  const std::size_t d = issue.dimensions.size();
  const std::vector<double>& y = run.history.back();
  const std::vector<double> forecast = gb::bargaining::weighted_outcome(issue, y);
  Columns pos, hist;
  for (std::size_t i = 0; i < issue.actors.size(); ++i)
    for (std::size_t k = 0; k < d; ++k) {
      pos.texts("actor").push_back(issue.actors[i].name);
      pos.ints("actor_index").push_back(static_cast<long long>(i));
      pos.texts("dimension").push_back(issue.dimensions[k]);
      pos.ints("dim_index").push_back(static_cast<long long>(k));
      pos.reals("position").push_back(y[i * d + k]);
      pos.reals("forecast").push_back(forecast[k]);
      pos.texts("termination").push_back(run.termination[k]);
      pos.ints("turns").push_back(run.turns[k]);
    }
  for (std::size_t s = 0; s < run.history.size(); ++s)
    for (std::size_t i = 0; i < issue.actors.size(); ++i)
      for (std::size_t k = 0; k < d; ++k) {
        hist.ints("turn").push_back(static_cast<long long>(s));
        hist.texts("actor").push_back(issue.actors[i].name);
        hist.texts("dimension").push_back(issue.dimensions[k]);
        hist.reals("position").push_back(run.history[s][i * d + k]);
        hist.ints("actor_index").push_back(static_cast<long long>(i));
        hist.ints("dim_index").push_back(static_cast<long long>(k));
      }
  py::dict out;
  out["positions"] = pos.to_python();
  out["history"] = hist.to_python();
  out["summary"] = run.summary;
  out["issue"] = issue.name;
  return out;
}

std::string level_name(double q) { return "q" + gb::report::format_real(q * 100); }

py::dict bargain_monte_carlo(const std::string& input, const std::string& model, const std::string& preset,
                             std::uint64_t seed, int max_turns, const std::string& transitions, std::size_t replicates,
                             unsigned threads, std::optional<std::vector<double>> thresholds) {
  check_bargain_flags(model, preset, transitions, max_turns);
  if (replicates < 1) throw flag_error("replicates", "found 0, expected at least 1");
  if (threads > 1024) throw flag_error("threads", "found " + std::to_string(threads) + ", expected 0 to 1024");
  gb::CancelToken token;
  struct Out {
    gb::bargaining::Issue issue;
    std::vector<double> baseline;
    gb::bargaining::MonteCarloSummary s;
  };
  auto run = [&]() -> std::shared_ptr<Out> {
    auto out = std::make_shared<Out>();
    out->issue = gb::bargaining::load_issue(input);
    const auto& issue = out->issue;
    BargainRun base;
    gb::bargaining::ReplicateModel rm;
    if (model == "smp") {
      gb::bargaining::SmpOptions opt;
      if (max_turns > 0) opt.max_turns = max_turns;
      opt.transitions = gb::bargaining::smp_transitions_from_string(transitions);
      opt.seed = seed;
      base = run_smp_once(issue, opt, token);
      rm = gb::bargaining::smp_model(opt);
    } else {
      const auto opt = bdm_options(preset, max_turns);
      base = run_bdm_once(issue, opt, true);
      rm = [opt, &token](const gb::bargaining::Issue& p, std::uint64_t) {
        if (token.cancelled()) throw Interrupted{};
        return run_bdm_once(p, opt, false).history.back();
      };
    }
    gb::bargaining::MonteCarloOptions mc;
    mc.seed = seed;
    mc.replicates = replicates;
    mc.threads = threads;
    mc.progress = false;
    mc.thresholds = thresholds ? *thresholds : std::vector<double>{(issue.scale_min + issue.scale_max) / 2};
    out->s = gb::bargaining::run_monte_carlo_replicates(issue, rm, mc, token);
    out->baseline = gb::bargaining::weighted_outcome(issue, base.history.back());
    return out;
  };
  auto r = interruptible(run, &token);
  const auto& s = r->s;
  Columns c;
  for (std::size_t k = 0; k < s.num_dims; ++k) {
    c.texts("dimension").push_back(r->issue.dimensions[k]);
    c.ints("dim_index").push_back(static_cast<long long>(k));
    c.reals("baseline").push_back(r->baseline[k]);
    c.reals("mean").push_back(s.mean[k]);
    c.reals("sd").push_back(s.sd[k]);
    for (std::size_t q = 0; q < s.quantile_levels.size(); ++q) c.reals(level_name(s.quantile_levels[q])).push_back(s.quantiles[k][q]);
    for (std::size_t t = 0; t < s.thresholds.size(); ++t)
      c.reals("p_above_" + gb::report::format_real(s.thresholds[t])).push_back(s.p_above[k][t]);
  }
  Columns outcomes;
  for (std::size_t rep = 0; rep < s.replicates; ++rep)
    for (std::size_t k = 0; k < s.num_dims; ++k) {
      outcomes.ints("replicate").push_back(static_cast<long long>(rep));
      outcomes.texts("dimension").push_back(r->issue.dimensions[k]);
      outcomes.reals("outcome").push_back(s.outcomes[rep * s.num_dims + k]);
    }
  py::dict d;
  d["summary"] = c.to_python();
  d["outcomes"] = outcomes.to_python();
  d["replicates"] = s.replicates;
  return d;
}

// ---------------------------------------------------------------- games

std::string profile_text(const gb::games::SolveResult& r, const gb::games::Equilibrium& e, std::size_t b) {
  std::string s;
  for (std::size_t k = 0; k < e.approx[b].size(); ++k)
    if (r.layout.behavior || e.approx[b][k] != 0 || e.approx[b].size() == 1) {
      if (!s.empty()) s += ' ';
      s += r.layout.labels[b][k] + "=" + gb::games::probability_text(e, b, k);
    }
  return s;
}

py::dict solve_result(const gb::games::SolveResult& r) {
  Columns t, tidy;
  for (std::size_t i = 0; i < r.equilibria.size(); ++i) {
    const auto& e = r.equilibria[i];
    for (std::size_t b = 0; b < e.approx.size(); ++b) {
      auto p = static_cast<std::size_t>(r.layout.block_player[b]);
      t.ints("equilibrium").push_back(static_cast<long long>(i + 1));
      t.texts("player").push_back(r.layout.player_names[p]);
      t.texts("block").push_back(r.layout.block_names[b]);
      t.texts("probabilities").push_back(profile_text(r, e, b));
      t.texts("payoff").push_back(gb::games::payoff_text(e, p));
      for (std::size_t k = 0; k < e.approx[b].size(); ++k) {
        tidy.ints("equilibrium").push_back(static_cast<long long>(i + 1));
        tidy.texts("player").push_back(r.layout.player_names[p]);
        tidy.texts("block").push_back(r.layout.block_names[b]);
        tidy.texts("action").push_back(r.layout.labels[b][k]);
        tidy.reals("probability").push_back(e.approx[b][k]);
        tidy.texts("exact").push_back(gb::games::probability_text(e, b, k));
        tidy.reals("payoff").push_back(e.payoffs_approx[p]);
      }
    }
  }
  py::dict d;
  d["equilibria"] = t.to_python();
  d["profiles"] = tidy.to_python();
  d["json"] = gb::games::to_json(r).dump();
  d["gambit"] = gb::games::to_gambit(r);
  d["report"] = r.brief_report();
  return d;
}

gb::games::SolveOptions solve_options(bool exact, std::size_t max_equilibria, bool strategic) {
  gb::games::SolveOptions o;
  o.enummixed.exact_only = exact;
  o.enummixed.max_equilibria = max_equilibria;
  o.lcp.exact_only = exact;
  o.lcp.max_equilibria = max_equilibria;
  o.strategic = strategic;
  o.sequence.exact_only = exact;
  if (max_equilibria) o.spe.max_equilibria = max_equilibria;
  return o;
}

py::dict solve_game_file(const std::string& file, const std::string& method, bool exact, std::size_t max_equilibria,
                         bool strategic) {
  auto work = [&]() -> std::shared_ptr<gb::games::SolveResult> {
    auto m = gb::games::method_from_string(method);
    auto game = gb::games::read_game(file);
    auto o = solve_options(exact, max_equilibria, strategic);
    return std::make_shared<gb::games::SolveResult>(
        std::visit([&](const auto& g) { return gb::games::solve(g, m, o); }, game));
  };
  return solve_result(*interruptible(work));
}

py::dict solve_game_text(const std::string& text, const std::string& source, const std::string& method, bool exact,
                         std::size_t max_equilibria, bool strategic) {
  auto work = [&]() -> std::shared_ptr<gb::games::SolveResult> {
    auto m = gb::games::method_from_string(method);
    auto o = solve_options(exact, max_equilibria, strategic);
    const auto start = text.find_first_not_of(" \t\r\n");
    const bool efg = start != std::string::npos && text.compare(start, 3, "EFG") == 0;
    if (efg) return std::make_shared<gb::games::SolveResult>(gb::games::solve(gb::games::parse_efg(text, source), m, o));
    return std::make_shared<gb::games::SolveResult>(gb::games::solve(gb::games::parse_nfg(text, source), m, o));
  };
  return solve_result(*interruptible(work));
}

// payoffs[player][profile] as exact rational strings ("3", "-1/2"), profiles numbered with
// player 1's strategy varying fastest (Gambit's order).
py::dict solve_game_table(const std::vector<std::string>& players, const std::vector<std::vector<std::string>>& strategies,
                          const std::vector<std::vector<std::string>>& payoffs, const std::string& title,
                          const std::string& method, bool exact, std::size_t max_equilibria) {
  if (players.size() < 2) throw flag_error("players", "found " + std::to_string(players.size()) + " players, expected at least 2");
  if (strategies.size() != players.size())
    throw flag_error("strategies", "found " + std::to_string(strategies.size()) + " lists, expected one per player");
  std::vector<int> shape;
  std::size_t profiles = 1;
  for (std::size_t p = 0; p < strategies.size(); ++p) {
    if (strategies[p].empty()) throw flag_error("strategies", "player " + players[p] + " has no strategy");
    if (strategies[p].size() > 100000) throw flag_error("strategies", "player " + players[p] + " has too many strategies");
    shape.push_back(static_cast<int>(strategies[p].size()));
    profiles *= strategies[p].size();
    if (profiles > 50'000'000) throw flag_error("strategies", "the game has more than 50000000 pure profiles");
  }
  if (payoffs.size() != players.size())
    throw flag_error("payoffs", "found " + std::to_string(payoffs.size()) + " payoff tables, expected one per player");
  gb::games::NormalFormGame g(shape);
  g.title = title;
  g.player_names = players;
  g.strategy_names = strategies;
  for (std::size_t p = 0; p < players.size(); ++p) {
    if (payoffs[p].size() != profiles)
      throw flag_error("payoffs", "player " + players[p] + " has " + std::to_string(payoffs[p].size()) +
                                      " payoffs, expected " + std::to_string(profiles));
    for (std::size_t k = 0; k < profiles; ++k) {
      auto q = gb::games::parse_rational(payoffs[p][k]);
      if (!q) throw flag_error("payoffs", "found '" + payoffs[p][k] + "' for player " + players[p] + ", expected a finite number");
      g.set_payoff(k, static_cast<int>(p), *q);
    }
  }
  auto work = [&]() -> std::shared_ptr<gb::games::SolveResult> {
    auto m = gb::games::method_from_string(method);
    return std::make_shared<gb::games::SolveResult>(gb::games::solve(g, m, solve_options(exact, max_equilibria, false)));
  };
  py::dict d = solve_result(*interruptible(work));
  d["nfg"] = gb::games::write_nfg(g);
  return d;
}

// ---------------------------------------------------------------- arms races

py::dict richardson_simulate(const std::string& model, double from, double to, double step, double rtol, double atol,
                             long long max_steps) {
  for (auto [n, v] : {std::pair<const char*, double>{"from", from}, {"to", to}, {"step", step}, {"rtol", rtol}, {"atol", atol}})
    check_finite_arg(n, v);
  if (step <= 0) throw flag_error("step", "found " + gb::report::format_real(step) + ", expected > 0");
  if (max_steps < 1 || max_steps > 100'000'000)
    throw flag_error("max_steps", "found " + std::to_string(max_steps) + ", expected 1 to 100000000");
  auto work = [&]() -> std::shared_ptr<gb::armsrace::Trajectory> {
    auto m = gb::armsrace::read_model_file(model);
    gb::armsrace::SimulateOptions o;
    o.rtol = rtol;
    o.atol = atol;
    o.max_steps = max_steps;
    try {
      return std::make_shared<gb::armsrace::Trajectory>(gb::armsrace::simulate(m, from, to, step, o));
    } catch (const gb::InputError& e) {  // as the CLI: name the model file for key errors
      if (e.where().file.empty() && e.subject().rfind("key '", 0) == 0)
        throw gb::InputError(gb::SourceLocation{model}, e.subject(), e.what_part());
      throw;
    }
  };
  auto tr = interruptible(work);
  Columns c;
  for (std::size_t k = 0; k < tr->times.size(); ++k)
    for (std::size_t i = 0; i < tr->actors.size(); ++i) {
      c.reals("t").push_back(tr->times[k]);
      c.texts("actor").push_back(tr->actors[i]);
      c.reals("value").push_back(tr->values[k][i]);
    }
  py::dict d;
  d["trajectory"] = c.to_python();
  d["report"] = tr->brief_report();
  d["completed"] = tr->termination == gb::armsrace::Termination::kCompleted;
  return d;
}

py::dict richardson_stability(const std::string& model) {
  auto m = gb::armsrace::read_model_file(model);
  auto s = gb::armsrace::analyse_stability(m);
  Columns eq, eig;
  if (s.equilibrium_exists)
    for (std::size_t i = 0; i < m.size(); ++i) {
      eq.texts("actor").push_back(m.actors[i]);
      eq.reals("equilibrium").push_back(s.equilibrium[i]);
    }
  for (const auto& e : s.eigenvalues) {
    eig.texts("quantity").push_back("eigenvalue");
    eig.reals("value").push_back(e.real());
    eig.reals("imag").push_back(e.imag());
  }
  for (const auto& e : s.multipliers) {
    eig.texts("quantity").push_back("multiplier");
    eig.reals("value").push_back(e.real());
    eig.reals("imag").push_back(e.imag());
  }
  py::dict d;
  d["regime"] = gb::armsrace::to_string(s.regime);
  d["stable"] = s.stable;
  d["growth_rate"] = s.growth_rate;
  d["equilibrium_exists"] = s.equilibrium_exists;
  d["equilibrium"] = eq.to_python();
  d["eigenvalues"] = eig.to_python();
  d["verdict"] = s.verdict;
  d["time"] = m.time == gb::armsrace::TimeMode::kDiscrete ? "discrete" : "continuous";
  if (s.fatigue_product) d["fatigue_product"] = *s.fatigue_product;
  if (s.reaction_product) d["reaction_product"] = *s.reaction_product;
  return d;
}

// ---------------------------------------------------------------- backtests

// Rolling-origin backtest (geobalance backtest): milex and warheads from the built-in
// data/capabilities.csv, cinc from an NMC file.
py::dict backtest(const std::string& series, const std::vector<std::string>& states, int first_origin,
                  int last_origin, int min_horizon, int max_horizon, const std::vector<std::string>& models,
                  const std::string& nmc, std::uint64_t seed, unsigned threads) {
  namespace fc = gb::forecast;
  auto kind = fc::series_kind_from_string(series);
  if (!kind || *kind == fc::SeriesKind::kIdealPoint)
    throw flag_error("series", "found '" + series + "', expected milex, warheads or cinc");
  if (threads > 1024) throw flag_error("threads", "found " + std::to_string(threads) + ", expected 0 to 1024");
  fc::BacktestOptions o;
  o.first_origin = first_origin;
  o.last_origin = last_origin;
  o.min_horizon = min_horizon;
  o.max_horizon = max_horizon;
  o.threads = threads;
  o.forecast.seed = seed;
  for (const auto& m : models) {
    auto mk = fc::model_kind_from_string(m);
    if (!mk) throw flag_error("models", "found '" + m + "', expected one of " + fc::model_kind_names());
    o.models.push_back(*mk);
  }
  struct Out {
    fc::BacktestResult r;
    fc::Selection sel;
  };
  auto work = [&]() -> std::shared_ptr<Out> {
    fc::AnnualSeries s;
    if (*kind == fc::SeriesKind::kCinc) {
      if (nmc.empty()) throw flag_error("nmc", "is missing; series cinc needs a COW NMC file");
      s = fc::series_from_nmc_cinc(gb::io::load_nmc(nmc), states, nmc);
    } else {
      const std::string path = gb::data_path("capabilities.csv");
      s = fc::series_from_panel(*kind, gb::power::load_capability_table(path), fc::to_string(*kind), states, path,
                                "states");
    }
    auto out = std::make_shared<Out>();
    out->r = fc::run_backtest(s, o);
    out->sel = fc::select_from(out->r);
    return out;
  };
  auto out = interruptible(work);
  Columns c;
  for (const auto& row : out->r.rows) {
    c.texts("series").push_back(row.series);
    c.texts("state").push_back(row.state);
    c.texts("model").push_back(row.model);
    c.ints("horizon").push_back(row.horizon);
    c.ints("n").push_back(row.n);
    c.reals("mae").push_back(row.mae);
    c.reals("rel_mae").push_back(row.rel_mae);
    c.reals("crps").push_back(row.crps);
    c.reals("cover50").push_back(row.cover50);
    c.reals("cover90").push_back(row.cover90);
  }
  py::dict d;
  d["scores"] = c.to_python();
  d["selected"] = fc::to_string(out->sel.model);
  d["reason"] = out->sel.reason;
  return d;
}

// ---------------------------------------------------------------- scenarios

py::dict run_scenario(const std::string& path, std::optional<int> replicates, std::optional<std::uint64_t> seed,
                      std::optional<unsigned> threads, double interval_level) {
  if (replicates && (*replicates < 0 || *replicates > 1'000'000))
    throw flag_error("replicates", "found " + std::to_string(*replicates) + ", expected 0 to 1000000");
  if (threads && *threads > 1024) throw flag_error("threads", "found " + std::to_string(*threads) + ", expected 0 to 1024");
  check_finite_arg("interval_level", interval_level);
  gb::scenario::RunOptions o;
  o.replicates = replicates;
  o.seed = seed;
  o.threads = threads;
  o.interval_level = interval_level;
  o.validate();
  gb::CancelToken token;
  auto work = [&]() -> std::shared_ptr<gb::scenario::ScenarioResult> {
    auto s = gb::scenario::load_scenario(path);
    return std::make_shared<gb::scenario::ScenarioResult>(gb::scenario::run_scenario(s, o, token));
  };
  auto r = interruptible(work, &token);
  py::dict tables;
  for (const auto& [stem, table] : gb::report::scenario_tables(*r)) tables[py::str(stem)] = table_to_python(table);
  py::dict d;
  d["json"] = gb::scenario::to_json(*r).dump();
  d["tables"] = tables;
  return d;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "geobalance's C++ engine (use the geobalance package, which returns pandas DataFrames)";
  static py::exception<gb::InputError> input_error(m, "InputError", PyExc_ValueError);
  static py::exception<gb::ComputationError> computation_error(m, "ComputationError", PyExc_RuntimeError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const gb::InputError& e) {
      PyErr_SetString(input_error.ptr(), e.what());
    } catch (const gb::ComputationError& e) {
      PyErr_SetString(computation_error.ptr(), e.what());
    } catch (const Interrupted&) {
      PyErr_SetString(PyExc_KeyboardInterrupt, "interrupted");
    }
  });

  m.def("version", &gb::version);
  m.def("data_dir", &gb::data_dir);
  m.def("set_data_dir", &gb::set_data_dir, py::arg("dir"));
  m.def("countries", &countries, py::arg("data") = "");
  m.def("cinc", &cinc, py::arg("nmc"), py::arg("first") = py::none(), py::arg("last") = py::none(),
        py::arg("states") = py::none());
  m.def("balance", &balance, py::arg("coalitions"), py::arg("first") = py::none(), py::arg("last") = py::none(),
        py::arg("weights") = "", py::arg("nmc") = "", py::arg("data") = "", py::arg("alliances") = "",
        py::arg("atop") = "");
  m.def("transition", &transition, py::arg("a"), py::arg("b"), py::arg("low") = 0.8, py::arg("high") = 1.25,
        py::arg("first") = py::none(), py::arg("last") = py::none(), py::arg("weights") = "", py::arg("nmc") = "",
        py::arg("data") = "");
  m.def("theatre", &theatre, py::arg("theatre"), py::arg("year") = py::none(), py::arg("mpd") = 250.0,
        py::arg("actors"), py::arg("coalitions"), py::arg("weights") = "", py::arg("nmc") = "", py::arg("data") = "");
  m.def("similarity", &similarity, py::arg("system"), py::arg("alliances") = "", py::arg("atop") = "",
        py::arg("capabilities") = "", py::arg("first"), py::arg("last"), py::arg("dyads") = py::none(),
        py::arg("scope") = "global", py::arg("threads") = 0u, py::arg("open_end") = 2012);
  m.def("bargain", &bargain, py::arg("input"), py::arg("model") = "smp", py::arg("preset") = "",
        py::arg("seed") = 1, py::arg("max_turns") = 0, py::arg("transitions") = "deterministic");
  m.def("bargain_monte_carlo", &bargain_monte_carlo, py::arg("input"), py::arg("model") = "smp",
        py::arg("preset") = "", py::arg("seed") = 1, py::arg("max_turns") = 0,
        py::arg("transitions") = "deterministic", py::arg("replicates") = 1000, py::arg("threads") = 0u,
        py::arg("thresholds") = py::none());
  m.def("solve_game_file", &solve_game_file, py::arg("file"), py::arg("method"), py::arg("exact") = false,
        py::arg("max_equilibria") = 0, py::arg("strategic") = false);
  m.def("solve_game_text", &solve_game_text, py::arg("text"), py::arg("source"), py::arg("method"),
        py::arg("exact") = false, py::arg("max_equilibria") = 0, py::arg("strategic") = false);
  m.def("solve_game_table", &solve_game_table, py::arg("players"), py::arg("strategies"), py::arg("payoffs"),
        py::arg("title") = "", py::arg("method") = "enummixed", py::arg("exact") = false,
        py::arg("max_equilibria") = 0);
  m.def("richardson_simulate", &richardson_simulate, py::arg("model"), py::arg("start"), py::arg("end"),
        py::arg("step"), py::arg("rtol") = 1e-8, py::arg("atol") = 1e-8, py::arg("max_steps") = 1'000'000);
  m.def("richardson_stability", &richardson_stability, py::arg("model"));
  m.def("backtest", &backtest, py::arg("series"), py::arg("states"), py::arg("first_origin"),
        py::arg("last_origin"), py::arg("min_horizon"), py::arg("max_horizon"), py::arg("models"),
        py::arg("nmc") = "", py::arg("seed") = 13, py::arg("threads") = 0u);
  m.def("run_scenario", &run_scenario, py::arg("path"), py::arg("replicates") = py::none(),
        py::arg("seed") = py::none(), py::arg("threads") = py::none(), py::arg("interval_level") = 0.9);
}
