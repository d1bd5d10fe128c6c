"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds → one article per item.

Parsed with ``defusedxml``: a feed that declares XML entities (the
"billion laughs" bomb, or an external entity pointing at a local file) is
refused whole, never expanded. Elements are matched by local name, so the
namespace prefixes a feed happens to use do not matter.

Per item: ``title``; ``link`` (Atom ``link[rel=alternate]/@href``, RSS 1.0
``rdf:about``) → url; ``guid``/``id`` → external_id;
``pubDate``/``published``/``updated``/``dc:date`` → published;
``content:encoded``, Atom ``content``, ``description`` or ``summary`` → text
(HTML stripped, one line per paragraph); the item's own ``source`` element,
else the channel title → source; ``author``/``dc:creator`` → meta["author"];
the feed's ``language``/``xml:lang`` → meta["lang"].
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from ..article import Article
from ..errors import InputError
from .dates import set_published
from .decode import decode
from .html import html_to_text

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
_XML_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""")
_DATE_TAGS = ("pubDate", "published", "updated", "date", "issued", "modified")  # date = dc:date
_TEXT_TAGS = ("encoded", "content", "description", "summary")  # encoded = content:encoded


def read_feed(data: bytes, origin: str, *, url: str | None = None, warnings: Sequence[str] = ()) -> Iterator[Article | InputError]:
    """Every item of the feed in ``data``; items are named ``origin#item-N``.

    ``url`` is where the feed was fetched from: relative item links resolve
    against ``xml:base``, else that URL, else the channel's own link.
    """
    root = _parse(data, origin)
    broken: list[tuple[int, int, str]] = []  # (line, column, message) where a recovered feed was not well-formed
    if isinstance(root, InputError) and root.reason.startswith("not well-formed XML"):
        # "Rwanda & Burundi" and "&nbsp;", the commonest faults of real feeds, each mean one character;
        # written as character references they parse, and survive the recovering parser below
        data, fixed = _numeric_references(data)
        if fixed:
            root = _parse(data, origin)
            warnings = [*warnings, "the feed has '&' or HTML entities (&nbsp;) that XML does not allow; read as the characters"]
    if isinstance(root, InputError):
        recovered = _recover(data) if root.reason.startswith("not well-formed XML") else None
        if recovered is None:
            yield root
            return
        root, broken = recovered
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        if channel is None:
            yield InputError(origin, "RSS feed has no <channel>")
            return
        items = _children(channel, "item")
    elif kind == "RDF":
        channel = _child(root, "channel")
        items = _children(root, "item")
    elif kind == "feed":
        channel = root
        items = _children(root, "entry")
    else:
        yield InputError(origin, f"not an RSS or Atom feed: the root element is <{kind}>")
        return
    feed_title = _text(_child(channel, "title")) if channel is not None else None
    feed_lang = root.get(_XML_LANG)
    if not feed_lang and channel is not None:
        feed_lang = _text(_child(channel, "language")) or channel.get(_XML_LANG)
    if not items:
        yield InputError(origin, "the feed has no items")
        return
    base = _feed_base(root, channel, url)
    if broken:  # a recovered tree may nest an item whose end tag was lost inside the one before
        items = [el for el in (channel if channel is not None else root).iter() if _local(el.tag) == _local(items[0].tag)]
    for n, item in enumerate(items, start=1):
        where = f"{origin}#item-{n}"
        first, last = _lines(item) if broken else (0, -1)
        faults = [b for b in broken if first <= b[0] <= last]
        if faults:
            line, column, message = faults[0]
            yield InputError(where, f"not well-formed XML at line {line}, column {column}: {message}; the feed's other items were read")
        else:
            yield _item(item, where, feed_title, feed_lang, warnings, base)


#: An "&" and what follows it, or a whole CDATA section (the alternation takes CDATA first, so an "&" in
#: one is left alone): a character reference, a named one, or a bare "&".
_REFERENCE = re.compile(rb"(<!\[CDATA\[.*?\]\]>)|&(?:(#[0-9]+|#[xX][0-9A-Fa-f]+)|([A-Za-z][A-Za-z0-9]*));|&", re.DOTALL)
#: XML's own five, written as character references: libxml2's recovering parser drops "&amp;", "&lt;"
#: and the rest in every item after a fault (QA: "Ports &amp; harbours" was stored "Ports  harbours").
_XML_NAMED = {b"amp": 38, b"lt": 60, b"gt": 62, b"quot": 34, b"apos": 39}


def _numeric_references(data: bytes) -> tuple[bytes, int]:
    """``data`` with every "&" outside CDATA written as a character reference, and how many were not XML:
    a bare "&" ("Rwanda & Burundi": it can mean only the character), an HTML name XML does not define
    (``&nbsp;``, ``&copy;``), and XML's own five.  An unknown name is left for the parser to report."""
    from html.entities import name2codepoint

    fixed = 0

    def one(m: re.Match[bytes]) -> bytes:
        nonlocal fixed
        if m.group(1) is not None or m.group(2) is not None:
            return m.group(0)
        name = m.group(3)
        if name is None:  # a bare "&"
            fixed += 1
            return b"&#38;"
        if name in _XML_NAMED:
            return b"&#%d;" % _XML_NAMED[name]
        code = name2codepoint.get(name.decode("ascii"))
        if code is None:
            return m.group(0)
        fixed += 1
        return b"&#%d;" % code

    return _REFERENCE.sub(one, data), fixed


