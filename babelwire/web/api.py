"""JSON routes under ``/api``: the same objects and fields as the CLI's ``--json``.

Reads are open. ``POST /api/ingest`` needs ``Authorization: Bearer <token>``.
Errors are ``{"error": {"code", "message"}}`` (see :mod:`.app`).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..errors import InvalidArgument
from ..service import (  # raises InvalidArgument: a 422 (see app._install_error_handlers)
    MAX_QUERY_CHARS,
    article_fields,
    check_dates,
)
from .app import state
from .context import comparison_key
from .security import check_token


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """Every API error: ``{"error": {"code", "message"}}`` (``details`` lists each invalid parameter on 422)."""

    error: ErrorDetail


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error responses, in the shape the handlers in :mod:`.app` send."""
    said = {400: "Bad request", 401: "No API token sent", 403: "Wrong API token, or writes disabled", 404: "No such record",
            413: "Body too large", 422: "Invalid parameter", 503: "The store cannot be used"}
    return {s: {"model": ErrorBody, "description": said[s]} for s in statuses}


# 422 here replaces FastAPI's default {"detail": [...]} entry, which is not what the handlers send.
router = APIRouter(prefix="/api", tags=["api"], responses=_errors(422, 503))

#: Largest page a list endpoint returns; ask for more pages with ``offset``.
MAX_PAGE = 500

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"How many (1–{MAX_PAGE}).")]
#: Bound of counts given in a query: SQLite's integers are 64-bit, and a larger one would fail inside the query.
MAX_COUNT = 2**62
Offset = Annotated[int, Query(ge=0, le=MAX_COUNT, description="Skip this many (pagination).")]
#: Longest language filter: a dozen codes, or a few languages by name.
MAX_LANG_CHARS = 100


def _lang(request: Request, lang: Annotated[str | None, Query(
        max_length=MAX_LANG_CHARS, description="Language code (ar, sw, en…); several comma-separated (ar,sw) or repeated.")] = None,
) -> str | None:
    """The ``lang`` filter, with a repeated ``lang=`` read as a list (QA: ``?lang=en&lang=fr`` kept only ``fr``)."""
    values = [v for v in request.query_params.getlist("lang") if v.strip()]
    if not values:
        return lang  # an empty box alone is no filter
    # QA: "?lang=ar&lang=" dropped the filter (the last value wins); review: Query's max_length
    # checks only the last value, so the limit is checked here over all of them
    joined = ",".join(values)
    if len(joined) > MAX_LANG_CHARS:
        raise InvalidArgument(f"lang: at most {MAX_LANG_CHARS} characters in all")
    return joined


Lang = Annotated[str | None, Depends(_lang)]
Date = Annotated[str | None, Query(max_length=40, description="ISO date or date-time, inclusive.")]
Text = Annotated[str | None, Query(max_length=300)]


def _paged(request: Request, response: Response, items: list[Any], limit: int, offset: int) -> list[Any]:
    """Add ``Link: <…offset=N>; rel="next"`` when the page is full."""
    if len(items) >= limit:
        nxt = request.url.include_query_params(offset=offset + limit, limit=limit)
        response.headers["Link"] = f'<{nxt.path}?{nxt.query}>; rel="next"'
    return items


# -- writes ------------------------------------------------------------------------------
INGEST_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "description": 'One article object, a list of them, {"articles": [...]}, or {"url": "https://…"} to fetch one page or feed.',
        "oneOf": [
            {"type": "object", "properties": {"title": {"type": "string"}, "text": {"type": "string"}, "url": {"type": "string"},
                                              "source": {"type": "string"}, "published": {"type": "string"}, "lang": {"type": "string"}},
             "required": ["text"]},
            {"type": "array", "items": {"type": "object"}},
            {"type": "object", "properties": {"articles": {"type": "array", "items": {"type": "object"}}}, "required": ["articles"]},
            {"type": "object", "properties": {"url": {"type": "string", "format": "uri"}}, "required": ["url"]},
        ]}}},
}


