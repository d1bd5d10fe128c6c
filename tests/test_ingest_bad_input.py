"""Bad input never stops a run: each problem is one InputError, and good items still come out."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from babelwire.article import Article
from babelwire.errors import InputError
from babelwire.ingest import IngestOptions, Source, read, read_all
from babelwire.ingest.decode import decode

ARABIC = "أعربت اليابان عن اهتمامها يوم الثلاثاء بالمشاركة في قيادة الناتو لمهمتها الأوكرانية مقرها في ألمانيا."
FRENCH = "Le président a déclaré mardi que la réunion aura lieu à Genève l'été prochain, après les élections."
RUSSIAN = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе."


def results(path: Path | str, **options) -> list[Article | InputError]:
    return list(read_all([str(path)], IngestOptions(**options)))


def only_error(path: Path | str, **options) -> InputError:
    items = results(path, **options)
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


# -- binary and empty files ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("notes.txt", b"looks like text\x00\x00\x01\x02 but has NUL bytes", "NUL"),
        ("story.txt.gz", gzip.compress(b"a gzipped story"), "gzip"),
        ("doc.json", b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    ],
)
def test_binary_files_are_refused(tmp_path, name, data, what):
    (tmp_path / name).write_bytes(data)
    err = only_error(tmp_path / name)
    assert err.where == str(tmp_path / name)
    assert err.reason.startswith("binary file (") and what in err.reason


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  ", b"\xef\xbb\xbf", "   \n".encode("utf-16")])
@pytest.mark.parametrize("name", ["x.txt", "x.html", "x.jsonl", "x.rss"])
def test_empty_files_are_refused(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    assert only_error(tmp_path / name).reason == "empty file"


def test_directory_with_bad_files_still_yields_the_good_ones(tmp_path):
    (tmp_path / "a.txt").write_text("Good story.")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")  # not news by its name: skipped, not failed
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.4")  # a PDF under a text name: refused
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_text("Another good story.")
    items = results(tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "InputError", "InputError", "Article"]


# -- sizes ----------------------------------------------------------------------------------


def test_oversize_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    tracemalloc.start()
    try:
        err = only_error(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.reason == "file is 100 MB, over the limit of 50 MB (raise --max-bytes)"
    assert peak < 5 * 1024 * 1024  # reading it would have cost 100 MB


def test_max_bytes_is_configurable(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 3000)
    assert "over the limit" in only_error(tmp_path / "a.txt", max_bytes=1024).reason
    [a] = results(tmp_path / "a.txt", max_bytes=4096)
    assert len(a.text) == 3000


# -- encodings ---------------------------------------------------------------------------------


def test_windows_1256_arabic(tmp_path):
    (tmp_path / "ar.txt").write_bytes(ARABIC.encode("cp1256"))
    [a] = results(tmp_path / "ar.txt")
    assert a.text == ARABIC
    assert a.meta["warnings"] == ["decoded as windows-1256"]


def test_latin1_french(tmp_path):
    (tmp_path / "fr.txt").write_bytes(FRENCH.encode("latin-1"))
    [a] = results(tmp_path / "fr.txt")
    assert a.text == FRENCH
    assert a.meta["warnings"] == ["decoded as windows-1252"]


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_cyrillic_legacy_encodings(codec):
    d = decode(RUSSIAN.encode(codec))
    assert d.text == RUSSIAN and d.encoding == codec.replace("cp", "windows-")


def test_short_legacy_texts_are_told_apart():
    for text, codec in [("اليابان", "cp1256"), ("Élection à Paris", "latin-1"), ("как дела", "koi8-r"), ("Привет мир", "cp1251")]:
        assert decode(text.encode(codec)).text == text, (text, codec)


def test_invalid_utf8_with_a_few_bad_bytes(tmp_path):
    good = (FRENCH + "\n" + ARABIC + "\n").encode("utf-8")
    (tmp_path / "bad.txt").write_bytes(good[:50] + b"\xff" + good[50:120] + b"\xc3(" + good[120:])
    [a] = results(tmp_path / "bad.txt")
    assert a.text.count("\ufffd") == 2
    assert a.meta["warnings"] == ["invalid UTF-8: 2 bad bytes replaced with U+FFFD"]
    assert ARABIC[-20:] in a.text  # the rest is intact


def test_utf8_bom_and_utf16_bom(tmp_path):
    (tmp_path / "bom8.txt").write_bytes(b"\xef\xbb\xbf" + ARABIC.encode())
    (tmp_path / "bom16.txt").write_bytes(ARABIC.encode("utf-16"))
    for name in ("bom8.txt", "bom16.txt"):
        [a] = results(tmp_path / name)
        assert a.text == ARABIC and "warnings" not in a.meta


# -- JSON ---------------------------------------------------------------------------------------


def test_malformed_json_lines_among_good_ones(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "title": "A", "text": "first"}),
                '{"id": "b", "text": "unterminated',
                json.dumps(["not", "an", "object"]),
                json.dumps({"id": "d", "title": "no text here"}),
                json.dumps({"id": "e", "text": 42}),
                json.dumps({"id": "f", "text": "last good"}),
            ]
        )
    )
    items = results(path)
    assert [a.external_id for a in items if isinstance(a, Article)] == ["a", "f"]
    errs = {e.where: e.reason for e in items if isinstance(e, InputError)}
    assert list(errs) == [f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:5"]
    assert errs[f"{path}:2"].startswith("invalid JSON")
    assert "expected a JSON object, got a list" in errs[f"{path}:3"]
    assert "no text" in errs[f"{path}:4"] and "body" in errs[f"{path}:4"]
    assert "must be a string" in errs[f"{path}:5"]


def test_invalid_json_document(tmp_path):
    (tmp_path / "broken.json").write_text('[{"text": "a"},')
    err = only_error(tmp_path / "broken.json")
    assert err.reason.startswith("invalid JSON") and "line 1" in err.reason


def test_truncated_json_line_reads_naturally(tmp_path):
    path = tmp_path / "a_good.jsonl"
    truncated = '{"id": "c", "title": "Cut", "text": "the wire was cut mid'
    path.write_text("\n".join([json.dumps({"text": "one"}), json.dumps({"text": "two"}), truncated]) + "\n")
    items = results(path)
    assert [isinstance(i, Article) for i in items] == [True, True, False]
    column = truncated.index('"the wire') + 1  # where the unterminated string starts
    assert items[2].where == f"{path}:3"
    assert items[2].reason == f"invalid JSON: unterminated string starting at column {column}"


def test_invalid_json_document_reason_names_line_and_column(tmp_path):
    (tmp_path / "cut.json").write_text('[{"text": "a"},\n {"text": "b')
    err = only_error(tmp_path / "cut.json")
    assert err.reason == "invalid JSON: unterminated string starting at line 2 column 11"


def test_json_list_with_one_bad_element(tmp_path):
    (tmp_path / "l.json").write_text(json.dumps([{"text": "ok"}, "oops", {"text": ""}]))
    ok, bad, empty = results(tmp_path / "l.json")
    assert isinstance(ok, Article)
    assert bad.where.endswith("#item-2") and empty.where.endswith("#item-3")


# -- HTML -----------------------------------------------------------------------------------------


NAV = '<nav><a href="/">Home</a> <a href="/about">About</a></nav>'
FOOTER = "<footer>© 2026 Example News. All rights reserved.</footer>"
CHROME_PAGE = f"<html><head><title>Home</title></head><body>{NAV}{FOOTER}</body></html>"


def test_html_page_of_only_site_chrome_fails_and_the_batch_goes_on(tmp_path):
    (tmp_path / "d_chrome.html").write_text(CHROME_PAGE, encoding="utf-8")
    (tmp_path / "e_story.html").write_text(
        f"<html><head><title>Floods</title></head><body>{NAV}"
        f"<article><p>Heavy rains flooded Nairobi on Monday, officials said.</p></article>{FOOTER}</body></html>",
        encoding="utf-8",
    )
    items = results(tmp_path)
    errs = [e for e in items if isinstance(e, InputError)]
    arts = [a for a in items if isinstance(a, Article)]
    assert [(Path(e.where).name, e.reason) for e in errs] == [("d_chrome.html", "no article text found in the HTML page")]
    assert len(arts) == 1 and "Heavy rains flooded Nairobi" in arts[0].text


@pytest.mark.parametrize(
    "chrome",
    [
        "<header><a href='/'>Example News</a></header><nav><a href='/'>Home</a></nav>",
        "<aside><h3>Most read</h3><ul><li><a href='/a'>Markets</a></li></ul></aside>",
    ],
)
def test_html_page_of_header_aside_and_copyright_only_fails(tmp_path, chrome):
    page = f"<html><body>{chrome}<footer>Copyright 2019-2026 Example News</footer></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    assert only_error(tmp_path / "p.html").reason == "no article text found in the HTML page"


# -- feeds ----------------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>x</title><description>&lol9;</description></item></channel></rss>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&xxe;</description></item></channel></rss>
"""


