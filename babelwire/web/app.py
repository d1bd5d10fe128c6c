"""The FastAPI application: one :class:`~babelwire.Babelwire` service per app.

>>> from babelwire.settings import Settings
>>> from babelwire.web.app import create_app
>>> app = create_app(Settings(db="news.db"))        # nothing is opened until a request

JSON routes live in :mod:`.api` (under ``/api``), HTML pages in :mod:`.pages`,
and :mod:`.security` holds the token, CSRF, body-limit and header rules.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import BabelwireError, InputError, InvalidArgument, NotFound, StoreError
from ..settings import Settings
from .security import BodyLimitMiddleware, HeadAsGetMiddleware, LoopbackHostMiddleware, SecurityHeadersMiddleware

if TYPE_CHECKING:
    from ..service import Babelwire

log = logging.getLogger(__name__)

HERE = Path(__file__).parent

#: Threads serving requests at once (anyio's default is 40). The work is CPU-bound
#: Python plus numpy and SQLite: 40 threads on 2 cores thrash on the GIL and
#: BLAS threads, while a few threads and a queue in front keep latency even
#: (bench/bench_load.py on this 2-core machine).
WORKER_THREADS = int(os.environ.get("BABELWIRE_WEB_THREADS", "4"))
#: Results kept by :meth:`WebState.memo`: framing comparisons of the stories
#: read most. A comparison costs 20–500 ms once the lemma dictionaries are loaded
#: (sample corpus, this machine); a few hundred cached ones take a few MB.
MEMO_SIZE = 512

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 422: "invalid_parameter", 500: "internal_error", 503: "unavailable"}


class WebState:
    """What the routes share: the service, the one-writer lock and the templates."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._bw: Babelwire | None = None
        self._open_lock = threading.Lock()
        #: Ingests run one at a time: the story clusterer is one in-memory state.
        self.write_lock = threading.Lock()
        from .render import environment

        self.templates = environment(HERE / "templates")
        self._memo: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._memo_lock = threading.Lock()

    def memo(self, key: tuple[Any, ...], compute: Any) -> Any:
        """``compute()`` cached under ``key`` (least recently used out past :data:`MEMO_SIZE`).

        Keys must change when the data does (e.g. a story's size and last_seen),
        so nothing stale is ever served.
        """
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

    @property
    def bw(self) -> Babelwire:
        if self._bw is None:
            with self._open_lock:
                if self._bw is None:
                    from ..service import Babelwire

                    self._bw = Babelwire(settings=self.settings, create=True)
        return self._bw

    def service(self) -> Babelwire:
        """The service, after reloading what another process (``babelwire ingest``) changed."""
        bw = self.bw
        bw.refresh()
        return bw

    def close(self) -> None:
        if self._bw is not None:
            self._bw.close()


def _warm() -> None:
    from ..lemmas import warm
    from ..search.normalise import QUERY_LANGS

    warm(QUERY_LANGS)


def state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def create_app(settings: Settings) -> FastAPI:
    """The web UI and the HTTP API over the store in ``settings.db``."""
    from contextlib import asynccontextmanager

    web = WebState(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        # Load the lemma dictionaries the first search needs without making it wait (seconds each).
        threading.Thread(target=_warm, name="babelwire-warm", daemon=True).start()
        yield
        web.close()

    app = FastAPI(
        title="Babelwire",
        version=__version__,
        description="Multilingual news: clean articles, entities across scripts, cross-lingual stories and search. "
        "Reads are open; writes need `Authorization: Bearer <BABELWIRE_API_TOKEN>`.",
        lifespan=lifespan,
        docs_url=None,  # served below from the swagger-ui-bundle package: no CDN, works air-gapped
        redoc_url=None,
    )
    app.state.web = web
    _install_docs(app)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(LoopbackHostMiddleware, allowed=settings.allowed_hosts)
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)  # outermost: headers on every response, 413s included
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    _install_error_handlers(app)
    return app


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from files shipped in the ``swagger-ui-bundle`` wheel."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="Babelwire API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_response(request: Request, status: int, message: str, *, code: str | None = None,
                   details: Any = None, headers: dict[str, str] | None = None) -> Response:
    """``{"error": {"code", "message"}}`` for the API; an HTML error page elsewhere."""
    code = code or _CODES.get(status, "error")
    if _wants_json(request):
        body: dict[str, Any] = {"code": code, "message": message}
        if details is not None:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    from .pages import error_page

    return error_page(request, status, message, headers=headers)


def _methods_at(app: Any, path: str) -> list[str]:
    """Every method some route serves at ``path`` (HEAD with GET, as HeadAsGetMiddleware answers it)."""
    from starlette.routing import Match, Mount

    def served(method: str, mounts: bool) -> bool:  # asked of the routes themselves: FastAPI nests included routers
        scope = {"type": "http", "path": path, "method": method, "root_path": "", "path_params": {}}
        return any(r.matches(scope)[0] == Match.FULL for r in app.router.routes if isinstance(r, Mount) == mounts)

    if served("GET", mounts=True):
        return ["GET", "HEAD"]  # static files and the docs' assets: a mount matches every method, and serves these
    methods = [m for m in ("GET", "POST", "PUT", "PATCH", "DELETE") if served(m, mounts=False)]
    return methods[:1] + ["HEAD"] + methods[1:] if "GET" in methods else methods


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(InvalidArgument)
    async def invalid_argument(request: Request, exc: InvalidArgument) -> Response:
        return error_response(request, 422, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        from ..errors import UnsafeURLError

        code = "unsafe_url" if isinstance(exc, UnsafeURLError) else "bad_input"
        return error_response(request, 400, str(exc), code=code)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, str(exc), code="store_unavailable")

    @app.exception_handler(BabelwireError)
    async def other_error(request: Request, exc: BabelwireError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:  # Starlette names the first route's methods; /ingest is a GET route and a POST one
            allowed = _methods_at(request.app, request.url.path)
            if allowed:
                headers["Allow"] = ", ".join(allowed)
                listed = " or ".join([", ".join(allowed[:-1]), allowed[-1]] if len(allowed) > 1 else allowed)
                message = f"{request.method} is not allowed at {request.url.path[:200]}: use {listed}"
        return error_response(request, exc.status_code, message, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()]
        summary = "; ".join(f"{e['where']}: {e['message']}" for e in errors[:5])
        return error_response(request, 422, f"invalid request: {summary}", details=errors)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__}); see the server log")
