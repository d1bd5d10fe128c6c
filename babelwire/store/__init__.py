"""The store: one SQLite file, the single source of truth.

- :mod:`.migrations`: versioned schema changes, recorded in the file.
- :mod:`.db`: the :class:`Store` (one writer, WAL, per-thread readers).
- :mod:`.queries`: building SQL apart from running it, so it can be shown and tested.
"""

from .db import Store

__all__ = ["Store"]
