"""Landing one batch: final duplicate check, story assignment, and every write, in one transaction."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .article import Article
from .dedup import Deduplicator, record_near_duplicate, save_signature
from .search.normalise import index_text
from .store import articles as article_rows
from .stories import repo
from .stories.cluster import Member
from .stories.figures import article_figures
from .stories.threads import link_thread

if TYPE_CHECKING:
    from .service import Babelwire

#: Stories are re-threaded when they are created and when their size reaches
#: a power of two: a thread link rarely changes between those points, and this
#: keeps threading O(log n) per story.
def _rethread_at(n: int) -> bool:
    return n & (n - 1) == 0


@dataclass
class Outcome:
    stored: list[Article] = field(default_factory=list)
    late_duplicates: int = 0
    late_near_duplicates: int = 0
    late_duplicate_of: list[dict[str, str]] = field(default_factory=list)
    created: int = 0
    joined: int = 0
    merges: int = 0


def member_for(a: Article, centred: np.ndarray) -> Member:
    ents = frozenset(m.id for m in a.entities if m.type != "DATE")
    places = frozenset(p for p in [a.place] if p)
    # An undated article is compared with every recent story, without a time
    # penalty: its ingest time says nothing about when the event happened.
    return Member(a.id, a.lang, centred, a.published, ents, places, a.source, article_figures(a.title, a.text, a.meta))


def commit_batch(svc: Babelwire, fresh: list[Article]) -> Outcome:
    out = Outcome()
    store = svc.store
    # Normalise search text before taking the write lock: lemmatising is the slow part.
    fts = {a.id: (index_text(a.title, a.lang), index_text(a.text, a.lang)) for a in fresh}
    with store.transaction() as conn:
        svc.refresh_if_stale(conn)
        dedup = Deduplicator(conn)
        keep: list[Article] = []
        for a in fresh:
            # Landed since the first check: by another writer, or in the batch
            # committed just before this one (ingest checks a batch while the
            # one before it is still being embedded).
            dup = dedup.check(a)
            if dup is None:
                keep.append(a)
                continue
            out.late_duplicate_of.append(dup.said(a))
            if dup.kind == "near":
                record_near_duplicate(conn, a, dup)
                out.late_near_duplicates += 1
            else:
                out.late_duplicates += 1
        decisions = _assign_stories(svc, conn, keep)
        for a in keep:
            article_rows.insert(conn, a, *fts[a.id])
            if a.meta.get("_minhash") is not None:
                save_signature(conn, a.id, a.meta["_minhash"])
            svc.entities_store.save_mentions(conn, a.id, a.entities, a.text)
        svc.entities_store.save_index(conn, svc.entity_index)
        svc.save_chrome_model(conn)
        for d in decisions:
            if d.created:
                out.created += 1
            else:
                out.joined += 1
            out.merges += len(d.merged)
            repo.record_decision(conn, d)
        if decisions:
            touched = {s.id for s in svc.clusterer.dirty() if s.status == "active" and len(s.langs) >= 2}
            _thread_and_label(svc, conn)
            _align_entities(svc, conn, touched)
        svc.mark_seen(conn)
        out.stored = keep
    return out


def _assign_stories(svc: Babelwire, conn: sqlite3.Connection, keep: list[Article]) -> list[Any]:
    with_vec = [a for a in keep if a.vector is not None]
    if not with_vec:
        return []
    centring = svc.centring
    touched = set()
    for a in with_vec:
        centring.update(a.lang, np.asarray(a.vector, dtype=np.float64))
        touched.add(a.lang)
    conn.executemany("INSERT OR REPLACE INTO lang_stats (lang, n, sum) VALUES (?,?,?)", centring.rows(touched))
    centred = centring.centre_many([a.lang for a in with_vec], np.stack([a.vector for a in with_vec]))
    decisions = []
    for a, v in zip(with_vec, centred, strict=True):
        d = svc.clusterer.assign(member_for(a, v))
        a.story_id = d.story_id
        decisions.append(d)
    for gone, into, reason in svc.clusterer.late_joins():
        # The story's one article: from this batch, or already stored.
        mover = next((a.id for a in with_vec if a.story_id == gone), None)
        if mover is None:
            row = conn.execute("SELECT id FROM articles WHERE story_id = ? LIMIT 1", (gone,)).fetchone()
            mover = row[0] if row else None
        repo.record_merge(conn, gone, into, mover, reason)
    # A merge later in the batch may have moved an earlier article's story.
    for a in with_vec:
        a.story_id = svc.clusterer.resolve(a.story_id or "")
    return decisions


def _thread_and_label(svc: Babelwire, conn: sqlite3.Connection) -> None:
    dirty = svc.clusterer.dirty()
    active = [s for s in svc.clusterer.states.values() if s.status == "active"]
    for s in dirty:
        if s.status != "active":
            continue
        if s.thread_id is None or _rethread_at(s.n):
            previous = s.thread_id
            link = link_thread(s, [o for o in active if o.id != s.id and o.thread_id])
            if link.thread_id != previous:
                s.thread_id = link.thread_id
                repo.record_thread(conn, link, previous)
                if previous:
                    for o in svc.clusterer.states.values():
                        if o.thread_id == previous:
                            o.thread_id = link.thread_id
    labels = {s.id: story_label(svc, conn, s.id, s.entities) for s in dirty if s.status == "active"}
    repo.save_states(conn, dirty, labels)
    repo.drop_empty_threads(conn, {s.thread_id for s in dirty if s.status != "active" and s.thread_id})
    for thread_id in {s.thread_id for s in dirty if s.thread_id}:
        repo.set_thread_label(conn, thread_id)
    svc.clusterer.mark_clean()


#: Stories larger than this are not re-aligned on every batch: their names
#: were aligned while they grew, and alignment is quadratic in entities.
ALIGN_MAX_ARTICLES = 200


def _align_entities(svc: Babelwire, conn: sqlite3.Connection, story_ids: set[str]) -> None:
    """Cross-script alignment inside each touched story; learned names merge into the entity they match."""
    from .entities import align_story
    from .entities.gazetteer import Alias
    from .entities.normalise import norm_name, script_of

    index = svc.entity_index
    for sid in story_ids:
        sql, params = article_rows.list_sql(article_rows.ArticleFilter(story=sid, limit=ALIGN_MAX_ARTICLES + 1))
        rows = conn.execute(sql, params).fetchall()
        if len(rows) > ALIGN_MAX_ARTICLES:
            continue
        articles = article_rows.attach_mentions(conn, [article_rows.from_row(r) for r in rows])
        # Registry and CLDR names are already linked across scripts: align only learned ones.
        alignments = [
            al for al in align_story(articles, sid)
            if "learned" in {getattr(index.entities.get(e), "origin", "learned") for e in (al.entity_id, al.merged_id)}
        ]
        if not alignments:
            continue
        svc.entities_store.save_alignments(conn, alignments)
        for al in alignments:
            merged = index.entities.get(al.merged_id)
            if merged is not None and merged.origin != "learned":
                continue  # registry and CLDR names are authoritative: record the evidence only
            conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (al.entity_id, al.merged_id))
            if al.entity_id not in index.entities:
                continue  # the kept name was itself too uncertain to index
            langs = al.evidence.get("surface_langs", {})
            for surface in al.evidence.get("surfaces", []):
                if index.resolve(surface) in (None, al.merged_id):
                    lang = langs.get(surface) or "und"
                    index.add_alias(Alias(al.entity_id, surface, norm_name(surface), lang, script_of(surface)), learned=True)
    svc.entities_store.save_index(conn, index)


def story_label(svc: Babelwire, conn: sqlite3.Connection, story_id: str, entities: Counter[str]) -> dict[str, Any]:
    """Headline per language (the earliest article in each) and keywords (its most frequent entities)."""
    rows = conn.execute(
        "SELECT lang, title FROM articles WHERE story_id = ? ORDER BY COALESCE(published, ingested_at), seq", (story_id,)
    ).fetchall()
    headlines: dict[str, str] = {}
    for lang, title in rows:
        headlines.setdefault(lang, title)
    # repo.top: ties by id, so two reclusters of the same story give the same keywords
    named = Counter({e: n for e, n in entities.items() if not e.startswith("date:")})
    keywords: list[str] = []
    for e, _ in repo.top(named, 16):  # two entities may show one name (a learned one beside a known one): once
        name = svc.entity_name(e, svc.settings.reader_lang, conn)
        if name.casefold() not in {k.casefold() for k in keywords}:
            keywords.append(name)
    keywords = keywords[:8]
    first = rows[0][1] if rows else ""
    return {"headline": headlines.get(svc.settings.reader_lang) or first, "headlines": headlines, "keywords": keywords}