def parse_ingest(payload: Any) -> tuple[list[dict[str, Any]], str | None]:
    """``(articles, url)`` from an ingest body; 400 when it is none of the accepted shapes."""
    from ..ingest.jsonl import TEXT_KEYS

    if isinstance(payload, dict) and "articles" in payload:
        payload = payload["articles"]
    elif isinstance(payload, dict) and "url" in payload and not any(k in payload for k in TEXT_KEYS):
        url = payload["url"]
        if not isinstance(url, str) or not url.strip():
            raise HTTPException(400, '"url" must be a non-empty string such as "https://example.org/feed.xml"')
        return [], url.strip()
    if isinstance(payload, dict):
        payload = [payload]
    if not isinstance(payload, list) or not payload:
        raise HTTPException(400, 'expected an article object, a non-empty list of them, {"articles": [...]} or {"url": "https://…"}')
    return payload, None


def run_ingest(request: Request, items: list[dict[str, Any]], url: str | None) -> dict[str, Any]:
    """Ingest (one writer at a time); by URL only after the private-address guard."""
    web = state(request)
    with web.write_lock:
        bw = web.service()
        if url is not None:
            from ..ingest.fetch import check_url

            check_url(url, bw.settings.allow_private)  # UnsafeURLError → 400 before anything is fetched
            report = bw.ingest([url])
        else:
            report = bw.ingest_articles(items)
    return report.to_dict()  # type: ignore[no-any-return]


@router.post("/ingest", openapi_extra={"requestBody": INGEST_BODY},
             responses=_errors(400, 401, 403, 413))
async def ingest(request: Request, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """Ingest articles; returns the same report as ``babelwire ingest --json``."""
    check_token(state(request).settings.api_token, authorization)
    raw = await request.body()
    try:
        payload = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise HTTPException(400, f"the body is not valid JSON ({e}); send Content-Type: application/json") from None
    except RecursionError:
        raise HTTPException(400, "the body nests JSON too deeply to read") from None
    items, url = parse_ingest(payload)
    return await run_in_threadpool(run_ingest, request, items, url)


# -- reads ---------------------------------------------------------------------------------
@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """Counts, for monitoring."""
    from .. import __version__

    bw = state(request).service()
    return {"ok": True, "version": __version__, "articles": bw.count("articles"), "stories": bw.count("stories")}


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """What the store holds: articles by language and outlet, dates, stories, threads, size (as ``babelwire stats --json``)."""
    return state(request).service().stats()  # type: ignore[no-any-return]


@router.get("/articles")
def articles(request: Request, response: Response, lang: Lang = None, source: Text = None, since: Date = None, until: Date = None,
             story: Text = None, entity: Text = None, limit: Limit = 20, offset: Offset = 0,
             fields: Annotated[str | None, Query(max_length=300, description="Only these keys, comma-separated (id,title,url); all by default.")] = None,
             ) -> list[dict[str, Any]]:
    """Articles, newest first (as ``babelwire articles --json``)."""
    check_dates(since=since, until=until)
    keys = article_fields(",".join(request.query_params.getlist("fields")) if fields is not None else None)  # repeated too
    items = state(request).service().articles(lang=lang, source=source, since=since, until=until, story=story, entity=entity,
                                              limit=limit, offset=offset)
    return _paged(request, response, [a.to_dict(fields=keys) for a in items], limit, offset)


@router.get("/articles/lookup", responses=_errors(404))
def lookup(request: Request, id: Annotated[str, Query(min_length=1, max_length=2000, description="Id, id prefix or external id.")]) -> dict[str, Any]:
    """One article by any of its ids, given as a query parameter: for external ids with slashes (a URL, most often),
    which a path cannot carry (``%2F`` is decoded before routing)."""
    return state(request).service().article(id).to_dict()  # type: ignore[no-any-return]


@router.get("/articles/{ident}", responses=_errors(404))
def article(request: Request, ident: str) -> dict[str, Any]:
    """One article by id, id prefix (6+ characters) or external id."""
    return state(request).service().article(ident).to_dict()  # type: ignore[no-any-return]


@router.get("/articles/{ident}/similar", responses=_errors(404))
def similar(request: Request, ident: str, lang: Lang = None, same_lang: bool = False,
            other_stories: Annotated[bool, Query(description="Leave out the article's own story.")] = False,
            limit: Annotated[int, Query(ge=1, le=100)] = 10) -> list[dict[str, Any]]:
    """Most similar articles in other languages, each with why (cosine, shared entities, gap)."""
    return state(request).service().similar(ident, lang=lang, same_lang=same_lang, other_stories=other_stories, limit=limit)


@router.get("/search")
def search(request: Request, response: Response, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="Words in any language.")],
           lang: Lang = None, source: Text = None, since: Date = None, until: Date = None, story: Text = None,
           mode: Literal["hybrid", "keyword", "vector"] = "hybrid", limit: Limit = 20, offset: Offset = 0) -> list[dict[str, Any]]:
    """Search all languages: keywords (FTS5), meaning (vectors) and, in hybrid mode, the articles
    nearest the top keyword hits, fused.  Each hit's ``matched`` says which sides found it, with its
    rank there (``neighbours.of`` names the keyword hits it is near)."""
    check_dates(since=since, until=until)
    hits = state(request).service().search(q, lang=lang, source=source, since=since, until=until, story=story, mode=mode,
                                           limit=limit, offset=offset)
    return _paged(request, response, hits, limit, offset)


