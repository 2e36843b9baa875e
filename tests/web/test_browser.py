"""The pages in a real browser: Debian's headless Chromium driven by Playwright.

The server is the app (``create_app(store=...)``) under uvicorn on an ephemeral port, at the
URL it reports.  Every request the browser makes outside that server is blocked and
recorded, so the pages are shown to work with no network.  Screenshots go to
artifacts/screenshots/ (kept by CI).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.web import SHOTS, keep_local, serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from seatcast.live.feed import iter_lines
    from seatcast.live.status import ingest_lines
    from tests.support.live import e2025, official, plan2025

    store = tmp_path_factory.mktemp("night") / "live.sqlite"
    ingest_lines(store, iter_lines(official(e2025())[:250]), e2025(), plan=plan2025())
    with serving(store) as base:
        yield base


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, base_url=server)
    pg = ctx.new_page()
    outside = keep_local(pg, server)
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
        "svg.hemicycle.wide g.party", "gs => gs.map(g => [g.dataset.party, g.querySelectorAll('circle').length])")
    assert dict(drawn) == {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    line = page.locator("svg.hemicycle.wide g.majority-line")
    assert line.get_attribute("data-majority") == "172"
    assert line.is_visible()
    assert page.locator("svg.hemicycle.wide").get_attribute("role") == "img"
    page.locator("svg.hemicycle.wide").screenshot(path=str(SHOTS / "hemicycle-2025.png"))
    page.screenshot(path=str(SHOTS / "house-2025.png"), full_page=True)
    # The rows control redraws the hemicycle (more rows, same seats).
    page.fill('input[name="rows"]', "14")
    page.click("form.controls button")
    page.wait_for_url("**rows=14**")
    assert page.locator("svg.hemicycle.wide circle").count() == 343


def test_click_a_hex_to_reach_its_riding(page: Any, server: str) -> None:
    page.goto("/elections/2025")
    hexes = page.locator("svg.hexmap.wide a.hex")
    assert hexes.count() == 343
    page.locator("svg.hexmap.wide").screenshot(path=str(SHOTS / "hexmap-2025.png"))
    hexagon = page.locator('svg.hexmap.wide a.hex[data-code="24073"]')
    assert "Terrebonne" in hexagon.locator("title").text_content()
    hexagon.click()
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
        assert row.locator('[data-field="seats_mean"]').inner_text() == f"{p['seats_mean']:.1f}"
        assert row.locator('[data-field="p_majority"]').inner_text() == f"{100 * p['p_majority']:.1f} %"
    assert page.locator("svg.seat-histogram.wide g.majority-line").get_attribute("data-majority") == "172"
    assert page.locator("svg.hexmap.wide a.hex").count() == 343
    assert page.locator("svg.poll-average.wide g.series").count() >= 5
    page.screenshot(path=str(SHOTS / "forecast-2025.png"), full_page=True)


@pytest.fixture
def wide(browser: Any, server: str) -> Iterator[Any]:
    """A 1366-pixel-wide page (the common laptop width), for the dashboard screenshots."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server)
    pg = ctx.new_page()
    outside = keep_local(pg, server)
    yield pg
    ctx.close()
    assert outside == [], f"pages reached outside the server: {outside}"


def test_home_page_opens_on_today(wide: Any, server: str) -> None:
    wide.goto("/", timeout=120_000)
    data = twin(server, "/index.json")
    house = data["house"]
    drawn = dict(wide.eval_on_selector_all(
        "#house svg.hemicycle.wide g.party", "gs => gs.map(g => [g.dataset.party, g.querySelectorAll('circle').length])"))
    assert drawn == {p["party"]: p["seats"] for p in house["parties"] if p["seats"]}
    rings = wide.locator("#house svg.hemicycle.wide g.pending circle").count()
    assert rings == len(house["vacant"])
    assert sum(drawn.values()) + rings == 343
    for p in data["next_election"]["parties"]:
        cell = wide.locator(f'#projection tr[data-party="{p["party"]}"] [data-field="seats_mean"]')
        assert cell.inner_text() == f"{p['seats_mean']:.1f}"
    assert "an earlier election is possible" in wide.locator("#next-election").inner_text()
    wide.screenshot(path=str(SHOTS / "home-1366.png"), full_page=True)
    # the same House on 2026-04-10: three vacant seats drawn as rings
    wide.goto("/house?as_of=2026-04-10")
    assert wide.locator("svg.hemicycle.wide g.pending circle").count() == 3
    wide.screenshot(path=str(SHOTS / "house-2026-04-10-1366.png"), full_page=True)


def test_next_election_forecast_page(wide: Any, server: str) -> None:
    wide.goto("/forecast", timeout=120_000)
    data = twin(server, "/forecast.json")
    assert data["election"]["id"] == "ge46"
    assert "no later than 2029-10-15" in wide.locator("p.lede").inner_text()
    for p in data["parties"]:
        row = wide.locator(f'#parties tr[data-party="{p["party"]}"]')
        assert row.locator('[data-field="seats_mean"]').inner_text() == f"{p['seats_mean']:.1f}"
    assert "Chris d'Entremont" in wide.locator("#holders").inner_text()
    assert wide.locator("svg.hexmap.wide a.hex").count() == 343
    wide.screenshot(path=str(SHOTS / "forecast-next-1366.png"), full_page=True)


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
    assert page.locator("svg.hemicycle.wide g.pending circle").count() == 343 - 250
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
