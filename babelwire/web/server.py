"""``babelwire serve``: uvicorn on the app.

The server reads the store while a separate ``babelwire ingest`` process
writes to it: SQLite's WAL lets readers run during a write, and every request
checks ``PRAGMA data_version`` and reloads the service's in-memory state when
another process has committed (see :meth:`WebState.service`).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from ..settings import Settings


def app_from_env() -> Any:
    """App factory for worker processes: settings come from the environment ``run`` sets."""
    from .app import create_app

    return create_app(Settings())


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the web UI and the HTTP API until interrupted.

    With ``workers`` > 1, uvicorn starts that many processes; each opens the
    store and builds its own vector index (memory grows with each).
    """
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    print(f"Babelwire on http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs; store: {settings.db})", file=sys.stderr, flush=True)
    if not settings.api_token:
        print("API writes are off: set BABELWIRE_API_TOKEN (or --token) to allow POST /api/ingest; the /ingest form works from this machine only.",
              file=sys.stderr, flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}, reachable from other machines; reads need no token.", file=sys.stderr, flush=True)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "info", "proxy_headers": False, "server_header": False}
    if workers > 1:
        os.environ["BABELWIRE_DB"] = str(settings.db)
        if settings.api_token:
            os.environ["BABELWIRE_API_TOKEN"] = settings.api_token
        uvicorn.run("babelwire.web.server:app_from_env", factory=True, workers=workers, **options)
        return
    from .app import create_app

    uvicorn.run(create_app(settings), **options)
