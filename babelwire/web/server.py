"""``babelwire serve``: uvicorn on the app.

The server reads the store while a separate ``babelwire ingest`` process
writes to it: SQLite's WAL lets readers run during a write, and every request
checks ``PRAGMA data_version`` and reloads the service's in-memory state when
another process has committed (see :meth:`WebState.service`).
"""

from __future__ import annotations

import sys

from ..settings import Settings


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web UI and the HTTP API until interrupted."""
    import uvicorn

    from .app import create_app

    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    print(f"Babelwire on http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs; store: {settings.db})", file=sys.stderr, flush=True)
    if not settings.api_token:
        print("API writes are off: set BABELWIRE_API_TOKEN (or --token) to allow POST /api/ingest; the /ingest form works without it.",
              file=sys.stderr, flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}, reachable from other machines; reads need no token.", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
