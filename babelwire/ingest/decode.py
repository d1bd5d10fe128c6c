"""Bytes → text: BOMs, UTF-8, declared charsets and legacy encodings.

The order is:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) wins;
2. a declared UTF-16/32 charset (it cannot be valid UTF-8 anyway);
3. strict UTF-8; valid UTF-8 with non-ASCII text is almost never a legacy
   encoding by accident, so it beats a declared ``windows-1252``;
4. the declared charset (``<meta charset>``, XML declaration, HTTP header) if
   it decodes cleanly;
5. *mostly* UTF-8 (a few bad bytes among many good multi-byte characters):
   decoded with U+FFFD and a warning naming the count of bad bytes;
6. our own scoring of the legacy encodings news archives actually use
   (Arabic windows-1256, Western windows-1252, Cyrillic windows-1251 and
   KOI8-R), then ``charset_normalizer`` for everything else.

Anything that is not plain UTF-8 leaves a line in ``warnings``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Legacy encodings scored by :func:`_guess_legacy`, most common first (ties go
#: to the earlier one). These are the ones the brief names for our sources.
LEGACY_CANDIDATES = ("windows-1252", "windows-1256", "windows-1251", "koi8-r")

#: Share of bad bytes among non-ASCII characters below which a file counts as
#: "UTF-8 with a few bad bytes" rather than a legacy encoding. Measured here: the
#: Arabic seed in windows-1256 gives 99.9% bad (2,666 bad, 4 accidental valid
#: pairs); French windows-1252 and Russian windows-1251/KOI8-R give 100%.
MOSTLY_UTF8_MAX_BAD_SHARE = 0.1

#: A legacy guess whose penalty per non-ASCII character is above this is not
#: trusted and ``charset_normalizer`` is asked instead. Correct decodings of
#: our Arabic/French/Russian samples score 0; wrong ones score 0.5 or more.
LEGACY_MAX_PENALTY = 0.2

_CHARSET_ALIASES = {"latin-1": "windows-1252", "iso-8859-1": "windows-1252", "ascii": "windows-1252", "us-ascii": "windows-1252"}
_OK_SYMBOLS = set("«»‹›–—‘’‚“”„…•€£¥§°±·\u00a0\u200c\u200d\u200e\u200f\u061f\u060c\u061b\u066a\u066b\u066c")


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def normalise_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None if Python has no such codec."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _CHARSET_ALIASES.get(name, name)  # WHATWG: latin-1 and ascii labels mean windows-1252
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is a charset named by the document or the server."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc.replace("-sig", ""))
            except UnicodeDecodeError:
                break  # a BOM followed by garbage: fall through to the other rules
    want = normalise_charset(declared)
    if want and want.startswith(("utf-16", "utf-32")):
        try:
            return Decoded(data.decode(want), want)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        warnings = []
        if want and want not in ("utf-8", "ascii") and not text.isascii():
            warnings.append(f"declared charset {declared} but the content is valid UTF-8; decoded as utf-8")
        return Decoded(text, "utf-8", warnings)
    if want and want != "utf-8":
        try:
            return Decoded(data.decode(want), want, [f"decoded as {_display(want)} (declared)"])
        except UnicodeDecodeError:
            pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    guess = _guess_legacy(data)
    if guess is not None:
        return Decoded(guess[1], guess[0], [f"decoded as {guess[0]}"])
    return _charset_normalizer(data)


def _display(codec: str) -> str:
    """``cp1256`` → ``windows-1256``, the name people know."""
    return re.sub(r"^cp(125\d)$", r"windows-\1", codec)


def _mostly_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in text if ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff")
    if good == 0 or bad > MOSTLY_UTF8_MAX_BAD_SHARE * (bad + good):
        return None
    fixed = data.decode("utf-8", errors="replace")
    return Decoded(fixed, "utf-8", [f"invalid UTF-8: {bad} bad byte{'s' if bad != 1 else ''} replaced with U+FFFD"])


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for enc in LEGACY_CANDIDATES:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            if enc != "windows-1252":
                continue
            enc, text = "latin-1", data.decode("latin-1")  # 0x81/0x8D/0x8F/0x90/0x9D are undefined in 1252
        score = implausibility(text)
        if best is None or score < best[0]:
            best = (score, enc, text)
    if best is None or best[0] > LEGACY_MAX_PENALTY:
        return None
    return best[1], best[2]


def implausibility(text: str) -> float:
    """Penalty per non-ASCII character for text that looks like a wrong decoding.

    Wrong single-byte decodings show as words that mix scripts (``ةlection``),
    change case inside a word (``лХМХЯРП``), are made mostly of accented Latin
    letters (``Ìèíèñòð``), put a combining mark after a space (KOI8-R capitals
    read as windows-1256) or contain control and odd symbol characters
    (``×`` is KOI8-R ``в`` read as windows-1256).
    """
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F)
    if non_ascii == 0:
        return 0.0
    penalty = 0
    prev = " "
    for ch in text:
        if ord(ch) > 0x7F and ch not in _OK_SYMBOLS:
            cat = unicodedata.category(ch)
            if cat[0] in "CS" or cat == "Lm" or cat == "No":
                penalty += 1
            elif cat == "Mn" and not (prev.isalpha() or unicodedata.category(prev) == "Mn"):
                penalty += 1  # a combining mark (Arabic haraka) with no letter to sit on
        elif ord(ch) < 0x20 and ch not in "\t\n\r\f":
            penalty += 1
        prev = ch
    upper = lower = 0
    for word in re.findall(r"[^\W\d_]+", text):
        if word.isascii():
            continue  # only non-ASCII words tell encodings apart
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            penalty += len(word)
            continue
        # lower→upper anywhere, or upper→lower after the first letter: case flipping inside a word
        flips = sum(
            1
            for i, (a, b) in enumerate(zip(word, word[1:], strict=False))
            if (a.islower() and b.isupper()) or (i > 0 and a.isupper() and b.islower())
        )
        penalty += flips
        if scripts == {"cyrillic"}:
            upper += sum(1 for ch in word if ch.isupper())
            lower += sum(1 for ch in word if ch.islower())
        if scripts == {"latin"} and len(word) >= 4:
            accented = sum(1 for ch in word if ord(ch) > 0x7F)
            if accented * 2 > len(word):
                penalty += accented
        if scripts == {"arabic"}:
            # a lone hamza between two letters (not after alif) is KOI8-R "а" read as windows-1256
            penalty += sum(1 for i in range(1, len(word) - 1) if word[i] == "\u0621" and word[i - 1] != "\u0627")
    if upper > lower:
        penalty += (upper - lower) // 2  # mostly-capital Cyrillic: KOI8-R and windows-1251 swap case
    return penalty / non_ascii


def _script(ch: str) -> str:
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "ARABIC", "CYRILLIC", "GREEK", "HEBREW"):
        if name.startswith(script):
            return script.lower()
    return name.split(" ", 1)[0].lower()


def _charset_normalizer(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # lazily: only legacy files need it

    best = from_bytes(data).best()
    if best is None:
        bad = data.decode("utf-8", errors="surrogateescape")
        count = sum(1 for ch in bad if "\udc80" <= ch <= "\udcff")
        return Decoded(
            data.decode("utf-8", errors="replace"),
            "utf-8",
            [f"unknown encoding: decoded as UTF-8 with {count} bad bytes replaced"],
        )
    enc = _display(best.encoding)
    return Decoded(str(best), enc, [f"decoded as {enc} (detected)"])
