"""Fetch a URL without letting it reach inside the network.

:func:`check_url` refuses anything that is not plain ``http``/``https`` to a
public address: loopback, private, link-local (cloud metadata at
169.254.169.254), multicast, reserved, unspecified and shared (CGNAT)
addresses, ``localhost`` names, and hosts that resolve to any of these. It
is called on the first URL **and on every redirect hop**, so a public page
cannot bounce us to an internal one. After connecting, the peer address is
checked again when the transport reports it, which narrows (but cannot
close) the DNS-rebinding window between the check and the connection.

:func:`fetch` streams the body with a byte cap, follows redirects itself, and
enforces one overall deadline. Every failure is a
:class:`~babelwire.errors.FetchError` that names the URL and the reason; the
HTTP API reuses both functions.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError, UnsafeURLError
from .options import IngestOptions, size_text

if TYPE_CHECKING:
    import httpx

_REDIRECTS = (301, 302, 303, 307, 308)
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa")


@dataclass
class FetchResult:
    """A fetched body and what the server said about it."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str | None
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    redirects: list[str] = field(default_factory=list)  # every URL redirected to, in order


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise :class:`UnsafeURLError` unless ``url`` is http(s) to a public host.

    With ``allow_private`` only the scheme and the presence of a host are checked.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as e:
        raise UnsafeURLError(url, f"not a valid URL ({e})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeURLError(url, f"only http and https URLs can be fetched, not {parts.scheme or 'a bare path'!r}")
    if not host:
        raise UnsafeURLError(url, "the URL has no host")
    if allow_private:
        return
    host = host.rstrip(".").lower()
    if host in _LOCAL_NAMES or host.endswith(_LOCAL_SUFFIXES):
        raise UnsafeURLError(
            url, f"{host} is a local name, refused (only `babelwire ingest --allow-private` fetches those; the server never does)"
        )
    for address in _addresses(url, host):
        reason = forbidden_reason(address)
        if reason:
            what = f"{host} is" if address == host.strip("[]") else f"{host} resolves to {address},"
            raise UnsafeURLError(
                url, f"{what} {_a(reason)} address, refused (only `babelwire ingest --allow-private` fetches those; the server never does)"
            )


def _a(word: str) -> str:
    """``word`` with its article: "a private", "an unspecified"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def forbidden_reason(address: str) -> str | None:
    """Why an IP address may not be fetched from (``"loopback"``…), or None if it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return forbidden_reason(str(embedded))
    for name in ("loopback", "link_local", "unspecified", "multicast", "private", "reserved"):  # most specific first
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "non-global"  # shared address space 100.64.0.0/10 and other special ranges
    return None


def _addresses(url: str, host: str) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(url, f"cannot resolve host {host!r} ({e})") from None
    return sorted({str(info[4][0]) for info in infos})


def fetch(url: str, options: IngestOptions | None = None, *, transport: httpx.BaseTransport | None = None,
          conditional: dict[str, str] | None = None) -> FetchResult:
    """GET ``url`` safely: checked hops, at most ``max_redirects`` of them, ``max_bytes`` and ``timeout`` enforced.

    ``transport`` replaces the network (``httpx.MockTransport`` in tests).
    ``conditional`` holds the ``etag`` and ``last-modified`` of an earlier answer;
    a server with nothing new answers ``status`` 304 and an empty body.
    """
    import httpx  # lazily: only URL inputs need it

    options = options or IngestOptions()
    deadline = time.monotonic() + options.timeout
    redirects: list[str] = []
    current = url
    headers = {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/json;q=0.9,*/*;q=0.5",
    }
    if conditional and conditional.get("etag"):
        headers["If-None-Match"] = conditional["etag"]
    if conditional and conditional.get("last-modified"):
        headers["If-Modified-Since"] = conditional["last-modified"]
    with httpx.Client(
        transport=transport, timeout=options.timeout, follow_redirects=False, headers=headers, trust_env=False
    ) as client:
        while True:
            try:
                check_url(current, options.allow_private)
            except UnsafeURLError as e:
                if current == url:
                    raise
                raise UnsafeURLError(url, f"redirected to {current}: {e.reason}") from None
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {options.timeout:g} s")
            try:
                with client.stream("GET", current) as response:
                    _check_peer(response, url, options.allow_private, current)
                    if response.status_code in _REDIRECTS and response.headers.get("location"):
                        target = urljoin(current, response.headers["location"])
                        if len(redirects) >= options.max_redirects:
                            raise FetchError(url, f"too many redirects (more than {options.max_redirects}); last one to {target}")
                        redirects.append(target)
                        current = target
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            url,
                            f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
                            + (f" from {current}" if current != url else ""),
                        )
                    body = _read_capped(response, url, options, deadline)
                    return FetchResult(
                        url=url,
                        final_url=current,
                        status=response.status_code,
                        content_type=response.headers.get("content-type"),
                        body=body,
                        headers=dict(response.headers),
                        redirects=redirects,
                    )
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {options.timeout:g} s") from None
            except httpx.HTTPError as e:
                raise FetchError(url, f"request failed: {type(e).__name__}: {e}") from None


def _read_capped(response: httpx.Response, url: str, options: IngestOptions, deadline: float) -> bytes:
    limit = options.max_bytes
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(
            url, f"response is {size_text(int(declared))}, over the limit of {size_text(limit)} (raise --max-bytes)"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decompressed bytes: the cap also stops gzip bombs
        size += len(chunk)
        if size > limit:
            raise FetchError(url, f"response is over the limit of {size_text(limit)} (raise --max-bytes)")
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out after {options.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_peer(response: httpx.Response, url: str, allow_private: bool, current: str | None = None) -> None:
    """Refuse the response if the socket actually connected to a forbidden address (``url`` is the one asked for)."""
    if allow_private:
        return
    stream = response.extensions.get("network_stream")
    if stream is None:
        return  # a mock or HTTP/2 transport: the pre-connection check stands alone
    peer = stream.get_extra_info("server_addr")
    if peer:
        reason = forbidden_reason(str(peer[0]))
        if reason:
            via = f"redirected to {current}, " if current and current != url else ""
            raise UnsafeURLError(url, f"{via}connected to {peer[0]}, {_a(reason)} address")
