"""Hybrid search: FTS5 keywords and query-vector similarity, fused by reciprocal rank."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from ..store.articles import ArticleFilter
from .keyword import keyword_hits, snippet

if TYPE_CHECKING:
    from ..service import Babelwire

#: Reciprocal rank fusion constant; 60 is the value of Cormack et al. (2009), robust across collections.
RRF_K = 60
#: Weight of each side's reciprocal rank in the fused score: plain RRF.
#: bench_search measured the cost across languages: on NTREX a headline's
#: same-language keyword matches (other stories) fill 30% of the top 10, and
#: lowering the keyword weight to 0.25 / 0.05 raised the calibration half's
#: recall of the other languages from 0.60 to 0.77 / 0.85 (the sample corpus,
#: same-story relevance, 0.84 to 0.87).  Both sets judge by story; neither has
#: a name lookup, where the keyword side is what finds an article the vector
#: side misses, so the weights stay equal until one does (bench/README.md).
WEIGHTS = {"keyword": 1.0, "vector": 1.0}
#: Candidates taken from each side before fusion.
CANDIDATES = 100
#: Vector hits under this centred cosine are dropped: below it, results are
#: unrelated to the query (sample corpus, bench/bench_search.py).
MIN_VECTOR_SCORE = 0.12
#: Keyword searches that may run at once beside the vector side (one per
#: core here; more would only queue on the same two cores).
KEYWORD_THREADS = 2


def fused_score(how: dict[str, dict[str, Any]]) -> float:
    """Reciprocal rank fusion of the sides that found a hit (``how``: side → its rank there)."""
    return sum(WEIGHTS[side] / (RRF_K + m["rank"]) for side, m in how.items())


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
        keyword = _pool().submit(keyword_hits, svc.store, query, f, CANDIDATES, expansions)
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
    for rank, (aid, bm25) in enumerate(keyword.result() if keyword is not None else []):
        ranked.setdefault(aid, {})["keyword"] = {"rank": rank + 1, "bm25": round(bm25, 3)}
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

