"""Happy paths of babelwire.ingest: every format, directories and stdin."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from babelwire.article import Article
from babelwire.errors import InputError
from babelwire.ingest import IngestOptions, Skipped, Source, expand, read, read_all

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "seeds"


def results(path: Path | str, **options) -> list[Article | InputError]:
    return list(read_all([str(path)], IngestOptions(**options)))


def articles(items) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def errors(items) -> list[InputError]:
    return [e for e in items if isinstance(e, InputError)]


# -- plain text ---------------------------------------------------------------


def test_text_file_is_kept_whole_with_empty_title(tmp_path):
    body = "  Line one.\n\nLine two, with trailing spaces.   \n"
    (tmp_path / "x.txt").write_text(body, encoding="utf-8")
    [a] = results(tmp_path / "x.txt")
    assert a.text == body
    assert a.title == ""
    assert a.origin == str(tmp_path / "x.txt")
    assert a.source is None  # named on its own, not found under a directory
    assert a.meta == {}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds not present")
def test_real_seeds_read_as_text_without_warnings():
    items = results(SEEDS)
    arts = articles(items)
    assert len(arts) == 2 and not errors(items)
    ar = next(a for a in arts if a.origin.endswith("000_6d08277afabc9342.txt"))
    assert "اليابان" in ar.text and ar.text.rstrip().endswith("شاركها.")
    sw = next(a for a in arts if a.origin.endswith("003_b707718228c927fc.txt"))
    assert sw.text.startswith("Wizara ya Mambo ya Nje") and "ā" in sw.text  # the mojibake is the clean step's to fix
    assert all("warnings" not in a.meta for a in arts)


# -- directories ---------------------------------------------------------------


def test_directories_are_walked_in_sorted_order_skipping_hidden(tmp_path):
    root = tmp_path / "corpus" / "text"
    (root / "sahel-daily").mkdir(parents=True)
    (root / "b-outlet" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "sahel-daily" / "b.txt").write_text("Second story.")
    (root / "sahel-daily" / "a.txt").write_text("First story.")
    (root / "sahel-daily" / ".draft.txt").write_text("hidden")
    (root / ".git" / "config.txt").write_text("hidden too")
    (root / "top.txt").write_text("At the top.")
    (root / "b-outlet" / "deep" / "c.jsonl").write_text('{"text": "From JSON", "title": "J"}\n')
    missing = tmp_path / "nope.txt"

    sources = expand([str(root), str(missing)])
    rel = [Path(s.location).relative_to(root).as_posix() if s.root else s.location for s in sources]
    assert rel == ["b-outlet/deep/c.jsonl", "sahel-daily/a.txt", "sahel-daily/b.txt", "top.txt", str(missing)]
    assert [s.kind for s in sources] == ["jsonl", "text", "text", "text", "text"]

    out = [item for s in sources for item in read(s)]
    by_origin = {a.origin: a for a in articles(out)}
    assert by_origin[str(root / "sahel-daily" / "a.txt")].source == "sahel-daily"
    assert by_origin[str(root / "top.txt")].source is None  # directly in the directory given
    assert by_origin[f"{root / 'b-outlet' / 'deep' / 'c.jsonl'}:1"].title == "J"
    [err] = errors(out)
    assert err.where == str(missing) and "no such file" in err.reason


def test_a_walked_folder_skips_what_is_not_news_and_a_named_file_is_read(tmp_path):
    """A scrape folder holds images and stylesheets, a project folder its code and tables:
    none of them is an article, nor a failure. The same file named on its own is read."""
    root = tmp_path / "scrape"
    root.mkdir()
    (root / "story.txt").write_text("Mvua kubwa yanyesha Mombasa.")
    (root / "story.md").write_text("# Mafuriko\n\nMaji yamefunika barabara za Kisumu.")
    (root / "saved-page").write_text("<html><head><title>Habari</title></head><body><p>Bunge lakutana Dodoma leo.</p></body></html>")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    (root / "style.css").write_text("body { color: red }")
    (root / "index.tsv").write_text("key\tstory\nstory.txt\tfloods\n")
    (root / "index.csv.gz").write_bytes(b"\x1f\x8b")
    (root / "tool.py").write_text('"""Not news."""\nprint("x")\n')
    # the folder's notes about itself: `ingest babelwire/sample` stored its README as an English article
    (root / "README.md").write_text("# The corpus\n\nEvery article here is invented.")
    (root / "LICENSE").write_text("Permission is hereby granted, free of charge, to any person.")
    (root / "history.txt").write_text("Historia ya Mombasa yaanza karne nyingi zilizopita.")  # review: a slug, read

    out = [item for s in expand([str(root)]) for item in read(s)]
    assert sorted(Path(a.origin).name for a in articles(out)) == ["history.txt", "saved-page", "story.md", "story.txt"]
    assert errors(out) == []
    skipped = {Path(item.where).name: item.reason for item in out if isinstance(item, Skipped)}
    assert set(skipped) == {"photo.jpg", "style.css", "index.tsv", "index.csv.gz", "tool.py", "README.md", "LICENSE"}
    assert "folder's notes" in skipped["README.md"] and "name the file on its own" in skipped["LICENSE"]
    assert skipped["photo.jpg"].startswith("not news: image (.jpg)")
    assert "table" in skipped["index.tsv"] and "name the file on its own" in skipped["tool.py"]
    assert "name the file" not in skipped["photo.jpg"]  # named alone, an image is still refused as binary

    [named] = list(read_all([str(root / "index.tsv")]))
    assert isinstance(named, Article) and "floods" in named.text  # named by the user: read as text


def test_expand_recognises_urls_and_stdin():
    sources = expand(["-", "https://example.org/feed", "x.warc.gz", "y.ndjson", "z.atom"])
    assert [(s.kind, s.location) for s in sources] == [
        ("stdin", "-"),
        ("url", "https://example.org/feed"),
        ("warc", "x.warc.gz"),
        ("jsonl", "y.ndjson"),
        ("feed", "z.atom"),
    ]


# -- HTML -----------------------------------------------------------------------


def test_html_through_trafilatura_keeps_metadata():
    [a] = results(FIXTURES / "article.html")
    assert a.title == "Niamey accueille un sommet régional"
    assert "Les chefs d'État de la région" in a.text and "Bamako en septembre" in a.text
    assert "Abonnez-vous" not in a.text and "Tous droits réservés" not in a.text and "Accueil" not in a.text
    assert a.text.count("\n") >= 2  # paragraphs stay on their own lines
    assert a.url == "https://sahel-quotidien.example/politique/2024/03/sommet-niamey"
    assert a.source == "Sahel Quotidien"
    assert a.published == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert a.meta["lang"] == "fr"
    assert a.html and "<nav>" in a.html


def test_html_scripts_never_reach_title_or_text_but_json_ld_dates_do(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>Floods</title><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2026-04-02T08:00:00Z"}</script>'
        "<style>h1 {color: red}</style></head><body><article>"
        "<h1>Floods <script>document.write('pwned')</script>hit Nairobi</h1>"
        "<p>Heavy rains caused flooding across Nairobi on Monday, displacing thousands of residents, officials said.</p>"
        "<SCRIPT type='text/javascript'>var secret = 'SCRIPT_BODY';</SCRIPT>"
        "<p>The Kenya Red Cross said twelve people had died and more rain was expected later this week.</p>"
        "</article></body></html>"
    )
    [a] = results(page)
    assert a.title == "Floods hit Nairobi"
    assert "pwned" not in a.text and "SCRIPT_BODY" not in a.text and "color" not in a.text
    assert "Kenya Red Cross" in a.text
    assert a.published and a.published.date() == datetime(2026, 4, 2).date()  # JSON-LD kept: trafilatura reads its day


def test_html_falls_back_to_plain_text_with_a_warning(tmp_path, monkeypatch):
    import babelwire.ingest.html as html_mod

    monkeypatch.setattr(html_mod, "_trafilatura", lambda markup, url: None)
    (tmp_path / "p.html").write_text("<html><body><script>var x;</script><p>Only paragraph.</p><p>Second.</p></body></html>")
    [a] = results(tmp_path / "p.html")
    assert a.text == "Only paragraph.\nSecond."
    assert any("trafilatura found no main text" in w for w in a.meta["warnings"])


def test_html_meta_charset_is_honoured(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>اليابان والناتو</title></head><body><p>أعربت اليابان عن اهتمامها بالمشاركة في مهمة الناتو.</p></body></html>"
    )
    (tmp_path / "ar.htm").write_bytes(page.encode("cp1256"))
    [a] = results(tmp_path / "ar.htm")
    assert "أعربت اليابان" in a.text
    assert any("windows-1256" in w for w in a.meta["warnings"])


def test_unknown_extension_is_sniffed_as_html(tmp_path):
    (tmp_path / "page.php").write_text(
        "<!doctype html><html><head><title>T</title></head><body><p>Sniffed body text.</p></body></html>"
    )
    [a] = results(tmp_path / "page.php")
    assert a.html is not None and "Sniffed body text." in a.text


STORY = (
    "<p>Heavy rains caused flooding across Nairobi on Monday, displacing thousands of residents, officials said.</p>"
    "<p>The Kenya Red Cross said twelve people had died and more rain was expected later this week.</p>"
)


@pytest.mark.parametrize(
    ("head", "footer"),
    [
        ("", "<footer>© 2026 Example News. All rights reserved.</footer>"),
        ("", "<footer>Copyright &copy; 2019-2026 Example News</footer>"),
        ('<meta itemprop="copyrightYear" content="2025">', ""),
    ],
)
def test_html_copyright_year_is_not_a_publication_date(tmp_path, head, footer):
    page = f"<html><head><title>Floods</title>{head}</head><body><article><h1>Floods hit Nairobi</h1>{STORY}</article>{footer}</body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    [a] = results(tmp_path / "p.html")
    assert "Kenya Red Cross" in a.text
    assert a.published is None and a.published_from is None and "published_raw" not in a.meta


@pytest.mark.parametrize(
    "dateline",
    ["KANO, Litinin 12 ga Oktoba 2026 - Gobara ta tashi a kasuwar Kurmi da ke birnin Kano.",
     "KANO, 12 Oṣù Kẹwàá 2026 - Iná jó ọjà Kurmi ní ìlú Kano."],
)
def test_html_with_only_a_year_htmldate_can_read_is_undated(tmp_path, dateline):
    # htmldate reads the year of a date in a language it does not know and answers 1 January:
    # these pages were stored as published 2026-01-01, "from metadata".
    page = f"<html><head><meta charset='utf-8'><title>Kurmi</title></head><body><article><h1>Kurmi</h1><p>{dateline}</p>{STORY}</article></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    [a] = results(tmp_path / "p.html")
    assert a.published is None and a.published_from is None


def test_html_first_of_january_byline_still_dates_a_page_with_a_copyright_footer(tmp_path):
    page = (
        "<html><head><title>Floods</title></head><body><article><h1>Floods hit Nairobi</h1>"
        f"<p class='date'>Published 1 January 2026</p>{STORY}</article><footer>© 2026 Example News</footer></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    [a] = results(tmp_path / "p.html")
    assert a.published == datetime(2026, 1, 1, tzinfo=UTC) and a.published_from == "metadata"


def test_html_short_article_beside_its_menu_still_lands(tmp_path):
    page = (
        "<html><head><title>Brief</title></head><body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        "<main><p>Sport</p><p>Kenya won.</p></main><footer>© 2026 Example News</footer></body></html>"
    )
    (tmp_path / "brief.html").write_text(page, encoding="utf-8")
    [a] = results(tmp_path / "brief.html")
    assert "Kenya won." in a.text


# -- JSON and JSON Lines -------------------------------------------------------


def test_json_list_and_articles_wrapper(tmp_path):
    records = [
        {
            "id": 7,
            "title": "One",
            "text": "First body.",
            "url": "https://a.example/1",
            "source": "A",
            "published": "2024-01-02T03:04:05Z",
            "lang": "en",
        },
        {
            "headline": "Two",
            "body": "Second body.",
            "pubDate": "Tue, 02 Jan 2024 10:00:00 +0000",
            "language": "sw",
            "link": "https://b.example/2",
            "outlet": "B",
            "section": "world",
        },
    ]
    (tmp_path / "list.json").write_text(json.dumps(records))
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": records[:1]}))
    (tmp_path / "one.json").write_text(json.dumps({"content": "Alone.", "site": "C", "date": "not a date"}))

    one, two = results(tmp_path / "list.json")
    assert (one.external_id, one.title, one.text, one.url, one.source) == ("7", "One", "First body.", "https://a.example/1", "A")
    assert one.published == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC) and one.meta["lang"] == "en"
    assert one.origin == f"{tmp_path / 'list.json'}#item-1"
    assert (two.title, two.text, two.url, two.source, two.meta["lang"]) == (
        "Two",
        "Second body.",
        "https://b.example/2",
        "B",
        "sw",
    )
    assert two.published == datetime(2024, 1, 2, 10, 0, tzinfo=UTC)
    assert two.meta["extra"] == {"section": "world"}

    [w] = results(tmp_path / "wrapped.json")
    assert w.external_id == "7"
    [alone] = results(tmp_path / "one.json")
    assert (alone.text, alone.source, alone.published, alone.meta["published_raw"]) == ("Alone.", "C", None, "not a date")


def test_jsonl_keeps_ids_and_text_intact(tmp_path):
    lines = [
        json.dumps({"id": "ap-1", "title": "T1", "text": "Body one."}),
        "",
        json.dumps({"text": "  only text, spaces kept \n"}),
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    first, second = results(tmp_path / "a.jsonl")
    assert first.external_id == "ap-1" and first.origin == f"{tmp_path / 'a.jsonl'}:1"
    assert second.text == "  only text, spaces kept \n" and second.title == ""
    assert second.origin == f"{tmp_path / 'a.jsonl'}:3"  # line numbers count blank lines


# -- feeds -----------------------------------------------------------------------


def test_rss2_items():
    items = results(FIXTURES / "rss2.xml")
    origin = str(FIXTURES / "rss2.xml")
    first, err, third = items
    assert first.title == "Mvua kubwa yanyesha Dar es Salaam"
    assert (
        first.text
        == "Mvua kubwa imenyesha jijini Dar es Salaam usiku wa kuamkia leo.\nMamlaka ya Hali ya Hewa imetoa tahadhari kwa wakazi wa mabondeni."
    )
    assert first.url == "https://habarileo.example/2024/04/mvua" and first.external_id == "habarileo-1001"
    assert first.published == datetime(2024, 4, 9, 4, 15, tzinfo=UTC)
    assert first.source == "Habari Leo" and first.meta["lang"] == "sw" and first.meta["author"] == "Asha Mohamed"
    assert first.origin == f"{origin}#item-1"
    assert isinstance(err, InputError) and err.where == f"{origin}#item-2" and "only a title" in err.reason
    assert third.source == "Mwananchi"  # the item's own <source> beats the channel title
    assert third.text == "Bei ya mafuta imepanda kwa asilimia tano.\nWasafirishaji wamelalamika."
    assert third.published is None and third.meta["published_raw"] == "sometime last week"


def test_atom_entries():
    first, second = results(FIXTURES / "atom.xml")
    assert first.title == "اليابان تنضم إلى مهمة الناتو"
    assert first.url == "https://akhbar.example/2024/05/japan-nato"  # rel=alternate, not the enclosure
    assert first.external_id == "tag:akhbar.example,2024:1"
    assert first.published == datetime(2024, 5, 1, 6, 0, tzinfo=UTC)  # <published>, not <updated>
    assert first.text.split("\n") == [
        "أعربت اليابان عن اهتمامها بالمشاركة في مهمة الناتو.",
        "وقال وزير الدفاع إن بلاده تريد تعميق التعاون.",
    ]
    assert first.source == "الأخبار اليومية" and first.meta["lang"] == "ar"
    assert second.text == "نص الموجز." and second.url == "https://akhbar.example/2024/05/brief"
    assert second.published == datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def test_rss1_rdf_items():
    [a] = results(FIXTURES / "rss1.rdf")
    assert (a.title, a.url, a.source) == ("Port reopens after storm", "https://wire.example/story/42", "Wire Service")
    assert a.external_id == "https://wire.example/story/42"
    assert a.published == datetime(2024, 6, 3, 8, 0, tzinfo=UTC)


def test_feed_xml_declaration_encoding_is_honoured(tmp_path):
    feed = (
        '<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>الأهرام</title>'
        "<item><title>خبر عاجل</title><description>نص الخبر باللغة العربية.</description></item></channel></rss>"
    )
    (tmp_path / "ar.rss").write_bytes(feed.encode("cp1256"))
    [a] = results(tmp_path / "ar.rss")
    assert (a.title, a.text, a.source) == ("خبر عاجل", "نص الخبر باللغة العربية.", "الأهرام")


# -- WARC ---------------------------------------------------------------------------


def _write_warc(path: Path, *, gzip: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (FIXTURES / "article.html").read_bytes()
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gzip)

        def response(uri, body, ctype, status="200 OK", date=None):
            hh = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            headers = {"WARC-Date": date} if date else None
            rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=hh, warc_headers_dict=headers)
            w.write_record(rec)

        w.write_record(w.create_warc_record("https://x.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        response("https://sahel-quotidien.example/sommet?utm_source=x", page, "text/html; charset=utf-8")
        response("https://x.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png")
        response(
            "https://x.example/missing",
            b"<html><body><p>Not found page text.</p></body></html>",
            "text/html",
            status="404 Not Found",
        )
        response("https://x.example/notes.txt", b"Plain wire copy.\nSecond line.", "text/plain", date="2024-07-01T12:00:00Z")


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_html_and_text_responses(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    _write_warc(path, gzip=gzip)
    items = results(path)
    assert not errors(items)
    page, note = items
    assert page.title == "Niamey accueille un sommet régional" and "Bamako" in page.text
    assert page.url == "https://sahel-quotidien.example/politique/2024/03/sommet-niamey"  # the page's canonical link
    assert page.meta["fetched_url"] == "https://sahel-quotidien.example/sommet?utm_source=x"
    assert page.published == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)  # the page's own date beats WARC-Date
    assert page.origin == f"{path}#record-2"
    assert note.text == "Plain wire copy.\nSecond line." and note.url == "https://x.example/notes.txt"
    assert note.published == datetime(2024, 7, 1, 12, 0, tzinfo=UTC)  # WARC-Date as the fallback
    assert note.origin == f"{path}#record-5"


# -- stdin ------------------------------------------------------------------------------


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_jsonl(monkeypatch):
    _stdin(monkeypatch, b'{"text": "one", "id": 1}\n{"text": "two"}\nnot json\n')
    out = list(read_all(["-"]))
    assert [a.text for a in articles(out)] == ["one", "two"]
    assert [a.origin for a in articles(out)] == ["<stdin>:1", "<stdin>:2"]
    [err] = errors(out)
    assert err.where == "<stdin>:3"


def test_stdin_feed_html_and_text(monkeypatch):
    _stdin(monkeypatch, (FIXTURES / "rss1.rdf").read_bytes())
    [a] = list(read(Source("stdin", "-")))
    assert a.title == "Port reopens after storm" and a.origin == "<stdin>#item-1"

    _stdin(monkeypatch, (FIXTURES / "article.html").read_bytes())
    [a] = list(read(Source("stdin", "-")))
    assert a.title == "Niamey accueille un sommet régional" and a.origin == "<stdin>"

    monkeypatch.setattr(sys, "stdin", io.StringIO("Just a wire story typed in.\n"))  # no .buffer
    [a] = list(read(Source("stdin", "-")))
    assert a.text == "Just a wire story typed in.\n" and a.html is None


# -- the package surface ------------------------------------------------------------------


def test_public_api_and_lazy_imports():
    import subprocess

    import babelwire.ingest as ingest

    assert sorted(ingest.__all__) == ["IngestOptions", "Skipped", "Source", "SourceKind", "expand", "read", "read_all"]
    opts = ingest.IngestOptions()
    assert (opts.max_bytes, opts.timeout, opts.max_redirects, opts.allow_private, opts.fetch_feed_items) == (
        50 * 1024 * 1024,
        20.0,
        5,
        False,
        False,
    )
    code = "import sys, babelwire.ingest; print(sorted(m for m in ('trafilatura', 'httpx', 'warcio', 'lxml', 'charset_normalizer', 'defusedxml') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1]
    )
    assert out.stdout.strip() == "[]"  # heavy parsers load only when an input needs them


@pytest.mark.parametrize(
    ("raw", "utc_hour"),
    [
        ("Sun, 20 Sep 2026 12:00:00 +05:30", (6, 30)),  # an offset with a colon
        ("Sun, 20 Sep 2026 12:00:00 CEST", (10, 0)),  # zone names RFC 822 does not define
        ("Sun, 20 Sep 2026 12:00:00 EAT", (9, 0)),
        ("Sun, 20 Sep 2026 12:00:00 GMT+2", (10, 0)),
        ("Sun, 20 Sep 2026 12:00:00 PDT", (19, 0)),  # one it does
    ],
)
def test_rss_dates_keep_their_zone(bw, raw: str, utc_hour: tuple[int, int]) -> None:
    # email.utils reads an unknown zone as none: the time was stored as UTC, hours off.
    report = bw.ingest_articles([{"title": "Saa", "text": "Mvua kubwa ilinyesha jijini Nairobi.", "published": raw, "lang": "sw"}])
    assert report.ingested == 1
    (a,) = bw.articles(limit=0)
    assert (a.published.hour, a.published.minute) == utc_hour and a.published.day == 20, raw


def test_relative_item_links_resolve(tmp_path):
    # Stored as "/news/2026/port-strike", such a link gave a content-hash id and could not be fetched.
    rss = tmp_path / "feed.xml"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Coastal Herald</title>'
        "<link>https://coastal-herald.example/</link>"
        "<item><title>Port strike</title><link>/news/2026/port-strike</link><description>Dock workers walked out.</description></item>"
        "<item><title>Absolute</title><link>https://other.example/a</link><description>Kept as it is.</description></item>"
        "</channel></rss>"
    )
    atom = tmp_path / "atom.xml"
    atom.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom-times.example/section/">'
        "<title>Atom Times</title><entry><title>Election</title><link href=\"stories/election\"/>"
        "<content>Polls opened early.</content></entry>"
        '<entry xml:base="/other/"><title>Own base</title><link href="x"/><content>Its own base.</content></entry></feed>'
    )
    assert [a.url for a in articles(results(rss))] == ["https://coastal-herald.example/news/2026/port-strike", "https://other.example/a"]
    assert [a.url for a in articles(results(atom))] == [
        "https://atom-times.example/section/stories/election", "https://atom-times.example/other/x"]


def test_a_summary_that_only_links_to_its_page_is_no_text(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Coastal Herald</title><link>https://ch.example/</link>'
        "<item><title>Strike ends</title><link>/a</link><description><![CDATA[<p>Dock workers went back after three weeks. "
        '<a href="/a">Read more</a></p>]]></description></item>'
        '<item><title>Teaser only</title><link>/b</link><description><![CDATA[<a href="/b">Continue reading &raquo;</a>]]></description></item>'
        "</channel></rss>"
    )
    got = results(feed)
    assert articles(got)[0].text == "Dock workers went back after three weeks."
    # was "no text left after cleaning"; now the reason says what would help
    assert [e.reason for e in errors(got)] == ["item has only a title; ingest with --fetch-items to fetch its page"]


def test_html_mojibake_is_repaired_before_extraction(tmp_path):
    # Yoruba read as cp1252: "í" and "à" leave a soft hyphen and a no-break space, which extraction
    # dropped or spaced before the clean step could repair them ("ní" came out "nà").
    yoruba = "Omi ya jáde láti inú ìsédò Tiga ní ìpínlẹ̀ Kano ní alẹ́ ọjọ́ Àìkú, ó sì bo abúlé méjìlá ní ìjọba ìbílẹ̀ Bebeji."
    garbled = yoruba.encode("utf-8").decode("latin-1")
    page = f"<html><head><meta charset='utf-8'><title>Tiga</title></head><body><article><h1>Ìsédò Tiga</h1><p>{garbled}</p><p>{garbled}</p></article></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    [a] = results(tmp_path / "p.html")
    assert yoruba in a.text and "Ã" not in a.text


def test_json_lines_without_a_source_take_the_urls_site_or_else_the_folder(tmp_path):
    # QA: an Al Jazeera export with URLs and no "source" key gave "no outlet", and --source found nothing.
    folder = tmp_path / "feeds" / "aljazeera"
    folder.mkdir(parents=True)
    lines = [
        {"title": "A", "text": "نص الخبر الأول.", "url": "https://www.aljazeera.net/news/2024/11/14/a"},
        {"title": "B", "text": "نص الخبر الثاني."},
        {"title": "C", "text": "نص الخبر الثالث.", "source": "الجزيرة"},
        {"title": "D", "text": "نص الخبر الرابع.", "url": "https://[bad-host/news/1"},  # review: lost the whole file
    ]
    (folder / "export.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    got = [a.source for a in articles(list(read_all([str(tmp_path / "feeds")])))]
    assert got == ["aljazeera.net", "aljazeera", "الجزيرة", "aljazeera"]
