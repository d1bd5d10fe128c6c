"""HTML pages → one article, through trafilatura.

trafilatura finds the main text, title, date, site name and canonical URL.
We add what it leaves out: the declared language (``<html lang>``) and a
full publication timestamp from the usual meta tags (trafilatura keeps only
the day). When trafilatura finds nothing, a plain lxml text extraction of
the page stands in, with a warning. A page whose only text is site chrome
(menus, footer) is no article: it fails, and so gets no date either.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urljoin

from ..article import Article, site_of
from ..errors import InputError
from .dates import parse_date, set_published

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
#: Script and style blocks, except JSON-LD metadata (dates, headlines): removed
#: before anything reads the page, since trafilatura takes a headline's whole
#: text, a <script> inside an <h1> included.
_CODE = re.compile(r"<(script|style|noscript|template)\b(?![^>]*application/ld\+json)[^>]*>.*?</\1\s*>", re.I | re.S)

#: Elements that never hold article text.
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
)
#: Site chrome: menus, mastheads, footers, sidebars. Text found only there is not an article.
_CHROME = ("nav", "header", "footer", "aside")
#: A copyright notice and its year(s) as htmldate reads them ("© 2026", "Copyright 2019-2026",
#: "(c) 2026"), and the schema.org ``copyrightYear`` it also takes as a date.
_COPYRIGHT = re.compile(r"(?:©|&copy;|&#0*169;|&#x0*a9;|copyright|\(c\))\D{0,99}?(?:\d{4}\s*[-–]\s*)?(\d{4})(?!\d)", re.I)
_COPYRIGHT_YEAR = re.compile(r"""(itemprop\s*=\s*["']?)copyrightYear""", re.I)
_NO_TEXT = "no article text found in the HTML page"
#: Elements that start a new line (paragraphs are kept as newlines).
_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article pre dd dt dl figcaption figure main hr address".split()
)
#: Meta tags that carry a full publication timestamp, most specific first.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
)