def _recover(data: bytes) -> tuple[Any, list[tuple[int, int, str]]] | None:
    """The feed parsed by libxml2 in recovery mode, with where it was not well-formed; None if that finds nothing.

    One bad item (an unclosed tag in a title) must not lose the feed's other
    items. Entities are never expanded here either, and a feed that declares
    any is left to the strict parser's refusal.
    """
    if b"<!ENTITY" in data:
        return None
    from lxml import etree  # lazily: only a broken feed needs it

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    faults = [(e.line, e.column, e.message) for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    return root, faults


def _lines(el: Any) -> tuple[int, int]:
    """First and last source line of an element's tags (lxml trees only; 0, -1 otherwise)."""
    lines = [d.sourceline for d in el.iter() if getattr(d, "sourceline", None)]
    return (min(lines), max(lines)) if lines else (0, -1)


def _feed_base(root: Element, channel: Element | None, url: str | None) -> str | None:
    """The URL relative item links resolve against: ``xml:base`` (itself resolved against the
    feed's URL), else the feed's URL, else the channel's link to its site."""
    from urllib.parse import urljoin

    for el in (channel, root):
        if el is not None and el.get(_XML_BASE):
            return urljoin(url or "", el.get(_XML_BASE, "").strip())
    if url:
        return url
    site = _link(channel) if channel is not None else None
    return site if site and site.startswith(("http://", "https://")) else None


def _parse(data: bytes, origin: str) -> Element | InputError:
    import defusedxml.ElementTree as safe_xml  # lazily, with the rest of the XML machinery
    from defusedxml import DefusedXmlException

    try:
        return safe_xml.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        return InputError(
            origin, f"refused: the feed declares XML entities ({e!r}); entity bombs and external entities are never expanded"
        )
    except ParseError as first_error:
        # expat knows only a few encodings by itself; decode with ours, then parse the UTF-8 text
        m = _XML_DECL_ENCODING.match(data)
        decoded = decode(data, declared=m.group(1).decode() if m else None)
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", decoded.text.lstrip("\ufeff"), count=1)
        try:
            return safe_xml.fromstring(text.encode("utf-8"), forbid_dtd=False, forbid_entities=True, forbid_external=True)
        except DefusedXmlException as e:
            return InputError(
                origin, f"refused: the feed declares XML entities ({e!r}); entity bombs and external entities are never expanded"
            )
        except ParseError:
            return InputError(origin, f"not well-formed XML: {first_error}")


def _item(
    item: Element, where: str, feed_title: str | None, feed_lang: str | None, warnings: Sequence[str], base: str | None = None
) -> Article | InputError:
    meta: dict[str, Any] = {"warnings": list(warnings)} if warnings else {}
    meta["_feed_item"] = True  # for IngestOptions.fetch_feed_items; "_" keys are not stored
    title = _text(_child(item, "title")) or ""
    if "<" in title:
        title = html_to_text(title).replace("\n", " ")  # titles with escaped markup
    text = ""
    for tag in _TEXT_TAGS:
        el = _child(item, tag)
        if el is not None:
            text = _content_text(el)
            if text:
                break
    text = _without_teaser(text)
    link = _link(item)
    if link and not link.startswith(("http://", "https://")):
        from urllib.parse import urljoin

        item_base = urljoin(base or "", item.get(_XML_BASE, "").strip()) if item.get(_XML_BASE) else base
        link = urljoin(item_base, link) if item_base else link  # "/news/2026/port-strike" → https://site/news/…
    if not text and not (title and link):
        what = "only a title and no link" if title else "neither text nor a title"
        return InputError(where, f"item has {what}; nothing to ingest")
    if not text:
        meta["_needs_page"] = True  # only a title: the reader fetches the page (--fetch-items) or reports the item
    raw_date = next((_text(_child(item, tag)) for tag in _DATE_TAGS if _text(_child(item, tag))), None)
    published = set_published(meta, raw_date)
    author = _author(item)
    if author:
        meta["author"] = author
    lang = item.get(_XML_LANG) or feed_lang
    if lang:
        meta["lang"] = lang.strip()
    source_el = _child(item, "source")
    own_source = None
    if source_el is not None:
        own_source = _text(_child(source_el, "title")) or _text(source_el)  # Atom <source><title>, RSS <source>
    return Article(
        text=text,
        title=title,
        url=link,
        external_id=_text(_child(item, "guid")) or _text(_child(item, "id")) or item.get(_RDF_ABOUT),
        source=own_source or feed_title,
        origin=where,
        published=published,
        published_from="metadata" if published else None,
        meta=meta,
    )


_TEASER_WORDS = (
    r"(?:read more|continue reading|read the full (?:story|article)|full story|more|lire la suite|la suite|"
    r"leer más|weiterlesen|soma zaidi|endelea kusoma|ci gaba da karatu|ka sii akhri|اقرأ المزيد|المزيد|подробнее|"
    r"читать далее|阅读全文|ተጨማሪ ያንብቡ)[\s.…»›→>\])]*"
)
#: A feed summary's link to the page, not its text: "Read more", "Continue reading »", "Soma zaidi".
_TEASER = re.compile(r"[\s\[(]*" + _TEASER_WORDS, re.IGNORECASE)
#: The same link at the end of the summary's last sentence: "… after three weeks. Read more".
_TRAILING_TEASER = re.compile(r"(?<=[.!?…»”\"])\s+[\[(]*" + _TEASER_WORDS + "$", re.IGNORECASE)


def _without_teaser(text: str) -> str:
    """``text`` without the link to the page a summary ends with ("Read more"); empty if that was all."""
    lines = text.rstrip().split("\n")
    if lines and _TEASER.fullmatch(lines[-1]):
        lines.pop()
    elif lines:
        lines[-1] = _TRAILING_TEASER.sub("", lines[-1])
    return "\n".join(lines).strip()


def _content_text(el: Element) -> str:
    kind = (el.get("type") or "html").lower()
    if kind == "xhtml" or len(el):
        from xml.etree.ElementTree import tostring

        inner = "".join(tostring(child, encoding="unicode") for child in el)
        markup = (el.text or "") + re.sub(r"\s?xmlns(:\w+)?=\"[^\"]*\"", "", inner)
        markup = re.sub(r"<(/?)\w+:", r"<\1", markup)  # html:p → p
        return html_to_text(markup)
    raw = el.text or ""
    if kind in ("text", "text/plain"):
        return "\n".join(line.strip() for line in raw.strip().splitlines() if line.strip())
    return (
        html_to_text(raw) if "<" in raw or "&" in raw else "\n".join(ln.strip() for ln in raw.strip().splitlines() if ln.strip())
    )


def _link(item: Element) -> str | None:
    fallback = None
    for el in item:
        if _local(el.tag) != "link":
            continue
        href = el.get("href")
        if href is None:
            return _text(el)  # RSS <link>url</link>
        if (el.get("rel") or "alternate") == "alternate":
            return href.strip()
        fallback = fallback or href.strip()
    guid = _child(item, "guid")
    if (
        guid is not None
        and (guid.get("isPermaLink") or "true") == "true"
        and (_text(guid) or "").startswith(("http://", "https://"))
    ):
        return _text(guid)
    return fallback or item.get(_RDF_ABOUT)


def _author(item: Element) -> str | None:
    for tag in ("author", "creator"):
        el = _child(item, tag)
        if el is not None:
            name = _text(_child(el, "name")) or _text(el)
            if name:
                return name
    return None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: Element | None, name: str) -> Element | None:
    if el is None:
        return None
    for child in el:
        if _local(child.tag) == name:
            return child
    return None


def _children(el: Element, name: str) -> list[Element]:
    return [child for child in el if _local(child.tag) == name]


def _text(el: Element | None) -> str | None:
    if el is None:
        return None
    value = "".join(el.itertext()).strip()
    return value or None
