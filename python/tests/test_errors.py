"""Error paths: bad files give gb.InputError (a ValueError) with the CLI's file:line:col
message; wrong types give TypeError; NaN gives InputError; nothing crashes the interpreter."""
import math
import re

import pytest

import geobalance as gb


def cli_message(p):
    assert p.returncode == 2, p.stderr
    return p.stderr


def test_input_error_is_value_error():
    assert issubclass(gb.InputError, ValueError)


def test_missing_file_same_message_as_cli(cli, tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(gb.InputError) as e:
        gb.cinc(missing)
    msg = cli_message(cli("power", "cinc", "--nmc", missing, check=False))
    assert str(e.value) in msg


def test_malformed_issue_file_line_col_like_cli(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("actor,capability,position,salience\nA,1,50,0.5\nB,x,20,0.5\nC,1,80,0.5\n")
    with pytest.raises(gb.InputError) as e:
        gb.bargain(bad)
    assert re.match(r".*bad\.csv:\d+(:\d+)?: ", str(e.value))
    msg = cli_message(cli("bargain", "--model", "smp", "--input", bad, check=False))
    assert str(e.value) in msg


def test_malformed_game_file_like_cli(cli, tmp_path):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3\n')
    with pytest.raises(gb.InputError) as e:
        gb.solve_game(bad)
    msg = cli_message(cli("game", "solve", bad, "--method", "enummixed", check=False))
    assert str(e.value) in msg


@pytest.mark.parametrize("call", [
    lambda: gb.cinc(42),
    lambda: gb.balance(["NATO"], weights=3),
    lambda: gb.transition(1, "USA"),
    lambda: gb.bargain_monte_carlo("x.csv", replicates="10"),
    lambda: gb.solve_game(object()),
    lambda: gb.theatre(year="2024"),
])
def test_bad_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize("call", [
    lambda: gb.theatre(mpd=float("nan")),
    lambda: gb.transition("CHN", "USA", band=(float("nan"), 1.25)),
    lambda: gb.solve_game([[[1, math.nan], [0, 0]], [[0, 0], [0, 0]]]),
    lambda: gb.richardson_simulate("data/armsrace/us-russia.toml", 2000, math.inf, 1),
    lambda: gb.bargain_monte_carlo("data/scenarios/issues/turkiye-s400.toml", replicates=5, thresholds=[math.nan]),
    lambda: gb.run(interval_level=math.nan),
])
def test_nan_and_inf_raise_input_error(call, repo, monkeypatch):
    monkeypatch.chdir(repo)
    with pytest.raises(gb.InputError):
        call()


@pytest.mark.parametrize("call", [
    lambda: gb.balance(["NOSUCH+XYZ"]),
    lambda: gb.theatre("atlantis"),
    lambda: gb.bargain("data/scenarios/issues/turkiye-s400.toml", model="xyz"),
    lambda: gb.bargain_monte_carlo("data/scenarios/issues/turkiye-s400.toml", replicates=0),
    lambda: gb.solve_game([[[1]], [[1]], [[1]]]),
    lambda: gb.solve_game("tests/data/games/pd.nfg", method="nosuch"),
    lambda: gb.balance(years=(2024, 2000)),
    lambda: gb.cinc("x\0y"),
])
def test_bad_values_raise_input_error(call, repo, monkeypatch):
    monkeypatch.chdir(repo)
    with pytest.raises(gb.InputError):
        call()
