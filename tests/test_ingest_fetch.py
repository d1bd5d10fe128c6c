"""URL ingest: the safe fetch (private addresses, redirects, timeouts, size caps) and Content-Type dispatch.

Only loopback servers are used; ``allow_private=True`` lets the tests reach them.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from babelwire.article import Article
from babelwire.errors import FetchError, InputError, UnsafeURLError
from babelwire.ingest import IngestOptions, Source, read
from babelwire.ingest.fetch import check_url, fetch

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SLOW_SECONDS = 1.5  # the slow route's delay; the tests' timeout is far below it
LOCAL = IngestOptions(allow_private=True, timeout=5.0)


class Handler(BaseHTTPRequestHandler):
    seen: list[str] = []

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/plain", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        Handler.seen.append(self.path)
        path = self.path
        if path == "/page":
            self._send(200, (FIXTURES / "article.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/feed":
            self._send(200, (FIXTURES / "rss2.xml").read_bytes(), "application/rss+xml")
        elif path == "/atom-as-xml":
            self._send(200, (FIXTURES / "atom.xml").read_bytes(), "text/xml")
        elif path == "/api/articles":
            self._send(200, b'[{"id": 1, "text": "From the API."}, {"text": "Second."}]', "application/json")
        elif path == "/legacy":
            self._send(200, "Le président à Genève.".encode("latin-1"), "text/plain; charset=ISO-8859-1")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4 binary", "application/pdf")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, b"too late")
        elif path == "/big":
            self._send(200, b"x" * 300_000)
        elif path == "/big-no-length":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # HTTP/1.0, no Content-Length: the body ends when the socket closes
            for _ in range(30):
                self.wfile.write(b"y" * 10_000)
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(302, headers={"Location": f"/hop/{n - 1}" if n > 0 else "/page"})
        elif path == "/missing":
            self._send(404, b"not here")
        else:
            self._send(500, b"unexpected path")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# -- check_url -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.1.2.3:8080/x",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://localhost/",
        "http://LOCALHOST.:8000/",
        "http://api.localhost/",
    ],
)
def test_private_and_loopback_addresses_are_refused(url):
    with pytest.raises(UnsafeURLError) as info:
        check_url(url, allow_private=False)
    assert info.value.where == url and "--allow-private" in info.value.reason
    check_url(url, allow_private=True)  # the opt-in lets them through


def test_hosts_resolving_to_private_addresses_are_refused(monkeypatch):
    def fake_getaddrinfo(host, *args, **kwargs):
        table = {"public.example": ["93.184.216.34"], "sneaky.example": ["93.184.216.34", "10.1.2.3"]}
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 0)) for ip in table[host]]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    check_url("https://public.example/news", allow_private=False)
    with pytest.raises(UnsafeURLError, match="10.1.2.3, a private address"):
        check_url("https://sneaky.example/", allow_private=False)  # every address is checked, not just the first
    with pytest.raises(FetchError, match="cannot resolve host"):
        check_url("https://nowhere.example/", allow_private=False)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://127.0.0.1/", "http:///nohost", "/just/a/path"]
)
def test_bad_schemes_and_hostless_urls_are_refused(url):
    with pytest.raises(UnsafeURLError):
        check_url(url, allow_private=True)


def test_loopback_url_is_refused_before_any_request(server):
    Handler.seen.clear()
    [err] = list(read(Source("url", f"{server}/page")))  # default options: allow_private=False
    assert isinstance(err, UnsafeURLError) and "loopback" in err.reason
    assert Handler.seen == []


# -- redirects ----------------------------------------------------------------------------------


def test_redirect_to_a_private_address_is_refused(monkeypatch):
    """A public page that redirects to cloud metadata or localhost is stopped at that hop."""
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 0))]
    )
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        targets = {
            "/to-metadata": "http://169.254.169.254/latest/meta-data/iam",
            "/to-localhost": "http://localhost:8080/admin",
            "/to-ipv6-loopback": "http://[::1]/",
        }
        return httpx.Response(302, headers={"Location": targets[request.url.path]})

    transport = httpx.MockTransport(handler)
    for path, reason in [("/to-metadata", "link-local"), ("/to-localhost", "local name"), ("/to-ipv6-loopback", "loopback")]:
        requested.clear()
        with pytest.raises(UnsafeURLError, match=reason) as refused:
            fetch(f"https://news.example{path}", IngestOptions(), transport=transport)
        assert requested == [f"https://news.example{path}"]  # the private hop was never requested
        # reported under the URL the user gave (in a batch of URLs, the one to fix), naming the hop
        assert refused.value.where == f"https://news.example{path}" and "redirected to http" in refused.value.reason


def test_redirects_are_followed_and_counted(server):
    result = fetch(f"{server}/hop/2", LOCAL)
    assert result.final_url == f"{server}/page" and result.status == 200
    assert result.redirects == [f"{server}/hop/1", f"{server}/hop/0", f"{server}/page"]
    with pytest.raises(FetchError, match=r"too many redirects \(more than 2\)"):
        fetch(f"{server}/hop/5", IngestOptions(allow_private=True, max_redirects=2))


# -- timeouts, sizes, status ------------------------------------------------------------------------


def test_slow_server_times_out(server):
    [err] = list(read(Source("url", f"{server}/slow"), IngestOptions(allow_private=True, timeout=0.2)))
    assert isinstance(err, FetchError)
    assert err.where == f"{server}/slow" and err.reason == "timed out after 0.2 s"


@pytest.mark.parametrize("path", ["/big", "/big-no-length"])
def test_oversize_response_is_refused(server, path):
    with pytest.raises(FetchError, match=r"over the limit of 100 KB \(raise --max-bytes\)"):
        fetch(f"{server}{path}", IngestOptions(allow_private=True, max_bytes=100 * 1024))
    assert len(fetch(f"{server}{path}", LOCAL).body) == 300_000  # under the default limit it comes whole


def test_http_error_status(server):
    [err] = list(read(Source("url", f"{server}/missing"), LOCAL))
    assert isinstance(err, FetchError) and err.reason == "HTTP 404 Not Found"


# -- Content-Type dispatch ---------------------------------------------------------------------------


def test_html_url(server):
    [a] = list(read(Source("url", f"{server}/hop/1"), LOCAL))
    assert isinstance(a, Article)
    assert a.title == "Niamey accueille un sommet régional" and a.origin == f"{server}/hop/1"
    assert a.url == "https://sahel-quotidien.example/politique/2024/03/sommet-niamey"
    assert a.meta["fetched_url"] == f"{server}/page"


def test_feed_urls(server):
    items = list(read(Source("url", f"{server}/feed"), LOCAL))
    assert [type(i) for i in items] == [Article, InputError, Article]
    assert items[0].origin == f"{server}/feed#item-1" and items[0].source == "Habari Leo"
    atom = list(read(Source("url", f"{server}/atom-as-xml"), LOCAL))  # text/xml: sniffed as a feed
    assert [a.external_id for a in atom] == ["tag:akhbar.example,2024:1", "tag:akhbar.example,2024:2"]


def test_json_url(server):
    first, second = read(Source("url", f"{server}/api/articles"), LOCAL)
    assert (first.text, first.external_id, first.origin) == ("From the API.", "1", f"{server}/api/articles#item-1")
    assert second.text == "Second."


def test_declared_charset_and_binary_content(server):
    [a] = list(read(Source("url", f"{server}/legacy"), LOCAL))
    assert a.text == "Le président à Genève." and a.url == f"{server}/legacy"
    [err] = list(read(Source("url", f"{server}/pdf"), LOCAL))
    assert isinstance(err, InputError) and "binary content (PDF" in err.reason


def test_connected_peer_is_checked_again(server, monkeypatch):
    """DNS rebinding: the name looked public when checked, but the socket reached loopback."""
    import babelwire.ingest.fetch as fetch_mod

    monkeypatch.setattr(fetch_mod, "check_url", lambda url, allow_private=False: None)
    Handler.seen.clear()
    with pytest.raises(UnsafeURLError, match="connected to 127.0.0.1, a loopback address"):
        fetch_mod.fetch(f"{server}/page", IngestOptions())


def test_sizes_read_in_the_largest_whole_unit() -> None:
    from babelwire.ingest.options import size_text

    assert [size_text(n) for n in (900, 15000, 1572864, 104857600, 6032658432)] == ["900 bytes", "15 KB", "1.5 MB", "100 MB", "5.6 GB"]
