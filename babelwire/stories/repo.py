"""Stories, events and threads in the store."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import datetime

import numpy as np

from ..article import utcnow
from ..store.db import dumps
from .cluster import MAX_IN_MEMORY, Decision, StoryState
from .threads import ThreadLink

#: Figures kept in a stored story's profile (the most cited): enough for
#: every figure of a story of a few dozen articles, bounded for big ones.
PROFILE_FIGURES = 120


def _dt(v: str | None) -> datetime | None:
    return datetime.fromisoformat(v) if v else None


def state_from_row(row: sqlite3.Row) -> StoryState:
    profile = json.loads(row["profile"] or "{}")
    return StoryState(
        id=row["id"],
        seq=row["seq"],
        sum=np.frombuffer(row["centroid"], dtype=np.float64).copy(),
        n=row["size"],
        first_seen=_dt(row["first_seen"]),
        last_seen=_dt(row["last_seen"]),
        entities=Counter(profile.get("entities", {})),
        places=Counter(profile.get("places", {})),
        figures=Counter(profile.get("figures", {})),
        langs=Counter(profile.get("langs", {})),
        sources=Counter(profile.get("sources", {})),
        thread_id=row["thread_id"],
        status=row["status"],
        merged_into=row["merged_into"],
        dirty=False,
    )


def load_recent(conn: sqlite3.Connection, limit: int = MAX_IN_MEMORY) -> tuple[list[StoryState], int]:
    """The most recently active stories, oldest first, and the next story sequence number."""
    rows = conn.execute(
        "SELECT * FROM stories WHERE status = 'active' ORDER BY updated_at DESC, seq DESC LIMIT ?", (limit,)
    ).fetchall()
    next_seq = (conn.execute("SELECT MAX(seq) FROM stories").fetchone()[0] or -1) + 1
    return [state_from_row(r) for r in reversed(rows)], next_seq


def top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` commonest, ties by key: ``Counter.most_common`` breaks ties by insertion order,
    which follows set iteration order, and that changes with each process's string hashing."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def save_states(conn: sqlite3.Connection, states: list[StoryState], labels: dict[str, dict]) -> None:
    now = utcnow().isoformat()
    for s in states:
        profile = {
            "entities": dict(top(s.entities, 60)),
            "figures": dict(top(s.figures, PROFILE_FIGURES)),
            "places": dict(s.places),
            "langs": dict(s.langs),
            "sources": dict(s.sources),
        }
        conn.execute(
            """INSERT INTO stories (id, seq, status, merged_into, thread_id, first_seen, last_seen, size, centroid, label, profile, created_at, updated_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(id) DO UPDATE SET status=excluded.status, merged_into=excluded.merged_into, thread_id=excluded.thread_id,
                 first_seen=excluded.first_seen, last_seen=excluded.last_seen, size=excluded.size, centroid=excluded.centroid,
                 label=CASE WHEN excluded.label = '{}' THEN stories.label ELSE excluded.label END,
                 profile=excluded.profile, updated_at=excluded.updated_at""",
            (
                s.id, s.seq, s.status, s.merged_into, s.thread_id,
                s.first_seen.isoformat() if s.first_seen else None, s.last_seen.isoformat() if s.last_seen else None,
                s.n, np.asarray(s.sum, dtype=np.float64).tobytes(), dumps(labels.get(s.id, {})), dumps(profile), now, now,
            ),
        )
        if s.thread_id:
            conn.execute("INSERT OR IGNORE INTO threads (id, created_at) VALUES (?, ?)", (s.thread_id, now))


def record_decision(conn: sqlite3.Connection, d: Decision) -> None:
    now = utcnow().isoformat()
    kind = "create" if d.created else "join"
    conn.execute(
        "INSERT INTO story_events (story_id, kind, article_id, reason, at) VALUES (?,?,?,?,?)",
        (d.story_id if d.created else d.reasons.get("story", d.story_id), kind, d.article_id, dumps(d.reasons), now),
    )
    for gone, keep, reason in d.merged:
        record_merge(conn, gone, keep, d.article_id, reason)


def record_merge(conn: sqlite3.Connection, gone: str, into: str, article_id: str | None, reason: dict) -> None:
    """Story ``gone`` merged into ``into``: the event (with the article that triggered or moved), and its articles moved."""
    conn.execute(
        "INSERT INTO story_events (story_id, kind, article_id, other_id, reason, at) VALUES (?,?,?,?,?,?)",
        (into, "merge", article_id, gone, dumps(reason), utcnow().isoformat()),
    )
    conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (into, gone))


def record_thread(conn: sqlite3.Connection, link: ThreadLink, previous: str | None) -> None:
    now = utcnow().isoformat()
    conn.execute("INSERT OR IGNORE INTO threads (id, created_at) VALUES (?, ?)", (link.thread_id, now))
    if previous and previous != link.thread_id:
        # The story brought its old thread along: the younger thread merges into the older.
        conn.execute("UPDATE stories SET thread_id = ? WHERE thread_id = ?", (link.thread_id, previous))
        conn.execute("UPDATE threads SET merged_into = ? WHERE id = ?", (link.thread_id, previous))  # old links lead on
    conn.execute(
        "INSERT INTO story_events (story_id, kind, other_id, reason, at) VALUES (?,?,?,?,?)",
        (link.story_id, "thread", link.thread_id, dumps(link.reason | {"previous_thread": previous}), now),
    )


def drop_empty_threads(conn: sqlite3.Connection, thread_ids: set[str]) -> None:
    """Those of ``thread_ids`` left without an active story (their last one merged away) lead
    to the thread of the story it merged into, or are deleted when there is none."""
    for thread_id in thread_ids:
        if conn.execute("SELECT 1 FROM stories WHERE thread_id = ? AND status = 'active' LIMIT 1", (thread_id,)).fetchone():
            continue
        into = conn.execute(
            "SELECT t.thread_id FROM stories s JOIN stories t ON t.id = s.merged_into "
            "WHERE s.thread_id = ? AND s.status = 'merged' AND t.thread_id IS NOT NULL AND t.thread_id != ? LIMIT 1",
            (thread_id, thread_id),
        ).fetchone()
        if into:
            conn.execute("UPDATE threads SET merged_into = ? WHERE id = ?", (into[0], thread_id))
        else:
            conn.execute("DELETE FROM threads WHERE id = ?", (thread_id,))


def set_thread_label(conn: sqlite3.Connection, thread_id: str) -> None:
    """A thread's label: its most common entities' names and its stories' first headlines."""
    rows = conn.execute("SELECT label, profile FROM stories WHERE thread_id = ? AND status='active' ORDER BY first_seen", (thread_id,)).fetchall()
    ents: Counter[str] = Counter()
    headline = None
    for label, profile in rows:
        ents.update(json.loads(profile).get("entities", {}))
        headline = headline or json.loads(label).get("headline")
    conn.execute("UPDATE threads SET label = ? WHERE id = ?", (dumps({"entities": [e for e, _ in top(ents, 6)], "headline": headline}), thread_id))
