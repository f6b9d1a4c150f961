// The typed result of a scenario run. run_scenario() fills it; results.json is
// to_json(ScenarioResult); the brief, the CSV tables, the summary printed by `geobalance run`
// (report/scenario.h) and the run store all read this struct. It holds numbers, names and
// enums only: every sentence is written in report/ from these fields.
//
// This header depends on core only (the report module reads it without linking the models).
#ifndef GEOBALANCE_SCENARIO_RESULT_H_
#define GEOBALANCE_SCENARIO_RESULT_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/core/records.h"
#include "geobalance/scenario/context.h"

namespace geobalance::scenario {

enum class RunTermination { kCompleted, kCancelled };

/// What an answer concludes, by a documented rule on its numbers (docs/scenario.md).
enum class Verdict {
  kNone,              ///< the answer is a number with its interval, no call
  kRatioUp,           ///< power: the first-year ratio lies below the last year's interval
  kRatioDown,         ///< power: it lies above the interval
  kRatioSteady,       ///< power: it lies inside the interval (no measurable change)
  kCloserToFirst,     ///< alignment: the UN-vote distance gap's interval lies above 0 (closer to the first comparator)
  kCloserToSecond,    ///< alignment: it lies below 0 (closer to the second)
  kNoMeasurableDifference,  ///< alignment: the gap's interval covers 0, or there is no interval
  kForecastUsable,    ///< armsrace: the fitted race is stable and beats no-change out of sample
  kForecastNotUsable  ///< armsrace: it is not (unstable, or no better than no change)
};
const char* to_string(Verdict v);

/// The power verdict (docs/scenario.md, "Answers and verdicts"): up when the first year's
/// ratio lies below the last year's interval [low, high], down when above it, steady inside.
inline Verdict power_verdict(double first_year_ratio, double low, double high);

/// "k of n replicates" with its Wilson score interval at the run's level (Wilson 1927).
struct Probability {
  int k = 0, n = 0;
  double low = 0, high = 0;  ///< Wilson interval (NaN when n == 0)
};
/// Wilson score interval of k successes in n at two-sided `level` (0 < level < 1).
inline Probability wilson(int k, int n, double level);

/// An input at or beyond a documented bound: it was held at the bound and said so, counted
/// across the baseline and the replicates. Nothing in the scenario path is clipped silently.
struct ClampRecord {
  std::string input;     ///< "game.eu_us_sanction", "issue:x position of TUR", ...
  std::string bound;     ///< "[-1, 1]", ">= 0"
  double raw_min = 0, raw_max = 0;  ///< the most extreme raw values seen (baseline and replicates)
  bool in_baseline = false;         ///< the unperturbed run hit the bound
  int replicates = 0;               ///< replicates in which it was held at the bound
};

struct PowerAnswer {
  std::string first, second;  ///< coalition labels compared (first / second)
  int first_year = 0, last_year = 0;
  double ratio_first_year = 0;  ///< the ratio in first_year (NaN when undefined)
  std::string single_state;     ///< the state compared alone ("" when none)
  double ratio_vs_single = 0;   ///< first coalition / single state in last_year (NaN when none)
  /// Sensitivity to the index: the last year's ratio (baseline inputs) under each single
  /// indicator (weight 1 on it, 0 on the others), in the panel's indicator order.
  std::vector<std::pair<std::string, double>> by_indicator;
  /// The ratio under COW's CINC (the scenario's NMC file) in cinc_year, the last NMC year up to
  /// last_year (never filled); NaN and cinc_year 0 when not available (a caveat says why).
  double ratio_cinc = std::numeric_limits<double>::quiet_NaN();
  int cinc_year = 0;
  std::string cinc_dataset;  ///< e.g. "NMC 7.0" (registry name and version, else the file name)
};

struct AlignmentAnswer {
  std::string focal, first, second;  ///< the focal state and its two comparators
  int first_year = 0, last_year = 0;
  double distance_first = 0, distance_second = 0;  ///< |ideal point gaps| in last_year
  double gap_first_year = 0, gap_last_year = 0;    ///< distance_second - distance_first (> 0: closer to first)
  double s_first = 0, s_second = 0;  ///< alliance-portfolio S to each comparator (NaN: unavailable)
  // issue 12, item 7 (docs/alignment.md, "The scenario's drift answer"): one ideal-point series for every
  // year, the gap's interval, the NATO-median reference, and the system S is computed over.
  std::string series;          ///< "all" | "final_passage"
  int series_last_year = 0;    ///< the series' last year with all three states (< history_to: the answer ends there)
  double gap_low = std::numeric_limits<double>::quiet_NaN(), gap_high = std::numeric_limits<double>::quiet_NaN();
  double change = 0;           ///< gap_last_year - gap_first_year
  double change_low = std::numeric_limits<double>::quiet_NaN(), change_high = std::numeric_limits<double>::quiet_NaN();
  Verdict movement = Verdict::kNoMeasurableDifference;  ///< closer rule on the change: toward first / second / none
  double ip_focal = 0, ip_first = 0, ip_second = 0, ip_reference = 0;  ///< ideal points in last_year
  int votes_focal = 0;         ///< votes behind the focal state's last-year estimate
  std::string reference;       ///< "NATO median"
  int reference_members = 0;
  std::string portfolio_system;  ///< what S is computed over, named ("" with S unavailable)
  int portfolio_year = 0, portfolio_states = 0;
  bool portfolio_hand_made = false;  ///< the scenario asked for the hand-made ties table
};

struct Coefficient {
  std::string name;  ///< "k[RUS,USA]"
  double estimate = 0, low = 0, high = 0;
};

/// One pooled backtest row (forecast::ScoreRow with state "all").
struct TrackScore {
  std::string model;
  int horizon = 0, n = 0;
  double mae = 0, rel_mae = 0, crps = 0, cover90 = 0;
};

/// The deployed strategic cap at forecast_to, per actor of the warhead race.
struct DeployedCapAnswer {
  std::string label;  ///< "counterfactual: a New START-like limit ... restored ..."
  double limit = 0;
  int share_year = 0;
  std::vector<std::string> actors;
  std::vector<bool> party;
  std::vector<double> share, observed;  ///< deployed / stockpile and deployed, in share_year
  std::vector<double> deployed, capped, moved;  ///< point run at forecast_to
  std::vector<double> deployed_low, deployed_high;  ///< the no-cap band mapped (empty when none)
};

struct ArmsraceAnswer {
  std::string race;  ///< "milex" | "warheads"
  std::size_t actors = 0;
  std::string regime;  ///< armsrace::to_string(Regime)
  bool stable = false;
  double holdout_mape = 0, naive_mape = 0;  ///< percent
  std::optional<Coefficient> reaction;      ///< when the question names a pair
  std::vector<Coefficient> significant;     ///< reaction coefficients whose interval excludes 0
  int forecast_to = 0;
  /// At forecast_to: the central (point-estimate) run's total, and the median and interval of
  /// each bootstrap draw's own total (not the sum of each actor's percentiles).
  double total_no_cap = 0, total_low = 0, total_high = 0;
  double total_median = std::numeric_limits<double>::quiet_NaN();
  double total_cap_high = 0;   ///< the capped band's upper end at forecast_to (per-draw totals)
  int total_draws = 0;         ///< bootstrap draws behind the total's interval
  double total_last_observed = 0;
  double cap_fraction = 1;  ///< the cap, as a fraction of each actor's last observed level
  std::optional<double> equilibrium_total;
  /// The forecaster that earns it by rolling-origin backtest (forecast/backtest.h:
  /// select_forecaster; no-change unless a model beats it), with its track record.
  std::string forecaster;         ///< forecast::to_string(ModelKind), "" when not run
  std::string forecaster_reason;  ///< Selection::reason
  std::string forecaster_score;   ///< score_line()
  /// Its total at forecast_to: median and interval over its members (NaN when not run).
  double forecaster_median = std::numeric_limits<double>::quiet_NaN();
  double forecaster_low = std::numeric_limits<double>::quiet_NaN();
  double forecaster_high = std::numeric_limits<double>::quiet_NaN();
  /// The track record behind the choice (docs/backtest.md): pooled backtest scores of every
  /// model by horizon (issue 13, item 4), and the Richardson model's rel. MAE over all its
  /// pooled pairs (NaN when not run): the Richardson forecast is credible only below 1.
  std::vector<TrackScore> track;
  int track_first_origin = 0, track_last_origin = 0;
  double richardson_rel_mae = std::numeric_limits<double>::quiet_NaN();
  /// Warheads: the counterfactual limit on deployed strategic warheads (armsrace/deployed_cap.h).
  std::optional<DeployedCapAnswer> deployed;
};

/// One model's forecast of an issue on the scenario's inputs (median, interval, baseline run).
struct ModelForecast {
  std::string model;  ///< "smp" | "bdm"
  double median = 0, low = 0, high = 0, baseline = 0;
};

/// One bar of a bargaining answer's tornado (issue 12, item 6): the issue's own model on the
/// baseline inputs with one input of one actor moved down and up, or the actor dropped.
struct TornadoBar {
  std::string actor;
  std::string input;       ///< "position" | "salience" | "capability" | "dropped"
  double step = 0;         ///< position/salience: the sd (- then +); capability: the factor (÷ then x); dropped: 0
  bool declared = false;   ///< position/salience: the sd is the scenario's declared uncertainty, else the default
  bool held = false;       ///< a moved value was held at the scale's end or at the salience bounds
  double forecast_down = 0, forecast_up = 0;  ///< dropped: both the forecast without the actor (NaN: refused)
  double effect = 0;       ///< the larger |forecast - baseline| of the two (NaN when neither exists)
};

struct BargainingAnswer {
  std::string issue, title, model;
  double scale_min = 0, scale_max = 0;
  std::string low_label, high_label;
  double threshold = 0;
  double p_above = 0;  ///< share of replicates with forecast > threshold (NaN without replicates)
  Probability above;   ///< the same as k of n with its Wilson interval
  /// The issue's own model's interval (Answer::low/high cover both models).
  double model_low = std::numeric_limits<double>::quiet_NaN(), model_high = std::numeric_limits<double>::quiet_NaN();
  std::optional<ModelForecast> other;  ///< the other model on the same inputs
  std::vector<TornadoBar> tornado;     ///< sensitivity of the baseline run, largest effect first
};

/// The S-400 crisis game's answer (games/s400_tree.h; docs/scenario.md, "The games answer").
struct GameAnswer {
  std::string outcome;       ///< baseline run's modal equilibrium path (logit limit)
  std::string most_frequent; ///< most frequent modal path across replicates
  Probability holds;         ///< replicates whose modal path is the baseline's, with a Wilson interval
  /// Modal equilibrium path (logit limit, types summed out) -> k of N replicates, most frequent first.
  struct PathShare {
    std::string path;
    Probability share;
  };
  std::vector<PathShare> paths;
  /// Each US response of the tree: the calibrated QRE probability (baseline run, ensemble median
  /// and interval at the run's level) and the replicates where it is the modal US response.
  struct Response {
    std::string name;
    double baseline = 0, median = 0, low = 0, high = 0;
    Probability modal;
  };
  std::vector<Response> us_responses;
  /// P(the US imposes any measure: F-35 exclusion, CAATSA or broad) = 1 - P(Tolerate).
  Response any_measure;
  // Calibration on the reference class (once per run, cases as known on as_of).
  std::string reference_class;      ///< the file
  std::string calibration_as_of;    ///< YYYY-MM-DD
  std::vector<std::string> calibration_cases;  ///< ids in the fit
  bool calibrated = false;          ///< false: too few cases, the documented defaults were used
  double lambda = 0, congress_pressure = 0;
  /// Leave-one-out means over calibration_cases (NaN when not calibrated).
  double loo_brier_game = std::numeric_limits<double>::quiet_NaN(), loo_brier_base = std::numeric_limits<double>::quiet_NaN();
  double loo_log_game = std::numeric_limits<double>::quiet_NaN(), loo_log_base = std::numeric_limits<double>::quiet_NaN();
  /// The bargaining models on the same question (the response issue), when the question names them.
  struct Bargaining {
    std::string model;  ///< "smp" | "bdm"
    double median = 0, low = 0, high = 0, baseline = 0;  ///< forecast on the issue scale
    Probability above;  ///< replicates with forecast > threshold, Wilson interval
    std::string agreement;  ///< "agree" | "disagree" (rule: docs/scenario.md)
  };
  std::string bargaining_issue;
  double threshold = 0;
  std::vector<Bargaining> bargaining;
  /// Replicates left out of the game's distribution (an input outside its range, or the solver
  /// failed): input, bound, raw range, replicates (in_baseline is always false).
  std::vector<ClampRecord> dropped;
  int replicates_used = 0;
};

/// The games answer's agreement rule (docs/scenario.md): the game's P(any US measure) and a
/// bargaining model's P(forecast > threshold) "agree" when the game's median lies inside the
/// bargaining model's Wilson interval and the bargaining share k/n lies inside the game's
/// ensemble interval; otherwise "disagree". NaN anywhere: "" (no call).
inline std::string game_bargaining_agreement(double game_median, double game_low, double game_high,
                                             const Probability& above) {
  if (above.n <= 0 || !std::isfinite(game_median) || !std::isfinite(game_low) || !std::isfinite(game_high) ||
      !std::isfinite(above.low) || !std::isfinite(above.high))
    return "";
  const double share = static_cast<double>(above.k) / above.n;
  const bool agree = game_median >= above.low && game_median <= above.high && share >= game_low && share <= game_high;
  return agree ? "agree" : "disagree";
}

/// One question's answer.
struct Answer {
  std::string id, question, module, target;
  /// The headline: the ensemble median for ensemble answers, the bootstrap median for the
  /// arms race's totals, the point estimate otherwise.
  double value = 0;
  double low = 0, high = 0;  ///< interval of the same quantity, at ScenarioResult::interval_level
  /// The unperturbed (baseline) run's value, shown beside the headline (NaN when none).
  double baseline = std::numeric_limits<double>::quiet_NaN();
  std::string unit;
  /// Replicates behind the interval; 0 when the interval is not from the scenario's
  /// ensemble (e.g. the arms race's own bootstrap, or a point value).
  int ensemble_size = 0;
  std::string interval_source;  ///< "ensemble", "bootstrap" or "none"
  Verdict verdict = Verdict::kNone;
  std::vector<std::string> caveats;
  std::vector<ClampRecord> clamps;    ///< inputs held at a bound (each also a caveat)
  std::vector<std::string> datasets;  ///< World roles used (see LoadedFile::role)
  std::optional<PowerAnswer> power;
  std::optional<AlignmentAnswer> alignment;
  std::optional<ArmsraceAnswer> armsrace;
  std::optional<BargainingAnswer> bargaining;
  std::optional<GameAnswer> game;
};

// ---- series (charts and tables) ----

struct CoalitionSeries {
  std::string label;
  std::vector<double> total, low, high;  ///< per year
};

struct PowerSeries {
  std::vector<int> years;
  std::vector<CoalitionSeries> coalitions;
  std::vector<std::pair<std::string, std::vector<double>>> shares;  ///< focus abb -> per year (NaN missing)
  std::vector<double> concentration;
  /// theatre -> label -> loss-of-strength adjusted total in the last year; the single state's
  /// own entry is labelled with its abbreviation.
  std::map<std::string, std::map<std::string, double>> theatres;
  std::string single_state;
};

struct RaceSeries {
  std::string name, title;
  std::vector<std::string> actors;
  std::vector<int> years;
  std::vector<std::vector<double>> observed;  ///< [year][actor]
  std::string regime;
  bool stable = false;
  double holdout_mape = 0;
  double naive_mape = std::numeric_limits<double>::quiet_NaN();  ///< no-change MAPE on the same holdout
  std::vector<double> forecast_times;
  std::vector<std::vector<double>> no_cap, with_cap;
  std::vector<std::vector<double>> no_cap_low, no_cap_high, with_cap_low, with_cap_high;
  /// Warheads: deployed strategic warheads without and with the counterfactual limit ([k][i]
  /// at forecast_times), its level and label; empty without deployed data.
  std::vector<std::vector<double>> deployed, deployed_capped;
  double deployed_limit = 0;
  std::string deployed_label;
  /// The backtest's rel. MAE of the Richardson model (NaN when not run), and what the brief
  /// does with a forecast that is not credible: "omit" (data only) or "faint" (a separate
  /// small panel on its own axis, labelled "not credible").
  double backtest_rel_mae = std::numeric_limits<double>::quiet_NaN();
  std::string show_noncredible = "omit";
};

struct DriftSeries {
  std::string focal, first, second;
  std::vector<int> years;
  std::vector<double> distance_first, distance_second;
  std::string series;  ///< "all" | "final_passage" (one series for every year)
  /// Ideal points with their posterior interval at the run's level and the votes behind them;
  /// the reference is the NATO members' median (members as of 31 December of each year).
  struct Track {
    std::string name;
    std::vector<double> value, low, high;
    std::vector<int> votes;  ///< empty for the reference
  };
  std::vector<Track> tracks;  ///< focal, first, second, reference
  std::vector<double> gap, gap_low, gap_high;  ///< distance_second - distance_first
};

struct AlignmentSeries {
  std::vector<DriftSeries> drifts;  ///< one per alignment question
  struct Similarity {
    std::string a, b;
    double s = 0;
  };
  std::vector<Similarity> current_similarity;  ///< pairs the answers and the game use
  int system_size = 0;
  std::string system_name;  ///< what current_similarity's S is computed over (named in the brief)
  Date as_of{};
  int cohesion_members = 0, cohesion_pairs = 0;  ///< NATO as of as_of, in the current portfolio
  double cohesion_mean = 0, cohesion_min = 0;
  bool has_cohesion_series = false;  ///< COW alliance data given
  std::vector<int> cohesion_years;
  std::vector<double> cohesion_mean_s, cohesion_min_s;
  std::string cohesion_source;
};

struct IssueSeries {
  std::string id, title, model;
  double forecast = 0, low = 0, high = 0, median = 0;
  int turns = 0;
  std::vector<std::string> actors;
  std::vector<std::vector<double>> history;  ///< [turn][actor], first dimension
};

struct GameSeries {
  std::map<std::string, std::string> players;  ///< role (turkiye, us, russia) -> state
  struct Input {
    std::string name;
    double value = 0;
    std::string source;
  };
  std::vector<Input> inputs;
  struct Path {
    std::string turkiye, us, russia;
    std::vector<double> payoffs;
    std::string text;
  };
  std::vector<Path> paths;
  std::string summary;
  struct Sweep {
    std::string parameter;
    std::vector<double> change_points;
    std::vector<std::pair<double, std::string>> points;  ///< value -> paths text
  };
  std::vector<Sweep> sweeps;
  std::map<std::string, int> outcome_frequency;
};

struct ShockRecord {
  Date date;
  std::string label, rationale;
};

/// How the ensemble treated the capability table's nowcast cells (docs/scenario.md, "Nowcasts").
struct NowcastRecord {
  bool drawn = false;   ///< the scenario declares [[uncertainty]] target = "nowcasts"
  int cells = 0;        ///< cells with an sd in the table up to history_to
  int first_year = 0, last_year = 0;  ///< their years (0 when none)
  std::vector<std::string> held_at_point;  ///< cells kept at their point value (value 0)
  std::string rationale;
};

/// One replicate's headline numbers (tables/ensemble.csv).
struct ReplicateRow {
  double ratio = 0;
  std::vector<double> issue_forecasts;
  std::string game_outcome;
};

/// A file the run read, with its hash.
struct DatasetRecord {
  std::string role, path, sha256;
  /// From the dataset registry (data/datasets.csv) when it lists the file, else empty.
  std::string name, title, version;
  std::vector<std::string> bibtex_keys;
};

struct ScenarioResult {
  // provenance
  std::string scenario_name, scenario_path, scenario_description;
  Date as_of{};
  int history_from = 0, history_to = 0, forecast_to = 0;
  std::string program_version;
  std::vector<DatasetRecord> datasets;
  std::map<std::string, std::string> references;  ///< BibTeX key -> entry, for the datasets used
  /// Deterministic id of the run: SHA-256 (first 12 hex digits) of the program version, the
  /// scenario file, every dataset's hash, the seed, the replicates and the interval level.
  std::string run_id;
  std::map<std::string, std::string> state_names;  ///< COW abbreviation -> name (countries.csv)

