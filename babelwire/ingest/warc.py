"""WARC archives (``.warc``, ``.warc.gz``) → one article per HTML or text response.

Every ``response`` record with a 2xx HTTP status and an HTML or plain-text
payload becomes an article, named ``path#record-N`` (N counts every record in
the file, from 1). HTML goes through the same path as a saved page, with
``WARC-Target-URI`` as its URL and ``WARC-Date`` as the publication date when
the page gives none. Other records (requests, metadata, images, redirects)
are skipped. The archive is streamed: ``max_bytes`` limits each record, not
the file, because crawl archives are routinely gigabytes.

A corrupt or truncated archive yields the articles read so far, then one
:class:`~babelwire.errors.InputError` for the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ..article import Article
from ..errors import InputError
from .dates import parse_date
from .decode import decode
from .html import charset_from_html, read_html
from .options import IngestOptions, size_text
from .sniff import binary_reason, charset_from_content_type
from .text import read_text

#: Read size when skipping the rest of a record (warcio's own block size).
_DRAIN_CHUNK = 16384


def read_warc(stream: IO[bytes], origin: str, options: IngestOptions) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator  # lazily: only WARC inputs need it

    number = 0
    responses = 0
    archive = ArchiveIterator(stream)
    records = iter(archive)
    while True:
        try:
            record = next(records)
        except StopIteration:
            trailing = _trailing_bytes(archive)
            if trailing:
                yield InputError(
                    origin,
                    f"corrupt or truncated WARC after record {number}: the last {trailing} bytes are not a complete record; the records before it were kept",
                )
                return
            break
        except Exception as e:  # warcio raises ArchiveLoadFailed, zlib.error, EOFError… on damaged input
            yield InputError(
                origin, f"corrupt or truncated WARC after record {number}: {_why(e)}; the records before it were kept"
            )
            return
        number += 1
        if (
            str(getattr(record, "format", "warc")).startswith("warc")
            and not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit()
        ):
            yield InputError(
                origin,
                f"corrupt or truncated WARC in record {number}: its header has no valid Content-Length; the {number - 1} records before it were kept",
            )
            return
        result = _record_result(record, f"{origin}#record-{number}", options)
        try:
            truncated = _drain(record)
        except Exception as e:  # damaged gzip member or stream error in the middle of a record
            truncated, why = True, _why(e)
        else:
            why = "the record is shorter than its Content-Length"
        if truncated:
            yield InputError(
                origin, f"corrupt or truncated WARC in record {number}: {why}; the {number - 1} records before it were kept"
            )
            return
        if result is not None:
            responses += 1
            yield result
    if responses == 0 and number > 0:
        yield InputError(origin, f"no HTML or text responses among {number} WARC records")
    elif number == 0:
        yield InputError(origin, "not a WARC file: no records found")


def _why(e: Exception) -> str:
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def _record_result(record: Any, where: str, options: IngestOptions) -> Article | InputError | None:
    """The article in one record, an error for it, or None for records that hold no article."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime not in ("text/html", "application/xhtml+xml", "text/plain", ""):
        return None
    try:
        payload = record.content_stream().read(options.max_bytes + 1)
    except Exception:  # a broken chunked or gzip payload: _drain reports the record as damaged
        return None
    if len(payload) > options.max_bytes:
        return InputError(where, f"record payload is over the limit of {size_text(options.max_bytes)} (raise --max-bytes)")
    if not payload.strip() or (mime == "" and binary_reason(payload[:8192])):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    is_html = mime != "text/plain" and (mime != "" or b"<html" in payload[:4096].lower())
    declared = charset_from_content_type(content_type) or (charset_from_html(payload) if is_html else None)
    decoded = decode(payload, declared=declared)
    if is_html:
        result = read_html(decoded.text, where, url=url, warnings=decoded.warnings)
    else:
        result = read_text(decoded.text, where, warnings=decoded.warnings)
        if isinstance(result, Article):
            result.url = url
    if isinstance(result, Article) and result.published is None:
        result.published = parse_date(record.rec_headers.get_header("WARC-Date"))
        result.published_from = "metadata" if result.published else None
    return result


def _trailing_bytes(archive: Any) -> int:
    """Bytes after the last complete record; warcio ends quietly on a record cut inside its headers."""
    try:
        return max(0, archive.fh.tell() - archive.offset)
    except (AttributeError, OSError, ValueError):
        return 0


def _drain(record: Any) -> bool:
    """Read the rest of the record; True if the file ended before its declared length."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    return getattr(raw, "limit", 0) > 0  # warcio's LimitReader counts down the bytes still owed
