"""Following feeds (``ingest --every``): rounds on a real loopback server that counts what it is asked."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from babelwire import Babelwire
from babelwire.cli import app

PAGE = """<html lang="sw"><head><title>{title}</title></head><body><nav>Nyumbani | Habari</nav>
<article><h1>{title}</h1>
<p>{lead} Maafisa wa serikali walisema hatua zaidi zitachukuliwa katika siku zijazo ili kuwasaidia wananchi.</p>
<p>Wakazi wa eneo hilo waliwaambia waandishi wa habari kwamba hali bado ni ngumu na msaada unahitajika haraka.</p>
</article><footer>© Habari</footer></body></html>"""

ITEMS = {
    "page1": ("Mafuriko yaathiri maelfu Kassala", "Mafuriko makubwa yamewalazimisha maelfu ya watu kuhama Kassala."),
    "page2": ("Bei ya mafuta yashuka Dar es Salaam", "Bei ya mafuta imeshuka kwa mara ya kwanza tangu mwaka jana."),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        server = self.server
        server.hits[self.path] += 1  # type: ignore[attr-defined]
        base = f"http://127.0.0.1:{server.server_address[1]}"
        if self.path == "/feed.xml":
            items = "".join(f"<item><title>{ITEMS[k][0]}</title><link>{base}/{k}</link><description>{ITEMS[k][0]}.</description></item>"
                            for k in server.published)  # type: ignore[attr-defined]
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Habari Daily</title>{items}</channel></rss>'.encode()
            etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
            if self.headers.get("If-None-Match") == etag:
                server.not_modified += 1  # type: ignore[attr-defined]
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(body, "application/rss+xml", etag)
        elif self.path.lstrip("/") in ITEMS:
            title, lead = ITEMS[self.path.lstrip("/")]
            self._send(PAGE.format(title=title, lead=lead).encode(), "text/html; charset=utf-8")
        else:
            self.send_response(404)
            self.end_headers()

    def _send(self, body: bytes, ctype: str, etag: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.hits = Counter()  # type: ignore[attr-defined]
    httpd.published = ["page1"]  # type: ignore[attr-defined]
    httpd.not_modified = 0  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _feed(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"


def test_rounds_ask_only_for_what_changed(server: ThreadingHTTPServer, tmp_path: Path) -> None:
    reports = []

    def between_rounds(seconds: float) -> None:
        assert seconds == 600
        if len(reports) == 2:  # after the second round the outlet publishes a new item
            server.published.append("page2")  # type: ignore[attr-defined]

    with Babelwire(tmp_path / "f.db", embedder="none", allow_private=True, fetch_feed_items=True, timeout=5) as bw:
        ran = bw.follow([_feed(server)], 600, rounds=3, sleep=between_rounds, on_round=lambda n, r: reports.append((n, r)))
        stored = {a.title: a for a in bw.articles(limit=0)}
    assert ran == 3 and [n for n, _ in reports] == [1, 2, 3]
    first, unchanged, grown = (r for _, r in reports)
    assert (first.ingested, first.failed) == (1, 0)
    # Round 2: the feed answered 304 Not Modified, so there was nothing to read.
    assert (unchanged.ingested, unchanged.duplicates, unchanged.failed) == (0, 0, 0) and server.not_modified == 1  # type: ignore[attr-defined]
    # Round 3: the new item is read with its page; the old one is known and its page not asked for again.
    assert (grown.ingested, grown.duplicates, grown.failed) == (1, 1, 0)
    assert server.hits == {"/feed.xml": 3, "/page1": 1, "/page2": 1}  # type: ignore[attr-defined]
    assert "Wakazi wa eneo hilo" in stored["Bei ya mafuta yashuka Dar es Salaam"].text  # the page's text, not the summary


def test_a_second_ingest_does_not_fetch_stored_items_again(server: ThreadingHTTPServer, tmp_path: Path) -> None:
    with Babelwire(tmp_path / "f.db", embedder="none", allow_private=True, fetch_feed_items=True, timeout=5) as bw:
        assert bw.ingest([_feed(server)]).ingested == 1
        again = bw.ingest([_feed(server)])
    assert (again.ingested, again.duplicates, again.failed) == (0, 1, 0)
    assert server.hits == {"/feed.xml": 2, "/page1": 1}  # type: ignore[attr-defined]


def test_cli_follows_for_the_rounds_asked_and_checks_its_options(server: ThreadingHTTPServer, tmp_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(tmp_path / "cli.db")]
    result = runner.invoke(app, ["ingest", _feed(server), *db, "--every", "1s", "--rounds", "2", "--allow-private",
                                 "--fetch-items", "--no-embed", "--json"])
    assert result.exit_code == 0, result.output
    rounds = [json.loads(line) for line in result.stdout.splitlines()]  # one JSON object per round, a line each
    assert [(r["round"], r["ingested"], r["failed"]) for r in rounds] == [(1, 1, 0), (2, 0, 0)]
    text = runner.invoke(app, ["ingest", _feed(server), *db, "--every", "1", "--rounds", "1", "--allow-private", "--no-embed"])
    assert text.exit_code == 0 and "round 1, " in text.stdout and "0 ingested" in text.stdout
    for bad in (["--every", "soon"], ["--every", "0s"], ["--rounds", "2"]):
        refused = runner.invoke(app, ["ingest", _feed(server), *db, *bad])
        assert refused.exit_code == 2, (bad, refused.output)


def test_a_followed_folder_is_read_again_only_where_it_changed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Mafuriko yaathiri maelfu Kassala\n\n" + ITEMS["page1"][1] * 3, encoding="utf-8")
    (inbox / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    _settle(inbox / "a.txt", inbox / "broken.txt")
    reports = []

    def between_rounds(seconds: float) -> None:
        if len(reports) == 1:  # a new file arrives; the broken one stays as it was
            (inbox / "b.txt").write_text("Bei ya mafuta yashuka Dar es Salaam\n\n" + ITEMS["page2"][1] * 3, encoding="utf-8")
            _settle(inbox / "b.txt")

    with Babelwire(tmp_path / "f.db", embedder="none") as bw:
        bw.follow([inbox], 60, rounds=3, sleep=between_rounds, on_round=lambda n, r: reports.append(r))
        assert bw.count("articles") == 2
        with pytest.raises(Exception, match="standard input"):
            bw.follow(["-"], 60, rounds=1)
    first, second, third = reports
    assert (first.ingested, first.failed) == (1, 1) and "broken.txt" in first.failures[0]["where"]
    # Only the new file is read; the stored one and the broken one, unchanged, are not read (or reported) again.
    assert (second.ingested, second.duplicates, second.failed) == (1, 0, 0)
    assert (third.ingested, third.duplicates, third.failed) == (0, 0, 0)


def _settle(*paths: Path) -> None:
    """Date files a minute back, as if their writers had finished long ago."""
    for path in paths:
        then = path.stat().st_mtime - 60
        os.utime(path, (then, then))


def test_a_file_still_being_written_waits_for_the_next_round(tmp_path: Path) -> None:
    # A followed file read half-written was stored as it was, and the finished file became a second article.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    story = inbox / "habari.txt"
    body = "Bei ya mafuta yashuka Dar es Salaam\n\n" + ITEMS["page2"][1] * 3
    story.write_text(body[: len(body) // 2], encoding="utf-8")  # the writer is half-way through
    reports = []

    def between_rounds(seconds: float) -> None:
        if len(reports) == 1:  # the writer finishes, and the file then rests
            story.write_text(body, encoding="utf-8")
            _settle(story)

    with Babelwire(tmp_path / "f.db", embedder="none") as bw:
        bw.follow([inbox], 60, rounds=2, sleep=between_rounds, on_round=lambda n, r: reports.append(r))
        (only,) = bw.articles(limit=0)
    first, second = reports
    assert (first.ingested, first.deferred) == (0, [str(story)])
    assert (second.ingested, second.deferred) == (1, [])
    assert only.text.rstrip().endswith(body.rstrip()[-40:])  # the whole file, not the half seen first
    assert "deferred" in first.to_dict()


def test_a_plain_ingest_reads_a_file_however_new(tmp_path: Path) -> None:
    fresh = tmp_path / "habari.txt"
    fresh.write_text("Bei ya mafuta yashuka Dar es Salaam\n\n" + ITEMS["page2"][1] * 3, encoding="utf-8")
    with Babelwire(tmp_path / "f.db", embedder="none") as bw:
        report = bw.ingest([fresh])
    assert (report.ingested, report.deferred) == (1, [])


def test_a_file_dated_in_the_future_is_read_not_held_back(tmp_path: Path) -> None:
    # Review: a modification time an hour ahead (an archive from a machine with its clock
    # wrong) read as "changed in the last 2 s" in every round, so the file was never read.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ahead = inbox / "habari.txt"
    ahead.write_text("Bei ya mafuta yashuka Dar es Salaam\n\n" + ITEMS["page2"][1] * 3, encoding="utf-8")
    later = ahead.stat().st_mtime + 3600
    os.utime(ahead, (later, later))
    reports = []
    with Babelwire(tmp_path / "f.db", embedder="none") as bw:
        bw.follow([inbox], 60, rounds=1, sleep=lambda s: None, on_round=lambda n, r: reports.append(r))
    assert (reports[0].ingested, reports[0].deferred) == (1, [])
