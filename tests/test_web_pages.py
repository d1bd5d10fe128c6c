"""The HTML pages, in process, over the sample store: what each page shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Starlette warns that its TestClient will move from httpx to httpx2; the client still works.
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(scope="module")
def web(sample_db: Path) -> Iterator[tuple[Any, Any]]:
    from starlette.testclient import TestClient

    from babelwire import Babelwire
    from babelwire.settings import Settings
    from babelwire.web.app import create_app

    with TestClient(create_app(Settings(db=sample_db)), follow_redirects=False) as c, Babelwire(sample_db) as bw:
        yield c, bw


def test_front_page_lists_stories_with_sparklines_and_filters(web: tuple[Any, Any]) -> None:
    c, bw = web
    html = c.get("/").text
    first = bw.stories(limit=1)[0]
    assert f'href="/stories/{first["id"]}"' in html
    assert html.count('<svg class="spark"') >= 5
    assert 'name="lang"' in html and 'name="entity"' in html and 'type="date"' in html
    ar = c.get("/", params={"lang": "ar"}).text
    ids = re.findall(r'class="story-title" href="/stories/([^"]+)"', ar)
    assert ids and {s["id"] for s in bw.stories(lang="ar", limit=25)} == set(ids)
    assert c.get("/", params={"since": "nonsense"}).status_code == 422


def test_story_page_has_timeline_panels_comparison_history_and_thread(web: tuple[Any, Any]) -> None:
    c, bw = web
    s = next(x for x in bw.stories(min_size=2, limit=50) if len(x["languages"]) >= 2)
    html = c.get(f"/stories/{s['id']}").text
    timeline = re.search(r'<div class="timeline" .*?<svg class="timeline-axes".*?</svg>', html, re.S)
    assert timeline, "no timeline"
    for aid in s["article_ids"]:
        assert f'href="/articles/{aid}"' in timeline.group(0)  # one dot per article, linking to it
    rows = re.findall(r'<text x="4"[^>]*>([^<]+)</text>', timeline.group(0))
    assert set(rows) == set(s["languages"])  # one row per language
    groups = re.findall(r'<div class="timeline-row" role="group" aria-label="([^"]+)">', timeline.group(0))
    assert groups == rows  # and a screen reader hears each row's links under its label
    assert timeline.group(0).count("<title>") >= len(s["article_ids"])
    assert html.count('class="panel"') >= len(s["languages"])
    assert "How each outlet frames it" in html and "only here" in html
    assert "History" in html
    full = bw.story(s["id"])
    assert all(e["kind"] in html for e in full["events"])
    if full.get("thread"):
        assert f'href="/threads/{full["thread"]["id"]}"' in html
    by_lang = c.get(f"/stories/{s['id']}", params={"by": "lang"}).text
    assert "How each language frames it" in by_lang


def test_story_prefix_redirects_to_its_address(web: tuple[Any, Any]) -> None:
    c, bw = web
    sid = bw.stories(limit=1)[0]["id"]
    r = c.get(f"/stories/{sid[:9]}")
    assert r.status_code == 301 and r.headers["location"] == f"/stories/{sid}"


def test_arabic_article_is_right_to_left_with_entity_links(web: tuple[Any, Any]) -> None:
    c, bw = web
    a = next(x for x in bw.articles(lang="ar", limit=50) if x.entities)
    html = c.get(f"/articles/{a.id}").text
    assert re.search(r'<div class="body" lang="ar" dir="rtl">', html)
    assert re.search(r'<p dir="rtl" lang="ar">', html)
    m = next(x for x in a.entities if x.type != "DATE")
    surface = re.escape(a.text[m.start : m.end])
    assert f'href="/entities/{m.id}"' in html and re.search(f"<mark>(<bdi>)?{surface}(</bdi>)?</mark>", html)
    assert "<bdi>" in html  # Latin runs such as "TOKYO (AP)" are isolated inside the Arabic paragraphs
    assert "In other languages" in html


def test_search_page_badges_and_story_links(web: tuple[Any, Any]) -> None:
    c, bw = web
    html = c.get("/search", params={"q": "اليابان"}).text
    badges = set(re.findall(r'<span class="badge" title="language: ([a-z]+)">', html))
    assert "ar" in badges and len(badges) >= 2
    assert re.search(r'href="/stories/st-[0-9a-f]+">story</a>', html)
    only_sw = c.get("/search", params={"q": "اليابان", "lang": "sw"}).text
    assert set(re.findall(r'<span class="badge" title="language: ([a-z]+)">', only_sw.split("<ol", 1)[1])) == {"sw"}
    assert c.get("/search").status_code == 200  # the empty form


def test_search_page_says_how_each_result_matched(web: tuple[Any, Any]) -> None:
    c, bw = web
    html = c.get("/search", params={"q": "Kerem"}).text
    how = [re.sub(r"<[^>]+>|\s+", " ", m).split() for m in re.findall(r'matched by (.*?)</span></div>', html, re.S)]
    hits = bw.search("Kerem", limit=len(how))
    assert len(how) == len(hits) > 0
    for words, hit in zip(how, hits, strict=True):
        text = " ".join(words)
        assert ("likeness to word matches" in text) == ("neighbours" in hit["matched"])
        assert ("meaning" in text) == ("vector" in hit["matched"])
        assert text.startswith("words") == bool(hit["matched"].get("keyword", {}).get("all_terms"))


def test_entity_and_thread_pages(web: tuple[Any, Any]) -> None:
    c, bw = web
    e = bw.entities(type="ORG", limit=1)[0]
    html = c.get(f"/entities/{e['id']}").text
    assert "Names" in html and "Stories over time" in html
    for s in bw.entity(e["id"])["stories"][:3]:
        assert f'href="/stories/{s["id"]}"' in html
    t = bw.threads(limit=1)[0]
    th = c.get(f"/threads/{t['id']}").text
    assert all(f'href="/stories/{sid}"' in th for sid in t["story_ids"])
    assert c.get("/entities/org:no-such-thing").status_code == 404
    assert c.get("/threads/th-none").status_code == 404


def test_reader_language_switches_entity_names(web: tuple[Any, Any]) -> None:
    c, bw = web
    e = next(x for x in bw.entities(type="LOC", limit=50) if bw.entity_name(x["id"], "ar") != bw.entity_name(x["id"], "en"))
    ar_name = bw.entity_name(e["id"], "ar")
    r = c.get(f"/entities/{e['id']}", params={"ui": "ar"})
    assert r.status_code == 200 and ar_name in r.text and "bw_ui=ar" in r.headers["set-cookie"]
    c.cookies.set("bw_ui", "ar")
    assert f'<h1 dir="auto">{ar_name}</h1>' in c.get(f"/entities/{e['id']}").text  # the cookie remembers it
    c.cookies.clear()
    assert f'<h1 dir="auto">{bw.entity_name(e["id"], "en")}</h1>' in c.get(f"/entities/{e['id']}").text


def test_missing_pages_are_html_404(web: tuple[Any, Any]) -> None:
    c, _ = web
    for path in ("/articles/nosuchid", "/stories/st-nosuch", "/no/such/page"):
        r = c.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html") and "Not found" in r.text


def test_story_titles_are_marked_with_their_own_language(web: tuple[Any, Any]) -> None:
    # An English headline was marked lang="ar" (or "am"): the story's first language in
    # alphabetical order, so screen readers read it with an Arabic voice.
    c, bw = web
    for s in bw.stories(min_size=2, limit=0):
        headline = s["label"]
        lang = next(code for code, title in s["headlines"].items() if title == headline)
        html = c.get(f"/stories/{s['id']}").text
        h1 = re.search(r"<h1><span([^>]*)>", html)
        assert h1 and f'lang="{lang}"' in h1.group(1), (s["id"], lang, h1)


def test_page_titles_isolate_user_text_from_the_site_name(web: tuple[Any, Any]) -> None:
    # QA: /search?q=zzqq<U+202E>xyz.exe end titled the tab "…dne exe.zyx – hcraeS · eriwlebaB"
    c, bw = web
    html = c.get("/search", params={"q": "zzqq\u202exyz.exe end"}).text
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title == "\u2068\u2068zzqqxyz.exe end\u2069 \u2013 Search\u2069 \u00b7 Babelwire"
    a = next(x for x in bw.articles(lang="ar", limit=5))
    title = re.search(r"<title>(.*?)</title>", c.get(f"/articles/{a.id}").text, re.S).group(1)
    assert title.startswith("\u2068") and title.endswith("\u2069 \u00b7 Babelwire")  # every page, through base.html


def test_timeline_dots_name_themselves_to_the_keyboard(web: tuple[Any, Any]) -> None:
    # QA: a focused dot said nothing on screen; and on a phone the drawing shrank to 5 px text
    from markupsafe import escape

    c, bw = web
    s = next(x for x in bw.stories(min_size=2, limit=50) if len(x["languages"]) >= 2)
    html = c.get(f"/stories/{s['id']}").text
    assert re.search(r'<div class="timeline" role="group"[^>]*>\s*<svg class="timeline-rows".*?<div class="timeline-scroll">', html, re.S)  # scrolls; links reachable
    for a in bw.articles_by_ids(s["article_ids"]):
        dot = re.search(rf'<a class="dot" href="/articles/{a.id}"><title>([^<]+)</title>.*?</a>\s*<text class="focus-label".*?</text>', html, re.S)
        assert dot, a.id  # the link's accessible name and its tooltip (over the whole tap target): its title
        assert dot.group(1).startswith(str(escape(a.source or "unknown outlet")))
        label = re.search(r'<text class="focus-label"[^>]*>([^<]*)</text>', dot.group(0)).group(1)
        assert (a.published.isoformat()[:16].replace("T", " ") if a.published else "undated") in label


def test_every_page_offers_a_skip_link_to_main(web: tuple[Any, Any]) -> None:
    c, bw = web
    for path in ("/", "/search?q=NATO", f"/stories/{bw.stories(limit=1)[0]['id']}", "/articles/nope"):
        html = c.get(path).text
        body = html.split("<body>", 1)[1].lstrip()
        assert body.startswith('<a class="skip-link" href="#content">Skip to content</a>'), path
        assert '<main id="content" tabindex="-1">' in html, path


def test_language_comparison_headings_name_the_language(web: tuple[Any, Any]) -> None:
    # QA: ?by=lang headings read "am AM 1 article"; the name comes from the "Names in" menu's table
    from babelwire.web.render import UI_LANGS

    c, bw = web
    s = next(x for x in bw.stories(min_size=2, limit=50) if len(set(x["languages"]) & set(UI_LANGS)) >= 2)
    html = c.get(f"/stories/{s['id']}", params={"by": "lang"}).text
    compare = html.split("How each language frames it", 1)[1]
    heads = re.findall(r"<h3[^>]*>(.*?)</h3>", compare, re.S)
    assert heads
    for lang in set(s["languages"]) & set(UI_LANGS):
        head = next((h for h in heads if f'title="language: {lang}"' in h), None)
        assert head is not None, lang
        assert head.startswith(f'<bdi lang="{lang}">{UI_LANGS[lang]}</bdi>') and head.count(f">{lang}<") == 1, head


def test_a_merge_in_the_history_does_not_link_back_to_the_same_page(web: tuple[Any, Any]) -> None:
    # QA: a merge entry linked the merged-away id, which redirects (301) to the page it is on.
    c, bw = web
    merged = [(s["id"], e["other_id"]) for s in bw.stories(limit=0) for e in bw.story(s["id"])["events"] if e["kind"] == "merge"]
    assert merged, "the sample corpus's stream records merges"
    for story_id, gone in merged:
        assert c.get(f"/stories/{gone}").headers.get("location") == f"/stories/{story_id}"
        html = c.get(f"/stories/{story_id}").text
        assert f'href="/stories/{gone}"' not in html and f"with {gone} <span class=\"muted\">(now part of this story)</span>" in html
