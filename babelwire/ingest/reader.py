"""Arguments → :class:`Source` list → articles and input errors.

:func:`expand` is cheap (no file is opened), so the CLI can show a progress
bar with a known total. :func:`read` never raises for bad input: every
problem comes out as an :class:`~babelwire.errors.InputError` among the
articles, and one bad line or item does not stop the others.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..article import Article, site_of
from ..errors import FetchError, InputError
from .decode import decode
from .feeds import read_feed
from .fetch import fetch
from .html import charset_from_html, read_html
from .jsonl import read_json, read_jsonl
from .options import IngestOptions, Skipped, Source, SourceKind, size_text
from .sniff import (
    SNIFF_BYTES,
    binary_reason,
    charset_from_content_type,
    has_known_extension,
    is_warc,
    kind_for_content_type,
    kind_for_path,
    not_article_reason,
    sniff_bytes,
)
from .text import read_text, source_from_folder
from .warc import read_warc

Result = Article | InputError | Skipped

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
STDIN = "<stdin>"


def real_path(path: str) -> str:
    """``os.path.realpath``, or the absolute path where a link cannot be followed
    (``/proc/1/cwd`` raises PermissionError): a path is never a reason to stop."""
    try:
        return os.path.realpath(path)
    except OSError:
        return os.path.abspath(path)


def expand(inputs: Sequence[str], options: IngestOptions | None = None) -> list[Source]:
    """One :class:`Source` per file, URL or ``-``; directories are walked in sorted order.

    Hidden files and folders (names starting with ``.``) are left out. Paths
    that do not exist still become sources, so reading them reports the error.
    A walked file that is plainly not news (``photo.jpg``, ``notes.csv``) is a
    source too, which :func:`read` reports as :class:`Skipped`.  A file or URL
    reached twice (``ingest news/ news/``, or a file inside a folder also given)
    is one source, the first: read twice, its articles would count as duplicates
    and its errors twice.
    """
    sources: list[Source] = []
    for item in inputs:
        if item == "-":
            sources.append(Source("stdin", "-"))
        elif _URL.match(item):
            sources.append(Source("url", item))
        elif os.path.isdir(item):
            sources.extend(Source(kind_for_path(path), path, root=item) for path in _walk(item))
        else:
            sources.append(Source(kind_for_path(item), item))
    seen: set[str] = set()
    unique = []
    for s in sources:
        key = s.location if s.kind in ("url", "stdin") else _same_file_key(s.location)
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique


def _same_file_key(path: str) -> str:
    """What makes two paths one source: the file they reach.  A path that reaches nothing (a missing
    file, a link to nothing) is its own source, so each one is reported (QA: two links to the same
    missing file gave one error)."""
    real = real_path(path)
    return real if os.path.exists(real) else "missing:" + os.path.abspath(path)


def _walk(root: str) -> list[str]:
    """Files under ``root``, sorted by path; symlinked folders are followed, each real folder once (no loops)."""
    found: list[tuple[tuple[str, ...], str]] = []
    seen = {real_path(root)}
    for folder, dirs, files in os.walk(root, followlinks=True):
        kept = []
        for d in dirs:
            real = real_path(os.path.join(folder, d))
            if not d.startswith(".") and real not in seen:
                seen.add(real)
                kept.append(d)
        dirs[:] = kept
        for name in files:
            if not name.startswith("."):
                path = os.path.join(folder, name)
                found.append((Path(os.path.relpath(path, root)).parts, path))
    return [path for _, path in sorted(found)]


def read(source: Source, options: IngestOptions | None = None) -> Iterator[Result]:
    """Every article in ``source``, with an :class:`InputError` for each problem; never raises for bad input.

    A file found by walking a folder whose extension marks it as not news
    (an image, code, a table; see ``sniff.not_article_reason``) gives one
    :class:`Skipped` and nothing else.
    """
    options = options or IngestOptions()
    try:
        if source.kind == "url":
            results = _read_url(source.location, options)
        elif source.kind == "stdin":
            results = _read_stdin(options)
        else:
            results = _read_file(source, options)
        for item in results:
            if isinstance(item, Article) and item.meta.get("_feed_item") and item.url and options.is_stored and options.is_stored(item.url):
                item.meta["_stored"] = True  # seen in an earlier run: no page fetch, counted as a duplicate
                yield item
                continue
            if options.fetch_feed_items and isinstance(item, Article) and item.meta.get("_feed_item") and item.url:
                item = _with_page(item, options)
            if isinstance(item, Article) and item.meta.pop("_needs_page", False) and not item.text.strip():
                fix = "its page gave no text" if options.fetch_feed_items else "ingest with --fetch-items to fetch its page"
                warned = "; ".join(w for w in item.meta.get("warnings", []) if w.startswith("item page"))
                item = InputError(item.origin or str(source), f"item has only a title; {fix}" + (f" ({warned})" if warned else ""))
            yield item
    except Exception as e:  # the contract: one broken input must not stop the run
        yield InputError(str(source), f"unexpected error while reading: {type(e).__name__}: {e} (please report this as a bug)")


def _with_page(item: Article, options: IngestOptions) -> Article:
    """The feed item with its linked page's main text, when the page has more; a warning when it cannot be had."""
    warnings = item.meta.setdefault("warnings", [])
    try:
        result = fetch(item.url or "", options)
    except FetchError as e:
        warnings.append(f"item page not fetched ({e.reason}); kept the feed's text")
        return item
    if (kind_for_content_type(result.content_type) or sniff_bytes(result.body[:SNIFF_BYTES])) != "html":
        warnings.append(f"item page is not HTML ({result.content_type or 'no Content-Type'}); kept the feed's text")
        return item
    decoded = decode(result.body, declared=charset_from_content_type(result.content_type) or charset_from_html(result.body))
    page = read_html(decoded.text, item.url or "", url=result.final_url, source=item.source)
    if isinstance(page, Article) and len(page.text) > len(item.text):
        item.text, item.html = page.text, page.html
        item.title = item.title or page.title
        if item.published is None and page.published is not None:
            item.published, item.published_from = page.published, page.published_from
        item.meta["page_url"] = result.final_url
    return item


