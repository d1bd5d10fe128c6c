"""Exact vector search over a matrix derived from the store.

The store holds raw vectors; this index holds them language-centred and
normalised in one float32 matrix, loaded on first use and topped up with
rows newer than the last one seen.  Exact search: 100k × 384 takes about
3 ms a query here (DESIGN.md), so no approximate index is needed at news
scale on one machine.
"""

from __future__ import annotations

import threading
from datetime import UTC
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from ..service import Babelwire

#: Rows read from SQLite per round trip while loading.
LOAD_CHUNK = 50_000


class VectorIndex:
    def __init__(self, svc: Babelwire) -> None:
        self.svc = svc
        self.ids: list[str] = []
        self.pos: dict[str, int] = {}
        self.langs = np.zeros(0, dtype=np.int16)
        self.lang_codes: dict[str, int] = {}
        self.published = np.zeros(0, dtype=np.int64)  # epoch seconds, or NO_DATE
        self.matrix = np.zeros((0, 384), dtype=np.float32)
        self.max_seq = 0
        self._lock = threading.Lock()

    NO_DATE = np.iinfo(np.int64).min

    def refresh(self) -> None:
        """Load rows newer than the last seen into a preallocated matrix (one copy, not one per chunk)."""
        with self._lock:
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
            self.langs = np.concatenate(langs)
            self.published = np.concatenate(dates)

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

    def mask(self, *, lang: str | None = None, exclude_lang: str | None = None, since: str | None = None,
             until: str | None = None, only: set[str] | None = None) -> np.ndarray | None:
        from datetime import datetime

        m = np.ones(len(self.ids), dtype=bool)
        if lang:
            m &= self.langs == self.lang_codes.get(lang, -1)
        if exclude_lang:
            m &= self.langs != self.lang_codes.get(exclude_lang, -1)
        if since:
            t = datetime.fromisoformat(since).replace(tzinfo=UTC) if len(since) == 10 else datetime.fromisoformat(since)
            m &= (self.published != self.NO_DATE) & (self.published >= int(t.timestamp()))
        if until:
            t = datetime.fromisoformat(until + "T23:59:59+00:00" if len(until) == 10 else until)
            m &= (self.published != self.NO_DATE) & (self.published <= int(t.timestamp()))
        if only is not None:
            sel = np.zeros(len(self.ids), dtype=bool)
            sel[[self.pos[i] for i in only if i in self.pos]] = True
            m &= sel
        return m

    def top(self, query: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        self.refresh()
        if not len(self.ids):
            return []
        scores = self.matrix @ np.asarray(query, dtype=np.float32)
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        k = min(k, len(scores))
        idx = np.argpartition(-scores, k - 1)[:k]
        idx = idx[np.argsort(-scores[idx])]
        return [(self.ids[i], float(scores[i])) for i in idx if np.isfinite(scores[i])]
