"""Search normalisation: the same terms for the index and for queries.

Documents are indexed under their lemmas (simplemma, in the article's
language) and, for Arabic, under the clitic-stripped stem, so ``اليابان``
finds ``واليابان`` and ``sema`` finds ``alisema``.  A query's language is
unknown, so each query term becomes an OR of its variants in the likely
languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from ..article import CJK_CHARS, WORD
from ..entities.normalise import ethiopic_candidates
from ..lemmas import lemmatize

_TOKEN = re.compile(WORD)  # letters, digits and their combining marks (article.MARKS)
_TASHKEEL = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
CJK_RE = re.compile(f"[{CJK_CHARS}]")  # Hangul too: Korean is indexed by bigrams
_ETHIOPIC = re.compile(r"[\u1200-\u137f]")

#: Arabic proclitics, longest first: conjunction (و ف), preposition (ب ك ل), article (ال).
_AR_PREFIXES = ("وبال", "وكال", "ولل", "فال", "وال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
#: A stem must keep at least this many letters after stripping; three-letter
#: roots are the norm, so stripping below 3 would merge unrelated words.
_AR_MIN_STEM = 3

#: Languages simplemma lemmatises that we try for a query in a Latin or Cyrillic script.
QUERY_LANGS = ("en", "sw", "fr", "es", "de", "ru")


def fold_arabic(token: str) -> str:
    token = _TASHKEEL.sub("", token)
    return token.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}))


def arabic_stem(token: str) -> str:
    """Strip one run of proclitics: ``واليابان`` → ``يابان``."""
    token = fold_arabic(token)
    for prefix in _AR_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= _AR_MIN_STEM:
            return token[len(prefix):]
    return token


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        if CJK_RE.search(tok):
            # No word spaces in Chinese/Japanese: index characters and bigrams.
            chars = [c for c in tok]
            out.extend(chars)
            out.extend(a + b for a, b in zip(chars, chars[1:], strict=False))
        else:
            out.append(tok)
    return out


def term_variants(token: str, lang: str | None) -> set[str]:
    """Every form a token is indexed or searched under."""
    return set(_index_terms(token, lang))


@lru_cache(maxsize=200_000)
def _index_terms(token: str, lang: str | None) -> tuple[str, ...]:
    """:func:`term_variants`, sorted (cached: a corpus repeats its words)."""
    if _ARABIC.search(token):
        return (arabic_stem(token),)
    if _ETHIOPIC.match(token):
        # with and without a prefixed preposition or suffix: ``የቡና`` (of coffee) and ``ቡናና``
        # (coffee and) are also ``ቡና``; a query word gets the same terms
        return tuple(sorted(ethiopic_candidates(token, shortest=3)))
    if CJK_RE.search(token) or lang in (None, "und", "zh", "ja", "ko"):
        return (token,)
    return tuple(sorted({token, lemmatize(token, lang)}))


def index_text(text: str, lang: str | None) -> str:
    """The text stored in FTS5 for a document in ``lang``."""
    out: list[str] = []
    for tok in tokens(text):
        out.extend(_index_terms(tok, lang))
    return " ".join(out)


#: A name matched in a query: its character span and, per alias, the index terms to find it by.
Expansion = tuple[int, int, list[list[str]]]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _alias_clause(terms: list[str]) -> str:
    if len(terms) == 1:
        return _quote(terms[0])
    # Variants sit between a name's words in the index, so a phrase would miss: NEAR keeps them close.
    return f"NEAR({' '.join(_quote(t) for t in terms)}, {2 * len(terms)})"


def fts_query(query: str, lang_hint: str | None = None, expansions: Sequence[Expansion] = (), *, any_term: bool = False) -> str:
    """An FTS5 MATCH expression: every query term (any of its variants) must occur, or any term with ``any_term``.

    ``expansions`` marks names in the query (``NATO``) with the index terms of
    their aliases in other scripts (``ناتو``, ``нато``, ``北约``): the name's
    words match, or any alias does.  That is how a keyword query in one
    language finds articles in every language.
    """
    langs = [lang_hint] if lang_hint and lang_hint != "und" else []
    langs += [lang for lang in QUERY_LANGS if lang not in langs]
    text = unicodedata.normalize("NFKC", query)
    groups: list[tuple[int, list[str], list[str]]] = []  # (expansion index or -1, word clauses, alias clauses)
    # Any term may match: then "des" in "grève des dockers" would bring every French and German
    # article (QA), so function words of any language count only in a query of nothing else.
    function_words: list[tuple[int, list[str], list[str]]] = []
    for m in _TOKEN.finditer(text.lower()):
        span = next((i for i, (a, b, _) in enumerate(expansions) if a <= m.start() < b), -1)
        clauses = []
        for tok in tokens(m.group()):  # one token, or a CJK run's characters and bigrams
            variants: set[str] = set()
            # A known name's words are matched as written (the index holds every word's own form):
            # no lemmas, so a query of names loads no language's word lists (seconds in a CLI run).
            for lang in [None] if span >= 0 else langs:
                variants |= term_variants(tok, lang)
            if variants - {""}:
                clauses.append("(" + " OR ".join(_quote(v) for v in sorted(variants) if v) + ")")
        if not clauses:
            continue
        if span >= 0 and groups and groups[-1][0] == span:
            groups[-1][1].extend(clauses)
        elif span >= 0:
            groups.append((span, clauses, [_alias_clause(t) for t in expansions[span][2] if t]))
        elif any_term and _only_a_function_word(m.group(), text[m.start() : m.end()]):
            function_words.extend((-1, [c], []) for c in clauses)
        else:
            groups.extend((-1, [c], []) for c in clauses)
    if not groups:
        groups = function_words  # a query of function words only still matches them
    out: list[str] = []
    for _, words, aliases in groups:
        own = words[0] if len(words) == 1 else "(" + " AND ".join(words) + ")"
        clause = "(" + " OR ".join([own, *aliases]) + ")" if aliases else own
        if clause not in out:  # a repeated word adds no constraint, only work
            out.append(clause)
    return (" OR " if any_term else " AND ").join(out)


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    """Function word (lower-cased) → the languages whose list holds it (compare.stopwords)."""
    from ..compare.stopwords import STOPWORDS

    out: dict[str, set[str]] = {}
    for lang, words in STOPWORDS.items():
        for w in words:
            out.setdefault(w.lower(), set()).add(lang)
    return {w: frozenset(langs) for w, langs in out.items()}


def _only_a_function_word(word: str, as_written: str) -> bool:
    """Whether a query word is only a function word, whatever the query's language: one of two letters
    ("la", "na", "et"), one of English, or one that several languages list ("des"). Not an acronym
    written in capitals ("UN", "MIT"), nor a longer word only one other language lists, which may be
    a content word in the query's: German "war", "die", "bei" are English war and die and Swahili
    bei (price) (review: "war crimes" searched for crimes only)."""
    langs = _function_words().get(word)
    if not langs or (as_written.isupper() and len(as_written) > 1):
        return False
    return len(word) <= 2 or "en" in langs or len(langs) >= 2


def fts_query_any(query: str, lang_hint: str | None = None, expansions: Sequence[Expansion] = ()) -> str:
    """Like :func:`fts_query` but any term may match (ranked by BM25): the recall fallback."""
    return fts_query(query, lang_hint, expansions, any_term=True)
