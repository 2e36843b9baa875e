"""`seatcast check`: the report, --json, stdin, --election, and bad input as one-line errors."""

from __future__ import annotations

import io
import json
import sys

import pytest

from seatcast.cli import main
from tests.factcheck.conftest import ARTICLES

EN = str(ARTICLES / "carney_minority_en.txt")


def test_report_quotes_each_claim_with_verdict_official_and_source(capsys):
    assert main(["check", EN]) == 0
    out = capsys.readouterr().out
    assert "45th general election (2025-04-28)" in out and "inferred from" in out
    assert "19 claims: 16 correct, 3 close" in out
    assert "CLOSE" in out and "stated about 168 · official 169" in out
    assert "Mark Carney's Liberals won approximately 168 seats" in out
    assert "19,811,520 ballots cast / 28,731,275 electors" in out  # 2025 turnout, table 11
    assert "seatcast.load('2025')" in out and "Sources" in out


def test_json_lists_every_claim_with_the_required_fields(capsys):
    assert main(["check", EN, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["election"]["id"] == "2025" and data["election"]["inferred"] is True
    assert data["summary"] == {"correct": 16, "close": 3, "wrong": 0, "cannot be checked": 0}
    first = data["claims"][1]
    assert {k: first[k] for k in ("claim", "kind", "party", "stated", "official", "verdict", "hedge")} == {
        "claim": "approximately 168 seats", "kind": "seats", "party": "LPC", "stated": 168,
        "official": 169, "verdict": "close", "hedge": "approximately"}
    assert first["quote"].startswith("OTTAWA — Mark Carney's Liberals won approximately 168 seats")
    assert all(c["source"] for c in data["claims"])


def test_stdin_and_election_override(capsys, monkeypatch):
    text = "Justin Trudeau's Liberals won 157 seats. Turnout was 67 per cent."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["check", "-", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # Trudeau led in 2019 and 2021: a tie goes to the newer election.
    assert data["article"] == "<stdin>" and data["election"]["id"] == "2021"
    assert [(c["kind"], c["verdict"]) for c in data["claims"]] == [("seats", "wrong"), ("turnout", "wrong")]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["check", "-", "--json", "--election", "2019"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["election"]["inferred"] is False
    assert [(c["kind"], c["verdict"]) for c in data["claims"]] == [("seats", "correct"), ("turnout", "correct")]


def test_an_article_without_claims_is_not_an_error(capsys, tmp_path):
    p = tmp_path / "weather.txt"
    p.write_text("It rained in Ottawa on Monday, and the wind was strong all day.\n")
    assert main(["check", str(p)]) == 0
    assert "0 claims: none found" in capsys.readouterr().out


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    (b"", "the article is empty"),
    (b"  \n\n ", "the article is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no readable text"),
])
def test_bad_input_is_one_line_error(capsys, tmp_path, content, message):
    p = tmp_path / "article.html"
    if content is not None:
        p.write_bytes(content)
    assert main(["check", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("seatcast: error: ") and message in err and err.count("\n") == 1
    assert str(p) in err


def test_directory_and_unknown_election(capsys, tmp_path):
    assert main(["check", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["check", EN, "--election", "1867"]) == 2
    assert "unknown election '1867'" in capsys.readouterr().err


def test_latin1_text_is_decoded(capsys, tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("Le Bloc québécois a obtenu 22 sièges lors des élections fédérales.".encode("latin-1"))
    assert main(["check", str(p), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(c["party"], c["stated"], c["verdict"]) for c in data["claims"]] == [("BQ", 22, "correct")]
