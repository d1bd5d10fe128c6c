"""Article text for the page: paragraphs with direction, and entity mentions as highlight spans.

Nothing here builds HTML. :func:`blocks` returns plain pieces (text and the
mention they belong to); the template escapes every piece, so article text
can never become markup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

#: Languages written right to left (ISO 639 codes that appear in news).
RTL_LANGS = frozenset({"ar", "arz", "apc", "ary", "fa", "prs", "ur", "he", "iw", "yi", "ps", "ckb", "sd", "ug", "dv", "syr", "ks"})


def is_rtl_lang(lang: str | None) -> bool:
    return bool(lang) and lang.split("-")[0].lower() in RTL_LANGS  # type: ignore[union-attr]


def direction(text: str, lang: str | None = None) -> str:
    """``rtl`` or ``ltr`` for a block: by its strong characters, else by its language."""
    rtl = ltr = 0
    for ch in text[:2000]:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            rtl += 1
        elif bidi == "L":
            ltr += 1
    if rtl or ltr:
        return "rtl" if rtl > ltr else "ltr"
    return "rtl" if is_rtl_lang(lang) else "ltr"


@dataclass
class Piece:
    text: str
    mention: Any = None  # a Mention (id, name, type) or None
    isolate: bool = False  # a run of the other direction inside its block: the page wraps it in <bdi>


@dataclass
class Block:
    pieces: list[Piece] = field(default_factory=list)
    dir: str = "ltr"

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def _segments(text: str, mentions: list[Any]) -> list[Piece]:
    """The text cut at mention bounds; overlapping or out-of-range mentions are skipped."""
    out: list[Piece] = []
    at = 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start < at or m.end <= m.start or m.end > len(text):
            continue
        if m.start > at:
            out.append(Piece(text[at : m.start]))
        out.append(Piece(text[m.start : m.end], m))
        at = m.end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


def blocks(text: str, mentions: list[Any] | None = None, lang: str | None = None) -> list[Block]:
    """Paragraphs (split at newlines) of highlighted pieces, each with its own direction."""
    result: list[Block] = []
    current = Block()
    for piece in _segments(text, [m for m in mentions or [] if getattr(m, "type", "") != "DATE"]):
        if piece.mention is not None:
            current.pieces.append(piece)
            continue
        lines = piece.text.split("\n")
        for i, line in enumerate(lines):
            if i:
                result.append(current)
                current = Block()
            if line:
                current.pieces.append(Piece(line))
    result.append(current)
    kept = [b for b in result if b.text.strip()]
    for b in kept:
        b.dir = direction(b.text, lang)
        if b.dir == "rtl":
            b.pieces = [q for p in b.pieces for q in _isolate_ltr(p)]
    return kept


#: A left-to-right run inside right-to-left text: Latin, Cyrillic, Greek letters with the
#: digits, spaces and punctuation between them ("TOKYO (AP)", "NSATU", "Mark Rutte").
_LTR_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]"  # starts with a letter of a left-to-right script
    r"(?:[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff .,'’()\-/&]*[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff)])?"
)


def _isolate_ltr(piece: Piece) -> list[Piece]:
    """Split a piece of a right-to-left block so its left-to-right runs are isolated.

    Without isolation, ``TOKYO (AP) – أعربت`` in an Arabic paragraph shows as
    ``(TOKYO (AP``: the bidi algorithm gives the brackets the paragraph's direction.
    """
    if piece.mention is not None:
        is_ltr = direction(piece.text) == "ltr" and any(unicodedata.bidirectional(c) == "L" for c in piece.text)
        return [Piece(piece.text, piece.mention, isolate=is_ltr)]
    out: list[Piece] = []
    at = 0
    for m in _LTR_RUN.finditer(piece.text):
        if m.start() > at:
            out.append(Piece(piece.text[at : m.start()]))
        out.append(Piece(m.group(), isolate=True))
        at = m.end()
    if at < len(piece.text):
        out.append(Piece(piece.text[at:]))
    return out or [piece]


def lead(text: str, limit: int = 320) -> str:
    """The first paragraph, cut at a word boundary near ``limit`` characters."""
    first = next((p.strip() for p in text.split("\n") if p.strip()), "")
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit)
    return first[: cut if cut > limit // 2 else limit].rstrip() + "…"


#: Explicit bidi controls: embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
_OPENERS = {"\u202a": "embed", "\u202b": "embed", "\u202d": "embed", "\u202e": "embed",
            "\u2066": "isolate", "\u2067": "isolate", "\u2068": "isolate"}
FSI, PDI = "\u2068", "\u2069"


def balance_bidi(text: str) -> str:
    """``text`` without the bidi controls that open or close nothing (matched pairs are kept).

    QA: a search for ``zzqq<U+202E>xyz.exe end`` left its RIGHT-TO-LEFT OVERRIDE open in the
    page title, which then read the app's own `` – Search · Babelwire`` backwards; a stray
    PDI would close the isolate that :func:`isolate` puts around it.
    """
    keep = [True] * len(text)
    stack: list[tuple[int, str]] = []  # (index, "embed" | "isolate") of the controls still open
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            stack.append((i, _OPENERS[ch]))
        elif ch == "\u202c":  # PDF closes the innermost embedding, never across an isolate
            if stack and stack[-1][1] == "embed":
                stack.pop()
            else:
                keep[i] = False
        elif ch == PDI:  # PDI closes its isolate and whatever embedding was left open inside it
            if any(kind == "isolate" for _, kind in stack):
                while stack[-1][1] != "isolate":
                    keep[stack.pop()[0]] = False
                stack.pop()
            else:
                keep[i] = False
    for i, _ in stack:
        keep[i] = False
    return "".join(ch for ch, k in zip(text, keep, strict=True) if k)


def isolate(text: Any) -> Any:
    """``text`` balanced and wrapped in FSI … PDI, so it cannot reorder what follows it (a page
    title's `` · Babelwire``). Keeps :class:`markupsafe.Markup` as Markup: removing control
    characters from escaped text cannot make markup."""
    if text is None:
        return ""
    out = FSI + balance_bidi(str(text)) + PDI
    return type(text)(out) if hasattr(text, "__html__") else out
