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

#: Extensions of files that are not news, met when a folder is walked: a scrape's
#: images and stylesheets, a project's code, tables and settings. A walked folder
#: skips them (reported as skipped, not failed); a file named on its own is still
#: read, so nothing is ever out of reach. Anything else is read, and sniffed when
#: its extension says nothing (``.md``, no extension), since articles come in those.
_NOT_ARTICLES: dict[str, str] = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".tif", ".tiff"), "image"),
    **dict.fromkeys((".mp3", ".mp4", ".m4a", ".ogg", ".oga", ".wav", ".webm", ".mov", ".avi", ".mkv"), "audio or video"),
    **dict.fromkeys((".woff", ".woff2", ".ttf", ".otf", ".eot"), "font"),
    **dict.fromkeys((".css", ".scss", ".js", ".mjs", ".map"), "web page asset"),
    **dict.fromkeys((".py", ".pyc", ".ipynb", ".sh", ".bat", ".ps1", ".c", ".h", ".cpp", ".java", ".go", ".rs", ".rb", ".php", ".pl", ".r"),
                    "source code"),
    **dict.fromkeys((".csv", ".tsv"), "table"),
    **dict.fromkeys((".parquet", ".xlsx", ".xls", ".ods", ".npy", ".npz", ".pkl", ".pickle"), "data file"),
    **dict.fromkeys((".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".lock", ".env"), "settings file"),
    **dict.fromkeys((".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", ".sqlite-wal", ".sqlite-shm"), "database"),
    **dict.fromkeys((".zip", ".tar", ".tgz", ".bz2", ".xz", ".7z", ".rar"), "archive"),
    **dict.fromkeys((".pdf", ".doc", ".docx", ".odt", ".ppt", ".pptx", ".epub"), "document; export it as text or HTML to read it"),
    **dict.fromkeys((".log", ".pid", ".tmp", ".part", ".swp", ".bak"), "log or temporary file"),
}

#: A folder's notes about itself, by name whatever the extension (``README.md``, ``LICENSE``):
#: a corpus folder or a scrape's checkout holds them beside the articles.
_FOLDER_NOTES = frozenset("readme license licence copying changelog contributing code_of_conduct".split())
#: (not "history", "changes", "notice", "authors": an article may be saved under such a slug; review)

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


#: Of those, the kinds that are text underneath: named on its own, such a file is read as text.
_TEXT_UNDERNEATH = frozenset({"web page asset", "source code", "table", "settings file", "log or temporary file"})


def not_article_reason(path: str) -> str | None:
    """Why a file found in a walked folder is not read (``"image (.png)"``), or None to read it.

    ``.gz`` is judged by the extension before it, so ``x.warc.gz`` is read and
    ``x.csv.gz`` is not.
    """
    name = PurePath(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
        if not PurePath(name).suffix:
            return None  # a bare x.gz: sniffed, and reported if it is not a WARC
    suffix = PurePath(name).suffix
    if PurePath(name).stem in _FOLDER_NOTES and suffix in ("", ".md", ".txt", ".rst", ".markdown"):
        return f"the folder's notes ({PurePath(path).name}); name the file on its own to read it as an article"
    what = _NOT_ARTICLES.get(suffix)
    if what is None:
        return None
    if what in _TEXT_UNDERNEATH:
        return f"{what} ({suffix}); name the file on its own to read it as text"
    return f"{what} ({suffix})"


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