@pytest.mark.parametrize(("name", "feed"), [("bomb.xml", BILLION_LAUGHS), ("xxe.rss", EXTERNAL_ENTITY)])
def test_feeds_declaring_entities_are_refused(tmp_path, name, feed):
    (tmp_path / name).write_text(feed)
    err = only_error(tmp_path / name)
    assert err.reason.startswith("refused: the feed declares XML entities")
    assert "root:" not in err.reason  # nothing from /etc/passwd leaked into the message


def rss_results(tmp_path, items: list[tuple[str, str]], channel: str = "La Lettre") -> list:
    """What ingest reads from an RSS file of these (title, description) items, one per line after the
    channel's line, as written (markup and references untouched)."""
    lines = "".join(f"<item><title>{title}</title><link>https://e.example/{n}</link><description>{text}</description></item>\n"
                    for n, (title, text) in enumerate(items, start=1))
    (tmp_path / "feed.xml").write_text(f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>{channel}</title>\n{lines}</channel></rss>')
    return results(tmp_path / "feed.xml")


def test_one_malformed_item_does_not_lose_the_feed(tmp_path):
    got = rss_results(tmp_path, [(t, FRENCH) for t in ["Un", "Deux", "Trois <b>gras", "Quatre", "Cinq"]])
    assert [a.title for a in got if isinstance(a, Article)] == ["Un", "Deux", "Quatre", "Cinq"]
    [error] = [e for e in got if isinstance(e, InputError)]
    assert error.where.endswith("feed.xml#item-3") and error.reason.startswith("not well-formed XML at line 5")


def test_a_bare_ampersand_is_read_as_the_character_it_means(tmp_path):
    # QA: "Rwanda & Burundi" in one item's title lost that whole item as not well-formed XML.
    titles = ["Rwanda & Burundi", "Prix &amp; salaires", "<![CDATA[R&D]]>", "Trois <b>gras", "Café &#38; thé"]
    got = rss_results(tmp_path, [(t, FRENCH) for t in titles], channel="Broken & Feed")
    articles = [a for a in got if isinstance(a, Article)]
    assert [a.title for a in articles] == ["Rwanda & Burundi", "Prix & salaires", "R&D", "Café & thé"]
    assert {a.source for a in articles} == {"Broken & Feed"}
    assert all(any("read as the characters" in w for w in a.meta["warnings"]) for a in articles)
    [error] = [e for e in got if isinstance(e, InputError)]  # the unclosed tag is still that item's fault alone
    assert error.where.endswith("feed.xml#item-4")


def test_references_survive_a_broken_item_and_html_entities_are_read(tmp_path):
    # QA: after an item with an unclosed tag, libxml2's recovery dropped "&amp;", "&lt;" and "&quot;" from
    # every later item ("Ports &amp; harbours" was stored "Ports  harbours"), and an item holding "&nbsp;"
    # (an HTML name XML does not define) was lost whole.
    got = rss_results(tmp_path, [
        ("Trois <b>gras", FRENCH),
        ("Ports &amp; harbours: a &lt; b &quot;q&quot;", "Prix &amp; salaires &#38; " + FRENCH),
        ("Caf&eacute;&nbsp;et th&eacute; &copy; 2026", FRENCH),
    ])
    articles = [a for a in got if isinstance(a, Article)]
    assert [a.title for a in articles] == ['Ports & harbours: a < b "q"', "Café\u00a0et thé © 2026"]
    assert articles[0].text.startswith("Prix & salaires & ")
    [error] = [e for e in got if isinstance(e, InputError)]
    assert error.where.endswith("feed.xml#item-1")


def test_malformed_and_non_feed_xml(tmp_path):
    (tmp_path / "cut.xml").write_text('<?xml version="1.0"?><rss><channel><title>t</title><item>')
    assert only_error(tmp_path / "cut.xml").reason.startswith("not well-formed XML")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    assert "root element is <urlset>" in only_error(tmp_path / "sitemap.xml").reason


# -- WARC -------------------------------------------------------------------------------------------


def _warc_bytes(n: int, *, gzip_: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gzip_)
    for i in range(n):
        body = f"<html><body><article><p>Story number {i} has a paragraph of text that is long enough to keep.</p></article></body></html>"
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(f"https://x.example/{i}", "response", payload=io.BytesIO(body.encode()), http_headers=hh)
        )
    return buf.getvalue()