@router.get("/stories")
def stories(request: Request, response: Response, lang: Lang = None, entity: Text = None, since: Date = None, until: Date = None,
            min_size: Annotated[int, Query(ge=1, le=MAX_COUNT)] = 1, limit: Limit = 20, offset: Offset = 0) -> list[dict[str, Any]]:
    """Stories, most recently active first (as ``babelwire stories --json``)."""
    check_dates(since=since, until=until)
    items = state(request).service().stories(lang=lang, entity=entity, since=since, until=until, min_size=min_size, limit=limit, offset=offset)
    return _paged(request, response, items, limit, offset)


@router.get("/stories/{ident}", responses=_errors(404))
def story(request: Request, ident: str) -> dict[str, Any]:
    """One story: headlines per language, articles, why each joined, merge/split/thread events and its thread."""
    return state(request).service().story(ident)


@router.get("/stories/{ident}/compare", responses=_errors(404))
def compare(request: Request, ident: str, by: Literal["source", "lang"] = "source") -> dict[str, Any]:
    """How each outlet or language frames the story: quotes, entities, words, tone."""
    web = state(request)
    bw = web.service()
    story = bw.story(ident)
    # cached as the story page caches it, under the same key
    return web.memo(comparison_key(bw, story, by), lambda: bw.compare(story["id"], by=by))  # type: ignore[no-any-return]


@router.get("/threads")
def threads(request: Request, response: Response, min_stories: Annotated[int, Query(ge=1, le=MAX_COUNT)] = 1, limit: Limit = 20,
            offset: Offset = 0) -> list[dict[str, Any]]:
    """Threads: related stories over time."""
    return _paged(request, response, state(request).service().threads(min_stories=min_stories, limit=limit, offset=offset), limit, offset)


@router.get("/threads/{ident}", responses=_errors(404))
def thread(request: Request, ident: str) -> dict[str, Any]:
    return state(request).service().thread(ident)


@router.get("/entities")
def entities(request: Request, response: Response, type: Annotated[str | None, Query(max_length=8, description="PER, ORG, LOC or DATE, in any case.")] = None,
             lang: Lang = None, guesses: Annotated[bool, Query(description="Also names only guessed from capital letters.")] = False,
             limit: Limit = 30, offset: Offset = 0) -> list[dict[str, Any]]:
    """Entities mentioned in the store, those in the most articles first (paged like the other lists)."""
    items = state(request).service().entities(type=type, lang=lang, guesses=guesses, limit=limit, offset=offset)
    return _paged(request, response, items, limit, offset)


@router.get("/entities/{ident}", responses=_errors(404))
def entity(request: Request, ident: str) -> dict[str, Any]:
    """One entity: names per language and script, mentions, stories over time."""
    return state(request).service().entity(ident)
