"""Text normalisation for name matching: scripts, Arabic clitics, transliteration skeletons.

- :func:`norm_token` folds case, accents and Arabic letter variants so that
  ``Erdoğan``/``erdogan`` and ``أوكرانيا``/``اوكرانيا`` compare equal.
- :func:`arabic_candidates` lists the stems a token may hide behind proclitics
  (``و``, ``ف``, ``ب``, ``ل``, ``ك``, ``ال``): ``واليابان`` → ``اليابان`` → ``يابان``.
- :func:`skeleton` turns a name in Latin, Arabic, Cyrillic, Ethiopic or Greek
  script into a Latin consonant skeleton (``روت`` → ``rt``, ``Rutte`` → ``rt``),
  the evidence for cross-script alignment.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..article import CJK_CHARS, WORD, strip_combining

#: A token: a word (letters, digits and their combining marks), inner hyphens and apostrophes kept
#: (``Seol-hwa``, ``O'Brien``, ``Ng'ombe``), but not an English possessive: ``Japan's`` is
#: ``Japan`` and ``s``, so it finds Japan.
TOKEN_RE = re.compile(f"{WORD}(?:[-'’](?![sS](?![\\w'’])){WORD})*")

_AR_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_AR_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "گ": "ك", "ڤ": "ف", "پ": "ب", "چ": "ج"}
)


def script_of(text: str) -> str:
    """The ISO 15924 code of the first letter's script (``Latn``, ``Arab``, ``Cyrl``, ``Ethi``, ``Grek``, ``Hani``…)."""
    for ch in text:
        if not ch.isalpha():
            continue
        o = ord(ch)
        if o < 0x250 or 0x1E00 <= o < 0x1F00:
            return "Latn"
        if 0x370 <= o < 0x400:
            return "Grek"
        if 0x400 <= o < 0x530:
            return "Cyrl"
        if 0x600 <= o < 0x780 or 0xFB50 <= o < 0xFF00 and o < 0xFE00 or 0xFE70 <= o < 0xFF00:
            return "Arab"
        if 0x1200 <= o < 0x13A0 or 0x2D80 <= o < 0x2DE0:
            return "Ethi"
        if 0x3040 <= o < 0x3100:
            return "Jpan"
        if 0xAC00 <= o < 0xD7B0 or 0x1100 <= o < 0x1200:
            return "Hang"
        if 0x4E00 <= o < 0xA000 or 0x3400 <= o < 0x4DC0:
            return "Hani"
        return "Zyyy"
    return "Zyyy"


#: A run of Han, kana or Hangul (``article.CJK_CHARS``): names there are matched by characters.
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")


def is_cjk(ch: str) -> bool:
    return CJK_RUN.match(ch) is not None


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


@lru_cache(maxsize=200_000)
def norm_token(tok: str) -> str:
    """Case-, accent- and letter-variant-folded form of one token."""
    # One apostrophe: CLDR writes Somali and Hausa names with ʼ (U+02BC, "Israaʼiil"), news text with ' or ’.
    t = tok.translate(_APOSTROPHES).casefold()
    if any("\u0600" <= c <= "\u06ff" for c in t):
        return _AR_DIACRITICS.sub("", t).translate(_AR_FOLD)
    if t.isascii():
        return t
    if "\u1200" <= t[0] <= "\u137f":
        return fold_ethiopic(t)
    # drop combining marks for Latin/Cyrillic/Greek (ğ → g, é → e, ё → е); keep CJK intact
    d = unicodedata.normalize("NFD", t)
    return unicodedata.normalize("NFC", strip_combining(d))


def norm_name(text: str) -> str:
    """A whole name normalised: tokens folded and joined by one space."""
    return " ".join(norm_token(t) for t in TOKEN_RE.findall(text))


def strip_article(tok: str) -> str:
    """Drop the Arabic definite article from a normalised token (``اليابان`` → ``يابان``)."""
    if tok.startswith("ال") and len(tok) > 3:
        return tok[2:]
    return tok


def _ethiopic_series(pairs: str) -> dict[int, int]:
    """Map each syllable of one Ethiopic consonant's seven orders onto another's: "ሐሀ" folds ሐ…ሖ onto ሀ…ሆ."""
    out: dict[int, int] = {}
    for variant, base in (pairs[i : i + 2] for i in range(0, len(pairs), 2)):
        for order in range(7):
            out[ord(variant) + order] = ord(base) + order
    return out


#: Amharic letters that once sounded apart and are now written either way: ሐ and ኀ are
#: ሀ (ሕብረት = ህብረት), ሠ is ሰ (ኪሣራ = ኪሳራ), ዐ is አ (ዐቢይ = አቢይ), ፀ is ጸ (ፀሐፊ = ጸሀፊ);
#: ኣ and ዓ are አ (ዓለም = አለም).
_ETHIOPIC_FOLD = _ethiopic_series("ሐሀኀሀሠሰዐአፀጸ") | {ord("ኣ"): ord("አ"), ord("ዓ"): ord("አ")}


