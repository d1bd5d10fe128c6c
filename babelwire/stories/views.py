"""Story and thread objects for the CLI, the HTTP API and the web pages."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..article import iso_bound
from ..errors import NotFound
from ..store.db import MIN_PREFIX, lang_in, page, prefix_pattern

if TYPE_CHECKING:
    from ..service import Babelwire


def _story_dict(svc: Babelwire, row: Any, article_ids: list[str] | None = None) -> dict[str, Any]:
    label = json.loads(row["label"] or "{}")
    profile = json.loads(row["profile"] or "{}")
    langs = sorted(profile.get("langs", {}), key=lambda k: -profile["langs"][k])
    if article_ids is None:
        article_ids = [r[0] for r in svc.store.query(
            "SELECT id FROM articles WHERE story_id = ? ORDER BY COALESCE(published, ingested_at), seq", (row["id"],))]
    return {
        "id": row["id"],
        "label": label.get("headline") or "",
        "headlines": label.get("headlines", {}),
        "keywords": label.get("keywords", []),
        "languages": langs,
        "sources": sorted(profile.get("sources", {}), key=lambda k: -profile["sources"][k]),
        "entities": [{"id": e, "name": svc.entity_name(e), "count": n} for e, n in list(profile.get("entities", {}).items())[:15]],
        "size": row["size"],
        "article_ids": article_ids,
        "thread_id": row["thread_id"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "status": row["status"],
        "merged_into": row["merged_into"],
    }


def stories_sql(*, lang: str | None = None, entity: str | None = None, since: str | None = None, until: str | None = None,
                thread: str | None = None, min_size: int = 1, limit: int = 20, offset: int = 0) -> tuple[str, list[Any]]:
    conds, params = ["s.status = 'active'", "s.size >= ?"], [min_size]
    if lang:
        cond, codes = lang_in("lang", lang)
        conds.append(f"s.id IN (SELECT story_id FROM articles WHERE {cond})")
        params.extend(codes)
    if entity:
        conds.append("s.id IN (SELECT a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?)")
        params.append(entity)
    since, until = iso_bound(since), iso_bound(until, end=True)
    # Date bounds are publication dates, as for articles: an undated story is in no date range
    # (its store times say when it was ingested, not when it happened).
    if since:
        conds.append("s.last_seen >= ?")
        params.append(since)
    if until:
        conds.append("s.first_seen <= ?")
        params.append(until)
    if thread:
        conds.append("s.thread_id = ?")
        params.append(thread)
    sql = f"SELECT s.* FROM stories s WHERE {' AND '.join(conds)} ORDER BY COALESCE(s.last_seen, s.updated_at) DESC, s.size DESC, s.seq DESC"
    clause, more = page(limit, offset)
    return sql + clause, params + more


def list_stories(svc: Babelwire, **filters: Any) -> list[dict[str, Any]]:
    sql, params = stories_sql(**filters)
    return [_story_dict(svc, r) for r in svc.store.query(sql, params)]


def resolve_story(svc: Babelwire, ident: str) -> Any:
    """A story row by id or id prefix; a merged story leads to the one it merged into."""
    for _ in range(10):
        rows = svc.store.query("SELECT * FROM stories WHERE id = ?", (ident,))
        if not rows and len(ident) >= MIN_PREFIX:
            rows = svc.store.query("SELECT * FROM stories WHERE id LIKE ? ESCAPE '\\' LIMIT 4", (prefix_pattern(ident),))
            if len(rows) > 1:
                raise NotFound("story", ident, [r["id"] for r in rows])
        if not rows:
            raise NotFound("story", ident)
        row = rows[0]
        if row["status"] == "merged" and row["merged_into"]:
            ident = row["merged_into"]
            continue
        return row
    raise NotFound("story", ident)


#: Join decisions returned with one story (the latest ones).
JOIN_REASONS = 100


def get_story(svc: Babelwire, ident: str) -> dict[str, Any]:
    row = resolve_story(svc, ident)
    story = _story_dict(svc, row)
    events = svc.store.query(
        "SELECT story_id, kind, article_id, other_id, reason, at FROM story_events WHERE story_id = ? OR other_id = ? ORDER BY seq", (row["id"], row["id"])
    )
    parsed = [(e, json.loads(e["reason"])) for e in events]
    story["events"] = [
        {"kind": e["kind"], "article_id": e["article_id"], "other_id": e["other_id"], "reason": reason, "at": e["at"]}
        for e, reason in parsed
        if e["kind"] in ("create", "merge", "split", "thread")
    ]
    # Late joins (a single-article story merged in later) are merge events that name their article.
    # Only the articles in the story now, each with its latest reason: a recluster may have moved
    # an article out (its old reason stays in the history, not here) or in (with a new one).
    members = set(story["article_ids"])
    latest: dict[str, Any] = {}
    for e, reason in parsed:
        if e["article_id"] in members and (
            e["kind"] == "join" or (e["kind"] == "merge" and e["story_id"] == row["id"] and reason.get("late_join"))
        ):
            latest.pop(e["article_id"], None)
            latest[e["article_id"]] = reason
    story["joins"] = len(latest)
    # Why each article joined (cosine, shared entities and figures, background,
    # gap), for the latest JOIN_REASONS joins: a big story's full list is long.
    story["join_reasons"] = dict(list(latest.items())[-JOIN_REASONS:])
    if row["thread_id"]:
        story["thread"] = {"id": row["thread_id"], "stories": _thread_stories(svc, row["thread_id"])}
    return story


def _thread_stories(svc: Babelwire, thread_id: str) -> list[dict[str, Any]]:
    """A thread's active stories, oldest first, as full story objects."""
    return [_story_dict(svc, r) for r in svc.store.query(
        "SELECT * FROM stories WHERE thread_id = ? AND status = 'active' ORDER BY COALESCE(first_seen, created_at), seq", (thread_id,))]


