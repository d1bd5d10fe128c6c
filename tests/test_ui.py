"""The web UI in a real browser: Playwright driving Debian's Chromium over the sample store.

Serves the app with uvicorn on 127.0.0.1 (a free port, a background thread)
and clicks through what a reader would: stories → story → the Arabic seed's
article → a search in Arabic → an entity. Screenshots land in
``tests/screenshots/`` (gitignored). Skipped when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).parent / "screenshots"
#: The flags DESIGN.md gives for Debian's Chromium here (no sandbox in containers, no network chatter).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARABIC_SEED = "000_6d08277afabc9342"
SWAHILI_SEED = "003_b707718228c927fc"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(sample_db: Path) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium fonts-noto-core fonts-noto-cjk")
    import uvicorn

    from babelwire.settings import Settings
    from babelwire.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db=sample_db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        pg.set_default_timeout(60_000)  # a cold service loads its entity index and lemma dictionaries on first use
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


@pytest.fixture(scope="module")
def seeds(sample_db: Path) -> dict[str, Any]:
    from babelwire import Babelwire

    with Babelwire(sample_db) as bw:
        found = {a.origin: a for a in bw.articles(limit=0)}
        ar = next((a for o, a in found.items() if ARABIC_SEED in o), None)
        sw = next((a for o, a in found.items() if SWAHILI_SEED in o), None)
        if ar is None or sw is None:
            pytest.skip("the seeds are not in the sample store (../shared/data/seeds missing)")
        return {"ar": ar, "sw": sw, "ar_story": bw.story(ar.story_id), "sw_story": bw.story(sw.story_id)}


def test_click_through_stories_story_article_search_entity(page: Any, base_url: str, seeds: dict[str, Any]) -> None:
    ar, sw = seeds["ar"], seeds["sw"]

    # stories: the front page lists stories with their sparklines
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Stories"
    assert page.locator("li.story-item").count() >= 5
    page.screenshot(path=str(SHOTS / "1-stories.png"), full_page=True)

    # story: open the Arabic seed's story from the list (paging on until it shows)
    link = page.locator(f'a.story-title[href="/stories/{ar.story_id}"]')
    while link.count() == 0 and page.locator('a[rel="next"]').count():
        page.locator('a[rel="next"]').click()
    link.click()
    page.wait_for_url(f"**/stories/{ar.story_id}")
    assert page.locator("svg.timeline").is_visible()
    assert page.locator(f'svg.timeline a[href="/articles/{ar.id}"]').count() == 1
    page.screenshot(path=str(SHOTS / "2-story.png"), full_page=True)

    # article: click its link in the Arabic panel; the body is laid out right to left
    page.locator(f'.panel a[href="/articles/{ar.id}"]').first.click()
    page.wait_for_url(f"**/articles/{ar.id}")
    body = page.locator("article .body")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    first_par = page.locator("article .body p").first
    assert first_par.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert first_par.evaluate("el => getComputedStyle(el).textAlign") in ("right", "start")
    # Arabic glyphs render with a real font: the Arabic line is as wide as its text, not tofu boxes of one width
    assert page.locator("article h1").evaluate("el => el.getBoundingClientRect().width") > 200
    page.screenshot(path=str(SHOTS / "3-article-ar.png"), full_page=True)

    # it links to the Swahili seed: as a similar article, or through its story's thread
    to_sw = page.locator(f'a[href="/articles/{sw.id}"], a[href="/stories/{sw.story_id}"]')
    assert to_sw.count() >= 1, "the Arabic seed's page does not link to the Swahili seed (similar articles or thread)"

    # search in Arabic from the header box: results in several languages, with badges and story links
    page.locator(".quick-search input[name=q]").fill("اليابان")
    page.locator(".quick-search input[name=q]").press("Enter")
    page.wait_for_url("**/search?q=*")
    badges = set(page.locator(".result .badge").all_inner_texts())
    assert {"AR"} < {b.upper() for b in badges}, badges
    assert page.locator(".result a[href^='/stories/']").count() >= 1
    page.screenshot(path=str(SHOTS / "4-search-ar.png"), full_page=True)

    # entity: from the first result's article, click a highlighted name
    page.locator(".result-title").first.click()
    page.wait_for_url("**/articles/*")
    mention = page.locator("article .body a.mention").first
    target = mention.get_attribute("href")
    mention.click()
    page.wait_for_url(f"**{target}")
    assert page.locator("h1").inner_text().strip()
    assert page.locator("table.names").count() == 1 or "No other names" in page.content()
    assert page.locator("svg.timeline").count() == 1
    page.screenshot(path=str(SHOTS / "5-entity.png"), full_page=True)

    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_the_two_seeds_share_a_thread(base_url: str, seeds: dict[str, Any]) -> None:
    import httpx

    ar, sw = seeds["ar"], seeds["sw"]
    a = httpx.get(f"{base_url}/api/stories/{ar.story_id}").json()
    b = httpx.get(f"{base_url}/api/stories/{sw.story_id}").json()
    assert a["thread_id"] and a["thread_id"] == b["thread_id"], (a["thread_id"], b["thread_id"])
    thread = httpx.get(f"{base_url}/api/threads/{a['thread_id']}").json()
    assert {ar.story_id, sw.story_id} <= set(thread["story_ids"])


def test_reader_language_switcher(page: Any, base_url: str, seeds: dict[str, Any]) -> None:
    page.goto(f"{base_url}/stories/{seeds['sw'].story_id}")
    page.locator("#ui-lang").select_option("sw")
    page.locator(".ui-lang button").click()
    page.wait_for_url(f"**/stories/{seeds['sw'].story_id}")
    assert page.locator("#ui-lang").input_value() == "sw"
    page.screenshot(path=str(SHOTS / "6-story-ui-sw.png"), full_page=True)
    page.context.clear_cookies()


def test_filter_forms_submit_with_their_empty_fields(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator("form.filters input[name=lang]").fill("ar")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    assert "since=" in page.url and "lang=ar" in page.url  # the browser sends the empty date fields too
    assert page.locator("h1").inner_text() == "Stories" and page.locator("li.story-item").count() >= 1
    page.goto(base_url + "/search?q=NATO")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    assert "until=" in page.url and page.locator("h1").inner_text() != "Error"
    assert page.locator("main a[href^='/articles/']").count() >= 3


def test_api_docs_draw_every_operation(page: Any, base_url: str) -> None:
    page.goto(base_url + "/docs")
    page.locator(".opblock").first.wait_for()
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/search" in s for s in summaries) and any("/api/ingest" in s for s in summaries)
    assert page.locator(".errors-wrapper").count() == 0 or not page.locator(".errors-wrapper").is_visible()
    page.screenshot(path=str(SHOTS / "7-api-docs.png"))


def test_long_words_and_arabic_queries_fit_a_phone(page: Any, base_url: str) -> None:
    # QA: a 476-character word made /search 3,135 px wide, and on a 390 px phone the search box ran
    # off the screen, so a right-aligned Arabic query sat in the part nobody could see.
    from urllib.parse import quote

    page.set_viewport_size({"width": 390, "height": 800})
    try:
        for q in ("x" * 476, "الناتو"):
            page.goto(f"{base_url}/search?q={quote(q)}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, q[:10]
            box = page.locator("main input[name=q]").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.goto(f"{base_url}/articles/{'y' * 3000}")  # a 404 echoing a huge id
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_timeline_stays_legible_and_keyboard_usable_on_a_phone(page: Any, base_url: str, seeds: dict[str, Any]) -> None:
    # QA: at 390 px the 760-unit timeline shrank to 5.5 px labels and 4.5 px dots, a focused dot
    # showed nothing, and no link let a keyboard skip the header.
    page.set_viewport_size({"width": 390, "height": 800})
    try:
        page.goto(f"{base_url}/stories/{seeds['ar'].story_id}")
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        box = skip.bounding_box()
        assert box is not None and box["y"] >= 0 and box["x"] >= 0 and box["height"] > 10  # on screen while focused
        sizes = page.locator("svg.timeline").evaluate("""svg => {
            const scale = svg.getScreenCTM().a;  // rendered px per SVG unit
            const label = svg.querySelector('g.row text');
            const dot = svg.querySelector('a.dot circle');
            return {font: parseFloat(getComputedStyle(label).fontSize) * scale, dot: 2 * dot.r.baseVal.value * scale};
        }""")
        assert sizes["font"] >= 10 and sizes["dot"] >= 9, sizes
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the box scrolls, not the page
        dot = page.locator(f'svg.timeline a.dot[href="/articles/{seeds["ar"].id}"]')
        dot.focus()
        label = dot.locator(".focus-label")
        assert label.evaluate("el => getComputedStyle(el).display") != "none"
        box = label.bounding_box()
        assert box is not None and box["height"] > 10 and box["width"] > 40
        page.screenshot(path=str(SHOTS / "8-timeline-phone-focus.png"), full_page=True)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