def charset_from_html(head: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or ``http-equiv`` in its first bytes."""
    m = _META_CHARSET.search(head[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page or fragment, one line per block element."""
    import lxml.html  # lazily: keeps `import babelwire` light

    markup = _XML_DECL.sub("", markup)
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fromstring(markup)
    except Exception:  # lxml raises several types on junk; a page we cannot parse has no text
        return ""
    for el in root.iter(*_DROP):
        if el is not root:
            el.drop_tree()
    parts: list[str] = []
    _walk(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(el: Any, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else None
    block = tag in _BLOCK
    if block:
        out.append("\n")
    if tag and el.text:
        out.append(el.text.replace("\n", " ") if tag != "pre" else el.text)
    for child in el:
        _walk(child, out)
        if child.tail:
            out.append(child.tail.replace("\n", " "))
    if block:
        out.append("\n")


def read_html(
    markup: str, origin: str, *, url: str | None = None, source: str | None = None, warnings: Sequence[str] = ()
) -> Article | InputError:
    """One article from a page. ``url`` is where it was fetched; ``source`` a fallback outlet name."""
    markup = _XML_DECL.sub("", markup, count=1)
    markup = _CODE.sub("", markup)
    if not markup.strip():
        return InputError(origin, "empty file")
    markup = _repair_markup(markup)
    meta: dict[str, Any] = {"warnings": list(warnings)} if warnings else {}
    page = _page_metadata(markup)
    doc = _trafilatura(markup, url)
    text = (doc.get("text") or "").strip() if doc else ""
    if text and _chrome_only(markup, text):
        text = ""
    if not text:
        text = html_to_text(markup)
        if not text:
            return InputError(origin, _NO_TEXT)
        meta.setdefault("warnings", []).append("trafilatura found no main text; used the plain text of the whole page")
    doc = doc or {}
    title = (doc.get("title") or page.get("title") or "").strip()
    canonical = page.get("canonical")
    if canonical and url:
        canonical = urljoin(url, canonical)
    art_url = canonical if _is_http(canonical) else (doc.get("url") if _is_http(doc.get("url")) else url)
    if url and art_url and art_url != url:
        meta["fetched_url"] = url
    published = None
    if page.get("date"):
        published = parse_date(page["date"])
    if published is None:
        published = set_published(meta, _trafilatura_date(markup, doc, url) or page.get("date"))
    if page.get("lang"):
        meta["lang"] = page["lang"]
    if doc.get("author"):
        meta["author"] = doc["author"]
    outlet = (doc.get("sitename") or "").strip() or source or site_of(art_url)
    return Article(
        text=text,
        title=title,
        url=art_url,
        source=outlet,
        origin=origin,
        published=published,
        published_from="metadata" if published else None,
        html=markup,
        meta=meta,
    )


def _repair_markup(markup: str) -> str:
    """The page with its mojibake repaired before extraction, when ftfy sees any.

    The clean step repairs text, but on a page it would come too late: in
    Yoruba (or any text) read as cp1252, "í" and "à" leave a soft hyphen and a
    no-break space (``Ã\xad``, ``Ã\xa0``), which extraction drops or turns into
    spaces, and what is left cannot be repaired ("ní" came out "nà").
    """
    from ftfy import fix_text  # lazily, like the clean step
    from ftfy.badness import is_bad

    if not is_bad(markup):
        return markup
    return fix_text(markup, uncurl_quotes=False, fix_character_width=False, unescape_html=False)


def _trafilatura(markup: str, url: str | None) -> dict[str, Any] | None:
    import trafilatura  # lazily: heavy import (lxml, htmldate, courlan, justext)

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # it logs every page with no text
    try:
        doc = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False, include_tables=True)
    except Exception:  # trafilatura is third-party parsing code: any crash means "found nothing"
        return None
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def _chrome_only(markup: str, text: str) -> bool:
    """Whether every line of trafilatura's ``text`` is menu or footer text, and none body text.

    On a page with no main text, trafilatura's fallbacks take whatever text
    there is, the links of a ``<nav>`` included: a page of site chrome would be
    stored as an article whose text is "Home About". A line that is anywhere
    outside the chrome, or that we cannot find at all, keeps the text, so a
    short article is never dropped for sharing words with its menu.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(markup)
    except Exception:  # the same junk html_to_text gives up on: leave the text to trafilatura
        return False
    chrome = " ".join(" ".join(el.text_content().split()) for el in root.iter(*_CHROME))
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not chrome or not all(line in chrome for line in lines):
        return False  # the usual case, decided without a second pass over the page
    body = html_to_text(markup)  # the page without its chrome (html_to_text drops it)
    return not any(line in body for line in lines)


def _trafilatura_date(markup: str, doc: dict[str, Any], url: str | None) -> str | None:
    """trafilatura's date, unless it is only a year.

    htmldate, which finds trafilatura's date, falls back on any year it can
    read and answers the 1st of January: the year of a "© 2026" footer (or
    ``copyrightYear``), or of a date in a language it cannot read ("12 ga
    Oktoba 2026"), so an undated page got an invented date. When the date is
    a 1st of January, we ask htmldate again without copyright notices and
    without its search of the free text (metadata, time tags, bylines and the
    URL only), with trafilatura's other settings: a real 1 January still
    comes back, and the dateline step reads the date the text gives.
    """
    date = doc.get("date")
    if not isinstance(date, str) or not date.endswith("-01-01"):
        return date
    from htmldate import find_date  # trafilatura's own date finder (a dependency of it)
    from trafilatura.settings import set_date_params

    stripped = _COPYRIGHT_YEAR.sub(r"\1notCopyrightYear", _COPYRIGHT.sub(" ", markup))
    try:
        return find_date(stripped, url=doc.get("url") or url, **(set_date_params() | {"extensive_search": False}))
    except Exception:  # third-party parsing code, as in _trafilatura: a crash means "no date"
        return None


def _page_metadata(markup: str) -> dict[str, str]:
    """``lang``, ``canonical``, a full ``date`` and ``title`` read straight from the page's tags."""
    import lxml.html

    out: dict[str, str] = {}
    try:
        root = lxml.html.document_fromstring(markup)
    except Exception:
        return out
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for m in root.iter("meta"):
            if (m.get("http-equiv") or "").lower() == "content-language" and m.get("content"):
                lang = m.get("content").split(",")[0]
                break
    if lang and lang.strip():
        out["lang"] = lang.strip()
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            out["canonical"] = link.get("href").strip()
            break
    found: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").lower()
        if key in _DATE_META and m.get("content") and key not in found:
            found[key] = m.get("content").strip()
    for el in root.xpath("//*[@itemprop='datePublished']"):
        value = el.get("datetime") or el.get("content")
        if value:
            found.setdefault("datepublished", value.strip())
    for key in _DATE_META:
        if key in found:
            out["date"] = found[key]
            break
    t = root.find(".//title")
    if t is not None and t.text_content().strip():
        out["title"] = " ".join(t.text_content().split())
    return out


def _is_http(url: Any) -> bool:
    return isinstance(url, str) and url.startswith(("http://", "https://"))
