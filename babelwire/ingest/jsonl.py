"""JSON and JSON Lines exports → articles.

Accepted shapes: one object, a list of objects, ``{"articles": [...]}`` (also
``items``/``data``) in a ``.json`` file, and one object per line in a
``.jsonl``/``.ndjson`` file. Blank lines are skipped.

Field mapping (first key present wins; all optional except the text)::

    Article field   JSON keys
    -------------   ---------------------------------------------
    text            text, body, content          (required, a string)
    title           title, headline
    external_id     id, external_id, guid         (numbers become strings)
    url             url, link
    source          source, outlet, site
    published       published, date, pubDate      (ISO 8601, RFC 822, or Unix
                                                   seconds/milliseconds; an
                                                   unreadable value goes to
                                                   meta["published_raw"])
    meta["lang"]    lang, language
    meta["extra"]   every other key, unchanged

The text is kept exactly as given (no stripping). Where an object cannot be
used, one :class:`~babelwire.errors.InputError` names ``path:LINE`` (JSON
Lines) or ``path#item-N`` (a JSON list) and the other objects still ingest.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from typing import Any

from ..article import Article
from ..errors import InputError
from .dates import set_published

TEXT_KEYS = ("text", "body", "content")
TITLE_KEYS = ("title", "headline")
ID_KEYS = ("id", "external_id", "guid")
URL_KEYS = ("url", "link")
SOURCE_KEYS = ("source", "outlet", "site")
DATE_KEYS = ("published", "date", "pubDate")
LANG_KEYS = ("lang", "language")
_KNOWN = frozenset(TEXT_KEYS + TITLE_KEYS + ID_KEYS + URL_KEYS + SOURCE_KEYS + DATE_KEYS + LANG_KEYS)
#: Wrapper keys of exports that put the article list inside an object.
LIST_KEYS = ("articles", "items", "data")


def read_jsonl(text: str, path: str, *, warnings: Sequence[str] = ()) -> Iterator[Article | InputError]:
    """One result per non-blank line: an article, or an error naming ``path:LINE``."""
    yielded = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(where, _json_error(e, f"column {e.colno}"))
            continue
        result = article_from_object(obj, where, warnings=warnings)
        yielded = True
        yield result
    if not yielded and not text.strip():
        yield InputError(path, "empty file")


def read_json(text: str, path: str, *, warnings: Sequence[str] = ()) -> Iterator[Article | InputError]:
    """Articles from a JSON document; falls back to JSON Lines when the file is one object per line."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(text, path, warnings=warnings)  # a .json file holding JSON Lines
            return
        yield InputError(path, _json_error(e, f"line {e.lineno} column {e.colno}"))
        return
    if isinstance(doc, dict):
        for key in LIST_KEYS:
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
    if isinstance(doc, dict):
        yield article_from_object(doc, path, warnings=warnings)
    elif isinstance(doc, list):
        if not doc:
            yield InputError(path, "the JSON list is empty: no articles")
        for n, obj in enumerate(doc, start=1):
            yield article_from_object(obj, f"{path}#item-{n}", warnings=warnings)
    else:
        yield InputError(path, f"expected a JSON object or a list of objects, got {type_name(doc)}")


def _json_error(e: json.JSONDecodeError, position: str) -> str:
    """``invalid JSON: <what> at <position>``, built from the decoder's parts.

    Some of the decoder's messages end in "at" ("Unterminated string starting
    at"), which ``str(e)`` follows with ": line L column C (char N)". We give our
    own position (a JSON Lines line is its own document: only the column), so
    that "at" goes, or the reason reads "starting at at column 39".
    """
    what = e.msg.removesuffix(" at")
    return f"invalid JSON: {what[:1].lower()}{what[1:]} at {position}"


def article_from_object(obj: Any, where: str, *, warnings: Sequence[str] = ()) -> Article | InputError:
    """Map one JSON object to an article (see the module docstring for the keys)."""
    if not isinstance(obj, dict):
        return InputError(where, f"expected a JSON object, got {type_name(obj)}")
    text_key = _first(obj, TEXT_KEYS)
    if text_key is None:
        return InputError(where, f"no text: expected one of the keys {', '.join(TEXT_KEYS)}")
    text = obj[text_key]
    if not isinstance(text, str):
        return InputError(where, f"{text_key!r} must be a string, got {type_name(text)}")
    if not text.strip():
        return InputError(where, f"{text_key!r} is empty")
    meta: dict[str, Any] = {"warnings": list(warnings)} if warnings else {}
    title = _string(obj, TITLE_KEYS, meta) or ""
    published = None
    date_key = _first(obj, DATE_KEYS)
    if date_key is not None:
        published = set_published(meta, obj[date_key])
    lang = _string(obj, LANG_KEYS, meta)
    if lang:
        meta["lang"] = lang
    extra = {k: v for k, v in obj.items() if k not in _KNOWN}
    if extra:
        meta["extra"] = extra
    return Article(
        text=text,
        title=title,
        url=_string(obj, URL_KEYS, meta),
        external_id=_string(obj, ID_KEYS, meta),
        source=_string(obj, SOURCE_KEYS, meta),
        origin=where,
        published=published,
        published_from="metadata" if published else None,
        meta=meta,
    )


def _first(obj: dict[str, Any], keys: Sequence[str]) -> str | None:
    for k in keys:
        if k in obj and obj[k] is not None:
            return k
    return None


def _string(obj: dict[str, Any], keys: Sequence[str], meta: dict[str, Any]) -> str | None:
    """The first of ``keys`` as a string; numbers are converted, other types dropped with a warning."""
    key = _first(obj, keys)
    if key is None:
        return None
    value = obj[key]
    if isinstance(value, str):
        return value if value.strip() else None  # "" means absent, not a URL or id
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)  # NaN and Infinity (which Python's JSON reader accepts) fall through to the warning
    if key == "source" and isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]  # NewsAPI-style {"source": {"id": ..., "name": ...}}
    meta.setdefault("warnings", []).append(f"ignored {key!r}: expected a string, got {type_name(value)}")
    return None


def type_name(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} (not a finite number)"
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )
