"""The one folder Babelwire writes outside the store: derived data kept between processes.

What lives here is rebuilt from installed packages (Babel's CLDR names,
simplemma's word lists) and costs seconds to build, on every CLI command that
needs it. Each file is plain data (nothing in it is ever executed), named
after what it was built from, written whole or not at all, and safe to delete.
Without a writable home everything still works: it is built in memory each time.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/babelwire`` (default ``~/.cache/babelwire``), or None without a home."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "babelwire"


def write_atomic(path: Path, data: bytes, *, replaces: str | None = None) -> None:
    """Write ``data`` to ``path`` whole or not at all (two processes may build it at once); never raises.

    ``replaces`` is a glob of the files this one supersedes (built from an older
    package or older code): they are deleted, so the folder does not grow with
    every upgrade.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        for old in path.parent.glob(replaces) if replaces else ():
            if old != path and not old.name.endswith(".tmp"):
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: build it each time instead
