"""Similarity, bargaining, games, Richardson models and scenario runs against the CLI's output
on the same input, plus analytic values where there is one."""
import json
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import geobalance as gb

S400 = "data/scenarios/issues/turkiye-s400.toml"


def test_similarity_selected_dyads_match_cli(cli, shared):
    system = shared / "cow_states" / "states2016.csv"
    allies = shared / "cow_alliance_v4.1" / "alliance_v4.1_by_dyad.csv"
    nmc = shared / "nmc" / "NMC-60-abridged.csv"
    df = gb.similarity(system, years=(2000, 2012), alliances=allies, capabilities=nmc, dyads="TUR-USA,TUR-RUS")
    ref = cli.csv("align", "similarity", "--system", system, "--alliances", allies, "--capabilities", nmc,
                  "--years", "2000:2012", "--dyads", "TUR-USA,TUR-RUS")
    assert len(df) == len(ref) == 26
    for col in ref.columns:
        np.testing.assert_array_equal(df[col].to_numpy(dtype=float), ref[col].to_numpy(dtype=float), err_msg=col)
    assert df.stateabb1.unique().tolist() == ["TUR"]
    assert set(df.stateabb2) == {"USA", "RUS"}
    assert set(df.name2) == {"United States of America", "Russia"}
    # S(i, j) is in [-1, 1] by construction (Signorino & Ritter 1999).
    assert df.s_unw_abs.between(-1, 1).all()


def test_similarity_all_dyads_one_year_matches_cli(cli, shared):
    system = shared / "cow_states" / "states2016.csv"
    allies = shared / "cow_alliance_v4.1" / "alliance_v4.1_by_dyad.csv"
    df = gb.similarity(system, years=1816, alliances=allies)
    ref = cli.csv("align", "similarity", "--system", system, "--alliances", allies, "--years", "1816:1816")
    n = df.n_system.iloc[0]
    assert len(df) == len(ref) == n * (n - 1)  # every directed dyad once
    for col in ref.columns:
        np.testing.assert_array_equal(df[col].to_numpy(dtype=float), ref[col].to_numpy(dtype=float), err_msg=col)
    assert not df.duplicated(["ccode1", "ccode2", "year"]).any()


def test_smp_matches_cli(cli, repo):
    b = gb.bargain(repo / S400, model="smp")
    ref = cli.csv("bargain", "--model", "smp", "--input", repo / S400)
    assert list(b.positions.columns) == list(ref.columns)
    for col in ref.columns:
        assert b.positions[col].tolist() == ref[col].tolist(), col
    assert b.positions.actor.nunique() == len(b.positions) // b.positions.dimension.nunique()
    # The forecast is the capability x salience weighted mean: it lies within the positions' range.
    for dim, g in b.positions.groupby("dimension"):
        assert g.position.min() - 1e-9 <= g.forecast.iloc[0] <= g.position.max() + 1e-9


def test_bdm_matches_cli_and_history(cli, repo, tmp_path):
    b = gb.bargain(repo / S400, model="bdm", preset="gdm")
    hist = tmp_path / "h.csv"
    ref = cli.csv("bargain", "--model", "bdm", "--preset", "gdm", "--input", repo / S400, "--history", hist)
    for col in ref.columns:
        assert b.positions[col].tolist() == ref[col].tolist(), col
    h = pd.read_csv(hist, float_precision="round_trip")
    assert list(b.history.columns) == list(h.columns)
    for col in h.columns:
        assert b.history[col].tolist() == h[col].tolist(), col


def test_monte_carlo_matches_cli(cli, repo):
    summary, outcomes = gb.bargain_monte_carlo(repo / S400, replicates=40, seed=7, threads=2)
    ref = cli.csv("bargain", "--model", "smp", "--input", repo / S400, "--replicates", 40, "--seed", 7,
                  "--threads", 2)
    assert list(summary.columns) == list(ref.columns)
    for col in ref.columns:
        assert summary[col].tolist() == ref[col].tolist(), col
    assert len(outcomes) == 40 * len(summary)
    # mean and sd of the replicate outcomes (numpy, n-1) equal the summary's
    for dim, g in outcomes.groupby("dimension"):
        row = summary[summary.dimension == dim].iloc[0]
        assert math.isclose(g.outcome.mean(), row["mean"], rel_tol=1e-12)
        assert math.isclose(g.outcome.std(ddof=1), row["sd"], rel_tol=1e-9)