  // run
  RunTermination termination = RunTermination::kCompleted;
  int replicates = 0;  ///< asked
  int replicates_done = 0;
  std::uint64_t seed = 0;
  unsigned threads = 0;
  double interval_level = 0.9;
  double wall_seconds = 0;

  std::vector<Answer> answers;

  std::optional<PowerSeries> power;
  std::vector<RaceSeries> races;
  std::optional<AlignmentSeries> alignment;
  std::vector<IssueSeries> issues;
  std::optional<GameSeries> game;
  std::vector<ShockRecord> shocks;
  NowcastRecord nowcasts;
  std::optional<ContextSection> context;  ///< when the scenario names [[context.*]] entries
  std::vector<std::string> notes;
  std::vector<std::string> issue_ids;  ///< ensemble table columns
  std::string ratio_label;             ///< "first/second"
  std::vector<ReplicateRow> ensemble;
};

/// results.json: the whole struct (documented in docs/scenario.md). NaN is written as null.
nlohmann::ordered_json to_json(const ScenarioResult& r);
/// The same document as nlohmann::json (keys sorted), for the run store.
nlohmann::json to_json_unordered(const ScenarioResult& r);

// ---- definitions (inline: the report module reads them without linking the models) ----

inline Verdict power_verdict(double first, double low, double high) {
  if (first < low) return Verdict::kRatioUp;
  if (first > high) return Verdict::kRatioDown;
  return Verdict::kRatioSteady;  // inside the interval, or NaN somewhere: no measurable change
}

inline Probability wilson(int k, int n, double level) {
  Probability p{k, n, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  if (n <= 0) return p;
  // z: the standard normal's (1 + level) / 2 quantile, by bisection on erfc (exact to 1e-12).
  const double tail = (1 - level) / 2;
  double lo = 0, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(mid / std::sqrt(2.0)) > tail ? lo : hi) = mid;
  }
  const double z = (lo + hi) / 2, nn = n, ph = k / nn, z2 = z * z;
  const double centre = (ph + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z / (1 + z2 / nn) * std::sqrt(ph * (1 - ph) / nn + z2 / (4 * nn * nn));
  p.low = std::max(0.0, centre - half);
  p.high = std::min(1.0, centre + half);
  return p;
}

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_RESULT_H_
