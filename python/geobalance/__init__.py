"""geobalance: balance-of-power measurement, forecasting and war-gaming, as tidy pandas frames.

    import geobalance as gb
    gb.balance(["NATO", "RUS+CHN"], years=(2000, 2024))   # state-year, coalition-year frames
    gb.bargain("s400.csv")                                 # SMP forecast, one row per actor

Every table is a pandas DataFrame with one row per observation, state abbreviations and
names next to COW codes, and the column names of the CLI's CSV output (docs/python.md).
Input errors raise gb.InputError (a ValueError) with the CLI's "file:line:col: ..." message.
Long computations release the GIL and stop on Ctrl-C (KeyboardInterrupt).
"""
from __future__ import annotations

import json
import math
import os
import pathlib
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._core import ComputationError, InputError

__all__ = [
    "InputError", "ComputationError", "version", "data_dir", "countries", "cinc", "composite",
    "balance", "transition", "theatre", "similarity", "bargain", "bargain_monte_carlo",
    "solve_game", "richardson_simulate", "backtest", "richardson_stability", "run", "ScenarioRun",
    "GameSolution", "Balance", "Transition", "Bargain",
]

# The built-in data ships inside the package (setup.py copies ../data); an explicit
# GEOBALANCE_DATA_DIR still wins (the C++ library reads it first).
_PACKAGE_DATA = pathlib.Path(__file__).resolve().parent / "data"
if (_PACKAGE_DATA / "countries.csv").is_file():
    _core.set_data_dir(str(_PACKAGE_DATA))


def version() -> str:
    """geobalance's version, e.g. "0.1.0"."""
    return _core.version()


def data_dir() -> str:
    """The folder of built-in data the library reads."""
    return _core.data_dir()


def _frame(columns: dict) -> pd.DataFrame:
    return pd.DataFrame({k: v for k, v in columns.items()})


def _path(name: str, value: Any) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected a path (str or os.PathLike), got {type(value).__name__}")
    if "\0" in value:
        raise InputError(f"{name}: found a NUL character in the path, expected a file name")
    return value


def _opt_path(name: str, value: Any) -> str:
    return "" if value is None else _path(name, value)


def _years(years: Any) -> tuple[int | None, int | None]:
    """None, a year, or (first, last)."""
    if years is None:
        return None, None
    if isinstance(years, bool):
        raise TypeError("years: expected an int or a (first, last) pair")
    if isinstance(years, int):
        return _int("years", years), _int("years", years)
    if isinstance(years, str):
        a, sep, b = years.partition(":")
        if not sep:
            raise InputError(f"years: found '{years}', expected A:B")
        try:
            return int(a), int(b)
        except ValueError:
            raise InputError(f"years: found '{years}', expected A:B with whole years") from None
    try:
        first, last = years
    except (TypeError, ValueError):
        raise TypeError("years: expected an int, 'A:B' or a (first, last) pair") from None
    return _int("years", first), _int("years", last)


def _int(name: str, v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, (int,)) and not (hasattr(v, "__index__")):
        if isinstance(v, float):
            if not math.isfinite(v) or v != int(v):
                raise InputError(f"{name}: found {v}, expected a whole number")
            return int(v)
        raise TypeError(f"{name}: expected an int, got {type(v).__name__}")
    v = int(v)
    if not -(2**31) < v < 2**31:
        raise InputError(f"{name}: found {v}, expected a year or count that fits in 32 bits")
    return v


