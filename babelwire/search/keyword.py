"""Keyword search with SQLite FTS5 over normalised text."""

from __future__ import annotations

import re
from typing import Any

from ..store.articles import ArticleFilter, where_clause
from .normalise import Expansion, arabic_stem, fts_query, fts_query_any, tokens

#: bm25 weights for (title, body): a hit in the headline counts double.
TITLE_WEIGHT, BODY_WEIGHT = 2.0, 1.0
#: Below this many articles matching every term, articles matching any term
#: are added.  Any-term queries match large parts of a big corpus (112 ms mean
#: at 1M articles in bench_scale), so they run only when all-terms is thin.
MIN_ALL_TERMS_HITS = 10
#: Newest-first windows (in articles) that keyword ranking widens through.
#: FTS5 ranks every matching row, so a query of common words costs time in
#: proportion to the store (p95 132 ms for all-terms queries at 1M articles in
#: bench_scale, 22 ms within the newest 50k).  Ranking stops at the first
#: window that already yields the candidates asked for; a query of rare words
#: falls through to the whole store, where it is cheap.  Each window is 8× the
#: last, so the final one costs at most about 8× a window that came up short.
#: Below 50k articles the first window is the whole store: nothing changes.
KEYWORD_WINDOWS = (50_000, 400_000, None)


def keyword_sql(
    query: str,
    f: ArticleFilter,
    k: int,
    *,
    any_term: bool = False,
    expansions: list[Expansion] = (),  # type: ignore[assignment]
    after_seq: int | None = None,
) -> tuple[str, list[Any]]:
    """Build the FTS5 query (kept apart from running it, for ``--show-sql`` and tests).

    ``after_seq`` limits it to articles stored after that sequence number (a
    rowid range, which FTS5 seeks to rather than scans).
    """
    match = fts_query_any(query, expansions=expansions) if any_term else fts_query(query, expansions=expansions)
    newer, newer_params = ("", []) if after_seq is None else (" AND articles_fts.rowid > ?", [after_seq])
    where, params = where_clause(f)
    rank = f"bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
    if not where:
        # Rank inside FTS5 and join only the top k: no join over every matching row.
        sql = (
            f"SELECT a.id, f.rank FROM (SELECT rowid, {rank} AS rank FROM articles_fts WHERE articles_fts MATCH ?{newer} "
            "ORDER BY rank LIMIT ?) f JOIN articles a ON a.seq = f.rowid ORDER BY f.rank"
        )
        return sql, [match, *newer_params, k]
    where = where.replace(" WHERE ", " AND ", 1)
    sql = (
        f"SELECT a.id, bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank FROM articles_fts "
        f"JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?{newer}{where} ORDER BY rank LIMIT ?"
    )
    return sql, [match, *newer_params, *params, k]


def keyword_matches(
    store: Any, query: str, f: ArticleFilter, k: int = 100, expansions: list[Expansion] = ()  # type: ignore[assignment]
) -> list[tuple[str, float, bool]]:
    """Articles matching every term (a name by any of its aliases); if too few, those matching any term.

    Each hit is ``(id, bm25, all_terms)``: ``all_terms`` is False for the
    hits added because too few matched every term.  Ranked within the newest
    window of :data:`KEYWORD_WINDOWS` that yields ``k`` hits, or the whole store.
    """
    if not tokens(query):
        return []
    hits = [(aid, score, True) for aid, score in _windowed(store, query, f, k, expansions, any_term=False)]
    if len(hits) < MIN_ALL_TERMS_HITS:
        seen = {h[0] for h in hits}
        hits += [(aid, score, False) for aid, score in _windowed(store, query, f, k, expansions, any_term=True) if aid not in seen]
    return hits[:k]


def _windowed(store: Any, query: str, f: ArticleFilter, k: int, expansions: list[Expansion], *, any_term: bool) -> list[tuple[str, float]]:
    newest = store.scalar("SELECT MAX(seq) FROM articles") or 0
    for window in KEYWORD_WINDOWS:
        after = None if window is None or window >= newest else newest - window
        sql, params = keyword_sql(query, f, k, any_term=any_term, expansions=expansions, after_seq=after)
        hits = [(r[0], float(r[1])) for r in store.query(sql, params)]
        if after is None or len(hits) >= k:
            return hits
    return hits


def snippet(text: str, query: str, width: int = 220) -> str:
    """A window of the original text around the first query term (Arabic matched by stem)."""
    terms = [t for t in tokens(query) if len(t) > 1]
    low = text.lower()
    best = -1
    for t in terms:
        i = low.find(t)
        if i < 0 and re.search(r"[\u0600-\u06ff]", t):
            i = low.find(arabic_stem(t))
        if i >= 0 and (best < 0 or i < best):
            best = i
    if best < 0:
        return text[:width].strip() + ("…" if len(text) > width else "")
    start = max(0, best - width // 3)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    out = text[start : start + width].strip()
    return ("…" if start else "") + out + ("…" if start + width < len(text) else "")