def test_game_file_matches_cli(cli, repo):
    f = repo / "tests/data/games/pd.nfg"
    s = gb.solve_game(f, method="enummixed")
    ref = cli.csv("game", "solve", f, "--method", "enummixed")
    assert list(s.equilibria.columns) == list(ref.columns)
    for col in ref.columns:
        assert s.equilibria[col].astype(str).tolist() == ref[col].astype(str).tolist(), col


def test_game_built_in_python_matching_pennies():
    # Matching pennies: the unique equilibrium is (1/2, 1/2) for both players, value 0 (analytic).
    a = [[1, -1], [-1, 1]]
    b = [[-1, 1], [1, -1]]
    s = gb.solve_game([a, b], method="enummixed", players=["Row", "Col"], strategies=[["H", "T"], ["H", "T"]])
    assert s.equilibria.equilibrium.nunique() == 1
    assert set(s.profiles.exact) == {"1/2"}
    assert s.profiles.probability.tolist() == [0.5] * 4
    assert set(s.profiles.payoff) == {0.0}
    assert list(s.profiles.columns) == ["equilibrium", "player", "block", "action", "probability", "exact", "payoff"]


def test_game_3x2_fractions_and_gambit_order():
    # Row 3x2 game where only the payoff of (row 3, col 2) differs; Fractions are exact.
    a = [[0, 0], [0, 0], [0, Fraction(1, 3)]]
    b = [[0, 0], [0, 0], [0, 1]]
    s = gb.solve_game([a, b], method="enumpure")
    eq = s.profiles[s.profiles.probability == 1]
    # (3, 2) is an equilibrium with payoffs 1/3 and 1.
    ends = eq.groupby("equilibrium").action.apply(tuple)
    assert ("3", "2") in set(ends)


def test_richardson_matches_cli(cli, repo):
    m = repo / "data/armsrace/us-russia.toml"
    t = gb.richardson_simulate(m, 2000, 2010, 1)
    ref = cli.csv("armsrace", "simulate", "--model", m, "--from", 2000, "--to", 2010, "--step", 1)
    assert list(t.columns) == list(ref.columns)
    for col in ref.columns:
        assert t[col].tolist() == ref[col].tolist(), col
    st = gb.richardson_stability(m)
    sref = cli.csv("armsrace", "stability", "--model", m)
    assert st["regime"] == sref.loc[sref.quantity == "regime", "value"].iloc[0]
    assert st["verdict"] == sref.loc[sref.quantity == "verdict", "value"].iloc[0]
    eig = sref[sref.quantity == "eigenvalue"]
    np.testing.assert_array_equal(st["eigenvalues"].query("quantity == 'eigenvalue'")["value"].to_numpy(),
                                  eig["value"].astype(float).to_numpy())


def test_run_matches_cli_results_json(cli, repo, tmp_path, monkeypatch):
    # Both read the same data folder (results.json names every file it read), the CLI through
    # the inherited environment.
    monkeypatch.setenv("GEOBALANCE_DATA_DIR", str(repo / "data"))
    scen = repo / "data/scenarios/nato-southern-flank.toml"
    r = gb.run(scen, replicates=8, seed=3, threads=2)
    out = tmp_path / "out"
    p = cli("run", scen, "-o", out, "--no-store", "--replicates", 8, "--seed", 3, "--threads", 2, check=False)
    if p.returncode < 0:  # the CLI itself crashed: nothing to compare against (reported, not hidden)
        pytest.skip(f"geobalance run was killed by signal {-p.returncode}: {p.stderr.strip()[-200:]}")
    assert p.returncode == 0, p.stderr
    ref = json.loads((out / "results.json").read_text())
    def clean(d):  # everything but the run's timing
        d = json.loads(json.dumps(d))
        for k in ("wall_seconds", "started_at", "finished_at", "elapsed_seconds"):
            d.get("run", {}).pop(k, None)
        return d

    assert clean(r.result) == clean(ref)
    for stem, df in r.tables.items():
        ref_t = pd.read_csv(out / "tables" / f"{stem}.csv", float_precision="round_trip")
        assert list(df.columns) == list(ref_t.columns), stem
        assert len(df) == len(ref_t), stem


def test_backtest_matches_cli(cli):
    df = gb.backtest("milex", states=["USA", "RUS"], origins=(2010, 2016), horizons=(1, 2), models=["ar1"])
    ref = cli.csv("backtest", "--series", "milex", "--states", "USA,RUS", "--origins", "2010:2016",
                  "--horizons", "1:2", "--models", "ar1")
    assert list(df.columns) == list(ref.columns)
    for col in ref.columns:
        assert df[col].tolist() == ref[col].tolist(), col
    assert not df.duplicated(["series", "state", "model", "horizon"]).any()
