"""Persistence of entities, aliases, mentions and alignments in the SQLite store.

Functions over an open ``sqlite3.Connection`` using the tables of migration 3
(``entities``, ``aliases``, ``mentions``, ``alignments``).  They run no
transaction of their own: call the writers inside ``Store.transaction()``.
Registry and CLDR names are code (``data/registry.jsonl`` and babel), so the
registry is seeded once for joins and browsing, and CLDR contributes entity
rows only; learned entities and aliases are what the store must remember.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from ..article import Mention, utcnow
from .align import Alignment
from .gazetteer import Alias, Entity, cldr_entries, registry_entries
from .index import EntityIndex


def _insert_entities(conn: sqlite3.Connection, ents: Iterable[Entity], now: str) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO entities (id, name, type, origin, created_at) VALUES (?, ?, ?, ?, ?)",
        [(e.id, e.name, e.type, e.origin, now) for e in ents],
    )


def _insert_aliases(conn: sqlite3.Connection, aliases: Iterable[Alias]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, norm, lang, script) VALUES (?, ?, ?, ?, ?)",
        [(a.entity_id, a.alias, a.norm, a.lang, a.script) for a in aliases],
    )


def save_index(conn: sqlite3.Connection, index: EntityIndex) -> int:
    """Upsert learned entities and aliases (seeding the registry the first time); returns aliases written."""
    now = utcnow().isoformat()
    if conn.execute("SELECT 1 FROM entities WHERE origin = 'registry' LIMIT 1").fetchone() is None:
        r_ents, r_aliases = registry_entries()
        _insert_entities(conn, r_ents, now)
        _insert_aliases(conn, r_aliases)
        _insert_entities(conn, cldr_entries()[0], now)
    learned = [e for e in index.entities.values() if e.origin == "learned"]
    _insert_entities(conn, learned, now)
    _insert_aliases(conn, index.learned)
    return len(index.learned)


def load_index(conn: sqlite3.Connection) -> EntityIndex:
    """Registry + CLDR + everything learned and saved before."""
    index = EntityIndex.default()
    for eid, name, typ, origin in conn.execute("SELECT id, name, type, origin FROM entities WHERE origin = 'learned'"):
        index.add_entity(Entity(eid, name, typ, origin))
    have = {(a.entity_id, a.norm, a.lang) for lst in index.aliases.values() for a in lst}
    for eid, alias, norm, lang, script in conn.execute("SELECT entity_id, alias, norm, lang, script FROM aliases"):
        if eid in index.entities and (eid, norm, lang) not in have:
            index.add_alias(Alias(eid, alias, norm, lang, script))
    return index


def save_mentions(conn: sqlite3.Connection, article_id: str, mentions: Iterable[Mention], text: str | None = None) -> None:
    """Replace one article's mentions.  Give ``text`` to store the exact surfaces (else the display name)."""
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR REPLACE INTO mentions (article_id, entity_id, start, end, surface, type, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, m.id, m.start, m.end, text[m.start : m.end] if text is not None else m.name, m.type, m.confidence)
            for m in mentions
        ],
    )



def save_alignments(conn: sqlite3.Connection, alignments: Iterable[Alignment]) -> None:
    """Record proposed cross-script alignments with their evidence (latest evidence wins)."""
    now = utcnow().isoformat()
    conn.executemany(
        "INSERT OR REPLACE INTO alignments (entity_id, merged_id, story_id, evidence, at) VALUES (?, ?, ?, ?, ?)",
        [(a.entity_id, a.merged_id, a.story_id, json.dumps(a.evidence, ensure_ascii=False), now) for a in alignments],
    )
