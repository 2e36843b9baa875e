"""End to end: `seatcast whatif`, `seatcast systems`, `seatcast coalitions`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seatcast.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def seats(payload: dict) -> dict[str, int]:
    return {r["party"]: r["seats"] for r in payload["parties"] if r["seats"]}


def test_whatif_sainte_lague_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "whatif", "2025", "--system", "pr-national", "--method", "sainte-lague")
    assert seats(out) == {"LPC": 151, "CPC": 142, "BQ": 22, "NDP": 22, "GPC": 4, "PPC": 2}
    assert out["definition"]["method"] == "sainte-lague"
    assert out["house"] == 343
    assert out["majority"] == 172
    lpc = next(r for r in out["parties"] if r["party"] == "LPC")
    assert lpc["fptp_seats"] == 169
    assert lpc["change"] == -18
    assert round(out["fptp_measures"]["gallagher"], 2) == 5.01
    assert round(out["fptp_measures"]["enp_votes"], 2) == 2.70
    assert round(out["fptp_measures"]["enp_seats"], 2) == 2.36
    assert out["measures"]["gallagher"] < 1


def test_whatif_table_and_definition_round_trip(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    out = run_json(capsys, "whatif", "--system", "mmp", "--overhang", "keep", "--local-share", "9/10",
                   "--threshold", "5%")
    f = tmp_path / "mine.json"
    f.write_text(json.dumps(out["definition"]))
    again = run_json(capsys, "whatif", "--definition", str(f))
    assert seats(again) == seats(out)
    assert again["house"] == out["house"] > 343
    assert main(["whatif", "--system", "stv", "--magnitude", "3"]) == 0
    text = capsys.readouterr().out
    assert "Gallagher index" in text
    assert "Voters who elected someone" in text
    assert "stv" in text


def test_whatif_user_grouping(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    codes = [r["name"] for r in run_json(capsys, "whatif", "--system", "fptp")["districts"]]
    f = tmp_path / "two.csv"
    f.write_text("riding,district\n" + "".join(f"{c},{'E' if int(c) < 35000 else 'W'}\n" for c in codes))
    out = run_json(capsys, "whatif", "--grouping", str(f), "--method", "hare")
    assert [d["name"] for d in out["districts"]] == ["E", "W"]
    assert out["house"] == 343


@pytest.mark.parametrize(("args", "message"), [
    (["whatif", "--method", "borda"], "unknown apportionment method 'borda'"),
    (["whatif", "--system", "nope"], "unknown system 'nope'"),
    (["whatif", "--system", "irv", "--method", "dhondt"], "option method does not apply"),
    (["whatif", "--tie-rule", "coin"], "unknown tie rule 'coin'"),
    (["whatif", "--threshold", "lots"], "threshold 'lots' is not a number"),
    (["whatif", "--grouping", "missing.csv"], "missing.csv: no such file"),
    (["whatif", "1812"], "unknown election '1812'"),
    (["whatif", "2021", "--system", "stv"], "riding coordinates, which Seatcast has for"),
])
def test_whatif_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str],
                                    message: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("seatcast: error: ")
    assert message in err
    assert "Traceback" not in err


def test_systems_listing(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "systems")
    names = [s["name"] for s in out["systems"]]
    assert names == ["fptp", "pr-national", "pr-provincial", "pr-regional", "mmp", "mmp-regional",
                     "irv", "stv"]
    assert "huntington-hill" in out["methods"]
    assert "lot:SEED" in out["tie_rules"]
    assert main(["systems"]) == 0
    assert "mmp-regional" in capsys.readouterr().out


def test_coalitions_2025(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "coalitions", "2025")
    assert out["majority"] == 172
    mw = {"+".join(c["parties"]): c["seats"] for c in out["minimal_winning"]}
    assert mw["LPC+NDP"] == 176
    assert mw["LPC+BQ"] == 191
    lpc = next(p for p in out["parties"] if p["party"] == "LPC")
    assert lpc["short"] == 3
    assert lpc["banzhaf_exact"] == "1/2"
    assert [p["banzhaf_exact"] for p in out["parties"]] == ["1/2", "1/6", "1/6", "1/6", "0"]
    assert main(["coalitions"]) == 0
    assert "Minimal connected winning" in capsys.readouterr().out