def fold_ethiopic(text: str) -> str:
    """Amharic written one way for each sound (``_ETHIOPIC_FOLD``)."""
    return text.translate(_ETHIOPIC_FOLD)


#: Amharic prepositions written as a word's first syllable: of, in/at/by, from, for/to.
AM_PREFIXES = "የበከለ"
#: Amharic endings a name takes in running text: "and" (-ና), the object (-ን), "also" (-ም).
AM_SUFFIXES = "ናንም"


@lru_cache(maxsize=200_000)
def ethiopic_candidates(tok: str, shortest: int = 4) -> tuple[str, ...]:
    """Forms an Amharic token may stand for once a prefixed preposition or a suffix is removed.

    ``የሱዳን`` (of Sudan) → ``ሱዳን``, ``ከአውስትራሊያና`` (from Australia and) →
    ``አውስትራሊያ``.  The token itself comes first, so ``ለንደን`` (London)
    matches before ``ንደን`` is tried; only a word of ``shortest`` syllables or
    more loses one (names: 4; search, which also wants ``የቡና`` → ``ቡና``: 3),
    and a candidate keeps at least two.
    """
    tok = fold_ethiopic(tok)
    out = [tok]
    heads = [tok, tok[1:]] if len(tok) >= shortest and tok[0] in AM_PREFIXES else [tok]
    for h in heads:
        out.append(h)
        if len(h) >= shortest and h[-1] in AM_SUFFIXES:
            out.append(h[:-1])
    seen: dict[str, None] = {}
    for o in out:
        if len(o) >= 2:
            seen.setdefault(o, None)
    return tuple(seen)


#: Russian case endings a place name takes (Брюсселе, Стамбуле, Азии, Газу, Пекином, Европе),
#: longest first, and the endings its dictionary form may have instead.
_RU_CASE_ENDINGS = ("ами", "ями", "ом", "ем", "ой", "ей", "ою", "ею", "ии", "е", "у", "ю", "а", "я", "ы", "и")
_RU_BASE_ENDINGS = ("", "а", "я", "ь", "й", "ия")
#: The case endings of an adjective in a place name and its dictionary forms (Южной → Южная,
#: Южного → Южный, Новой → Новая), longest first.
_RU_ADJECTIVE_ENDINGS = (
    ("ого", ("ый", "ий", "ой")), ("его", ("ий",)), ("ому", ("ый", "ий", "ой")), ("ему", ("ий",)),
    ("ой", ("ая", "ый", "ой")), ("ей", ("яя",)), ("ую", ("ая",)), ("юю", ("яя",)),
    ("ым", ("ый", "ий", "ой")), ("им", ("ий",)), ("ом", ("ый", "ой")), ("ем", ("ий",)),
)

# Tokens reach cyrillic_candidates folded (norm_token: "й" loses its breve, "Южной" → "южнои"),
# so the endings are matched folded too.
_RU_CASE_ENDINGS_FOLDED = tuple(dict.fromkeys(norm_token(e) for e in _RU_CASE_ENDINGS))
_RU_BASE_ENDINGS_FOLDED = tuple(dict.fromkeys(norm_token(e) for e in _RU_BASE_ENDINGS))
_RU_ADJECTIVE_ENDINGS_FOLDED = tuple((norm_token(e), tuple(norm_token(b) for b in bs)) for e, bs in _RU_ADJECTIVE_ENDINGS)


@lru_cache(maxsize=200_000)
def cyrillic_candidates(tok: str) -> tuple[str, ...]:
    """Dictionary forms a normalised Russian token may stand for: the token itself first,
    then its stem with each base ending (``брюсселе`` → … ``брюссель``; ``азии`` → ``азия``).
    Only words of four letters or more, each stem keeping three."""
    out = [tok]
    if len(tok) >= 4:
        for end in _RU_CASE_ENDINGS_FOLDED:
            if tok.endswith(end) and len(tok) - len(end) >= 3:
                stem = tok[: -len(end)]
                out += [stem + base for base in _RU_BASE_ENDINGS_FOLDED]
        for end, bases in _RU_ADJECTIVE_ENDINGS_FOLDED:  # "Южной Кореей", "Новой Зеландией", "Южного Судана"
            if tok.endswith(end) and len(tok) - len(end) >= 3:
                out += [tok[: -len(end)] + base for base in bases]
                break
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=200_000)
def arabic_candidates(tok: str) -> tuple[str, ...]:
    """Stems a normalised Arabic token may stand for once proclitics are removed, longest first.

    ``و``/``ف`` (and, so), then ``ب``/``ل``/``ك`` (in, to, like), then ``ال``;
    ``لل`` is ``ل`` + ``ال`` with the alef elided.  The token itself comes first,
    so ``واشنطن`` (Washington) still matches before ``اشنطن`` is tried.
    """
    out = [tok]
    rest = [tok]
    if len(tok) > 3 and tok[0] in "وف":
        rest.append(tok[1:])
    for r in list(rest):
        if len(r) > 3 and r[0] in "بلك":
            rest.append(r[1:])
            if r.startswith("لل") and len(r) > 4:
                rest.append("ال" + r[2:])
    for r in rest:
        out.append(r)
        s = strip_article(r)
        out.append(s)
    seen: dict[str, None] = {}
    for o in out:
        if len(o) >= 2:
            seen.setdefault(o, None)
    return tuple(seen)


