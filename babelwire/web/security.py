"""What keeps the web layer safe: the write token, CSRF, the body limit, headers, safe links.

- **Writes** through the JSON API need ``Authorization: Bearer <token>``
  (:attr:`Settings.api_token`, ``BABELWIRE_API_TOKEN``). With no token
  configured, API writes are refused with a message saying how to set one.
- **The HTML upload form** is protected against CSRF by a double-submit
  token: a random value in a ``SameSite=Strict`` cookie that the form must
  echo in a hidden field (plus an ``Origin`` check when the browser sends one).
  That stops other sites driving a reader's browser, not a script, which can
  send any cookie it likes; so the form also needs the API token when one is
  configured, and with none configured it takes posts only from this machine
  (a loopback client address) (:func:`check_form_writer`).
- **Bodies** over :data:`MAX_BODY_BYTES` are refused with 413 before they are
  parsed: on ``Content-Length`` at once, and by counting streamed bytes.
- **DNS rebinding**: a request that reaches the server through loopback must
  name this machine in its ``Host`` (``localhost``, ``127.0.0.1``, ``[::1]``) or
  a name the operator allowed (``--allowed-host``): otherwise a page from
  another site, its DNS name rebound to 127.0.0.1, would read the store and
  post to the token-less form as a loopback client (:class:`LoopbackHostMiddleware`).
- **Headers**: a Content-Security-Policy with no inline script, ``nosniff``,
  ``Referrer-Policy``, ``X-Frame-Options: DENY``.
- **Links** from articles become ``href`` only for http(s) URLs, and ``next=``
  redirects accept only local paths.
"""

from __future__ import annotations

import hmac
import re
import secrets
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Largest request body accepted (10 MB): a generous batch of JSON articles
#: (a long news article is ~50 KB) while keeping one request's memory bounded.
MAX_BODY_BYTES = 10 * 1024 * 1024

CSRF_COOKIE = "bw_csrf"
CSRF_FIELD = "csrf"

#: Our own pages: no inline script or style anywhere; SVG uses presentation attributes.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: /docs starts Swagger UI (served from our own origin) with an inline script;
#: it shows no article content, so only it gets this policy.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs",)


class BodyTooLarge(HTTPException):
    def __init__(self, size: int | None = None) -> None:
        got = f"{size:,} bytes" if size is not None else "more"
        super().__init__(413, f"request body is {got}, over the limit of {MAX_BODY_BYTES:,} bytes: send fewer articles per request")