#: Threads with their active stories' counts and time span; ``{where}`` narrows it.
#: The span is the dated stories' publication span.  Store times (when a story
#: was created or last updated) stand in only when no story in the thread has a
#: date: one undated article ingested today must not make a months-old thread
#: look active today.
THREADS_SQL = (
    "SELECT t.id, t.label, COUNT(s.id) AS n, SUM(s.size) AS articles, COALESCE(MIN(s.first_seen), MIN(s.created_at)) AS first_seen, "
    "COALESCE(MAX(s.last_seen), MAX(s.updated_at)) AS last_seen FROM threads t JOIN stories s ON s.thread_id = t.id AND s.status = 'active' "
    "{where} GROUP BY t.id"
)


def list_threads(svc: Babelwire, *, min_stories: int = 1, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    sql = THREADS_SQL.format(where="") + " HAVING n >= ? ORDER BY n DESC, last_seen DESC"
    params: list[Any] = [min_stories]
    clause, more = page(limit, offset)
    return [_thread_dict(svc, r) for r in svc.store.query(sql + clause, params + more)]


def _thread_dict(svc: Babelwire, r: Any) -> dict[str, Any]:
    label = json.loads(r["label"] or "{}")
    stories = _thread_stories(svc, r["id"])
    return {
        "id": r["id"],
        "label": " · ".join(svc.entity_name(e) for e in label.get("entities", [])[:4]) or label.get("headline") or "",
        "entities": [{"id": e, "name": svc.entity_name(e)} for e in label.get("entities", [])],
        "story_ids": [s["id"] for s in stories],
        "stories": stories,
        "articles": r["articles"],
        "first_seen": r["first_seen"],
        "last_seen": r["last_seen"],
    }


def get_thread(svc: Babelwire, ident: str) -> dict[str, Any]:
    """One thread by id or unambiguous id prefix (at least 6 characters), as stories and articles are found;
    a thread that merged into another, or that a recluster did not keep, leads to where its stories went."""
    for _ in range(10):
        rows = svc.store.query(THREADS_SQL.format(where="WHERE t.id = ?"), (ident,))
        if not rows and len(ident) >= MIN_PREFIX:
            rows = svc.store.query(THREADS_SQL.format(where="WHERE t.id LIKE ? ESCAPE '\\'") + " LIMIT 4", (prefix_pattern(ident),))
            if len(rows) > 1:
                raise NotFound("thread", ident, [r["id"] for r in rows])
        if rows:
            return _thread_dict(svc, rows[0])
        moved = svc.store.query("SELECT merged_into FROM threads WHERE id = ? AND merged_into IS NOT NULL", (ident,))
        if not moved:
            break
        ident = moved[0][0]
    raise NotFound("thread", ident)