# -- transliteration skeletons -------------------------------------------------
_AR_LAT = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "k",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "s",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "",
    "ي": "",
    "ا": "",
    "ء": "",
    "پ": "b",
    "ڤ": "f",
    "گ": "g",
    "چ": "j",
}
_CY_LAT = {
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ж": "j",
    "з": "z",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "й": "",
    "ґ": "g",
}
_GR_LAT = {
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ζ": "z",
    "θ": "t",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "ks",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "φ": "f",
    "χ": "h",
    "ψ": "ps",
}
# Ethiopic syllables: consonant = (codepoint - 0x1200) // 8 within the main block.
# Rows from U+1200 (ሀ) in steps of 8; w and y rows count as vowels, as in Latin.
_ETHI_ROWS = [
    "h",
    "l",
    "h",
    "m",
    "s",
    "r",
    "s",
    "sh",
    "k",
    "k",
    "k",
    "k",
    "b",
    "v",
    "t",
    "ch",
    "h",
    "h",
    "n",
    "n",
    "",
    "k",
    "k",
    "h",
    "h",
    "",
    "",
    "z",
    "j",
    "",
    "d",
    "d",
    "j",
    "g",
    "g",
    "n",
    "t",
    "ch",
    "p",
    "s",
    "s",
    "f",
    "p",
]

#: Latin spellings folded so that transliteration variants agree:
#: p~b (Arabic has no p), v~f, c/q~k, x~ks, j/g/dj, ch/sh/tsh → s family, w/y are vowels.
_LAT_RULES = [
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"tsch|tsh|sch|sh|ch|zh|tch"), "s"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"kh|gh"), "g"),
    (re.compile(r"ck|q|c"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"dj|dzh|dz"), "j"),
    (re.compile(r"[aeiouyw]"), ""),
]
_FOLD_CONS = str.maketrans({"p": "b", "v": "f", "g": "j", "z": "s", "h": ""})


def _to_latin(text: str) -> str:
    out = []
    for ch in text.casefold():
        o = ord(ch)
        if ch in _AR_LAT:
            out.append(_AR_LAT[ch])
        elif ch in _CY_LAT:
            out.append(_CY_LAT[ch])
        elif ch in _GR_LAT:
            out.append(_GR_LAT[ch])
        elif 0x1200 <= o < 0x1380:
            row = (o - 0x1200) // 8
            out.append(_ETHI_ROWS[row] if row < len(_ETHI_ROWS) else "")
        elif ch.isalpha() and ch.isascii():
            out.append(ch)
        elif ch.isalpha():
            base = unicodedata.normalize("NFD", ch)[0]
            if base.isascii():
                out.append(base)
            elif base in "аеёиоуыэюяіїєαεηιουω":
                out.append("a")  # a vowel: dropped below
        elif ch.isspace():
            out.append(" ")
    return "".join(out)


#: Somali spelling: "x" writes ḥ (Arabic ح) and "c" the ʿayn (ع), so "Maxamuud Cabdi Xasan" is
#: "Mohamud Abdi Hassan" (and محمود عبدي حسن) once they are read as those.
_SOMALI_LETTERS = str.maketrans({"x": "h", "c": None})


@lru_cache(maxsize=50_000)
def skeleton(name: str, lang: str | None = None) -> str:
    """The Latin consonant skeleton of a name in any supported script (``Nakatani`` → ``nktn``);
    ``lang`` reads Somali spelling as Somali (``Maxamuud`` → ``md``, as ``Mohamud``)."""
    lat = _to_latin(name)
    if lang == "so":
        lat = lat.translate(_SOMALI_LETTERS)
    words = []
    for w in lat.split():
        for rx, rep in _LAT_RULES:
            w = rx.sub(rep, w)
        w = re.sub(r"(.)\1+", r"\1", w.translate(_FOLD_CONS))
        if w:
            words.append(w)
    return " ".join(words)
