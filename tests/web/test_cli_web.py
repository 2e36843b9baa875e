"""`seatcast report` and `seatcast serve` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seatcast.cli import main
from tests.web.conftest import no_external


def test_report_is_one_self_contained_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "2025", "--out", str(out), "--json"]) == 0
    written = json.loads(capsys.readouterr().out)
    html = out.read_text(encoding="utf-8")
    assert written == {"html": str(out), "bytes": len(html.encode()), "pdf": None}
    no_external(html)
    assert "<style>" in html and "<link" not in html
    # Two maps, each drawn twice: for a desktop and for a phone (the stylesheet shows one).
    assert 'data-majority="172"' in html and html.count('class="hex"') == 4 * 343
    assert "Liberal minority: 169 seats, 3 short of 172" in html
    for fig in ("hemicycle", "hexmap", "regional-swing"):
        for layout in ("wide", "narrow"):
            assert f'class="{fig} {layout}" viewBox=' in html
    assert html.count("<title id=") == html.count("<desc id=") == 10  # every drawing has both (the House today too)


def test_report_for_a_338_seat_house(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r2021.html"
    assert main(["report", "2021", "-o", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert 'data-majority="170"' in html and 'class="hex"' not in html  # no 338-riding layout


@pytest.mark.parametrize(("args", "message"), [
    (["report", "1999", "--out", "x.html"], "unknown election '1999'"),
    (["report", "2025", "--out", "/nonexistent-dir/r.html"], "cannot write the report"),
    (["serve", "--store", "/nonexistent/live.sqlite"], "no such store"),
])
def test_bad_input_is_one_line(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("seatcast: error: ") and message in err and "Traceback" not in err


@pytest.mark.browser
def test_report_pdf(tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    out = tmp_path / "report.html"
    assert main(["report", "2025", "--out", str(out), "--pdf"]) == 0
    pdf = out.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000


def test_serve_json_names_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: list[tuple[int, bool]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, log_level, server_header:
                        served.append((port, server_header)))
    monkeypatch.delenv("SEATCAST_INGEST_TOKEN", raising=False)
    store = tmp_path / "night.sqlite"
    port = _free_port()
    assert main(["serve", "--port", str(port), "--store", str(store), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "url": f"http://127.0.0.1:{port}/", "openapi": f"http://127.0.0.1:{port}/openapi.json",
        "store": str(store), "ingest": False}
    assert served == [(port, False)]  # no `server: uvicorn` banner


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_on_a_busy_port_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"seatcast: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_failed_pdf_leaves_no_html(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import seatcast.present.report as report_module

    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'first line' >&2\necho 'second line' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(report_module, "find_chromium", lambda: str(fake))
    out = tmp_path / "report.html"
    assert main(["report", "2025", "--out", str(out), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert err == "seatcast: error: Chromium could not print the PDF: first line second line\n"
    assert not out.exists() and not out.with_suffix(".pdf").exists()
    monkeypatch.setattr(report_module, "find_chromium", lambda: None)
    assert main(["report", "2025", "--out", str(out), "--pdf"]) == 2
    assert "--pdf needs Chromium" in capsys.readouterr().err and not out.exists()
