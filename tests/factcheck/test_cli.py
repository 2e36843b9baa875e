"""`seatcast check`: the report, --json, stdin, --election, and bad input as one-line errors."""

from __future__ import annotations

import io
import itertools
import json
import sys

import pytest

from seatcast.cli import main
from tests.support.articles import ARTICLES

EN = str(ARTICLES / "carney_minority_en.txt")


def test_report_quotes_each_claim_with_verdict_official_and_source(capsys):
    assert main(["check", EN]) == 0
    out = capsys.readouterr().out
    assert "45th general election (2025-04-28)" in out
    assert "inferred from" in out
    assert "19 claims: 16 correct, 3 close" in out
    assert "CLOSE" in out
    assert "stated about 168 · official 169" in out
    assert "Mark Carney's Liberals won approximately 168 seats" in out
    assert "19,811,520 ballots cast / 28,731,275 electors" in out  # 2025 turnout, table 11
    assert "seatcast.load('2025')" in out
    assert "Sources" in out


def test_json_lists_every_claim_with_the_required_fields(capsys):
    assert main(["check", EN, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["election"]["id"] == "2025"
    assert data["election"]["inferred"] is True
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
    assert data["article"] == "<stdin>"
    assert data["election"]["id"] == "2021"
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
    assert err.startswith("seatcast: error: ")
    assert message in err
    assert err.count("\n") == 1
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


def test_other_commands_do_not_import_the_fact_checker():
    """The fact-checker's patterns are loaded by `seatcast check` only (a fresh interpreter, since
    this test session has imported it already)."""
    import subprocess

    code = ("import contextlib, io, sys\n"
            "from seatcast.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['results', '2025', '--json']) == 0\n"
            "print(sorted(m for m in sys.modules if m.startswith('seatcast.factcheck') or m == 'trafilatura'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_articles_with_a_bom_are_read(capsys, tmp_path, encoding):
    """Windows editors save "Unicode" text as UTF-16 with a byte-order mark: read, not refused as binary."""
    import codecs

    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}
    text = (ARTICLES / "carney_mandat_fr.txt").read_text(encoding="utf-8")
    data = boms[encoding] + text.encode(encoding) if encoding in boms else text.encode(encoding)
    assert b"\x00" in data  # what the binary check used to refuse
    p = tmp_path / "article.txt"
    p.write_bytes(data)
    assert main(["check", str(p), "--json"]) == 0
    wide = json.loads(capsys.readouterr().out)
    assert main(["check", str(ARTICLES / "carney_mandat_fr.txt"), "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert wide["claims"] == plain["claims"]
    assert wide["language"] == "fr"


def test_a_broken_utf16_file_is_a_one_line_error(capsys, tmp_path):
    p = tmp_path / "broken.txt"
    p.write_bytes(b"\xff\xfe" + "Les libéraux ont 169 sièges.\n".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert main(["check", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("seatcast: error: ")
    assert "not valid UTF-16 text" in err
    assert err.count("\n") == 1


def test_riding_claims_in_json(capsys, tmp_path):
    p = tmp_path / "riding.txt"
    p.write_text("In Terrebonne, the Bloc candidate won by 35 votes in the April 28, 2025 election.\n")
    assert main(["check", str(p), "--json"]) == 0
    claim = json.loads(capsys.readouterr().out)["claims"][0]
    assert {k: claim[k] for k in ("kind", "party", "stated", "official", "verdict", "riding")} == {
        "kind": "riding margin", "party": "BQ", "stated": 35, "official": 1, "verdict": "wrong",
        "riding": {"code": 24073, "name": "Terrebonne"}}
    assert main(["check", str(p)]) == 0
    out = capsys.readouterr().out
    assert "stated a margin of 35 votes · official 1" in out
    assert "24073 Terrebonne" in out


def test_nonsense_claims_in_the_report(capsys):
    assert main(["check", str(ARTICLES / "nonsense_en.txt")]) == 0
    out = capsys.readouterr().out
    assert "stated -5 · official —" in out
    assert "stated 250 % · official —" in out


def test_progress_goes_from_nothing_to_all_of_the_text(elections):
    from seatcast.factcheck import check_text

    for text in [(ARTICLES / "carney_minority_en.txt").read_text(encoding="utf-8"),
                 ", ".join(f"the NDP won {n} seats" for n in range(300)).capitalize() + "."]:  # one sentence
        calls: list[tuple[int, int]] = []
        check_text(text, elections, progress=lambda done, total: calls.append((done, total)))  # noqa: B023
        assert calls[-1][0] == calls[-1][1] == calls[0][1]
        assert all(a[0] <= b[0] for a, b in itertools.pairwise(calls))
        assert len({done for done, _ in calls}) > 10  # it moves within a long sentence too
