"""Distinctive words per group: class-based TF-IDF over a story's articles.

c-TF-IDF is BERTopic's topic representation (Grootendorst 2022,
``bertopic/vectorizers/_ctfidf.py``): all documents of a class are joined into
one, and a term's weight in class *c* is

    W(t, c) = tf(t, c) / |c|  ·  log(1 + A / f(t))

where ``tf(t, c)`` is the count of *t* in *c* (L1-normalised per class, as
BERTopic's transformer does), ``f(t)`` its count over all classes and ``A`` the
average number of terms per class.  A word that only one outlet uses gets the
full ``log(1 + A / f)`` boost; a word every outlet uses often gets little.

Terms are lemmas where simplemma supports the language (so Arabic واليابان and
اليابان, or Swahili alisema and wamesema, count as one term), shown to the
reader as the surface form the group used most.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from ..article import HAN_KANA_CHARS, WORD
from .stopwords import stopwords

#: Languages simplemma 2.x ships dictionaries for, among those Babelwire reads.
#: Checked against ``simplemma.strategies.dictionaries.dictionary_factory.SUPPORTED_LANGUAGES``
#: (2.0.0): Hausa, Yoruba, Somali, Amharic and Chinese are not there.
LEMMA_LANGS = frozenset({"en", "ar", "sw", "fr", "ru", "es", "de", "pt", "it", "nl", "tr", "fa", "uk", "pl", "id", "ms", "hi"})

#: Shortest non-CJK token kept.  One-letter tokens are initials, clitics split
#: off by ``\w+`` (French l', d') or list markers, never a framing signal.
MIN_TOKEN_LEN = 2

#: Keep the Arabic article on words of up to this length (الله, الى): shorter
#: than that, ال is more likely part of the stem than a prefix.
_AR_MIN_STRIP = 4

_CJK_RUN = re.compile(f"[{HAN_KANA_CHARS}]+")
_WORD = re.compile(WORD)  # letters, digits and their combining marks (article.MARKS)


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The lowercase lemma of a lowercase ``word``; the word itself where simplemma has no dictionary."""
    if lang not in LEMMA_LANGS:
        return word
    from ..lemmas import lemmatize  # lazy: loading a language's dictionary takes up to seconds

    out = lemmatize(word, lang)
    if lang == "ar" and out.startswith("ال") and len(out) > _AR_MIN_STRIP:
        # simplemma 2.0 strips the article from most words (الصين → صين, والناتو → ناتو) but
        # keeps it on some it knows whole (اليابان), while واليابان → يابان: finish the job.
        out = out[2:]
    return out


def surface_tokens(text: str, lang: str) -> list[str]:
    """Lowercase tokens of ``text`` before stop words and lemmas: CJK character bigrams, words (``article.WORD``) elsewhere."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    pos = 0
    for run in _CJK_RUN.finditer(text):
        out.extend(_words(text[pos : run.start()]))
        chars = run.group()
        out.extend(chars[i : i + 2] for i in range(len(chars) - 1))
        pos = run.end()
    out.extend(_words(text[pos:]))
    return out


def _words(chunk: str) -> list[str]:
    return [w for w in (m.group().lower() for m in _WORD.finditer(chunk)) if len(w) >= MIN_TOKEN_LEN and not w.isdigit()]


def tokenize(text: str, lang: str) -> list[tuple[str, str]]:
    """``(term, surface)`` pairs: stop words dropped, terms lemmatised where simplemma knows ``lang``."""
    stop = stopwords(lang)
    cjk_stop = stopwords("zh")
    out: list[tuple[str, str]] = []
    for tok in surface_tokens(text, lang):
        if _CJK_RUN.fullmatch(tok):
            if len(tok) < 2 or any(ch in cjk_stop for ch in tok):
                continue
            out.append((tok, tok))
            continue
        if tok in stop:
            continue
        term = lemma(tok, lang)
        if term in stop or len(term) < MIN_TOKEN_LEN:
            continue
        out.append((term, tok))
    return out


class TermCounts:
    """Term counts of one group, with the surface forms each term was seen as."""

    def __init__(self) -> None:
        self.terms: Counter[str] = Counter()
        self.surfaces: dict[str, Counter[str]] = {}

    def add(self, text: str, lang: str) -> TermCounts:
        for term, surface in tokenize(text, lang):
            self.terms[term] += 1
            self.surfaces.setdefault(term, Counter())[surface] += 1
        return self

    def shown_as(self, term: str) -> str:
        """The surface form this group used most for ``term`` (ties: the shorter, then alphabetical)."""
        forms = self.surfaces.get(term)
        if not forms:
            return term
        return min(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]


def class_tfidf(counts: Mapping[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """BERTopic's c-TF-IDF weight of every term in every class (see the module docstring)."""
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    sizes = [sum(c.values()) for c in counts.values()]
    if not total or not sizes:
        return {key: {} for key in counts}
    # BERTopic takes int(mean(...)) for A; keep at least 1 so an all-empty class cannot zero every idf.
    avg = max(1, int(sum(sizes) / len(sizes)))
    idf = {t: math.log(1 + avg / f) for t, f in total.items()}
    out: dict[str, dict[str, float]] = {}
    for key, c in counts.items():
        n = sum(c.values())
        out[key] = {t: (k / n) * idf[t] for t, k in c.items()} if n else {}
    return out


def top_terms(weights: Mapping[str, float], top: int) -> list[tuple[str, float]]:
    """The ``top`` heaviest terms, ties broken alphabetically so results are stable."""
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def distinctive_words(groups: dict[str, list[str]], lang_of: dict[str, str], top: int = 10) -> dict[str, list[tuple[str, float]]]:
    """The ``top`` words that set each group apart, with their c-TF-IDF weights.

    ``groups`` maps a group key (an outlet or a language) to its texts;
    ``lang_of`` maps the same key to the language its texts are tokenised in
    (a key missing there is tokenised without stop words or lemmas).  Words are
    shown in the surface form the group used most.
    """
    counts = {key: TermCounts() for key in groups}
    for key, texts in groups.items():
        for text in texts:
            counts[key].add(text, lang_of.get(key, "und"))
    return ranked(counts, top)


def ranked(counts: Mapping[str, TermCounts], top: int) -> dict[str, list[tuple[str, float]]]:
    """c-TF-IDF over prepared :class:`TermCounts`, best ``top`` per group in surface form."""
    weights = class_tfidf({key: c.terms for key, c in counts.items()})
    return {key: [(counts[key].shown_as(t), w) for t, w in top_terms(weights[key], top)] for key in counts}