@pytest.mark.parametrize("gzip_", [False, True])
@pytest.mark.parametrize("keep", [0.5, 0.8, 0.95])
def test_truncated_warc_keeps_records_read(tmp_path, gzip_, keep):
    data = _warc_bytes(3, gzip_=gzip_)
    record_size = len(data) / 3
    cut = int(len(data) * keep)
    path = tmp_path / ("t.warc.gz" if gzip_ else "t.warc")
    path.write_bytes(data[:cut])
    items = results(path)
    *good, last = items
    assert all(isinstance(a, Article) for a in good) and len(good) == int(cut // record_size)
    assert isinstance(last, InputError) and last.where == str(path) and "truncated" in last.reason


def test_not_a_warc(tmp_path):
    (tmp_path / "x.warc").write_text("hello, not an archive")
    assert isinstance(only_error(tmp_path / "x.warc"), InputError)


# -- the contract ------------------------------------------------------------------------------------


def test_read_never_raises_on_unexpected_failures(tmp_path, monkeypatch):
    import babelwire.ingest.reader as reader

    def boom(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(reader, "read_text", boom)
    (tmp_path / "a.txt").write_text("text")
    [err] = list(read(Source("text", str(tmp_path / "a.txt"))))
    assert isinstance(err, InputError) and "parser exploded" in err.reason


def test_missing_file_and_directory_source(tmp_path):
    assert only_error(tmp_path / "gone.html").reason == "no such file or directory"
    [err] = list(read(Source("text", str(tmp_path))))
    assert "is a directory" in err.reason


def test_a_named_pipe_in_a_folder_is_reported_not_waited_on(tmp_path):
    import os

    os.mkfifo(tmp_path / "spool.txt")  # nothing ever writes to it: reading it would block the run forever
    (tmp_path / "real.txt").write_text("Title\n\n" + FRENCH)
    items = results(tmp_path)
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.where for e in errors] == [str(tmp_path / "spool.txt")] and "not a regular file" in errors[0].reason
    assert sum(isinstance(i, Article) for i in items) == 1


def test_symlinked_folders_are_walked_once_and_loops_end(tmp_path):
    outlet = tmp_path / "outlets" / "lettre"
    outlet.mkdir(parents=True)
    (outlet / "a.txt").write_text("Titre\n\n" + FRENCH)
    spool = tmp_path / "spool"
    spool.mkdir()
    (spool / "lettre").symlink_to(outlet)  # a folder of links to outlets' folders: was skipped, silently
    (spool / "again").symlink_to(outlet)  # the same folder twice is read once
    (spool / "loop").symlink_to(spool)
    items = results(spool)
    assert len(items) == 1 and isinstance(items[0], Article) and FRENCH in items[0].text


def test_a_link_to_nothing_says_so(tmp_path):
    # QA: a dangling link in a folder said "no such file or directory", though the link is right there.
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "gone.txt").symlink_to(tmp_path / "moved" / "gone.txt")
    err = only_error(folder)
    assert err.where.endswith("gone.txt") and err.reason == f"a link to nothing: {tmp_path / 'moved' / 'gone.txt'} does not exist"


def test_each_link_to_the_same_missing_file_is_reported(tmp_path):
    # QA: two links to one missing file were taken for one source, so only the first was reported.
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).symlink_to(tmp_path / "moved" / "gone.txt")
    errors = [r for r in read_all([str(folder), str(folder / "a.txt")], IngestOptions()) if isinstance(r, InputError)]
    assert sorted(Path(e.where).name for e in errors) == ["a.txt", "b.txt"]  # a.txt given twice is still one
