"""Language identification with py3langid, on one code scheme.

Codes are ISO 639-1 where one exists, else ISO 639-3 (``ha``, ``yo``, ``so``,
``am`` are 639-1; ``fuv`` stays as it is).  Dialect and macro-language labels
are folded (``arz``/``ary`` → ``ar``, ``swh`` → ``sw``).  ``und`` means unsure.

An article is *mixed* when its paragraphs disagree: at least two languages
each hold a real share of the letters (:data:`MIXED_MIN_SHARE`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .article import Article

#: Below this normalised probability the label is ``und``.  py3langid's
#: normalised probabilities are near 1.0 for every NTREX article in our 10
#: languages (see bench/bench_langid.py) and fall under 0.5 mainly on
#: one- or two-word strings, where a guess is worse than no answer.
MIN_CONFIDENCE = 0.5

#: Texts shorter than this (headlines, captions) are judged among the major
#: news languages only (:data:`SHORT_TEXT_LANGS`), with a lower bar: on a few
#: words py3langid's 140 labels spread the probability over close neighbours
#: (English headlines went to Nigerian Pidgin, Spanish ones to Extremaduran
#: and Aragonese).  Chosen on the NTREX-128 headlines, which bench_langid
#: also reports, so that number is optimistic: headline accuracy rose from
#: 0.68 (en) / 0.80 (es) to ≥ 0.95 in all 10 languages.
SHORT_TEXT_CHARS = 160
MIN_CONFIDENCE_SHORT = 0.2
SHORT_TEXT_LANGS = frozenset(
    "am ar az be bg bn ca cs cy de el en es et eu fa fi fr gl gu ha he hi hu hy is it ja ka kn ko lt lv mk ml mr "
    "ne nl pa pl pt ro ru sk sl so sq sw ta te th tr uk ur vi yo zh "
    "id ms sv da no hr sr bs tl af ig om ln uz kk ps ku my km si".split()
)

#: Only this many leading characters are read.  A page is settled long
#: before (NTREX articles average about 4,000), and on megabytes py3langid's
#: probabilities lose their footing: 5 MB of English word salad came out
#: ``und`` at 0.47, its first 20,000 characters ``en`` at 1.0.  It also keeps
#: the per-paragraph pass for mixed languages from taking seconds on huge texts.
IDENTIFY_MAX_CHARS = 20_000

#: Texts with fewer letters than this are ``und``: too little evidence.
MIN_LETTERS = 3

#: A second language must hold this share of the letters for "mixed".
#: 0.2 keeps a quoted English phrase inside an Arabic article from flagging
#: it, while an article that switches language for a paragraph or more does.
MIXED_MIN_SHARE = 0.2

#: Paragraphs shorter than this many letters are not judged on their own.
MIXED_MIN_PARAGRAPH = 40

#: Fold labels into one scheme.
FOLD = {
    "arz": "ar", "ary": "ar", "apc": "ar", "acm": "ar", "arb": "ar",
    "swh": "sw", "swc": "sw",
    "uzs": "uz", "wuu": "zh", "yue": "zh", "cmn": "zh",
    "gug": "gn", "nb": "no", "nn": "no",
    "zxx": "und",
}

#: ISO 639-3 → 639-1, for inputs that declare a three-letter code.
ISO3_TO_1 = {
    "eng": "en", "ara": "ar", "arb": "ar", "swa": "sw", "swh": "sw", "fra": "fr", "fre": "fr",
    "deu": "de", "ger": "de", "spa": "es", "rus": "ru", "zho": "zh", "chi": "zh", "cmn": "zh",
    "hau": "ha", "amh": "am", "som": "so", "yor": "yo", "por": "pt", "ita": "it", "tur": "tr",
    "fas": "fa", "per": "fa", "urd": "ur", "hin": "hi", "jpn": "ja", "kor": "ko", "ukr": "uk",
}

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def normalise_code(code: str | None) -> str:
    """Map any declared or detected language code onto Babelwire's scheme."""
    if not code:
        return "und"
    code = code.strip().replace("_", "-").split("-")[0].lower()
    code = ISO3_TO_1.get(code, code)
    return FOLD.get(code, code) or "und"


def filter_code(value: str) -> str | None:
    """The code a language filter means: a code in any form (``swa``, ``ar-EG``), an English
    language name (``Arabic``) or the language's own (``العربية``, ``Kiswahili``); None when it
    names no language Babel knows."""
    value = unicodedata.normalize("NFC", value)  # QA: "Yorùbá" typed decomposed was no language
    name = " ".join(value.split()).casefold()
    if (alias := LANGUAGE_NAME_ALIASES.get(name.replace("-", " "))) is not None:
        return alias
    code = normalise_code(value)
    if code == "und" or code in _language_names().values():
        # A name with a hyphen reads as a tag: "Af-Soomaali" (Somali in Somali) was "af", Afrikaans.
        if "-" in value and (named := _named(name)):
            return named
        return code
    return _named(name)


def _named(name: str) -> str | None:
    return _language_names().get(name) or _native_names().get(name)


