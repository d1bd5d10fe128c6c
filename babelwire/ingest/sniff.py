"""What kind of input a path, a Content-Type or a few bytes hold."""

from __future__ import annotations

import re
import zlib
from pathlib import PurePath

from .options import SourceKind

#: Bytes read to sniff a file: enough for a BOM, an XML declaration, a DOCTYPE
#: and a root element, and the 8 KB the brief names for NUL detection (the
#: same window ``git`` uses to call a file binary).
SNIFF_BYTES = 8192

_EXTENSIONS: dict[str, SourceKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
}

#: Magic numbers of binary formats people drop into a news folder by mistake.
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP archive, e.g. DOCX or XLSX"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"RIFF", "RIFF media"),
    (b"\xd0\xcf\x11\xe0", "OLE document, e.g. DOC or XLS"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]", re.I)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|h[1-6])[\s>/]", re.I)


def kind_for_path(path: str) -> SourceKind:
    """The kind a file name suggests; unknown extensions read as text and are sniffed."""
    name = PurePath(path).name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    return _EXTENSIONS.get(PurePath(name).suffix, "text")


def has_known_extension(path: str) -> bool:
    name = PurePath(path).name.lower()
    return name.endswith(".warc.gz") or PurePath(name).suffix in _EXTENSIONS


def binary_reason(head: bytes, *, allow_gzip: bool = False) -> str | None:
    """Why ``head`` (the first bytes of a file) is not text, or None if it may be."""
    for magic, what in _MAGIC:
        if head.startswith(magic) and not (allow_gzip and magic == b"\x1f\x8b"):
            return what
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a BOM is full of NUL bytes and still text
    if b"\x00" in head[:SNIFF_BYTES]:
        return "contains NUL bytes"
    return None


def is_warc(head: bytes) -> bool:
    """True for a WARC file, plain or gzipped record by record."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def sniff_bytes(head: bytes) -> SourceKind:
    """Guess text/html/json/jsonl/feed/warc from the first bytes of a document."""
    if is_warc(head):
        return "warc"
    text = _ascii_view(head)
    start = text.lstrip()
    if start.startswith((b"{", b"[")):
        lines = [ln.strip() for ln in start.splitlines() if ln.strip()]
        if (
            start.startswith(b"{")
            and len(lines) > 1
            and all(ln.startswith(b"{") for ln in lines[:-1])
            and lines[0].endswith(b"}")
        ):
            return "jsonl"
        return "json"
    if start.startswith(b"<"):
        if _FEED_ROOT.search(text[:4096]) and not re.search(rb"<html[\s>]", text[:4096], re.I):
            return "feed"
        if start.startswith(b"<?xml") and not _HTML_START.search(text[:4096]):
            return "feed"  # other XML: the feed reader names its root element in the error
        return "html"
    if _HTML_START.search(text[:1024]) and re.search(rb"</(?:p|div|body|html)>", text, re.I):
        return "html"
    return "text"


def kind_for_content_type(content_type: str | None) -> SourceKind | None:
    """The kind an HTTP Content-Type names, or None to sniff the body."""
    if not content_type:
        return None
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime in ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"):
        return "feed"
    if mime in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"):
        return "jsonl"
    if mime == "application/json" or mime.endswith("+json"):
        return "json"
    if mime in ("application/warc", "application/x-warc"):
        return "warc"
    return None  # text/plain, text/xml, application/xml, octet-stream: look at the bytes


def _ascii_view(head: bytes) -> bytes:
    """Strip a BOM and UTF-16 zero bytes so the byte patterns above match."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[2:].replace(b"\x00", b"")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head


def charset_from_content_type(content_type: str | None) -> str | None:
    """``text/html; charset=windows-1256`` → ``windows-1256``."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return m.group(1) if m else None
