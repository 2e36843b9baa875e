"""Fixtures for the web tests: an in-process client and a page parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from seatcast.web.app import create_app

#: Anything a page would fetch from elsewhere: http(s) or protocol-relative URLs in src/href/
#: url(), @import, or a <script src>. The SVG namespace (xmlns) is a name, not a fetch.
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""",
                      re.IGNORECASE)


@pytest.fixture(scope="session")
def client() -> TestClient:
    return TestClient(create_app())


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
