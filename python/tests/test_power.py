"""CINC, composite balance, transition and theatre frames against the CLI's CSV on the same
input (equal values: the CLI writes shortest round-trip decimals), and COW's own column."""
import numpy as np
import pandas as pd
import pytest

import geobalance as gb


def test_cinc_matches_cli_and_cows_column(cli, shared):
    nmc = shared / "nmc" / "NMC-70-abridged.csv"
    df = gb.cinc(nmc, years=(2000, 2005), states=["USA", "RUS", "CHN"])
    ref = cli.csv("power", "cinc", "--nmc", nmc, "--years", "2000:2005", "--states", "USA,RUS,CHN")
    assert list(df.columns) == ["ccode", "stateabb", "name", "year", "cinc", "components", "cow_cinc"]
    assert len(df) == len(ref) == 18  # 3 states x 6 years
    for col in ["ccode", "stateabb", "year", "components"]:
        assert df[col].tolist() == ref[col].tolist()
    np.testing.assert_array_equal(df["cinc"].to_numpy(), ref["cinc"].to_numpy())
    # COW's published cinc column (independent source), rounded to 6 decimals by COW.
    assert np.nanmax(np.abs(df["cinc"] - df["cow_cinc"])) < 5e-7
    # names come from data/countries.csv
    c = gb.countries()
    assert df.loc[df.stateabb == "USA", "name"].iloc[0] == c.loc[c.stateabb == "USA", "name"].iloc[0]
    assert not df.duplicated(["ccode", "year"]).any()


def test_balance_long_form_matches_cli_wide_table(cli):
    b = gb.balance(["NATO", "RUS+CHN"], years=(2015, 2024))
    ref = cli.csv("power", "balance", "--years", "2015:2024", "--actors", "USA,RUS,CHN,TUR")
    wide = b.states.pivot(index="year", columns="stateabb", values="index")
    for abb in ["USA", "RUS", "CHN", "TUR"]:
        np.testing.assert_array_equal(wide[abb].to_numpy(), ref[abb].to_numpy())
    co = b.coalitions.pivot(index="year", columns="coalition", values="index")
    np.testing.assert_array_equal(co["NATO"].to_numpy(), ref["NATO"].to_numpy())
    np.testing.assert_array_equal(co["RUS+CHN"].to_numpy(), ref["RUS+CHN"].to_numpy())
    for col in ["NATO/RUS+CHN", "con", "poles"]:
        np.testing.assert_array_equal(b.years[col].to_numpy(), ref[col].to_numpy())
    # Tidy: one row per state-year, names beside abbreviations, shares of the panel sum to 1.
    assert not b.states.duplicated(["year", "ccode"]).any()
    assert list(b.states.columns) == ["year", "ccode", "stateabb", "name", "index"]
    assert b.states["index"].between(0, 1).all()
    assert (b.coalitions.groupby("year").size() == 2).all()


def test_composite_is_balance_states():
    c = gb.composite(years=2024)
    assert set(c.year) == {2024}
    b = gb.balance(["NATO"], years=2024)
    pd.testing.assert_frame_equal(c, b.states)


def test_transition_matches_cli(cli):
    t = gb.transition("CHN", "USA", years=(2000, 2024))
    ref = cli.csv("power", "transition", "--a", "CHN", "--b", "USA", "--years", "2000:2024", "--band", "0.8:1.25")
    assert list(t.series.columns)[:len(ref.columns)] == list(ref.columns)
    for col in ref.columns:
        assert t.series[col].fillna("").tolist() == ref[col].fillna("").tolist(), col
    # ratio is A / B by definition
    np.testing.assert_allclose(t.series["ratio"], t.series["CHN"] / t.series["USA"], rtol=1e-15)


def test_theatre_matches_cli(cli):
    states, coalitions = gb.theatre("all", year=2024)
    ref = cli.csv("power", "theatre", "--year", "2024")
    actors = ref[~ref.actor.str.startswith("= ")].reset_index(drop=True)
    totals = ref[ref.actor.str.startswith("= ")].reset_index(drop=True)
    assert states["actor"].tolist() == actors["actor"].tolist()
    for col in ["index", "miles", "exponent", "adjusted"]:
        np.testing.assert_array_equal(states[col].to_numpy(), actors[col].to_numpy())
    assert coalitions["coalition"].tolist() == [a[2:] for a in totals["actor"]]
    np.testing.assert_array_equal(coalitions["adjusted"].to_numpy(), totals["adjusted"].to_numpy())
    # BdM's constant: the exponent at distance 0 is log10(10 - e) ~ 0.862; every exponent is >= it.
    assert (states["exponent"] >= np.log10(10 - np.e) - 1e-12).all()


def test_countries_have_names():
    c = gb.countries()
    assert {"ccode", "stateabb", "name"} <= set(c.columns)
    assert c.ccode.is_unique
