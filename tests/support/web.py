"""Helpers for the web and browser tests: a page parser, the app on port 0, Debian's Chromium."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from seatcast.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

#: Anything a page would fetch from elsewhere: http(s) or protocol-relative URLs in src/href/
#: url(), @import, or a <script src>. The SVG namespace (xmlns) is a name, not a fetch.
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""",
                      re.IGNORECASE)


class Fields(HTMLParser):
    """Collects the text of elements with ``data-field``, keyed by the enclosing data-party."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}
        self._party = ""
        self._open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr":
            self._party = a.get("data-party") or ""
        if a.get("data-field"):
            self._open.append((tag, a["data-field"] or ""))
            self.values[(self._party, a["data-field"] or "")] = ""

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            self._open.pop()
        if tag == "tr":
            self._party = ""

    def handle_data(self, data: str) -> None:
        for _, name in self._open:
            key = (self._party, name)
            self.values[key] = (self.values[key] + data).strip()


def fields(html: str) -> dict[tuple[str, str], str]:
    p = Fields()
    p.feed(html)
    return p.values


def no_external(html: str) -> None:
    hit = EXTERNAL.search(html)
    assert hit is None, f"external reference: {html[max(0, hit.start() - 60):hit.end() + 60]}"
    assert "<script" not in html.lower()


@contextmanager
def serving(store: Path | None) -> Iterator[str]:
    """The app on an ephemeral port (port 0) in a thread; yields the URL the server reports."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(store=store), host="127.0.0.1", port=0,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the app did not start")
            time.sleep(0.02)
        host, port = server.servers[0].sockets[0].getsockname()[:2]
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (never ``playwright install``)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


def keep_local(page: Any, server: str) -> list[str]:
    """Abort every request of ``page`` that leaves ``server``; the returned list fills with
    the addresses it tried (a page must fetch nothing from elsewhere)."""
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return outside
