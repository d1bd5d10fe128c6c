"""The web layer's pure helpers: safe links, redirects, text blocks and chart geometry."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from babelwire.article import Mention
from babelwire.web import svg
from babelwire.web.security import check_csrf, check_token, clean_lang, safe_href, safe_next
from babelwire.web.text import balance_bidi, blocks, direction, isolate, lead


@pytest.mark.parametrize("url", ["https://example.org/a?b=1", "http://x.y/", " HTTPS://EXAMPLE.ORG/p "])
def test_http_links_are_kept(url: str) -> None:
    assert safe_href(url) == url.strip()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)",
                                 "data:text/html,<b>", "vbscript:x", "//evil.example/x", "/local", "http:/nohost", "https://\x00x",
                                 None, 42, "file:///etc/passwd"])
def test_other_links_are_refused(url: object) -> None:
    assert safe_href(url) is None


@pytest.mark.parametrize("target,expected", [
    ("/stories/abc?by=lang", "/stories/abc?by=lang"),
    ("/", "/"),
    ("//evil.example/x", "/"),
    ("/\\evil.example", "/"),
    ("https://evil.example/", "/"),
    ("javascript:alert(1)", "/"),
    ("evil.example", "/"),
    ("/ok\r\nSet-Cookie: x=1", "/"),
    ("", "/"),
])
def test_next_accepts_only_local_paths(target: str, expected: str) -> None:
    assert safe_next(target) == expected


def test_language_codes() -> None:
    assert clean_lang("sw") == "sw" and clean_lang("zh-Hant") == "zh-Hant"
    assert clean_lang("<script>") is None and clean_lang("en;x") is None and clean_lang(None) is None


def test_token_rules() -> None:
    from starlette.exceptions import HTTPException

    with pytest.raises(HTTPException) as e:
        check_token(None, "Bearer anything")
    assert e.value.status_code == 403 and "BABELWIRE_API_TOKEN" in e.value.detail
    with pytest.raises(HTTPException) as e:
        check_token("s3cret", None)
    assert e.value.status_code == 401
    with pytest.raises(HTTPException) as e:
        check_token("s3cret", "Bearer wrong")
    assert e.value.status_code == 403
    check_token("s3cret", "Bearer s3cret")


def test_csrf_rules() -> None:
    from starlette.exceptions import HTTPException

    check_csrf("tok", "tok", None, "h")
    check_csrf("tok", "tok", "http://h", "h")
    for cookie, field, origin in [(None, "tok", None), ("tok", "", None), ("tok", "other", None), ("tok", "tok", "http://evil.example")]:
        with pytest.raises(HTTPException) as e:
            check_csrf(cookie, field, origin, "h")
        assert e.value.status_code == 403


def test_blocks_cut_mentions_and_paragraphs() -> None:
    text = "NATO met Japan.\n\nاليابان والناتو في طوكيو."
    mentions = [Mention("org:nato", "NATO", "ORG", 0, 4), Mention("loc:japan", "Japan", "LOC", 9, 14),
                Mention("loc:japan", "Japan", "LOC", 17, 24), Mention("bad", "x", "ORG", 3, 6),  # overlaps NATO: skipped
                Mention("date:x", "x", "DATE", 30, 34)]
    got = blocks(text, mentions, "en")
    assert [b.dir for b in got] == ["ltr", "rtl"]
    assert [(p.text, p.mention.id if p.mention else None) for p in got[0].pieces] == [
        ("NATO", "org:nato"), (" met ", None), ("Japan", "loc:japan"), (".", None)]
    assert got[1].pieces[0].text == "اليابان" and got[1].pieces[0].mention.id == "loc:japan"
    assert "".join(b.text for b in got) == text.replace("\n", "")


def test_direction_and_lead() -> None:
    assert direction("مرحبا بالعالم", "en") == "rtl"
    assert direction("Hello", "ar") == "ltr"
    assert direction("2026 – 12", "ar") == "rtl" and direction("2026", "sw") == "ltr"
    long = "word " * 200
    assert lead("\n\nShort first.\nSecond") == "Short first."
    assert lead(long).endswith("…") and len(lead(long)) <= 322


def test_sparkline_counts_per_day_and_week() -> None:
    s = svg.sparkline({"2026-05-01": 2, "2026-05-03": 4, "bad": 9})
    assert s is not None and len(s.bars) == 2 and s.bars[1].h > s.bars[0].h
    assert s.bars[1].x > s.bars[0].x and "6 articles" in s.title
    assert s.bars[0].w < s.width / 10  # a short span draws narrow bars, not a block
    weekly = svg.sparkline({"2026-01-01": 1, "2026-06-01": 1})
    assert weekly is not None and "per week" in weekly.title and len(weekly.bars) == 2
    assert svg.sparkline({}) is None
    one = svg.sparkline({"2026-01-01": 1})
    assert one is not None and one.title.startswith("1 article per day")  # not "1 articles"


def test_timeline_rows_and_positions() -> None:
    t0 = datetime(2026, 5, 1, tzinfo=UTC)
    t1 = datetime(2026, 5, 3, tzinfo=UTC)
    points = [svg.Point(t0, "ar", "/articles/a", "A <b>"), svg.Point(t1, "sw", "/articles/b", "B"),
              svg.Point(t1, "ar", "/articles/c", "C"), svg.Point(None, "en", "/articles/d", "undated")]
    t = svg.timeline(points)
    assert t is not None
    assert [r.label for r in t.rows] == ["ar", "sw", "en"]  # first-seen order; undated last
    ar, sw, en = t.rows
    assert ar.dots[0].cx < ar.dots[1].cx and ar.dots[1].cx == sw.dots[0].cx
    assert ar.y < sw.y < en.y and ar.dots[0].title == "A <b>"  # plain text: the template escapes it
    assert t.gutter_x is not None and en.dots[0].cx == t.gutter_x > sw.dots[0].cx
    undated = svg.timeline([svg.Point(None, "x", "/a", ""), svg.Point(None, "x", "/b", "")])
    assert undated is not None and undated.gutter_x is None
    assert [d.href for d in undated.rows[0].dots] == ["/a", "/b"] and undated.rows[0].dots[0].cx < undated.rows[0].dots[1].cx
    assert svg.timeline([]) is None


def test_left_to_right_runs_are_isolated_in_right_to_left_paragraphs() -> None:
    from babelwire.web.text import blocks

    (block,) = blocks("TOKYO (AP) – أعربت اليابان عن اهتمامها بمهمة NSATU في فيسبادن.", [], "ar")
    assert block.dir == "rtl"
    assert [p.text for p in block.pieces if p.isolate] == ["TOKYO (AP)", "NSATU"]
    assert "".join(p.text for p in block.pieces) == "TOKYO (AP) – أعربت اليابان عن اهتمامها بمهمة NSATU في فيسبادن."
    (english,) = blocks("Japan sends officers to NATO (AP).", [], "en")
    assert not any(p.isolate for p in english.pieces)


def test_a_server_process_holds_numpys_blas_to_one_thread() -> None:
    import subprocess
    import sys

    code = (  # numpy not imported first: the server imports it lazily
        "from threadpoolctl import threadpool_info\n"
        "from babelwire.web.server import SERVER_BLAS_THREADS, limit_blas_threads\n"
        "limit_blas_threads()\n"
        "blas = [i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas']\n"
        "assert blas and set(blas) == {SERVER_BLAS_THREADS}, blas\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_story_activity_counts_publication_days_only(tmp_path) -> None:
    # QA: a story's sparkline drew its undated articles on the day they were ingested,
    # so stories published in October looked like today's news.
    from babelwire import Babelwire
    from babelwire.web.context import story_activity

    with Babelwire(tmp_path / "w.db", embedder="none") as bw:
        bw.ingest_articles([
            {"title": "Mvua Mombasa", "text": "Mvua kubwa ilinyesha Mombasa na barabara zilifungwa kwa saa tatu.", "published": "2026-10-27"},
            {"title": "Umeme Kisumu", "text": "Umeme ulikatika Kisumu usiku kucha na wakazi walilalamika sana."},
        ])
        rows = bw.store.query("SELECT id, published FROM articles")
        with bw.store.transaction() as conn:
            conn.execute("UPDATE articles SET story_id = 'st-x'")
        assert len(rows) == 2
        assert story_activity(bw, ["st-x"]) == {"st-x": {"2026-10-27": 1}}


@pytest.mark.parametrize("text,expected", [
    ("zzqq\u202exyz.exe end", "zzqqxyz.exe end"),  # QA: an override left open reversed the rest of the title
    ("a\u202eb\u202cc", "a\u202eb\u202cc"),  # a closed override is the author's, and kept
    ("a\u2069b\u202cc", "abc"),  # closers of nothing, which would end the page's own isolate
    ("\u2067x\u202by\u2069z\u2066", "\u2067xy\u2069z"),  # PDI closes its isolate; the embedding left open inside goes
    ("\u202bx\u2067y\u202c", "xy"),  # a PDF does not close an embedding across an open isolate
    ("plain العربية", "plain العربية"),
])
def test_unbalanced_bidi_controls_are_dropped(text: str, expected: str) -> None:
    assert balance_bidi(text) == expected


def test_isolate_wraps_text_and_keeps_markup_markup() -> None:
    from markupsafe import Markup

    assert isolate("q\u202e") == "\u2068q\u2069" and isolate(None) == ""
    wrapped = isolate(Markup("a &lt;b&gt;\u202e"))
    assert isinstance(wrapped, Markup) and wrapped == Markup("\u2068a &lt;b&gt;\u2069")


def test_timeline_dots_carry_a_short_label_kept_inside_the_drawing() -> None:
    # QA: which outlet and time a dot stands for was only in its hover tooltip; the page shows
    # ``label`` beside the dot while it has keyboard focus, so it must stay inside the 760-unit box
    t0, t1 = datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 5, 9, tzinfo=UTC)
    long_title = "Outlet · 2026-05-05 · " + "a headline far too long to draw beside a dot " * 3
    t = svg.timeline([svg.Point(t0, "en", "/a", "BBC · 2026-05-01 · Title", label="BBC · 2026-05-01"),
                      svg.Point(datetime(2026, 5, 5, tzinfo=UTC), "en", "/b", long_title),
                      svg.Point(t1, "en", "/c", "Last · 2026-05-09 · T", label="Last · 2026-05-09")])
    assert t is not None
    first, middle, last = t.rows[0].dots
    assert first.label == "BBC · 2026-05-01" and first.title == "BBC · 2026-05-01 · Title"
    assert len(middle.label) == svg.LABEL_MAX and middle.label.endswith("…") and middle.title == long_title
    assert (first.label_anchor, middle.label_anchor, last.label_anchor) == ("start", "middle", "end")
    assert 0 <= first.label_x <= first.cx and last.cx <= last.label_x <= svg.TL_W
    assert all(0 < d.label_y < t.height for d in (first, middle, last))


def test_timeline_dots_get_tap_targets_that_cover_no_other_dot() -> None:
    # QA: on a 390-px phone a dot was a 9.5-px target; WCAG 2.5.8 asks 24 x 24 CSS px. The narrowest
    # drawing is 720 px (style.css) for 760 units, less a 1-px border each side.
    assert 2 * svg.TL_HIT_R * (720 - 2) / svg.TL_W >= 24
    day = datetime(2026, 5, 1, tzinfo=UTC)
    crowd = [svg.Point(day, "a", f"/s{i}", "same day") for i in range(3)]  # stacked: 0, +6, -6
    near = [svg.Point(datetime(2026, 5, 1, 8, tzinfo=UTC), "b", "/n", "near")]
    far = [svg.Point(datetime(2026, 5, 9, tzinfo=UTC), "a", "/far", "alone")]
    t = svg.timeline(crowd + near + far)
    assert t is not None
    dots = [d for row in t.rows for d in row.dots]
    stacked = [d for d in dots if d.href.startswith("/s")]
    assert len({(d.cx, d.cy) for d in stacked}) == 3  # three dots on one day, none hidden under another
    assert next(d for d in dots if d.href == "/far").hit_r == svg.TL_HIT_R
    for d in dots:
        assert d.hit_r >= d.r
        for o in dots:
            if o is not d and d.hit_r > d.r:  # a grown target stops short of every other visible dot
                assert ((d.cx - o.cx) ** 2 + (d.cy - o.cy) ** 2) ** 0.5 >= d.hit_r + o.r - 1e-9, (d.href, o.href)


def test_timeline_css_splits_the_drawing_where_svg_py_does() -> None:
    # the row labels and the plot are separate SVGs in two grid columns; they share one scale only
    # while the columns keep the drawing's proportions (TL_LABEL_W of TL_W), on a phone too
    from pathlib import Path

    import babelwire.web

    css = (Path(babelwire.web.__file__).parent / "static" / "style.css").read_text()
    label_w, plot_w = svg.TL_LABEL_W, svg.TL_W - svg.TL_LABEL_W
    columns = css.split(".timeline {", 1)[1].split("}", 1)[0]
    assert f"minmax(calc(718px * {label_w} / {svg.TL_W}), {label_w}fr) minmax(0, {plot_w}fr)" in columns, columns
    plot = css.split(".timeline-plot {", 1)[1].split("}", 1)[0]
    assert f"min-width: calc(718px * {plot_w} / {svg.TL_W})" in plot, plot


def test_names_without_a_language_go_under_the_articles_that_show_them() -> None:
    # QA: NATO's Swahili name, added by cross-script alignment, was badged UND
    from babelwire.web.context import names_by_language

    e = {"aliases": {"sw": ["NATO"], "und": ["Jumuiya ya Kujihami", "Never Seen"], "en": "NATO"},
         "seen_as": {"sw": ["jumuiya ya kujihami"], "am": ["ኔቶ"]}}
    assert names_by_language(e) == [("en", ["NATO"]), ("sw", ["NATO", "Jumuiya ya Kujihami"]), ("und", ["Never Seen"])]
    assert names_by_language({"aliases": {"und": ["X"]}, "seen_as": {"fr": ["X"], "de": ["X"]}}) == [("de", ["X"]), ("fr", ["X"])]
    assert names_by_language({"aliases": None}) == []


def test_entity_page_calls_an_unknown_language_so() -> None:
    from pathlib import Path

    import babelwire.web
    from babelwire.web.render import environment

    env = environment(Path(babelwire.web.__file__).parent / "templates")
    html = env.get_template("entity.html").render(e={"id": "org:x", "type": "ORG"}, display="X", ui="en",
                                                  aliases=[("sw", ["Jumuiya"]), ("und", ["Never Seen"])])
    assert '<span class="badge" title="language: sw">sw</span>' in html
    assert "unknown language" in html and 'title="language: und"' not in html
