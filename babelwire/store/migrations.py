"""Versioned schema migrations, recorded in the ``migrations`` table.

Add a migration by writing a new function decorated with ``@migration(N)``
with the next number.  Never edit a migration that has shipped.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, tuple[str, Migration]] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        if version in MIGRATIONS:
            raise RuntimeError(f"migration {version} registered twice")
        MIGRATIONS[version] = (fn.__name__, fn)
        return fn

    return register


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM migrations").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration newer than the file's version, each in its own transaction."""
    applied = []
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if tables and "migrations" not in tables:
        from ..errors import StoreError

        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise StoreError(f"a SQLite database, but not a Babelwire store (it has tables {shown}); "
                         "Babelwire will not add its tables to it: name a new file with --db")
    have = current_version(conn)
    newest = max(MIGRATIONS)
    if have > newest:
        from ..errors import StoreError

        raise StoreError(f"the database is at schema version {have}, newer than this Babelwire ({newest}): upgrade babelwire")
    for version in sorted(v for v in MIGRATIONS if v > have):
        name, fn = MIGRATIONS[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) >= version:  # another process applied it while this one waited for the lock
                conn.execute("COMMIT")
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one (``executescript`` would commit the open transaction)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in statement.splitlines()):
        raise ValueError(f"incomplete SQL statement in migration: {statement[:80]!r}")


@migration(1)
def articles_and_search(conn: sqlite3.Connection) -> None:
    run_script(conn,
        """
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            external_id TEXT,
            url TEXT,
            content_hash TEXT NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            lang TEXT NOT NULL,
            lang_confidence REAL NOT NULL DEFAULT 0,
            mixed_lang INTEGER NOT NULL DEFAULT 0,
            source TEXT,
            agency TEXT,
            place TEXT,
            published TEXT,
            published_from TEXT,
            origin TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            vector_key TEXT,
            story_id TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_lang ON articles(lang, published);
        CREATE INDEX articles_source ON articles(source, published);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_story ON articles(story_id);
        CREATE INDEX articles_external ON articles(external_id);

        -- Near-duplicates are linked to the article they copy, not stored again.
        CREATE TABLE near_duplicates (
            id TEXT PRIMARY KEY,
            duplicate_of TEXT NOT NULL REFERENCES articles(id),
            similarity REAL NOT NULL,
            url TEXT, source TEXT, title TEXT, origin TEXT,
            seen_at TEXT NOT NULL
        );
        CREATE INDEX near_duplicates_of ON near_duplicates(duplicate_of);

        -- MinHash LSH bands for near-duplicate candidates.
        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            hash INTEGER NOT NULL,
            article_id TEXT NOT NULL
        );
        CREATE INDEX minhash_lookup ON minhash_bands(band, hash);
        CREATE TABLE minhash_signatures (article_id TEXT PRIMARY KEY, signature BLOB NOT NULL);

        -- Keyword search over normalised text (lemmas, Arabic clitics stripped).
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, tokenize = 'unicode61 remove_diacritics 2'
        );

        -- Recurring lines per source, learned by the chrome stripper (key '' holds the document count).
        CREATE TABLE boilerplate_lines (source TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (source, key));
        -- Digests of documents already counted, so re-ingesting never counts a document twice.
        CREATE TABLE boilerplate_seen (digest BLOB PRIMARY KEY);
        """
    )


@migration(2)
def vectors_and_stories(conn: sqlite3.Connection) -> None:
    run_script(conn,
        """
        -- Embeddings keyed by a hash of the exact text window embedded and the model,
        -- so nothing is embedded twice.
        CREATE TABLE vectors (key TEXT PRIMARY KEY, model TEXT NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL);

        -- Running per-language sums of raw vectors, for language centring.
        CREATE TABLE lang_stats (lang TEXT PRIMARY KEY, n INTEGER NOT NULL, sum BLOB NOT NULL);

        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'active',   -- active | merged
            merged_into TEXT,
            thread_id TEXT,
            first_seen TEXT, last_seen TEXT,
            size INTEGER NOT NULL DEFAULT 0,
            centroid BLOB,                          -- sum of member vectors (centred)
            label TEXT NOT NULL DEFAULT '{}',       -- JSON: {"headlines": {lang: title}, "keywords": [...]}
            profile TEXT NOT NULL DEFAULT '{}',     -- JSON: entity, place, language and source counts
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX stories_last_seen ON stories(status, last_seen);
        CREATE INDEX stories_thread ON stories(thread_id);

        CREATE TABLE story_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            story_id TEXT NOT NULL,
            kind TEXT NOT NULL,                     -- create | join | merge | split | thread
            article_id TEXT,
            other_id TEXT,
            reason TEXT NOT NULL DEFAULT '{}',      -- JSON explanation
            at TEXT NOT NULL
        );
        CREATE INDEX story_events_story ON story_events(story_id, seq);

        CREATE TABLE threads (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        """
    )


