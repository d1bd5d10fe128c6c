"""One SQLite file: WAL, one writer, a read connection per thread.

All writes go through :meth:`Store.transaction`, which holds a process-wide
lock around ``BEGIN IMMEDIATE … COMMIT`` on the single write connection, so a
batch lands whole or not at all (an ingest killed midway resumes cleanly:
articles already committed are recognised by id and skipped).  Reads use one
connection per thread; WAL lets them run while a writer works, including a
writer in another process (the CLI ingesting while ``babelwire serve`` runs).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import StoreError
from .migrations import MIGRATIONS, migrate

#: How long a writer waits for another process's write lock before failing.
#: Long enough for one ingest batch on this hardware (a batch of 64 articles
#: commits in well under a second; embedding happens before the transaction).
BUSY_TIMEOUT_MS = 60_000


def _connect(path: str, *, readonly: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection; ``readonly`` opens with ``mode=ro``, and ``immutable`` also tells SQLite that
    nothing writes the file (a WAL store in a read-only folder cannot get its side files otherwise)."""
    if readonly:
        uri = f"file:{quote(str(Path(path).absolute()))}?mode=ro" + ("&immutable=1" if immutable else "")
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    else:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = OFF")  # rows arrive in batches whose order we control
    if not readonly:
        _set_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting out another process that is creating the same new store.

    The switch needs the file to itself, and SQLite answers "database is
    locked" at once, without the busy timeout, while a second process holds
    a brand-new store in its first transaction (two ingests started together).
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store:
    """The SQLite store. Cheap to create; opens the file on first use."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        #: False: a read on a missing file raises :class:`StoreError` instead of creating an
        #: empty store there (a mistyped path would otherwise look like a store with nothing in it).
        self.create = create
        self._lock = threading.RLock()
        self._writer: sqlite3.Connection | None = None
        self._local = threading.local()
        self._migrated = False
        # Every read connection handed out, in whichever thread: close() closes them all (the
        # keyword side of search reads from pool threads that outlive any one Store).
        self._readers: list[sqlite3.Connection] = []
        self._generation = 0  # bumped by close(): a thread's older connection is not reused
        #: Set on first use when the file exists but cannot be written here: reads work, writes say why.
        self.read_only: str | None = None
        self._immutable_reads: bool | None = None  # decided on first use: see _immutable

    # -- connections -------------------------------------------------------
    def _write_conn(self) -> sqlite3.Connection:
        if self._writer is None:
            parent = Path(self.path).absolute().parent
            if not parent.exists():
                raise StoreError(f"{self.path}: folder {parent} does not exist")
            why = self.read_only or self._unwritable()
            if why:
                raise StoreError(f"{self.path}: the store is read-only here ({why}); reading works, writing needs write access")
            try:
                self._writer = _connect(self.path)
                migrate(self._writer)
            except sqlite3.DatabaseError as e:
                self._close_writer()
                raise StoreError(f"{self.path}: not a usable Babelwire database ({e})") from e
            except StoreError as e:  # another program's database, or a newer schema: say which file
                self._close_writer()
                raise StoreError(f"{self.path}: {e}") from e
            self._migrated = True
        return self._writer

    def ensure(self, *, write: bool = False) -> Store:
        """Create the file and apply migrations if needed.

        A store that exists but cannot be written here (a read-only file, or a
        read-only folder, which WAL's side files need) opens for reading only,
        provided its schema is current; ``write=True`` refuses it up front.
        """
        with self._lock:
            if not write and not self.create and not self._migrated:
                if not self.exists():
                    raise StoreError(f"{self.path}: no Babelwire store here; ingest into it first, or check the path")
                if not self.in_memory and os.path.isfile(self.path) and not self._has_tables():
                    # an empty file (touch, mktemp) or a database whose tables were dropped: reading must not make it a store
                    what = "an empty file" if os.path.getsize(self.path) == 0 else "a SQLite database with no tables"
                    raise StoreError(f"{self.path}: {what}, not a Babelwire store; ingest into it first, or check the path")
            why = None if write or self._migrated else self._unwritable()
            if why:
                self._open_read_only(why)
            else:
                self._write_conn()
        return self

    def _has_tables(self) -> bool:
        """Whether the file holds any table (a read-only look; a file that is not SQLite at all answers
        True here, so that opening it says what it is, and one with another program's tables is named
        by the migrations' own check)."""
        try:
            conn = _connect(self.path, readonly=True, immutable=self._immutable())
            try:
                return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'").fetchone() is not None
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return True

    def _close_writer(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._writer = None

    def _unwritable(self) -> str | None:
        """Why an existing store file cannot be written here, or None."""
        if self.in_memory or not os.path.isfile(self.path):
            return None
        if not os.access(self.path, os.W_OK):
            return "no write permission on the file"
        if self._folder_read_only():
            return "no write permission on its folder"
        return None

    def _folder_read_only(self) -> bool:
        """A WAL store's side files (-wal, -shm) cannot be made in its folder: open it as immutable."""
        return not os.access(Path(self.path).absolute().parent, os.W_OK | os.X_OK)

    def _immutable(self) -> bool:
        """Open read-only connections as immutable: the folder is read-only and SQLite cannot read the
        store's -wal file there (immutable ignores it), or there is none to read."""
        if self._immutable_reads is None:
            self._immutable_reads = self._folder_read_only() and not self._wal_readable()
        return self._immutable_reads

    def _wal_pending(self) -> bool:
        """The store's -wal file holds changes not yet written into the store file."""
        wal = Path(f"{self.path}-wal")
        return wal.is_file() and wal.stat().st_size > 0

    def _wal_readable(self) -> bool:
        """A snapshot copied with its -wal and -shm: plain ``mode=ro`` reads the changes the -wal holds."""
        if not self._wal_pending():
            return False
        try:
            conn = _connect(self.path, readonly=True)
            try:
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                return True
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return False

    def _open_read_only(self, why: str) -> None:
        if self._immutable() and self._wal_pending():
            why += "; the changes its -wal file holds cannot be read in this folder and are left out"
        try:
            conn = _connect(self.path, readonly=True, immutable=self._immutable())
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                version = conn.execute("SELECT MAX(version) FROM migrations").fetchone()[0] if "migrations" in tables else None
            finally:
                conn.close()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a usable Babelwire database ({e})") from e
        newest = max(MIGRATIONS)
        if version is None:
            raise StoreError(f"{self.path}: a SQLite database, but not a Babelwire store")
        if version != newest:
            raise StoreError(
                f"{self.path}: read-only here ({why}) and at schema version {version}, this Babelwire reads "
                f"{newest}: open it once where it can be written, or with a matching Babelwire"
            )
        self.read_only = why
        self._migrated = True

    def exists(self) -> bool:
        """The store's file is there (a store in memory always is)."""
        return self.in_memory or os.path.exists(self.path)

    @property
    def in_memory(self) -> bool:
        """A store with no file (``":memory:"``): gone when closed, for work that stores nothing."""
        return self.path == ":memory:"

    @property
    def read(self) -> sqlite3.Connection:
        """This thread's read connection (in memory, the one connection: each new one would be a database of its own)."""
        if self.in_memory:
            with self._lock:
                return self._write_conn()
        if not self._migrated:
            self.ensure()
        held = getattr(self._local, "conn", None)
        if held is not None and held[0] == self._generation:
            return held[1]
        if self.read_only:
            conn = _connect(self.path, readonly=True, immutable=self._immutable())
        else:
            conn = _connect(self.path)
        with self._lock:
            self._readers.append(conn)
            self._local.conn = (self._generation, conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The single write connection inside ``BEGIN IMMEDIATE``; commits or rolls back whole."""
        with self._lock:
            conn = self._write_conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")

    def close(self) -> None:
        """Close the write connection and every thread's read connection (the store reopens on next use)."""
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._generation += 1

    # -- small helpers -------------------------------------------------------
    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        return self.read.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.read.execute(sql, params).fetchone()
        return row[0] if row else None

    def writer_data_version(self) -> int | None:
        """``PRAGMA data_version`` on the write connection, or None while a write is under way here
        (a read-only store has no write connection: this thread's read connection answers)."""
        if not self._migrated and not self.in_memory:
            self.ensure()
        if self.read_only:
            return int(self.read.execute("PRAGMA data_version").fetchone()[0])
        if not self._lock.acquire(blocking=False):
            return None
        try:
            return int(self._write_conn().execute("PRAGMA data_version").fetchone()[0])
        finally:
            self._lock.release()



def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str)


#: Shortest id prefix looked up: shorter ones would name too many records.
MIN_PREFIX = 6


def prefix_pattern(ident: str) -> str:
    """A ``LIKE ? ESCAPE '\\'`` pattern for ids that start with ``ident``, taken literally (``%`` and ``_`` too)."""
    return ident.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: SQLite's largest integer: a LIMIT or OFFSET past it would raise OverflowError.
SQL_INT_MAX = 2**63 - 1


def lang_in(column: str, langs: str) -> tuple[str, list[str]]:
    """``column IN (?, …)`` for a language filter: one code or several, comma-separated (``ar,sw``),
    as :func:`babelwire.service.lang_code` writes them."""
    codes = langs.split(",")
    if len(codes) == 1:
        return f"{column} = ?", codes
    return f"{column} IN ({','.join('?' * len(codes))})", codes


def page(limit: int, offset: int = 0) -> tuple[str, list[int]]:
    """`` LIMIT ? OFFSET ?`` and its parameters; ``limit`` 0 (or one past SQLite's integers) means all."""
    if not limit or limit > SQL_INT_MAX:
        return ("", []) if not offset else (" LIMIT -1 OFFSET ?", [min(offset, SQL_INT_MAX)])
    return " LIMIT ? OFFSET ?", [limit, min(offset, SQL_INT_MAX)]
