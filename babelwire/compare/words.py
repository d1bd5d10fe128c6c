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
#: Hiragana (Japanese particles and endings) and katakana stretches, where a CJK run is cut into chunks.
_KATAKANA = re.compile("[\u30a0-\u30ff]+")
_CHUNK_CUT = re.compile("[\u3040-\u309f]+|([\u30a0-\u30ff]+)")

#: Stop characters that also build content words (中国, 日本, 埃及, 会议, 能源, 下游): a run is not
#: cut at them, and a word made only of stop characters (表示, 今年, 不能) is dropped instead.
_IN_WORDS = frozenset("中上下个日月年周今会可能不没要表示说称及")
#: Length of an unlearnt stretch between two bounds taken as a word: most Chinese words have two
#: characters; on the sample corpus, 3- and 4-character stretches were mostly two words run
#: together (联盟认, 变化大会, 团负责人) and 2-character ones words (出炉, 筹集, 洪水).
GAP_WORD = 2
#: Longest CJK word learnt, in characters: 发达国家, 气候变化, 价格承诺 are 4; longer names
#: (埃塞俄比亚) come out as their parts.
MAX_CJK_WORD = 4
#: Times an n-gram must occur in the text to be learnt as a word: once is no evidence.
MIN_CJK_REPEATS = 2
#: Different neighbours an n-gram needs on each side (Feng et al. 2004 take 2 and up).  On the
#: sample corpus's 7 Chinese articles, the top-10 distinctive words that fall on jieba's word
#: boundaries: 1 → 89%, 2 → 97%, 3 → 91% (character bigrams: 51%).
MIN_ACCESSOR_VARIETY = 2
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
    """Lowercase tokens of ``text`` before stop words and lemmas: CJK words (:func:`cjk_words`), ``article.WORD`` elsewhere."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    pos = 0
    runs = list(_CJK_RUN.finditer(text))
    cjk = iter(cjk_words([r.group() for r in runs], stopwords("zh")))
    for run in runs:
        out.extend(_words(text[pos : run.start()]))
        out.extend(next(cjk))
        pos = run.end()
    out.extend(_words(text[pos:]))
    return out


def _chunks(runs: list[str], stop: frozenset[str]) -> list[list[str]]:
    """Each run cut where a word cannot go on: at a stop character (的, 在, 是) and a hiragana
    particle; a katakana stretch (a Japanese loanword) is a chunk of its own."""
    cut = re.compile(f"[^{HAN_KANA_CHARS}]+" + (f"|[{''.join(sorted(stop))}]+" if stop else ""))
    out: list[list[str]] = []
    for run in runs:
        pieces = [p for p in _CHUNK_CUT.split(run) if p]
        out.append([c for p in pieces for c in ([p] if _KATAKANA.fullmatch(p) else cut.split(p)) if c])
    return out


def _lexicon(chunks: list[str]) -> set[str]:
    """The n-grams of ``chunks`` that behave like words: repeated, with varied neighbours on both sides.

    Accessor variety (Feng et al. 2004, "Accessor variety criteria for Chinese word extraction"):
    a string is a word when it is seen with at least MIN_ACCESSOR_VARIETY different characters on
    its left and on its right, a chunk edge counting as a new neighbour each time.  A fragment that
    crosses a word boundary fails: 达国 is only ever seen as 发达国家 (left 发, right 家), 候变 as 气候变化.
    """
    count: Counter[str] = Counter()
    left: dict[str, set[object]] = {}
    right: dict[str, set[object]] = {}
    for chunk in chunks:
        for n in range(2, MAX_CJK_WORD + 1):
            for i in range(len(chunk) - n + 1):
                g = chunk[i : i + n]
                count[g] += 1
                left.setdefault(g, set()).add(chunk[i - 1] if i > 0 else object())
                right.setdefault(g, set()).add(chunk[i + n] if i + n < len(chunk) else object())
    return {
        g for g, k in count.items()
        if k >= MIN_CJK_REPEATS and min(len(left[g]), len(right[g])) >= MIN_ACCESSOR_VARIETY
    }


def _segment(chunk: str, lexicon: set[str]) -> list[str]:
    """Forward maximum matching over ``lexicon``; a stretch between two matches (or a match and an
    edge) is a word too when it is GAP_WORD characters long, since both its ends are bounded.
    Single characters and longer unknown stretches are left out: no evidence says where words are."""
    out: list[str] = []
    i = gap = 0

    def flush(end: int) -> None:
        if end - gap == GAP_WORD:
            out.append(chunk[gap:end])

    while i < len(chunk):
        for n in range(min(MAX_CJK_WORD, len(chunk) - i), 1, -1):
            if chunk[i : i + n] in lexicon:
                flush(i)
                out.append(chunk[i : i + n])
                i = gap = i + n
                break
        else:
            i += 1
    flush(len(chunk))
    return out


def cjk_words(runs: list[str], stop: frozenset[str]) -> list[list[str]]:
    """Words in each of ``runs`` (Chinese or Japanese text without spaces), learnt from the runs themselves.

    No dictionary ships for this: character bigrams cut across words (亿美元 gave 亿美, 发达国家 达国),
    and the segmenters whose dictionaries ship in a wheel weigh tens of megabytes.  Instead the words
    are the repeated, well-bounded n-grams of the text (:func:`_lexicon`), matched longest first
    (:func:`_segment`).  Katakana stretches are words as they stand.
    """
    chunked = _chunks(runs, stop - _IN_WORDS)
    lexicon = _lexicon([c for chunks in chunked for c in chunks])
    words = [[w for c in chunks for w in ([c] if _KATAKANA.fullmatch(c) else _segment(c, lexicon))] for chunks in chunked]
    return [[w for w in ws if not all(ch in stop for ch in w)] for ws in words]  # 表示, 今年, 不能


def _words(chunk: str) -> list[str]:
    return [w for w in (m.group().lower() for m in _WORD.finditer(chunk)) if len(w) >= MIN_TOKEN_LEN and not w.isdigit()]


def tokenize(text: str, lang: str) -> list[tuple[str, str]]:
    """``(term, surface)`` pairs: stop words dropped, terms lemmatised where simplemma knows ``lang``."""
    stop = stopwords(lang)
    out: list[tuple[str, str]] = []
    for tok in surface_tokens(text, lang):
        if _CJK_RUN.fullmatch(tok):  # a CJK word: cjk_words has left out function words already
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