def read_all(inputs: Sequence[str], options: IngestOptions | None = None) -> Iterator[Result]:
    """:func:`read` over :func:`expand`: everything the user named, in order."""
    options = options or IngestOptions()
    for source in expand(inputs, options):
        yield from read(source, options)


def _read_file(source: Source, options: IngestOptions) -> Iterator[Result]:
    path = source.location
    skip = not_article_reason(path) if source.root is not None else None
    if skip:
        yield Skipped(path, f"not news: {skip}")
        return
    try:
        info = os.stat(path)
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            yield InputError(path, "is a directory; name it as an input and it will be walked")
            return
        if source.root is not None and not stat.S_ISREG(info.st_mode):
            # a named pipe in a folder would block the run until something writes to it
            yield InputError(path, "not a regular file (a named pipe, socket or device); name it as an input to read it")
            return
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
            kind: SourceKind = source.kind
            if kind == "warc" or (not has_known_extension(path) and is_warc(head)):
                f.seek(0)
                yield from read_warc(f, path, options)  # streamed: max_bytes applies per record
                return
            if size > options.max_bytes:
                yield InputError(
                    path, f"file is {size_text(size)}, over the limit of {size_text(options.max_bytes)} (raise --max-bytes)"
                )
                return
            reason = binary_reason(head)
            if reason:
                yield InputError(path, f"binary file ({reason})")
                return
            data = head + f.read(options.max_bytes + 1 - len(head))  # the file may have grown since stat
    except FileNotFoundError:
        target = os.readlink(path) if os.path.islink(path) else None
        yield InputError(path, f"a link to nothing: {target} does not exist" if target else "no such file or directory")
        return
    except PermissionError:
        yield InputError(path, "permission denied")
        return
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")
        return
    if len(data) > options.max_bytes:
        yield InputError(path, f"file is over the limit of {size_text(options.max_bytes)} (raise --max-bytes)")
        return
    if kind == "text" and not has_known_extension(path):
        kind = sniff_bytes(head)
    yield from _parse(data, kind, path, source=source_from_folder(path, source.root))


def _read_stdin(options: IngestOptions) -> Iterator[Result]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(options.max_bytes + 1)
    else:
        data = stream.read(options.max_bytes + 1).encode("utf-8")  # a text-only stream (tests, notebooks)
    if len(data) > options.max_bytes:
        yield InputError(STDIN, f"input is over the limit of {size_text(options.max_bytes)} (raise --max-bytes)")
        return
    head = data[:SNIFF_BYTES]
    if is_warc(head):
        yield from read_warc(io.BytesIO(data), STDIN, options)
        return
    reason = binary_reason(head)
    if reason:
        yield InputError(STDIN, f"binary input ({reason})")
        return
    yield from _parse(data, sniff_bytes(head), STDIN)


def _read_url(url: str, options: IngestOptions) -> Iterator[Result]:
    known = options.validators
    try:
        result = fetch(url, options, conditional=None if known is None else known.get(url))
    except FetchError as e:
        yield e
        return
    if known is not None:
        if result.status == 304:  # Not Modified since the last round: nothing new to read
            return
        kept = {k: result.headers[k] for k in ("etag", "last-modified") if result.headers.get(k)}
        if kept:
            known[url] = kept
    head = result.body[:SNIFF_BYTES]
    kind = kind_for_content_type(result.content_type) or sniff_bytes(head)
    if kind == "warc" or is_warc(head):
        yield from read_warc(io.BytesIO(result.body), url, options)
        return
    reason = binary_reason(head)
    if reason:
        yield InputError(url, f"binary content ({reason}; Content-Type {result.content_type or 'not given'})")
        return
    yield from _parse(result.body, kind, url, url=result.final_url, declared=charset_from_content_type(result.content_type))


def _parse(
    data: bytes, kind: SourceKind, where: str, *, url: str | None = None, source: str | None = None, declared: str | None = None
) -> Iterator[Result]:
    """Dispatch one document's bytes to its format reader."""
    empty = "empty file" if where != STDIN and not url else "empty input"
    if _blank(data):
        yield InputError(where, empty)
        return
    if kind == "feed":
        yield from read_feed(data, where, url=url)
        return
    if kind == "html":
        declared = declared or charset_from_html(data)
    decoded = decode(data, declared=declared)
    if not decoded.text.strip():
        yield InputError(where, empty)
        return
    if kind == "html":
        yield read_html(decoded.text, where, url=url, source=source, warnings=decoded.warnings)
    elif kind in ("json", "jsonl"):
        items = (read_json if kind == "json" else read_jsonl)(decoded.text, where, warnings=decoded.warnings)
        for item in items:
            if isinstance(item, Article) and not item.source:
                # QA: an export's lines with a URL but no "source" had no outlet ("no outlet" in show,
                # nothing for --source): the URL's site, else the folder the file is in
                item.source = site_of(item.url) or source
            yield item
    else:
        result = read_text(decoded.text, where, source=source, warnings=decoded.warnings)
        if isinstance(result, Article) and url:
            result.url = url
        yield result


def _blank(data: bytes) -> bool:
    """True for a document with nothing but whitespace and a byte-order mark."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return not decode(data).text.strip()
    return not data.strip()