@migration(3)
def entities(conn: sqlite3.Connection) -> None:
    run_script(conn,
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,            -- canonical (English where known) name
            type TEXT NOT NULL,            -- PER ORG LOC DATE
            origin TEXT NOT NULL,          -- registry | cldr | learned
            created_at TEXT NOT NULL
        );
        CREATE TABLE aliases (
            entity_id TEXT NOT NULL REFERENCES entities(id),
            alias TEXT NOT NULL,
            norm TEXT NOT NULL,
            lang TEXT NOT NULL DEFAULT 'und',
            script TEXT NOT NULL DEFAULT 'Zyyy',
            PRIMARY KEY (entity_id, norm, lang)
        );
        CREATE INDEX aliases_norm ON aliases(norm);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            surface TEXT NOT NULL,
            type TEXT NOT NULL,
            confidence REAL NOT NULL,
            PRIMARY KEY (article_id, start, end)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        -- Cross-script alignments found inside a story, with their evidence.
        CREATE TABLE alignments (
            entity_id TEXT NOT NULL,
            merged_id TEXT NOT NULL,
            story_id TEXT,
            evidence TEXT NOT NULL DEFAULT '{}',
            at TEXT NOT NULL,
            PRIMARY KEY (entity_id, merged_id)
        );
        """
    )


@migration(4)
def search_words_keep_marks(conn: sqlite3.Connection) -> None:
    """Re-index the keyword search of articles whose text has combining marks.

    Search words once ended at every combining mark ("wọ́n" was indexed as "wọ"
    and "n"); now they keep them (``article.WORD``), so queries are read the new
    way and these rows are indexed again with the current normaliser.  Other
    rows index the same either way.
    """
    from ..article import MARKS

    _reindex(conn, "SELECT seq, title, text, lang FROM articles", re.compile(f"[{MARKS}]"))


def _reindex(conn: sqlite3.Connection, select: str, pattern: re.Pattern[str]) -> None:
    """Index again, with the current normaliser, the rows of ``select`` whose title or text matches ``pattern``."""
    from ..search.normalise import index_text

    rows = conn.execute(select)
    while batch := rows.fetchmany(500):
        for seq, title, text, lang in batch:
            if pattern.search(title or "") or pattern.search(text or ""):
                conn.execute(
                    "UPDATE articles_fts SET title = ?, body = ? WHERE rowid = ?", (index_text(title or "", lang), index_text(text or "", lang), seq)
                )


@migration(5)
def sources_any_case(conn: sqlite3.Connection) -> None:
    """An index for outlet filters that ignore case ("Daily Nation" = "daily nation")."""
    conn.execute("CREATE INDEX IF NOT EXISTS articles_source_nocase ON articles(source COLLATE NOCASE, published)")


def _reindex_ethiopic(conn: sqlite3.Connection) -> None:
    """:func:`_reindex` for the Amharic and Tigrinya rows written in Ethiopic script."""
    _reindex(conn, "SELECT seq, title, text, lang FROM articles WHERE lang IN ('am', 'ti')", re.compile(r"[\u1200-\u137f]"))


@migration(6)
def amharic_words_without_prefixes(conn: sqlite3.Connection) -> None:
    """Re-index the keyword search of Amharic articles: a word is now indexed with and without
    its prefixed preposition or suffix (``የቡና`` also as ``ቡና``; ``entities.normalise.ethiopic_candidates``).
    Only rows in Ethiopic script change; they are read through the language index."""
    _reindex_ethiopic(conn)


@migration(7)
def amharic_letters_folded(conn: sqlite3.Connection) -> None:
    """Re-index the keyword search of Amharic articles: letters written either way now index
    as one (ሕብረት = ህብረት, ኪሣራ = ኪሳራ; ``entities.normalise.fold_ethiopic``).  Entity
    mentions already stored keep their links; articles ingested from now on link both spellings."""
    _reindex_ethiopic(conn)


@migration(8)
def thread_redirects(conn: sqlite3.Connection) -> None:
    """A thread that merged into another, or that a recluster did not keep, leads to
    where its stories went (``merged_into``), as a merged story does."""
    if "merged_into" not in {r[1] for r in conn.execute("PRAGMA table_info(threads)")}:
        conn.execute("ALTER TABLE threads ADD COLUMN merged_into TEXT")
