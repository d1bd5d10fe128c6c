"""What a store holds, for operators: counts by language and outlet, dates, stories, size.

One function over a read connection, so the CLI (``babelwire stats``), the
Python API (``Babelwire.stats``) and the HTTP API (``/api/stats``) give the
same numbers.  Every query is a grouped count on an indexed column or a
single pass over ``articles``; at 1M articles the whole takes a few seconds.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

#: Outlets listed by name (the rest are counted): enough to see which feeds are alive.
TOP_SOURCES = 15


def store_stats(conn: sqlite3.Connection, path: str | None = None) -> dict[str, Any]:
    one = lambda sql: conn.execute(sql).fetchone()  # noqa: E731 - a local shorthand
    total, embedded, undated, first, last, last_ingested = one(
        "SELECT COUNT(*), COUNT(vector_key), COUNT(*) - COUNT(published), MIN(published), MAX(published), MAX(ingested_at) FROM articles"
    )
    langs = [
        {"lang": lang, "articles": n, "embedded": e, "last_published": lp}
        for lang, n, e, lp in conn.execute(
            "SELECT lang, COUNT(*), COUNT(vector_key), MAX(published) FROM articles GROUP BY lang ORDER BY COUNT(*) DESC, lang"
        )
    ]
    sources = conn.execute(
        "SELECT source, COUNT(*) AS n, MAX(published), MAX(ingested_at) FROM articles GROUP BY source ORDER BY n DESC, source"
    ).fetchall()
    multilingual = one(
        "SELECT COUNT(*) FROM (SELECT story_id FROM articles WHERE story_id IS NOT NULL GROUP BY story_id HAVING COUNT(DISTINCT lang) > 1)"
    )[0]
    stories, grouped = one("SELECT COUNT(*), COALESCE(SUM(size > 1), 0) FROM stories WHERE status = 'active'")
    threads = one(
        "SELECT COUNT(*) FROM (SELECT thread_id FROM stories WHERE status = 'active' AND thread_id IS NOT NULL "
        "GROUP BY thread_id HAVING COUNT(*) > 1)"
    )[0]
    size = None
    if path and path != ":memory:":
        size = sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    return {
        "articles": total,
        "embedded": embedded,  # with a vector: in stories and meaning search
        "undated": undated,
        "first_published": first,
        "last_published": last,
        "last_ingested": last_ingested,
        "near_duplicates": one("SELECT COUNT(*) FROM near_duplicates")[0],
        "languages": langs,
        "sources": len(sources),
        "top_sources": [
            {"source": s, "articles": n, "last_published": lp, "last_ingested": li} for s, n, lp, li in sources[:TOP_SOURCES]
        ],
        "stories": stories,
        "stories_of_several_articles": grouped,
        "stories_in_several_languages": multilingual,
        "threads_of_several_stories": threads,
        "entities": one("SELECT COUNT(*) FROM entities")[0],
        "mentions": one("SELECT COUNT(*) FROM mentions")[0],
        "bytes": size,
    }
