"""--fetch-items: a feed's summary is replaced by its linked page's text, on a real loopback server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from babelwire.article import Article
from babelwire.ingest import IngestOptions, read_all

PAGE = """<html lang="sw"><head><title>Mafuriko Kassala</title></head><body><nav>Nyumbani | Habari</nav>
<article><h1>Mafuriko yaathiri maelfu Kassala</h1>
<p>Mafuriko makubwa yamewalazimisha maelfu ya watu kuyahama makazi yao katika jimbo la Kassala mashariki mwa Sudan.</p>
<p>Maafisa wa Umoja wa Mataifa walisema msaada wa dharura unahitajika haraka kwa familia zilizoathirika.</p>
<p>Mvua zaidi zinatarajiwa wiki ijayo, kwa mujibu wa idara ya hali ya hewa.</p></article><footer>© Habari</footer></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed.xml":
            body = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Habari Daily</title>
<item><title>Mafuriko Kassala</title><link>{base}/page</link><description>Mafuriko yaathiri maelfu.</description></item>
<item><title>Habari nyingine</title><link>{base}/gone</link><description>Muhtasari mfupi wa habari.</description></item>
</channel></rss>""".encode()
            ctype = "application/rss+xml"
        elif self.path == "/titles.xml":  # items with a title and a link only, as many news feeds publish
            body = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Habari Daily</title>
<item><title>Mafuriko Kassala</title><link>{base}/page</link></item>
<item><title>Habari iliyoondolewa</title><link>{base}/gone</link></item>
</channel></rss>""".encode()
            ctype = "application/rss+xml"
        elif self.path == "/page":
            body, ctype = PAGE.encode(), "text/html; charset=utf-8"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_items_get_their_pages_text(server: str) -> None:
    opts = IngestOptions(allow_private=True, fetch_feed_items=True, timeout=5)
    items = [x for x in read_all([f"{server}/feed.xml"], opts)]
    assert all(isinstance(x, Article) for x in items)
    full, gone = items
    assert "Umoja wa Mataifa" in full.text and full.meta["page_url"].endswith("/page")
    assert full.title == "Mafuriko Kassala" and full.source == "Habari Daily"
    assert gone.text == "Muhtasari mfupi wa habari."  # the page is gone: the feed's text stays
    assert any("404" in w for w in gone.meta["warnings"])


def test_without_the_option_items_keep_their_summary(server: str) -> None:
    items = list(read_all([f"{server}/feed.xml"], IngestOptions(allow_private=True, timeout=5)))
    assert items[0].text == "Mafuriko yaathiri maelfu."


def test_item_pages_obey_the_private_address_rule(tmp_path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><title>T</title><item><title>x</title><link>http://127.0.0.1:9/p</link>'
                    "<description>Summary text only.</description></item></channel></rss>")
    (item,) = list(read_all([str(feed)], IngestOptions(fetch_feed_items=True, timeout=2)))
    assert item.text == "Summary text only."
    assert any("private" in w or "loopback" in w for w in item.meta["warnings"])


def test_title_only_items_are_fetched_with_the_option_and_reported_without(server: str) -> None:
    from babelwire.errors import InputError

    fetched, gone = read_all([f"{server}/titles.xml"], IngestOptions(allow_private=True, fetch_feed_items=True, timeout=5))
    assert isinstance(fetched, Article) and "Umoja wa Mataifa" in fetched.text and fetched.title == "Mafuriko Kassala"
    assert isinstance(gone, InputError) and "only a title" in gone.reason and "404" in gone.reason
    plain = list(read_all([f"{server}/titles.xml"], IngestOptions(allow_private=True, timeout=5)))
    assert all(isinstance(x, InputError) and "--fetch-items" in x.reason for x in plain)
    assert [x.where for x in plain] == [f"{server}/titles.xml#item-1", f"{server}/titles.xml#item-2"]