#: How speakers write their language's name where Babel's own spelling differs (spaces for hyphens).
LANGUAGE_NAME_ALIASES = {
    "af soomaali": "so", "afsoomaali": "so", "harshen hausa": "ha", "yaren hausa": "ha", "ede yoruba": "yo",
    "èdè yorùbá": "yo", "amarigna": "am", "amarinya": "am", "lugha ya kiswahili": "sw", "al arabiya": "ar",
}


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """English language names (casefolded) → code, for every language Babel names."""
    from babel import Locale

    names = Locale("en").languages
    return {name.casefold(): normalise_code(code) for code, name in names.items() if "_" not in code}


#: The languages a reader can ask for entity names in (the web UI's menu), each named in itself.
READER_LANGUAGES = {
    "en": "English", "ar": "العربية", "sw": "Kiswahili", "ha": "Hausa", "am": "አማርኛ", "so": "Soomaali", "yo": "Yorùbá",
    "fr": "Français", "es": "Español", "de": "Deutsch", "ru": "Русский", "zh": "中文",
}


@lru_cache(maxsize=1)
def _native_names() -> dict[str, str]:
    """Each language's name in itself (casefolded) → code: العربية, Kiswahili, Soomaali, አማርኛ, as the UI's
    menu writes them (QA: the web filter took "Arabic" but not the menu's "العربية").  Read only when a value
    is neither a code nor an English name: it costs over half a second to build."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    out = {name.casefold(): code for code, name in READER_LANGUAGES.items()}  # the menu's own spellings ("Yorùbá")
    for ident in locale_identifiers():
        if "_" in ident:
            continue
        try:
            name = Locale.parse(ident).get_display_name(ident)
        except (ValueError, LookupError):
            continue
        if name:
            out.setdefault(name.casefold(), normalise_code(ident))
    return out


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _short_identifier() -> Any:
    import copy

    # A shallow copy shares the full model (loading it takes about half a
    # second); set_languages gives the copy its own sliced arrays.
    ident = copy.copy(_identifier())
    ident.set_languages(sorted(SHORT_TEXT_LANGS & set(ident.nb_classes)))
    return ident


@dataclass(frozen=True)
class Guess:
    lang: str
    confidence: float
    mixed: bool = False
    shares: tuple[tuple[str, float], ...] = ()


def _classify(text: str) -> tuple[str, float]:
    if len(_LETTER.findall(text[:2000])) < MIN_LETTERS:
        return "und", 0.0
    short = len(text.strip()) < SHORT_TEXT_CHARS
    lang, prob = (_short_identifier() if short else _identifier()).classify(text)
    lang = normalise_code(lang)
    if prob < (MIN_CONFIDENCE_SHORT if short else MIN_CONFIDENCE):
        return "und", float(prob)
    return lang, float(prob)


def identify(text: str) -> Guess:
    """Language of ``text`` (its first :data:`IDENTIFY_MAX_CHARS` characters), its confidence
    and whether it mixes languages."""
    text = text[:IDENTIFY_MAX_CHARS]
    lang, conf = _classify(text)
    shares = _paragraph_shares(text)
    present = [(code, share) for code, share in shares if share >= MIXED_MIN_SHARE and code != "und"]
    return Guess(lang, conf, mixed=len(present) >= 2, shares=tuple(shares))


def _paragraph_shares(text: str) -> list[tuple[str, float]]:
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if len(_LETTER.findall(p)) >= MIXED_MIN_PARAGRAPH]
    if len(paragraphs) < 2:
        return []
    weight: dict[str, float] = {}
    for p in paragraphs:
        code, _ = _classify(p)
        weight[code] = weight.get(code, 0.0) + len(_LETTER.findall(p))
    total = sum(weight.values()) or 1.0
    return sorted(((k, v / total) for k, v in weight.items()), key=lambda kv: -kv[1])


class LanguageStep:
    """Detects ``lang`` from title and text; a declared language is kept only when detection is unsure."""

    name = "language"
    requires = frozenset({"text", "title"})
    assigns = frozenset({"lang", "lang_confidence", "mixed_lang"})

    def __call__(self, articles: list[Article]) -> list[Article]:
        for a in articles:
            guess = identify(f"{a.title}\n{a.text}" if a.title else a.text)
            raw = a.meta.get("lang")
            given = isinstance(raw, str) and bool(raw.strip())
            # a code in any form, or a language's name (filter_code); None for what names no language
            known = filter_code(raw) if given else None
            declared = known or "und"
            if guess.lang == "und" and declared != "und":
                a.lang, a.lang_confidence = declared, 0.5
            else:
                a.lang, a.lang_confidence = guess.lang, guess.confidence
            if given and known is None:  # QA: "xx" was dropped without a word ("und" itself is a code: undetermined)
                a.meta.setdefault("warnings", []).append(
                    f"ignored lang {raw[:40]!r}: not a language code (such as ar, sw, en); detected {a.lang}")
            a.mixed_lang = guess.mixed
            if guess.mixed:
                a.meta["lang_shares"] = [list(s) for s in guess.shares]
        return articles