def _finite(name: str, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise TypeError(f"{name}: expected a number, got {type(v).__name__}")
    v = float(v)
    if not math.isfinite(v):
        raise InputError(f"{name}: found {v}, expected a finite number")
    return v


def _strings(name: str, v: Any) -> list[str]:
    if isinstance(v, str):
        return [s for s in (p.strip() for p in v.split(",")) if s] if "," in v else [v]
    if not isinstance(v, Iterable):
        raise TypeError(f"{name}: expected a list of strings")
    out = list(v)
    for s in out:
        if not isinstance(s, str):
            raise TypeError(f"{name}: expected strings, got {type(s).__name__}")
    return out


def _count(name: str, v: Any, lo: int, hi: int) -> int:
    v = _int(name, v)
    if not lo <= v <= hi:
        raise InputError(f"{name}: found {v}, expected {lo} to {hi}")
    return v


_NAMES: dict[int, str] | None = None


def _names() -> dict[int, str]:
    global _NAMES
    if _NAMES is None:
        c = countries()
        _NAMES = dict(zip(c["ccode"], c["name"]))
    return _NAMES


def _add_names(df: pd.DataFrame, ccode: str = "ccode", abb: str = "stateabb", name: str = "name") -> pd.DataFrame:
    """A name column after the abbreviation: data/countries.csv's name, else the abbreviation."""
    names = _names()
    values = [names.get(int(c)) or a for c, a in zip(df[ccode], df[abb])]
    df.insert(df.columns.get_loc(abb) + 1, name, values)
    return df


# ---------------------------------------------------------------- power


def countries(data: str | os.PathLike | None = None) -> pd.DataFrame:
    """The built-in states (data/countries.csv): ccode, stateabb, iso3, name, capital, lat, lon."""
    return _frame(_core.countries(_opt_path("data", data)))


def cinc(nmc: str | os.PathLike, years: Any = None, states: Sequence[str] | str | None = None) -> pd.DataFrame:
    """COW's CINC per state-year from an NMC file (as `geobalance power cinc --format csv`).

    Columns: ccode, stateabb, name, year, cinc, components, cow_cinc (COW's own column).
    """
    first, last = _years(years)
    st = None if states is None else _strings("states", states)
    df = _frame(_core.cinc(_path("nmc", nmc), first, last, st))
    return _add_names(df)


@dataclass
class Balance:
    """capability balance: `states` (year, ccode, stateabb, name, index), `coalitions`
    (year, coalition, members, index), `years` (year, A/B ratio, con, poles)."""
    states: pd.DataFrame
    coalitions: pd.DataFrame
    years: pd.DataFrame


def balance(coalitions: Sequence[str] | str = ("NATO", "RUS+CHN"), years: Any = None, weights: str = "",
            nmc: str | os.PathLike | None = None, data: str | os.PathLike | None = None,
            alliances: str | os.PathLike | None = None, atop: str | os.PathLike | None = None) -> Balance:
    """Composite-index (or, with nmc=, CINC) shares of every state and coalition by year
    (`geobalance power balance`, in long form). Coalitions: "NATO", "RUS+CHN", "cow:ID",
    "atop:ID", optionally "Label=SPEC". years: None (the last 30 years of data), a year,
    "A:B" or (A, B). weights: "milex=2,gdp=1" over the built-in indicators."""
    if not isinstance(weights, str):
        raise TypeError("weights: expected a string such as 'milex=1,gdp=1'")
    first, last = _years(years)
    r = _core.balance(_strings("coalitions", coalitions), first, last, weights, _opt_path("nmc", nmc),
                      _opt_path("data", data), _opt_path("alliances", alliances), _opt_path("atop", atop))
    return Balance(_frame(r["states"]), _frame(r["coalitions"]), _frame(r["years"]))


def composite(years: Any = None, weights: str = "", data: str | os.PathLike | None = None) -> pd.DataFrame:
    """The composite capability index per state-year of the built-in data (year, ccode,
    stateabb, name, index): balance()'s state table."""
    return balance([], years=years, weights=weights, data=data).states


@dataclass
class Transition:
    series: pd.DataFrame  #: year, <A>, <B>, ratio, parity ("yes"/"no")
    parity_entries: list[int]
    parity_exits: list[int]
    overtaking: pd.DataFrame  #: year, ahead


def transition(a: str, b: str, band: tuple[float, float] = (0.8, 1.25), years: Any = None, weights: str = "",
               nmc: str | os.PathLike | None = None, data: str | os.PathLike | None = None) -> Transition:
    """Power transition between two states or coalitions (`geobalance power transition`)."""
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("a, b: expected strings such as 'CHN' or 'NATO'")
    try:
        low, high = band
    except (TypeError, ValueError):
        raise TypeError("band: expected a (low, high) pair") from None
    first, last = _years(years)
    r = _core.transition(a, b, _finite("band", low), _finite("band", high), first, last, weights,
                         _opt_path("nmc", nmc), _opt_path("data", data))
    ov = pd.DataFrame({"year": r["overtaking_years"], "ahead": r["overtaker"]})
    return Transition(_frame(r["series"]), list(r["parity_entries"]), list(r["parity_exits"]), ov)


def theatre(theatre: str = "all", year: int | None = None, mpd: float = 250.0,
            actors: Sequence[str] | str = ("USA", "RUS", "CHN", "TUR", "GMY", "UKG", "FRN", "ITA", "GRC", "POL",
                                           "ROM", "BUL", "UKR", "IRN"),
            coalitions: Sequence[str] | str = ("NATO", "RUS+CHN"), weights: str = "",
            nmc: str | os.PathLike | None = None, data: str | os.PathLike | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Theatre balances with the loss-of-strength gradient (`geobalance power theatre`):
    (states: theatre, year, ccode, actor, name, index, miles, exponent, adjusted;
     coalitions: theatre, year, coalition, adjusted)."""
    if not isinstance(theatre, str):
        raise TypeError("theatre: expected a string")
    y = None if year is None else _int("year", year)
    r = _core.theatre(theatre, y, _finite("mpd", mpd), _strings("actors", actors), _strings("coalitions", coalitions),
                      weights, _opt_path("nmc", nmc), _opt_path("data", data))
    return _frame(r["states"]), _frame(r["coalitions"])


# ---------------------------------------------------------------- alignment


def similarity(system: str | os.PathLike, years: Any, alliances: str | os.PathLike | None = None,
               atop: str | os.PathLike | None = None, capabilities: str | os.PathLike | None = None,
               dyads: Sequence[tuple[str, str]] | str | None = None, scope: str = "global", threads: int = 0,
               open_end: int = 2012, names: bool = True) -> pd.DataFrame:
    """Alliance-portfolio similarity per directed dyad-year (`geobalance align similarity`):
    ccode1, stateabb1, [name1,] ccode2, stateabb2, [name2,] year, n_system, s_unw_abs, s_unw_sq,
    s_w_abs, s_w_sq, kappa_abs, pi_abs, taub. dyads: None (all) or pairs ("TUR", "USA") or
    "TUR-USA,TUR-RUS". The computation releases the GIL and stops on Ctrl-C."""
    first, last = _years(years)
    if first is None:
        raise InputError("years: found None, expected A:B")
    pairs = None
    if dyads is not None:
        if isinstance(dyads, str):
            pairs = []
            for part in (p.strip() for p in dyads.split(",")):
                a, sep, b = part.partition("-")
                if not sep or not a or not b:
                    raise InputError(f"dyads: found '{part}', expected all or a list ABB-ABB,ABB-ABB (e.g. TUR-USA,TUR-RUS)")
                pairs.append((a, b))
        else:
            pairs = []
            for d in dyads:
                if isinstance(d, str) or len(d) != 2 or not all(isinstance(x, str) for x in d):
                    raise TypeError("dyads: expected pairs of state codes such as ('TUR', 'USA')")
                pairs.append((d[0], d[1]))
    if not isinstance(scope, str):
        raise TypeError("scope: expected 'global' or 'regional'")
    r = _core.similarity(_path("system", system), _opt_path("alliances", alliances), _opt_path("atop", atop),
                         _opt_path("capabilities", capabilities), first, last, pairs, scope,
                         _count("threads", threads, 0, 1024), _count("open_end", open_end, 1000, 2200))
    df = pd.DataFrame(r["rows"], copy=False)
    st = r["states"]
    cc = np.asarray(st["ccode"])
    order = np.argsort(cc)
    cc_sorted = cc[order]

    def labels(values, column):  # categorical state labels for a ccode column, by position
        cats = np.asarray(values, dtype=object)[order]
        codes = np.searchsorted(cc_sorted, df[column].to_numpy())
        if len(set(cats)) == len(cats):
            return pd.Categorical.from_codes(codes, categories=cats)
        return cats[codes]

    df.insert(1, "stateabb1", labels(st["abb"], "ccode1"))
    df.insert(3, "stateabb2", labels(st["abb"], "ccode2"))
    if names:
        df.insert(2, "name1", labels(st["name"], "ccode1"))
        df.insert(5, "name2", labels(st["name"], "ccode2"))
    return df


# ---------------------------------------------------------------- bargaining


@dataclass
class Bargain:
    positions: pd.DataFrame  #: actor, actor_index, dimension, dim_index, position, forecast, termination, turns
    history: pd.DataFrame    #: turn, actor, dimension, position, actor_index, dim_index
    summary: str
    issue: str

    @property
    def forecast(self) -> pd.Series:
        """The forecast outcome per dimension (capability x salience weighted mean)."""
        return self.positions.groupby("dimension", sort=False)["forecast"].first()


def bargain(input: str | os.PathLike, model: str = "smp", preset: str | None = None, seed: int = 1,
            max_turns: int = 0, transitions: str = "deterministic") -> Bargain:
    """One SMP or BDM run on an issue file (`geobalance bargain`)."""
    r = _core.bargain(_path("input", input), _str("model", model), _str("preset", preset or ""),
                      _count("seed", seed, 0, 2**63 - 1), _count("max_turns", max_turns, 0, 100000),
                      _str("transitions", transitions))
    return Bargain(_frame(r["positions"]), _frame(r["history"]), r["summary"], r["issue"])


def bargain_monte_carlo(input: str | os.PathLike, replicates: int = 1000, model: str = "smp",
                        preset: str | None = None, seed: int = 1, max_turns: int = 0,
                        transitions: str = "deterministic", threads: int = 0,
                        thresholds: Sequence[float] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monte Carlo sensitivity of the forecast (`geobalance bargain --replicates N`):
    (summary: dimension, dim_index, baseline, mean, sd, q5..q95, p_above_T;
     outcomes: replicate, dimension, outcome). Releases the GIL; Ctrl-C stops it."""
    th = None if thresholds is None else [_finite("thresholds", t) for t in thresholds]
    r = _core.bargain_monte_carlo(_path("input", input), _str("model", model), _str("preset", preset or ""),
                                  _count("seed", seed, 0, 2**63 - 1), _count("max_turns", max_turns, 0, 100000),
                                  _str("transitions", transitions), _count("replicates", replicates, 1, 10**8),
                                  _count("threads", threads, 0, 1024), th)
    return _frame(r["summary"]), _frame(r["outcomes"])


def _str(name: str, v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError(f"{name}: expected a string, got {type(v).__name__}")
    return v


# ---------------------------------------------------------------- games


@dataclass
class GameSolution:
    equilibria: pd.DataFrame  #: equilibrium, player, block, probabilities, payoff (the CLI's csv)
    profiles: pd.DataFrame    #: equilibrium, player, block, action, probability, exact, payoff (tidy)
    report: str
    json: dict = field(repr=False)
    gambit: str = field(repr=False)


def _rational_text(name: str, v: Any) -> str:
    if isinstance(v, bool):
        raise TypeError(f"{name}: expected a number, got bool")
    if isinstance(v, str):
        return v
    if isinstance(v, (int, Fraction)):
        return str(Fraction(v))
    if isinstance(v, float):
        if not math.isfinite(v):
            raise InputError(f"{name}: found {v}, expected a finite number")
        return str(Fraction(v))
    raise TypeError(f"{name}: expected a number, got {type(v).__name__}")


def solve_game(game: Any, method: str = "enummixed", exact: bool = False, max_equilibria: int = 0,
               strategic: bool = False, players: Sequence[str] | None = None,
               strategies: Sequence[Sequence[str]] | None = None, title: str = "") -> GameSolution:
    """Solves a game (`geobalance game solve`). game is a path to a Gambit .nfg/.efg file,
    Gambit text (starting with "NFG" or "EFG"), or payoff matrices built in Python: a list with
    one matrix per player for a two-player game ([A, B], A[i][j] the row player's payoff) or
    one n-dimensional nested list per player. Numbers may be ints, Fractions, finite floats
    (taken exactly) or strings "p/q". method: enumpure, enummixed, lcp, spe, logit, lp."""
    method = _str("method", method)
    mx = _count("max_equilibria", max_equilibria, 0, 10**9)
    if isinstance(game, (str, os.PathLike)):
        text = os.fspath(game)
        if text.lstrip()[:3] in ("NFG", "EFG"):
            r = _core.solve_game_text(text, "<text>", method, bool(exact), mx, bool(strategic))
        else:
            r = _core.solve_game_file(_path("game", text), method, bool(exact), mx, bool(strategic))
    else:
        try:
            import numpy as np
            tables = [np.asarray(p, dtype=object) for p in game]
        except Exception:
            raise TypeError("game: expected a path, Gambit text, or one payoff array per player") from None
        n = len(tables)
        if n < 2:
            raise InputError(f"game: found {n} payoff arrays, expected one per player (at least 2)")
        shape = tables[0].shape
        if len(shape) != n or any(t.shape != shape for t in tables):
            raise InputError(f"game: payoff arrays of shapes {[t.shape for t in tables]}, expected {n} arrays of "
                             f"the same {n}-dimensional shape")
        names = list(players) if players is not None else [f"Player {i + 1}" for i in range(n)]
        strats = ([list(s) for s in strategies] if strategies is not None
                  else [[str(k + 1) for k in range(shape[p])] for p in range(n)])
        for p in range(n):
            if len(strats[p]) != shape[p]:
                raise InputError(f"strategies: player {names[p]} has {len(strats[p])} names, expected {shape[p]}")
        # Gambit's profile order: player 1's strategy varies fastest (Fortran order).
        payoffs = [[_rational_text(f"payoffs[{p}]", v) for v in t.flatten(order="F")] for p, t in enumerate(tables)]
        r = _core.solve_game_table([_str("players", s) for s in names], [[_str("strategies", s) for s in row] for row in strats],
                                   payoffs, _str("title", title), method, bool(exact), mx)
    return GameSolution(_frame(r["equilibria"]), _frame(r["profiles"]), r["report"], json.loads(r["json"]), r["gambit"])


# ---------------------------------------------------------------- arms races


def richardson_simulate(model: str | os.PathLike, start: float, end: float, step: float, rtol: float = 1e-8,
                        atol: float = 1e-8, max_steps: int = 1_000_000) -> pd.DataFrame:
    """Integrates a Richardson model file (`geobalance armsrace simulate`): t, actor, value."""
    r = _core.richardson_simulate(_path("model", model), _finite("start", start), _finite("end", end),
                                  _finite("step", step), _finite("rtol", rtol), _finite("atol", atol),
                                  _count("max_steps", max_steps, 1, 100_000_000))
    df = _frame(r["trajectory"])
    df.attrs["report"] = r["report"]
    df.attrs["completed"] = r["completed"]
    return df


def richardson_stability(model: str | os.PathLike) -> dict:
    """Equilibrium, eigenvalues, regime and verdict of a Richardson model file
    (`geobalance armsrace stability`); the tables as DataFrames."""
    r = dict(_core.richardson_stability(_path("model", model)))
    r["equilibrium"] = _frame(r["equilibrium"])
    r["eigenvalues"] = _frame(r["eigenvalues"])
    return r


# ---------------------------------------------------------------- backtests

_BACKTEST_STATES = {"milex": ["USA", "RUS", "CHN"], "warheads": ["USA", "RUS", "CHN"],
                    "cinc": ["USA", "RUS", "CHN", "IND", "JPN", "GMY"]}


def backtest(series: str = "milex", states: Sequence[str] | str | None = None, origins: Any = (2005, 2019),
             horizons: Any = (1, 5), models: Sequence[str] | str | None = None, nmc: str | os.PathLike | None = None,
             seed: int = 13, threads: int = 0) -> pd.DataFrame:
    """Rolling-origin backtest of the forecasters (`geobalance backtest`): series, state,
    model, horizon, n, mae, rel_mae, crps, cover50, cover90 (state "all" pools the states).
    milex and warheads come from the built-in data; cinc needs nmc=. The selected model and
    the reason are in df.attrs["selected"], df.attrs["reason"]."""
    series = _str("series", series)
    st = _BACKTEST_STATES.get(series, []) if states is None else _strings("states", states)
    o1, o2 = _years(origins)
    h1, h2 = _years(horizons)
    ms = [] if models is None else _strings("models", models)
    r = _core.backtest(series, st, o1, o2, h1, h2, ms, _opt_path("nmc", nmc), _count("seed", seed, 0, 2**63 - 1),
                       _count("threads", threads, 0, 1024))
    df = _frame(r["scores"])
    df.attrs["selected"] = r["selected"]
    df.attrs["reason"] = r["reason"]
    return df


# ---------------------------------------------------------------- scenarios


@dataclass
class ScenarioRun:
    """The typed scenario result: `result` is its to_json() (as results.json of
    `geobalance run`), `tables` the CSV tables of the run as DataFrames by file stem."""
    result: dict = field(repr=False)
    tables: dict[str, pd.DataFrame]

    def __getitem__(self, key: str) -> Any:
        return self.result[key]


def run(scenario: str | os.PathLike | None = None, replicates: int | None = None, seed: int | None = None,
        threads: int | None = None, interval_level: float = 0.9) -> ScenarioRun:
    """Runs a scenario file (`geobalance run`; default the built-in NATO southern-flank
    scenario). Releases the GIL; Ctrl-C cancels the ensemble and raises KeyboardInterrupt."""
    path = (os.path.join(data_dir(), "scenarios", "nato-southern-flank.toml") if scenario is None
            else _path("scenario", scenario))
    r = _core.run_scenario(path, None if replicates is None else _count("replicates", replicates, 0, 1_000_000),
                           None if seed is None else _count("seed", seed, 0, 2**63 - 1),
                           None if threads is None else _count("threads", threads, 0, 1024),
                           _finite("interval_level", interval_level))
    return ScenarioRun(json.loads(r["json"]), {k: _frame(v) for k, v in r["tables"].items()})