class BodyLimitMiddleware:
    """Refuse bodies over ``limit`` bytes: by ``Content-Length`` before reading, else while streaming."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _send_error(scope, send, 400, "bad_request", "Content-Length is not a number")
                return
            if int(declared) > self.limit:
                await _send_error(scope, send, 413, "too_large", BodyTooLarge(int(declared)).detail)
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(seen)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as e:  # raised outside a route's handlers (e.g. while parsing a form)
            if started:
                raise
            await _send_error(scope, send, 413, "too_large", str(e.detail))


def _is_loopback_ip(text: str) -> bool:
    import ipaddress

    try:
        ip = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    # ::ffff:127.0.0.1 is 127.0.0.1 on a dual-stack socket (serve --host ::); Python 3.11 calls it not loopback
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def host_name(host_header: str | None) -> str:
    """The name in a ``Host`` header, lower-case, without its port or IPv6 brackets (``[::1]:8000`` → ``::1``)."""
    host = (host_header or "").strip().lower()
    if host.startswith("["):  # "[::1]" or "[::1]:8000", nothing else after the bracket
        close = host.find("]")
        rest = host[close + 1 :] if close > 0 else None
        return host[1:close] if rest is not None and (rest == "" or (rest[:1] == ":" and rest[1:].isdigit())) else host
    name, colon, port = host.rpartition(":")
    if host.count(":") == 1 and port.isdigit():
        return name
    return host  # no port, a bare IPv6 address, or no valid port ("localhost:8000.evil.example" is no localhost)


def names_this_machine(host_header: str | None) -> bool:
    """Whether ``Host`` names this machine: ``localhost`` (and its subdomains, RFC 6761) or a loopback address."""
    name = host_name(host_header).rstrip(".")
    # 0.0.0.0 and :: are what `serve --host 0.0.0.0` prints, and a browser reaches this machine at them;
    # a rebinding page always uses a DNS name, never an address
    return name in ("localhost", "0.0.0.0", "::") or name.endswith(".localhost") or _is_loopback_ip(name)


class LoopbackHostMiddleware:
    """Refuse a request that came in through loopback addressed to a name that is not this machine's.

    A browser that loads a page from ``evil.example`` and then sees that name rebound to
    127.0.0.1 sends its requests to us with ``Host: evil.example``; they come from a
    loopback address, which the token-less upload form trusts, and the reply is readable
    by that page.  Requests from other machines are not checked: whoever serves on a
    public address has chosen to be reachable.
    """

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...] = ()) -> None:
        self.app = app
        # a name as Host carries it or not: "news.example.org:8443" and "[2001:db8::1]" allow those hosts
        self.allowed = frozenset(host_name(h).rstrip(".") for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        server = scope.get("server")
        if scope["type"] == "http" and server and _is_loopback_ip(str(server[0])):
            host = _header(scope, b"host")
            # no Host at all (an HTTP/1.0 probe) is no browser's request: browsers always send one
            if host and not names_this_machine(host) and host_name(host).rstrip(".") not in self.allowed:
                await _send_error(scope, send, 400, "host_not_allowed",
                                  f"this server answers requests to localhost or 127.0.0.1, not to {host_name(host)[:100]!r}; "
                                  "behind a reverse proxy, start it with --allowed-host <that name> (BABELWIRE_ALLOWED_HOSTS)")
                return
        await self.app(scope, receive, send)


class HeadAsGetMiddleware:
    """Answer ``HEAD`` as ``GET`` without the body (RFC 9110), so uptime checks and link checkers see 200, not 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}  # headers (Content-Length too) stay those of the GET
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class SecurityHeadersMiddleware:
    """Add the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path", "").startswith(DOCS_PATHS) else PAGE_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _OWN_HEADERS]
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_OWN_HEADERS = {b"content-security-policy", b"x-content-type-options", b"referrer-policy", b"x-frame-options", b"cross-origin-opener-policy"}


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", []):
        if k.lower() == name:
            return v.decode("latin-1").strip()
    return None


async def _send_error(scope: Scope, send: Send, status: int, code: str, message: str) -> None:
    """The app's own error answer (JSON for the API, the HTML error page for a page such as the
    /ingest form), sent from a middleware, before any route runs; the connection is then closed
    (an unread body may still be coming).  Starlette puts the app in the scope before its
    middleware runs, so the request knows its templates."""
    from starlette.requests import Request

    from .app import error_response

    response = error_response(Request(scope), status, message, code=code, headers={"Connection": "close"})

    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    await response(scope, nothing, send)


# -- the write token ------------------------------------------------------------------
NO_TOKEN_MESSAGE = (
    "writes through the API are disabled because no API token is configured: start the server with "
    "BABELWIRE_API_TOKEN=<secret> (or `babelwire serve --token <secret>`) and send 'Authorization: Bearer <secret>'"
)


def check_token(configured: str | None, authorization: str | None) -> None:
    """Raise 401/403 unless ``authorization`` is ``Bearer <configured>``."""
    if not configured:
        raise HTTPException(403, NO_TOKEN_MESSAGE)
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "this endpoint writes: send 'Authorization: Bearer <token>' (the server's BABELWIRE_API_TOKEN)",
                            headers={"WWW-Authenticate": 'Bearer realm="babelwire"'})
    if not _same_secret(given, configured):
        raise HTTPException(403, "the API token is wrong: use the value of the server's BABELWIRE_API_TOKEN")


def _same_secret(given: str | None, configured: str) -> bool:
    """``given`` (surrounding spaces ignored) is the configured token, compared in constant time."""
    return bool(given) and hmac.compare_digest(given.strip().encode(), configured.encode())


def check_form_writer(configured: str | None, given: str | None, client_host: str | None, host_header: str | None = None) -> None:
    """Raise 403 unless the upload form may write: the API token when one is set, else a loopback
    client that addressed this machine by its own name (not a rebound one: :class:`LoopbackHostMiddleware`)."""
    if configured:
        if not _same_secret(given, configured):
            raise HTTPException(403, "this server takes writes with its API token: enter the server's BABELWIRE_API_TOKEN in the form")
        return
    if not _is_loopback_ip(client_host or "") or not names_this_machine(host_header):
        raise HTTPException(403, "with no API token configured, the form takes articles only from this machine: "
                                 "start the server with BABELWIRE_API_TOKEN=<secret> to accept them from elsewhere")


# -- CSRF (double submit) -----------------------------------------------------------------
def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_cookie_args(token: str, secure: bool) -> dict[str, Any]:
    return {"key": CSRF_COOKIE, "value": token, "httponly": True, "samesite": "strict", "secure": secure, "path": "/"}


def check_csrf(cookie: str | None, field: str | None, origin: str | None, host: str | None) -> None:
    """Raise 403 unless the form's hidden field matches the cookie (and ``Origin``, if sent, is this host)."""
    if origin and origin != "null":
        if urlsplit(origin).netloc != (host or ""):
            raise HTTPException(403, f"form posted from another site ({origin}): reload the form on this site and try again")
    if not cookie or not field or not hmac.compare_digest(cookie.encode(), field.encode()):
        raise HTTPException(403, "the form's CSRF token is missing or does not match its cookie: reload the form and submit it again")


# -- links ------------------------------------------------------------------------------------
def safe_href(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None (never ``javascript:``)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if any(ord(c) < 0x20 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def safe_next(target: object, default: str = "/") -> str:
    """A local path for redirects: starts with one ``/``, no scheme, host or backslash tricks."""
    if not isinstance(target, str) or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if "\\" in target or any(ord(c) < 0x20 or c == "\x7f" for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


def clean_lang(value: object) -> str | None:
    """A language code such as ``sw`` or ``zh-Hant``, or None."""
    return value if isinstance(value, str) and _LANG.match(value) else None
