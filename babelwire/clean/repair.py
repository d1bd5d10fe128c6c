"""Text repair: mojibake, truncated quotes, Unicode form and whitespace.

``ftfy`` does the heavy lifting (double-encoded UTF-8 read as cp1252/latin-1,
``Ã©`` → ``é``, ``Ø§Ù„`` → ``ال``).  On top of it we add what ftfy leaves:

* a **truncated** mojibake quote: ``”`` is the bytes ``E2 80 9D``; read as
  cp1252 it is ``â€\\x9d`` and read as cp1257 (Baltic) ``ā€¯``.  When the tail
  bytes are lost, a lone ``â``/``ā`` (or ``â€``/``ā€``, or ftfy's ``\\ufffd``)
  is left where a closing quote belongs.  We put back the closing quote that
  matches the paragraph's open quote, but only at a quote position: ``ā`` is
  a real letter in Hawaiian, Māori and transliterated Arabic.
* Arabic read as cp1256 (``ط§ظ„`` for ``ال``), which ftfy does not try.
* NFC, zero-width characters (ZWJ/ZWNJ kept: they shape Persian, Arabic and
  Indic words), line endings and runs of spaces and blank lines.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["repair_text"]

#: Invisible characters removed.  ZWNJ (U+200C) and ZWJ (U+200D) are kept.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u180e\u00ad\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")

#: Opening quote → the closing quote of the same style.
_PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›", "「": "」", "『": "』", "‘": "’"}

#: A two-character leftover (``â€``/``ā€`` not completed by a third byte): always mojibake.
_STRONG = re.compile(r"[âā]€(?![\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u0192])")
#: A one-character leftover at a closing-quote position: after sentence punctuation,
#: before whitespace, closing punctuation or the end of the line.
_WEAK = re.compile(r"(?<=[.!?,;:…。])[âā\ufffd](?=[\s)\]}.,;:!?]|$)|(?<=[^\s])\ufffd(?=[\s.,;:!?]|$)")

#: cp1256 mojibake of UTF-8 Arabic: lead bytes D8–DB read as ط ظ ع غ, then a continuation byte.
_CP1256_WORD = re.compile(r"\S*[طظ][^\s]\S*")

_H_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|\t")


def _open_quote(paragraph: str) -> str | None:
    """The closing quote owed by the last unclosed opening quote in ``paragraph``, if any."""
    best: tuple[int, str] | None = None
    if paragraph.count('"') % 2 == 1:
        best = (paragraph.rfind('"'), '"')
    for opener, closer in _PAIRS.items():
        if opener == closer:
            continue
        if opener == "‘":  # ’ doubles as the apostrophe: count only ’ not between letters
            closes = len(re.findall(r"’(?!\w)|(?<!\w)’", paragraph))
        elif opener == "„":  # German „…“ shares “ with English “…”
            closes = paragraph.count("“")
        else:
            closes = paragraph.count(closer)
        if paragraph.count(opener) > closes:
            pos = paragraph.rfind(opener)
            if opener == "‘" and best is not None:
                continue  # apostrophe ambiguity: prefer any other unclosed style
            if best is None or pos > best[0]:
                best = (pos, closer)
    return best[1] if best else None


def _fix_truncated_quotes(text: str) -> str:
    if not any(c in text for c in "âā\ufffd"):
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not any(c in line for c in "âā\ufffd"):
            continue
        # Strong leftovers first, left to right, so each sees the quotes before it.
        while (m := _STRONG.search(line)) is not None:
            before = line[: m.start()]
            closer = _open_quote(before)
            if closer is None:
                at_close = bool(before) and not before[-1].isspace()
                closer = "”" if at_close else "“"
            line = before + closer + line[m.end() :]
        out: list[str] = []
        last = 0
        for m in _WEAK.finditer(line):
            before = "".join(out) + line[last : m.start()]
            closer = _open_quote(before)
            if closer is None:
                continue  # no open quote: a real letter (or an unknown character), leave it
            out.append(line[last : m.start()] + closer)
            last = m.end()
        if out:
            line = "".join(out) + line[last:]
        lines[i] = line
    return "\n".join(lines)


def _fix_cp1256(text: str) -> str:
    """Undo UTF-8 Arabic decoded as Windows-1256 (``ط§ظ„ط¹ط±ط¨ظٹط©`` → ``العربية``), word by word."""
    if "ط" not in text and "ظ" not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if len(word) < 4:  # a real two-letter word like «ط،» can decode by chance
            return word
        try:
            fixed = word.encode("cp1256").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return word  # genuine Arabic: its letters are never UTF-8 continuation bytes
        arabic = sum(1 for c in fixed if "\u0600" <= c <= "\u06ff")
        return fixed if fixed != word and arabic >= 2 else word

    return _CP1256_WORD.sub(fix, text)


def _normalise_space(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _H_SPACE.sub(" ", text)
    text = "\n".join(line.strip(" \u00a0") for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _once(text: str) -> str:
    import ftfy  # noqa: PLC0415  (light, but only the clean steps need it)

    # uncurl_quotes=False: the default turns Arabic and other curly quotes into ASCII.
    # fix_character_width=False: the default folds CJK full-width punctuation （，：） to ASCII.
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)
    text = _fix_cp1256(text)
    text = _fix_truncated_quotes(text)
    text = unicodedata.normalize("NFC", text)
    return _normalise_space(text)


#: Passes until the text stops changing.  A second pass is needed when one fix
#: uncovers another (a zero-width space inside a mojibake sequence); none of the
#: hypothesis examples needed a third.
_MAX_PASSES = 3


def repair_text(text: str) -> str:
    """Repair mojibake, truncated quotes, Unicode form and whitespace; idempotent."""
    for _ in range(_MAX_PASSES):
        fixed = _once(text)
        if fixed == text:
            break
        text = fixed
    return text
