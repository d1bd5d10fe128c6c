"""The one record that flows through Babelwire.

An :class:`Article` is filled in stage by stage: ingest sets the raw fields
(``text``, ``title``, ``url``, ``origin`` …), the clean steps repair them and
add ``place``/``agency``/``published``, language identification adds ``lang``,
entity extraction adds ``entities``, the embedder adds ``vector`` and story
clustering adds ``story_id``.  Each pipeline step declares which of these
fields it ``requires`` and which it ``assigns`` (see :mod:`babelwire.pipeline`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that never change what a page says (tracking, sessions).
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_\w+|ref|ref_src|cmpid|ocid|__twitter_impression)$", re.I)


#: The types a mention carries (entities/extract.py).
ENTITY_TYPES = ("PER", "ORG", "LOC", "DATE")


@dataclass
class Mention:
    """One entity mention: ``text[start:end]`` names entity ``id``."""

    id: str
    name: str
    type: str  # one of ENTITY_TYPES
    start: int
    end: int
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Article:
    """A news article, from raw input to a story member."""

    text: str
    title: str = ""
    url: str | None = None
    external_id: str | None = None
    source: str | None = None  # the outlet: a name or a domain
    origin: str = ""  # where it was read from: a path, "path:line", a URL or "<stdin>"
    published: datetime | None = None
    published_from: str | None = None  # "metadata", "dateline" or "text"
    lang: str = "und"
    lang_confidence: float = 0.0
    mixed_lang: bool = False
    agency: str | None = None
    place: str | None = None
    html: str | None = None  # raw markup when ingested from HTML; never stored
    meta: dict[str, Any] = field(default_factory=dict)
    entities: list[Mention] = field(default_factory=list)
    vector: Any = None  # numpy float32 array, set by the embed step
    story_id: str | None = None
    duplicate_of: str | None = None
    id: str = ""
    content_hash: str = ""

    def identify(self) -> Article:
        """Set ``content_hash`` and ``id`` from the canonical URL or the text."""
        self.content_hash = content_hash(self.title, self.text)
        canon = canonical_url(self.url) if self.url else None
        self.id = _short_id(f"url:{canon}" if canon else f"hash:{self.content_hash}")
        return self

    def to_dict(self, *, with_text: bool = True, fields: Sequence[str] | None = None) -> dict[str, Any]:
        """The public JSON shape of an article (CLI ``--json`` and HTTP API); ``fields``: only
        these keys, in this order (names checked by :func:`babelwire.service.article_fields`)."""
        if fields is not None:
            full = self.to_dict(with_text="text" in fields)
            return {name: full[name] for name in fields}
        d: dict[str, Any] = {
            "id": self.id,
            "external_id": self.external_id,
            "title": self.title,
            "lang": self.lang,
            "lang_confidence": round(self.lang_confidence, 4),
            "mixed_lang": self.mixed_lang,
            "source": self.source,
            "agency": self.agency,
            "place": self.place,
            "published": self.published.isoformat() if self.published else None,
            "published_from": self.published_from,
            "url": self.url,
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "entities": [m.to_dict() for m in self.entities],
        }
        if with_text:
            d["text"] = self.text
        return d


#: The keys of :meth:`Article.to_dict`, the fields a listing can be cut down to.
ARTICLE_FIELDS = tuple(Article(text="").to_dict())


#: Han and kana, as a character-class body: scripts written without spaces
#: between words (Chinese, Japanese).
HAN_KANA_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_KANA = re.compile(f"[{HAN_KANA_CHARS}]")
#: Han, kana and Hangul: the scripts indexed and matched by character instead of by word.
CJK_CHARS = HAN_KANA_CHARS + "\uac00-\ud7af"
_HAN_KANA_OR_RUN = re.compile(f"[{HAN_KANA_CHARS}]|[^{HAN_KANA_CHARS}\\s]+")


def _mark_ranges() -> str:
    """Every combining mark (Mn, Mc, Me) of the Basic Multilingual Plane, as a character-class body.

    Built once at import (about 15 ms) from the running Python's Unicode data.
    """
    out: list[str] = []
    start = prev = -2
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp))[0] == "M":
            if cp != prev + 1:
                if start >= 0:
                    out.append(f"\\u{start:04x}-\\u{prev:04x}")
                start = cp
            prev = cp
    out.append(f"\\u{start:04x}-\\u{prev:04x}")
    return "".join(out)


#: Combining characters (canonical combining class > 0) all lie in U+0300–U+1FFFF:
#: ``tests/test_article.py`` checks that against the whole code space.
_COMBINING_SPAN = range(0x300, 0x20000)


@lru_cache(maxsize=1)
def _combining_table() -> dict[int, None]:
    """A ``str.translate`` table deleting every combining character (built on first use, about 10 ms)."""
    return {cp: None for cp in _COMBINING_SPAN if unicodedata.combining(chr(cp))}


def strip_combining(text: str) -> str:
    """``text`` without combining characters: decompose first (NFD/NFKD) to drop accents (``é`` → ``e``)."""
    return text if text.isascii() else text.translate(_combining_table())


#: Combining marks, as a character-class body.  Python's ``\\w`` leaves them
#: out, so ``\\w+`` cuts "wọ́n" (Yoruba: ọ́ keeps U+0301 even after NFC) into
#: "wọ" and "n", a voweled Arabic word into single letters, Hindi at each vowel sign.
MARKS = _mark_ranges()
#: A word, as a regex: a letter or digit, then letters, digits and combining marks.
WORD = f"[^\\W_](?:[^\\W_]|[{MARKS}])*"


def words_of(text: str) -> list[str]:
    """Space-separated words, each Han or kana character a word of its own (they are written unspaced)."""
    if not HAN_KANA.search(text):
        return text.split()
    return _HAN_KANA_OR_RUN.findall(text)


def normalise_for_hash(text: str) -> str:
    """Case-, space- and form-insensitive text used for exact-duplicate detection."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(normalise_for_hash(f"{title}\n{text}").encode()).hexdigest()


def id_for_url(url: str) -> str:
    """The id an article published at ``url`` gets (tracking parameters and fragments do not count)."""
    return _short_id(f"url:{canonical_url(url)}")


def _short_id(basis: str) -> str:
    return hashlib.sha1(basis.encode()).hexdigest()[:16]


def site_of(url: str | None) -> str | None:
    """The site a URL is on, without "www." (``https://www.aljazeera.net/news/…`` → ``aljazeera.net``);
    None for no URL or one that cannot be parsed ("https://[bad-host/…")."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    return host[4:] if host and host.startswith("www.") else host


def canonical_url(url: str) -> str | None:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, query, ""))


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso_bound(value: str | None, *, end: bool = False) -> str | None:
    """A filter bound as the store writes times: UTC ISO text, so that text order is time order.

    ``2026-09-02`` (or ``20260902``) is that whole day: its first instant, or
    with ``end`` its last.  A time without a zone is UTC; one with a zone is
    converted.  Empty means no bound.  Raises ValueError for anything else.
    """
    from datetime import date, time

    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        dt = datetime.fromisoformat(value)
        dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    else:
        dt = datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
    return dt.isoformat()
