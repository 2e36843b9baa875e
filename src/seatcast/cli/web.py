"""`seatcast serve` (the web app) and `seatcast report` (one self-contained HTML file)."""

from __future__ import annotations

from pathlib import Path

import click

from seatcast.cli.common import (
    PATH,
    catalog,
    election_argument,
    election_of,
    election_option,
    forecaster,
    json_option,
)
from seatcast.cli.output import console, emit_json, err_console
from seatcast.errors import SeatcastError


def _check_can_listen(host: str, port: int) -> None:
    """Fail with one line (not uvicorn's log and exit 3) when the address cannot be bound."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            s.bind(infos[0][4])
    except OSError as e:
        raise SeatcastError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


TOKEN_ENV = "SEATCAST_INGEST_TOKEN"
#: The shortest ingest token taken (a guessable one would let anyone write the night).
MIN_TOKEN = 16


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ingest_token(token_file: Path | None) -> str | None:
    """The ingest token: from ``--token-file`` (its first line), else from
    $SEATCAST_INGEST_TOKEN, else None (a read-only server).  Never from the command line,
    where every user of the machine sees it in ``ps``."""
    import os

    if token_file is not None:
        try:
            if not token_file.is_file():
                raise SeatcastError(f"{token_file}: --token-file is not a regular file")
            with token_file.open("rb") as f:
                raw = f.read(4097)
        except OSError as e:
            raise SeatcastError(f"{token_file}: cannot read the token file ({e.strerror})") from None
        if len(raw) > 4096:
            raise SeatcastError(f"{token_file}: a token file holds one token (at most 4,096 bytes)")
        lines = raw.decode("utf-8", errors="replace").splitlines()
        token, where = (lines[0].strip() if lines else ""), str(token_file)
    else:
        value = os.environ.get(TOKEN_ENV)
        if value is None:
            return None
        token, where = value.strip(), f"${TOKEN_ENV}"
    if len(token) < MIN_TOKEN or not token.isprintable() or " " in token:
        raise SeatcastError(f"{where}: the ingest token must be at least {MIN_TOKEN} printable "
                            "characters without spaces (e.g. `python -c 'import secrets; "
                            "print(secrets.token_urlsafe(32))'`)")
    return token


@click.command("serve")
@click.option("--host", default="127.0.0.1", help="interface to listen on")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, help="port to listen on")
@click.option("--store", type=PATH, help="election-night store to show on /live (and to receive "
              "POST /live/updates, with an ingest token)")
@click.option("--token-file", type=PATH, help="file holding the ingest token that POST "
              f"/live/updates needs (else ${TOKEN_ENV}; without one the server is read-only)")
@json_option
def serve(host: str, port: int, store: Path | None, token_file: Path | None, as_json: bool) -> None:
    """Serve the dashboard: House, ridings, forecast, what-if and live pages, each with JSON."""
    import uvicorn

    from seatcast.web.app import create_app

    if store is not None and not store.exists() and not store.parent.is_dir():
        raise SeatcastError(f"{store}: no such store, and no folder {store.parent} to create "
                            "it in")
    token = ingest_token(token_file)
    if token is not None and store is None:
        raise SeatcastError("an ingest token is for POST /live/updates: give the store too "
                            "(--store PATH)")
    _check_can_listen(host, port)
    err_console.print("Seatcast: computing the default forecast before serving ...")
    app = create_app(store=store, ingest_token=token, warm=True)
    url = f"http://{host}:{port}/"
    if not _is_loopback(host):
        if token is None:
            err_console.print(f"seatcast: warning: listening on {host}, beyond this machine: "
                              "anyone who can reach it reads every page (read-only: no "
                              "ingest token)")
        else:
            err_console.print(f"seatcast: warning: listening on {host} with an ingest token: "
                              "put the server behind TLS (a reverse proxy), or the token "
                              "crosses the network in clear")
    if as_json:
        emit_json({"url": url, "openapi": url + "openapi.json",
                   "store": str(store) if store is not None else None,
                   "ingest": token is not None})
    else:
        err_console.print(f"Seatcast at {url} (API: {url}api); "
                          + ("POST /live/updates takes the ingest token; " if token else "")
                          + "Ctrl-C stops it.")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@click.command("report")
@election_argument
@election_option
@click.option("--out", "-o", type=PATH, default=Path("report.html"), help="the HTML file to write")
@click.option("--pdf", is_flag=True, help="also print a PDF next to it (needs Chromium)")
@json_option
def report(election_arg: str | None, election: str | None, out: Path, pdf: bool,
           as_json: bool) -> None:
    """Write a self-contained HTML report (charts and tables inline, no external resources)."""
    from seatcast.present.report import to_pdf
    from seatcast.sources.tables import write_atomic
    from seatcast.views.election import ElectionRequest
    from seatcast.views.home import next_election_headline
    from seatcast.views.report import report_html

    cat = catalog()
    eid = election_of(election_arg, election, cat.house_election().id)
    assert eid is not None
    req = ElectionRequest(eid)
    headline = None
    if cat.election(eid).id == cat.house_election().id:  # the report opens on today
        headline = next_election_headline(forecaster())
    html = report_html(cat, req, next_election=headline)
    try:
        write_atomic(out, html)
    except OSError as e:
        raise SeatcastError(f"{out}: cannot write the report ({e.strerror or e})") from None
    written = {"html": str(out), "bytes": len(html.encode("utf-8")), "pdf": None}
    if pdf:
        pdf_path = out.with_suffix(".pdf")
        try:
            to_pdf(html, pdf_path)
        except SeatcastError:
            out.unlink(missing_ok=True)  # a failed command leaves no half of its output
            raise
        written["pdf"] = str(pdf_path)
    if as_json:
        emit_json(written)
    else:
        console.print(f"Wrote {out} ({written['bytes']:,} bytes)"
                      + (f" and {written['pdf']}" if written["pdf"] else ""))

