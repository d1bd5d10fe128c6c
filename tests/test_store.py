"""The store: migrations recorded in the file, WAL, atomic batches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from babelwire.errors import StoreError
from babelwire.store import Store
from babelwire.store.migrations import MIGRATIONS


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db").ensure()
    versions = [r[0] for r in store.query("SELECT version FROM migrations ORDER BY version")]
    assert versions == sorted(MIGRATIONS)
    store.close()
    again = Store(tmp_path / "x.db").ensure()
    assert [r[0] for r in again.query("SELECT version FROM migrations ORDER BY version")] == versions
    assert again.scalar("PRAGMA journal_mode") == "wal"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    Store(tmp_path / "x.db").ensure().close()
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("INSERT INTO migrations VALUES (999, 'future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "x.db").ensure()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(path).ensure()


def test_transaction_rolls_back_whole(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db").ensure()
    with pytest.raises(RuntimeError):
        with store.transaction() as conn:
            conn.execute("INSERT INTO threads (id, created_at) VALUES ('t1', 'now')")
            raise RuntimeError("boom")
    assert store.scalar("SELECT COUNT(*) FROM threads") == 0


def test_missing_folder_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "x.db").ensure()


def test_the_outlet_filter_ignores_case(bw) -> None:  # type: ignore[no-untyped-def]
    bw.ingest_articles([
        {"title": "Umeme", "text": "Umeme ulikatika jijini Nairobi jana usiku kwa saa tatu.", "source": "Daily Nation", "lang": "sw"},
        {"title": "Maji", "text": "Bei ya maji imepanda katika kaunti ya Kisumu mwezi huu.", "source": "daily nation", "lang": "sw"},
    ])
    assert len(bw.articles(source="DAILY NATION", limit=0)) == 2
    plan = bw.store.read.execute("EXPLAIN QUERY PLAN SELECT id FROM articles a WHERE a.source = ? COLLATE NOCASE", ("x",)).fetchall()
    assert "articles_source_nocase" in " ".join(str(tuple(r)) for r in plan)  # an index, not a scan
