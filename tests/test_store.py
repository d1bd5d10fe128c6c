"""The store: migrations recorded in the file, WAL, atomic batches."""

from __future__ import annotations

import json
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


def _two_ingests_at_once(tmp_path: Path) -> tuple[int, list[str]]:
    import subprocess
    import sys

    for side in ("a", "b"):
        (tmp_path / side).mkdir(parents=True)
        for i in range(15):
            (tmp_path / side / f"{i}.txt").write_text(f"Report {side}{i}\n\nThe council of town {side}{i} met on Monday about water.\n")
    db = tmp_path / "new.db"
    procs = [
        subprocess.Popen([sys.executable, "-m", "babelwire", "ingest", str(tmp_path / side), "--db", str(db), "--no-embed"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for side in ("a", "b")
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs if p.wait(timeout=300) != 0]
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0], errors


def test_two_ingests_into_a_new_store_at_once_both_land(tmp_path: Path) -> None:
    # Both processes create the schema: the loser waited for nothing and failed with exit 5
    # ("UNIQUE constraint failed: migrations.version", or "database is locked" on the switch to WAL).
    for attempt in range(3):
        landed, errors = _two_ingests_at_once(tmp_path / str(attempt))
        assert (landed, errors) == (30, [])


def _as_nobody(args: list[str]) -> list[str]:
    """Run ``args`` without root's right to write anywhere (the read-only tests need a user the mode bits bind)."""
    import os
    import shutil
    import subprocess
    import sys

    if os.geteuid() != 0:
        return args
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if not shutil.which("setpriv") or subprocess.run([*nobody, sys.executable, "-c", "import babelwire"]).returncode:
        pytest.skip("running as root, and no unprivileged user can run this Python: file modes do not bind root")
    return [*nobody, *args]


def test_a_read_only_store_reads_and_refuses_writes_up_front() -> None:
    import subprocess
    import sys
    import tempfile

    from babelwire import Babelwire

    top = Path(tempfile.mkdtemp(prefix="babelwire-ro-"))  # pytest's tmp_path is private to its user
    top.chmod(0o755)
    folder = top / "snapshot"
    folder.mkdir()
    db = folder / "s.db"
    with Babelwire(db, embedder="none") as bw:
        bw.ingest_articles([{"title": "Umeme", "text": "Umeme ulikatika jijini Nairobi jana usiku kwa saa tatu.", "lang": "sw"}])
    article = top / "new.txt"
    article.write_text("Maji\n\nBei ya maji imepanda katika kaunti ya Kisumu mwezi huu.\n")
    db.chmod(0o444)
    folder.chmod(0o555)  # a read-only mount or snapshot: WAL's side files cannot be made here either
    try:
        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(_as_nobody([sys.executable, "-m", "babelwire", *args, "--db", str(db)]),
                                  capture_output=True, text=True, timeout=300)

        listed = cli("articles", "--json")
        assert listed.returncode == 0, listed.stderr
        assert [a["title"] for a in json.loads(listed.stdout)] == ["Umeme"]
        assert cli("search", "umeme", "--json").returncode == 0
        refused = cli("ingest", str(article))
        assert refused.returncode == 5 and "read-only" in refused.stderr and "Traceback" not in refused.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["s.db"]  # nothing written beside it
        _serves(_as_nobody([sys.executable, "-m", "babelwire", "serve", "--db", str(db), "--port"]))
    finally:
        import shutil

        folder.chmod(0o755)
        db.chmod(0o644)
        shutil.rmtree(top)


def test_a_read_only_snapshot_reads_what_its_wal_file_holds() -> None:
    # QA: a snapshot copied with its -wal and -shm into a read-only folder was opened as immutable,
    # which ignores the -wal: the changes committed there but not yet checkpointed were silently missing.
    import shutil
    import sqlite3
    import subprocess
    import sys
    import tempfile

    from babelwire import Babelwire

    top = Path(tempfile.mkdtemp(prefix="babelwire-wal-"))
    top.chmod(0o755)
    live, snapshot = top / "live", top / "snapshot"
    live.mkdir()
    snapshot.mkdir()
    db = live / "s.db"
    with Babelwire(db, embedder="none") as bw:
        bw.ingest_articles([{"title": "Umeme", "text": "Umeme ulikatika jijini Nairobi jana usiku kwa saa tatu.", "lang": "sw"}])
    writer = sqlite3.connect(db)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE articles SET title = 'Umeme [WAL]'")
        writer.commit()
        for name in ("s.db", "s.db-wal", "s.db-shm"):  # copied while the writer is open: the change is only in the -wal
            shutil.copy(live / name, snapshot / name)
    finally:
        writer.close()
    for f in snapshot.iterdir():
        f.chmod(0o444)
    snapshot.chmod(0o555)
    try:
        out = subprocess.run(_as_nobody([sys.executable, "-m", "babelwire", "articles", "--json", "--db", str(snapshot / "s.db")]),
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        assert [a["title"] for a in json.loads(out.stdout)] == ["Umeme [WAL]"]
    finally:
        snapshot.chmod(0o755)
        shutil.rmtree(top)


def _serves(command: list[str]) -> None:
    """The server started by ``command + [port]`` answers health, a listing and a search with 200."""
    import socket
    import subprocess
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([*command, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                health = httpx.get(f"{base}/api/health", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.3)
        assert health.status_code == 200, health.text
        assert httpx.get(f"{base}/api/articles", timeout=30).json()
        assert httpx.get(f"{base}/search", params={"q": "umeme"}, timeout=120).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_migration_6_reindexes_amharic_rows(tmp_path: Path) -> None:
    from babelwire import Babelwire

    db = tmp_path / "old.db"
    with Babelwire(db, embedder="none") as bw:
        bw.ingest_articles([{"title": "የቡና ዋጋ", "text": "የቡና ዋጋ በዚህ ሳምንት ጨመረ። ቡናና ሻይ ላኪዎች ደስተኞች ናቸው።", "lang": "am"}])
    with sqlite3.connect(db) as conn:  # as a store of schema version 5 indexed it: whole words only
        conn.execute("UPDATE articles_fts SET title = 'የቡና ዋጋ', body = 'የቡና ዋጋ በዚህ ሳምንት ጨመረ ቡናና ሻይ ላኪዎች ደስተኞች ናቸው'")
        conn.execute("DELETE FROM migrations WHERE version >= 6")
    with Babelwire(db, embedder="none") as bw:
        assert [h["lang"] for h in bw.search("ቡና", mode="keyword")] == ["am"]
        assert bw.store.scalar("SELECT COUNT(*) FROM migrations WHERE version = 6") == 1


def test_migration_7_folds_amharic_letters(tmp_path: Path) -> None:
    # "ህብረት" (union) did not find an article that wrote "ሕብረት", the same word.
    from babelwire import Babelwire

    db = tmp_path / "old.db"
    with Babelwire(db, embedder="none") as bw:
        bw.ingest_articles([{"title": "የአፍሪካ ሕብረት ስብሰባ", "text": "የአፍሪካ ሕብረት መሪዎች በአዲስ አበባ ተሰበሰቡ። ደኅንነት ተነጋገሩ።", "lang": "am"}])
        assert [h["lang"] for h in bw.search("ህብረት", mode="keyword")] == ["am"]
        assert [h["lang"] for h in bw.search("ደህንነት", mode="keyword")] == ["am"]
    with sqlite3.connect(db) as conn:  # as a store of schema version 6 indexed it: letters as written
        conn.execute("UPDATE articles_fts SET title = 'የአፍሪካ አፍሪካ ሕብረት ስብሰባ', body = 'የአፍሪካ አፍሪካ ሕብረት መሪዎች ደኅንነት'")
        conn.execute("DELETE FROM migrations WHERE version >= 7")
    with Babelwire(db, embedder="none") as bw:
        assert [h["lang"] for h in bw.search("ህብረት", mode="keyword")] == ["am"]
        assert [h["lang"] for h in bw.search("ሕብረት", mode="keyword")] == ["am"]
