"""Article rows: building queries (pure) and running them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..article import Article, Mention, iso_bound, utcnow
from .db import dumps, lang_in, page

COLUMNS = (
    "id, external_id, url, content_hash, title, text, lang, lang_confidence, mixed_lang, source, agency, place, "
    "published, published_from, origin, meta, vector_key, story_id"
)


@dataclass
class ArticleFilter:
    lang: str | None = None
    source: str | None = None
    since: str | None = None  # ISO date or datetime, inclusive
    until: str | None = None  # ISO date or datetime, inclusive (a bare date means the whole day)
    story: str | None = None
    entity: str | None = None
    limit: int = 20  # 0 means all
    offset: int = 0
    order: str = "published"  # published | ingested


def source_spellings(source: str) -> list[str]:
    """An outlet's name as given, with its words joined by hyphens and by spaces."""
    words = source.strip().replace("_", " ").replace("-", " ").split()
    return list(dict.fromkeys([source.strip(), "-".join(words), " ".join(words)]))


def where_clause(f: ArticleFilter, alias: str = "a") -> tuple[str, list[Any]]:
    """The WHERE part for a filter; shared by listing and search."""
    conds: list[str] = []
    params: list[Any] = []
    if f.lang:
        cond, codes = lang_in(f"{alias}.lang", f.lang)
        conds.append(cond)
        params.extend(codes)
    if f.source:
        # One outlet, however a feed cased it (migration 5's index), and whether it came as a
        # name or as the folder it was filed under: "Meridian Wire" = "meridian-wire".
        spellings = source_spellings(f.source)
        conds.append(f"{alias}.source COLLATE NOCASE IN ({','.join('?' * len(spellings))})")
        params.extend(spellings)
    since, until = iso_bound(f.since), iso_bound(f.until, end=True)
    if since:
        conds.append(f"{alias}.published >= ?")
        params.append(since)
    if until:
        conds.append(f"{alias}.published <= ?")
        params.append(until)
    if f.story:
        conds.append(f"{alias}.story_id = ?")
        params.append(f.story)
    if f.entity:
        conds.append(f"{alias}.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)")
        params.append(f.entity)
    return (" WHERE " + " AND ".join(conds) if conds else ""), params


def list_sql(f: ArticleFilter) -> tuple[str, list[Any]]:
    """SQL listing articles for a filter, newest first (``--show-sql`` prints this)."""
    where, params = where_clause(f)
    order = "a.seq DESC" if f.order == "ingested" else "COALESCE(a.published, a.ingested_at) DESC, a.seq DESC"
    sql = f"SELECT {', '.join('a.' + c.strip() for c in COLUMNS.split(','))} FROM articles a{where} ORDER BY {order}"
    clause, more = page(f.limit, f.offset)
    return sql + clause, params + more


def from_row(row: sqlite3.Row) -> Article:
    published = row["published"]
    a = Article(
        text=row["text"],
        title=row["title"],
        url=row["url"],
        external_id=row["external_id"],
        source=row["source"],
        origin=row["origin"] or "",
        published=datetime.fromisoformat(published) if published else None,
        published_from=row["published_from"],
        lang=row["lang"],
        lang_confidence=row["lang_confidence"],
        mixed_lang=bool(row["mixed_lang"]),
        agency=row["agency"],
        place=row["place"],
        meta=json.loads(row["meta"] or "{}"),
        story_id=row["story_id"],
        id=row["id"],
        content_hash=row["content_hash"],
    )
    a.meta["vector_key"] = row["vector_key"]
    return a


def attach_mentions(conn: sqlite3.Connection, articles: list[Article]) -> list[Article]:
    """Fill ``entities`` from the mentions table (with canonical names)."""
    if not articles:
        return articles
    by_id = {a.id: a for a in articles}
    ids = list(by_id)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = conn.execute(
            "SELECT m.article_id, m.entity_id, COALESCE(e.name, m.surface), m.type, m.start, m.end, m.confidence "
            f"FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY m.article_id, m.start",
            chunk,
        ).fetchall()
        for aid, eid, name, typ, start, end, conf in rows:
            by_id[aid].entities.append(Mention(eid, name, typ, start, end, conf))
    return articles


def insert(conn: sqlite3.Connection, a: Article, fts_title: str, fts_body: str) -> None:
    meta = {k: v for k, v in a.meta.items() if not k.startswith("_") and k != "vector_key"}
    conn.execute(
        f"INSERT INTO articles ({COLUMNS}, ingested_at) VALUES ({','.join('?' * 19)})",
        (
            a.id, a.external_id, a.url, a.content_hash, a.title, a.text, a.lang, a.lang_confidence, int(a.mixed_lang),
            a.source, a.agency, a.place, a.published.isoformat() if a.published else None, a.published_from,
            a.origin, dumps(meta), a.meta.get("vector_key"), a.story_id, utcnow().isoformat(),
        ),
    )
    seq = conn.execute("SELECT seq FROM articles WHERE id = ?", (a.id,)).fetchone()[0]
    conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (seq, fts_title, fts_body))
