"""The Jinja2 environment (autoescape always on) and the filters the templates use."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from ..language import READER_LANGUAGES
from .security import safe_href
from .text import direction, is_rtl_lang, isolate

#: Languages offered by the reader-language switcher (the first-class ones first), named in themselves.
UI_LANGS = READER_LANGUAGES


def environment(folder: Path) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,  # every template, whatever its extension (SVG included)
        undefined=jinja2.ChainableUndefined,  # a missing key renders empty instead of failing the page
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        safe_href=safe_href,
        dir=lambda text, lang=None: direction(text or "", lang),
        langdir=lambda lang: "rtl" if is_rtl_lang(lang) else "ltr",
        isolate=isolate,  # user or article text in a page title (base.html): FSI … PDI, unbalanced controls dropped
        day=day,
        when=when,
        path=lambda value: quote(str(value), safe=":@"),
        pct=lambda v: f"{100 * float(v):.0f}%" if isinstance(v, int | float) else "",
        num=lambda v, digits=3: f"{float(v):.{digits}f}" if isinstance(v, int | float) else "",
    )
    env.globals.update(ui_langs=UI_LANGS, query=query)
    return env


def day(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)[:10] if value else ""


def when(value: Any) -> str:
    """``2026-05-03 14:20`` (UTC as stored), or the date alone when there is no time."""
    if isinstance(value, datetime):
        value = value.isoformat()
    if not value:
        return ""
    text = str(value)
    return text[:16].replace("T", " ") if len(text) > 10 else text


def query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied; empty values are dropped."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v is not None and v != "" and not (k == "offset" and not v)})
