"""Every page on a phone (390 px) and a laptop (1366 px), in headless Chromium.

For each page and width the test fails if

- the document is wider than the viewport (``scrollWidth > innerWidth``): wide tables must
  scroll inside their own box;
- any visible text is under 12 px as rendered: HTML text at its computed font size, SVG text
  at its computed font size times the scale its SVG is drawn at (``getScreenCTM``), with
  every ``<details>`` opened so the data tables count too;
- a form control or the header bar does not fit the screen;
- on the phone, a riding's hexagon is a tap target under 24 × 24 px, or a wide table's first
  column does not stay in place when its box is scrolled.

The app runs under uvicorn on port 0 with a synthetic election night half-way through (seed
3 up to half the night's polls: ridings called, leading and not yet reporting).
Screenshots of the House, riding, forecast, what-if and live pages at both widths are saved
to artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.web import SHOTS, keep_local, serving

pytestmark = pytest.mark.browser

WIDTHS = {390: 844, 1366: 900}  # viewport width: height
PAGES = {  # path: screenshot name (None: no screenshot)
    "/": "home",
    "/house?as_of=2026-04-10": "house-today",
    "/elections/2025": "results-2025",
    "/elections/2021": None,
    "/ridings/24073": "riding-24073",
    "/forecast": "forecast-next",
    "/forecast?election=2025": "forecast-2025",
    "/polls": None,
    "/coalitions": None,
    "/elections": None,
    "/whatif": "whatif-2025",
    "/api": None,
    "/live": "live-midnight",
    "/ridings/99999": None,  # the error page (404)
}
#: Layout is in 1/64 px: a 12 px font drawn at a scale of 0.99997 is still 12 px.
TOLERANCE = 0.01

MEASURE = """() => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (!el || el.closest('title, desc, style, script, option')) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    if (![...range.getClientRects()].some(r => r.width > 0 && r.height > 0)) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    small.push([size, el.tagName.toLowerCase(), n.textContent.trim().slice(0, 40)]);
  }
  const controls = [...document.querySelectorAll('select, input, button')]
    .filter(c => c.checkVisibility())
    .map(c => [c.tagName.toLowerCase() + '[' + (c.name || '') + ']',
               parseFloat(getComputedStyle(c).fontSize), c.getBoundingClientRect().right]);
  const header = document.querySelector('header.site').getBoundingClientRect();
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth,
          texts: small, controls: controls, header: [header.left, header.right]};
}"""

HEX_TARGETS = """() => [...document.querySelectorAll('svg.hexmap a.hex')]
  .filter(a => a.checkVisibility())
  .map(a => { const r = a.getBoundingClientRect(); return [a.dataset.code, r.width, r.height]; })"""

STICKY = """(box) => {
  const first = box.querySelector('tbody tr > :first-child');
  const second = box.querySelector('tbody tr > :nth-child(2)');
  const at = () => [first.getBoundingClientRect().left, second.getBoundingClientRect().left];
  const before = at();
  box.scrollLeft = box.scrollWidth;
  const after = at();
  box.scrollLeft = 0;
  return {scrolled: box.scrollWidth > box.clientWidth, before, after};
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from seatcast.live.feed import iter_lines
    from seatcast.live.status import ingest_lines
    from seatcast.live.synthetic import until_share_of_polls
    from tests.support.live import e2025, plan2025, synthetic

    store = tmp_path_factory.mktemp("night") / "mid.sqlite"
    night = until_share_of_polls(synthetic(e2025(), 3), 0.5)  # half the polls in
    ingest_lines(store, iter_lines(night), e2025(), plan=plan2025())
    with serving(store) as base:
        yield base


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_fits_the_screen_with_readable_text(browser: Any, server: str,
                                                       width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, base_url=server)
    page = ctx.new_page()
    outside = keep_local(page, server)
    problems: list[str] = []
    try:
        for path, shot in PAGES.items():
            response = page.goto(path)
            assert response is not None
            assert response.status == (404 if path == "/ridings/99999" else 200), path
            if shot:  # before the details are opened: the page as a reader first sees it
                page.screenshot(path=str(SHOTS / f"{shot}-{width}.png"), full_page=True)
            m = page.evaluate(MEASURE)
            if m["scrollWidth"] > m["innerWidth"]:
                problems.append(f"{path}: the page is {m['scrollWidth']} px wide at {width} px")
            small = sorted({(round(s, 2), tag, text) for s, tag, text in m["texts"]
                            if s < 12 - TOLERANCE})
            if small:
                problems.append(f"{path}: {len(small)} text(s) under 12 px, e.g. {small[:3]}")
            assert len(m["texts"]) > 10, path  # the walk saw the page
            for name, size, right in m["controls"]:
                if size < 12 or right > width:
                    problems.append(f"{path}: {name} at {size} px, right edge {right:.0f}")
            if m["header"][0] != 0 or abs(m["header"][1] - width) > 0.5:
                problems.append(f"{path}: the header spans {m['header']} of {width} px")
            if width < 700:
                small_hex = [t for t in page.evaluate(HEX_TARGETS) if min(t[1], t[2]) < 24 - TOLERANCE]
                if small_hex:
                    problems.append(f"{path}: {len(small_hex)} hexagon(s) under 24 px, "
                                    f"e.g. {small_hex[0]}")
    finally:
        ctx.close()
    assert outside == [], f"pages reached outside the server: {outside}"
    assert problems == []


def test_phone_layouts_are_the_ones_shown(browser: Any, server: str) -> None:
    """At 390 px the phone drawings are shown (the map in regions, every hexagon a 24 px
    target), the wide tables scroll in their box with the first column in place; at 1366 px
    the desktop drawings are."""
    for width, shown, hidden in ((390, "narrow", "wide"), (1366, "wide", "narrow")):
        ctx = browser.new_context(viewport={"width": width, "height": WIDTHS[width]},
                                  base_url=server)
        page = ctx.new_page()
        page.goto("/elections/2025")
        for chart in ("hemicycle", "hexmap", "regional-swing"):
            assert page.locator(f"svg.{chart}.{shown}").is_visible(), (width, chart)
            assert not page.locator(f"svg.{chart}.{hidden}").is_visible(), (width, chart)
        hexes = page.evaluate(HEX_TARGETS)
        assert len(hexes) == 343  # every riding, once
        if width == 390:
            assert min(min(w, h) for _, w, h in hexes) >= 24 - TOLERANCE
            assert page.locator("svg.hexmap.narrow g.region").count() == 7
            page.goto("/ridings/24073")
            box = page.locator("#candidates").locator("xpath=..")
            s = box.evaluate(STICKY)
            assert s["scrolled"], "the candidates table should need scrolling at 390 px"
            assert s["after"][0] == pytest.approx(s["before"][0], abs=1)  # the first column stays
            assert s["after"][1] < s["before"][1] - 20  # the others scroll under it
            # The riding's own region is shown on a phone, its hexagon outlined.
            regions = page.locator("svg.hexmap.narrow g.region")
            assert regions.count() == 1
            assert (regions.locator("text").first.text_content() or "").startswith("Quebec")
            assert page.locator("svg.hexmap.narrow path.highlight").is_visible()
        ctx.close()
