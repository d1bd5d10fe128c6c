"""Hybrid search: FTS5 keywords and query-vector similarity, fused by reciprocal rank."""

from __future__ import annotations

import threading
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
    :data:`PARTIAL_MATCH_WEIGHT` of one that matched them all.
    """
    return sum(
        (1.0 if m.get("all_terms", True) else PARTIAL_MATCH_WEIGHT) / (RRF_K + m["rank"])
        for m in how.values()
    )


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
    keyword = None
    if mode in ("hybrid", "keyword"):
        from .names import name_expansions

        expansions = name_expansions(svc.entity_index, query)
        # The keyword side runs in SQLite and the vector side in numpy, both
        # outside the GIL: in hybrid mode they run side by side.
        keyword = _pool().submit(keyword_matches, svc.store, query, f, CANDIDATES, expansions)
    vector_hits: list[tuple[str, float]] = []
    if mode in ("hybrid", "vector") and svc.embedder is not None:
        index = svc._vectors
        index.refresh()
        only = None
        if source or story:
            only = {r[0] for r in svc.store.query(*_ids_sql(f))}
        mask = index.mask(lang=lang, since=since, until=until, only=only)
        vector_hits = [(aid, cos) for aid, cos in index.top(query_vector(svc, query), CANDIDATES, mask) if cos >= MIN_VECTOR_SCORE]
    ranked: dict[str, dict[str, Any]] = {}
    for rank, (aid, bm25, all_terms) in enumerate(keyword.result() if keyword is not None else []):
        ranked.setdefault(aid, {})["keyword"] = {"rank": rank + 1, "bm25": round(bm25, 3), "all_terms": all_terms}
    for rank, (aid, cos) in enumerate(vector_hits):
        ranked.setdefault(aid, {})["vector"] = {"rank": rank + 1, "cosine": round(cos, 4)}
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

