"""The pages in a real browser: Debian's headless Chromium driven by Playwright.

The server is the real `seatcast serve` in a subprocess.  Every request the browser makes
outside that server is blocked and recorded, so the pages are shown to work with no network.
Screenshots go to artifacts/screenshots/ (kept by CI).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from seatcast.live.feed import iter_lines
    from seatcast.live.replay import official_feed
    from seatcast.live.status import ingest_lines
    from tests.live.conftest import e2025, plan2025

    store = tmp_path_factory.mktemp("night") / "live.sqlite"
    ingest_lines(store, iter_lines(official_feed(e2025())[:250]), e2025(), plan=plan2025())
    port = _free_port()
    exe = Path(sys.executable).parent / "seatcast"
    proc = subprocess.Popen([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/index.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "died") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, base_url=server)
    pg = ctx.new_page()
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # the Content-Security-Policy of every page must hold what the page does
    pg.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    pg.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    yield pg
    ctx.close()
    assert outside == [], f"pages reached outside the server: {outside}"
    assert errors == []


def twin(server: str, path: str) -> Any:
    with urllib.request.urlopen(server + path, timeout=30) as r:
        return json.loads(r.read())


def test_house_page_shows_the_2025_house(page: Any, server: str) -> None:
    page.goto("/elections/2025")
    data = twin(server, "/elections/2025.json")
    for p in data["parties"]:
        row = page.locator(f'#parties tr[data-party="{p["party"]}"]')
        assert row.locator('[data-field="seats"]').inner_text() == str(p["seats"])
        assert row.locator('[data-field="votes"]').inner_text() == f"{p['votes']:,}"
    drawn = page.eval_on_selector_all(
        "svg.hemicycle g.party", "gs => gs.map(g => [g.dataset.party, g.querySelectorAll('circle').length])")
    assert dict(drawn) == {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    line = page.locator("svg.hemicycle g.majority-line")
    assert line.get_attribute("data-majority") == "172"
    assert line.is_visible()
    assert page.locator("svg.hemicycle").get_attribute("role") == "img"
    page.locator("svg.hemicycle").screenshot(path=str(SHOTS / "hemicycle-2025.png"))
    page.screenshot(path=str(SHOTS / "house-2025.png"), full_page=True)
    # The rows control redraws the hemicycle (more rows, same seats).
    page.fill('input[name="rows"]', "14")
    page.click("form.controls button")
    page.wait_for_url("**rows=14**")
    assert page.locator("svg.hemicycle circle").count() == 343


def test_click_a_hex_to_reach_its_riding(page: Any, server: str) -> None:
    page.goto("/elections/2025")
    hexes = page.locator("svg.hexmap a.hex")
    assert hexes.count() == 343
    page.locator("svg.hexmap").screenshot(path=str(SHOTS / "hexmap-2025.png"))
    assert "Terrebonne" in page.locator('svg.hexmap a.hex[data-code="24073"] title').text_content()
    page.locator('svg.hexmap a.hex[data-code="24073"]').click()
    page.wait_for_url("**/ridings/24073?election=2025")
    assert page.locator("h1").inner_text().startswith("Terrebonne")
    data = twin(server, "/ridings/24073.json?election=2025")
    shown = page.eval_on_selector_all(
        "#candidates tr[data-party]",
        "rs => rs.map(r => r.querySelector('[data-field=votes]').textContent)")
    assert shown == [f"{c['votes']:,}" for c in data["candidates"]]
    assert page.locator('#summary [data-field="margin"]').inner_text() == str(data["margin"]) == "1"
    page.screenshot(path=str(SHOTS / "riding-24073.png"), full_page=True)


def test_forecast_page(page: Any, server: str) -> None:
    page.goto("/forecast?sims=2000&seed=3")
    data = twin(server, "/forecast.json?sims=2000&seed=3")
    for p in data["parties"]:
        row = page.locator(f'#parties tr[data-party="{p["party"]}"]')
        assert row.locator('[data-field="mean"]').inner_text() == f"{p['mean']:.1f}"
        assert row.locator('[data-field="p_majority"]').inner_text() == f"{100 * p['p_majority']:.1f} %"
    assert page.locator("svg.seat-histogram g.majority-line").get_attribute("data-majority") == "172"
    assert page.locator("svg.hexmap a.hex").count() == 343
    assert page.locator("svg.poll-average g.series").count() >= 5
    page.screenshot(path=str(SHOTS / "forecast-2025.png"), full_page=True)


def test_whatif_page(page: Any, server: str) -> None:
    page.goto("/whatif")
    page.select_option('select[name="system"]', "pr-national")
    page.select_option('select[name="method"]', "sainte-lague")
    page.click("form.controls button")
    page.wait_for_url("**method=sainte-lague**")
    data = twin(server, "/whatif.json?system=pr-national&method=sainte-lague")
    seats = {p["party"]: p["seats"] for p in data["parties"] if p["seats"]}
    assert seats == {"LPC": 151, "CPC": 142, "BQ": 22, "NDP": 22, "GPC": 4, "PPC": 2}
    for party, n in seats.items():
        cell = page.locator(f'#parties tr[data-party="{party}"] [data-field="seats"]')
        assert cell.inner_text() == str(n)
    page.screenshot(path=str(SHOTS / "whatif-2025.png"), full_page=True)


def test_live_page(page: Any, server: str) -> None:
    page.goto("/")
    page.click('nav a[href="/live"]')
    page.wait_for_url("**/live")
    data = twin(server, "/live.json")
    assert page.locator('#summary [data-field="ridings_reporting"]').inner_text() == "250"
    for party, n in data["seats"].items():
        assert page.locator(f'#parties tr[data-party="{party}"] [data-field="seats"]').inner_text() == str(n)
    assert page.locator("svg.hemicycle g.pending circle").count() == 343 - 250
    # the inline style of a party swatch is applied under the page's policy
    colour = page.eval_on_selector("#parties .swatch", "e => getComputedStyle(e).backgroundColor")
    assert colour not in ("", "rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(SHOTS / "live-2025.png"), full_page=True)


def test_report_under_its_policy(page: Any) -> None:
    """The self-contained report carries its stylesheet inline: its policy allows that one
    stylesheet (by hash), and the page is styled."""
    page.goto("/elections/2025/report.html")
    assert page.eval_on_selector("body", "e => getComputedStyle(e).fontFamily") != ""
    assert page.locator("svg.hemicycle").count() >= 1
