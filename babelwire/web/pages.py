"""HTML pages: server-rendered, usable without JavaScript, at plain addresses.

``/`` stories · ``/stories/{id}`` · ``/articles/{id}`` · ``/entities/{id}`` ·
``/threads/{id}`` · ``/search?q=`` · ``/ingest`` (upload form, CSRF-protected) ·
``/ui?lang=sw&next=/…`` (reader language; ``?ui=sw`` on any page works too).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..service import MAX_QUERY_CHARS, check_dates
from . import context
from .api import Date, Lang, Offset, Text, run_ingest
from .app import state
from .security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    check_csrf,
    check_form_writer,
    clean_lang,
    csrf_cookie_args,
    new_csrf_token,
    safe_next,
)

router = APIRouter(include_in_schema=False)

UI_COOKIE = "bw_ui"
#: Stories per page on the front page.
PAGE_STORIES = 25
#: Search results per page.
PAGE_RESULTS = 20


def reader_lang(request: Request) -> str:
    """``?ui=`` beats the ``bw_ui`` cookie, which beats :attr:`Settings.reader_lang`."""
    return (clean_lang(request.query_params.get("ui")) or clean_lang(request.cookies.get(UI_COOKIE))
            or state(request).settings.reader_lang)


def render(request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None, **ctx: Any) -> HTMLResponse:
    ui = ctx.pop("ui", None) or reader_lang(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = state(request).templates.get_template(template).render(ui=ui, here=here, path=request.url.path, **ctx)
    response = HTMLResponse(html, status_code=status, headers=headers)
    ui_param = clean_lang(request.query_params.get("ui"))
    if ui_param and ui_param != request.cookies.get(UI_COOKIE):
        response.set_cookie(UI_COOKIE, ui_param, max_age=365 * 86400, samesite="lax", httponly=True, path="/")
    return response


def error_page(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> HTMLResponse:
    try:
        return render(request, "error.html", status=status, headers=headers, status_code=status, message=message)
    except Exception:  # the error page must not fail in turn (e.g. the store is unusable)
        from markupsafe import escape

        return HTMLResponse(f"<!doctype html><title>Error {status}</title><p>{escape(message)}</p>", status_code=status, headers=headers)


def _names(request: Request) -> tuple[Any, context.Names]:
    bw = state(request).service()
    return bw, context.Names(bw, reader_lang(request))


# -- reading --------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def stories(request: Request, lang: Lang = None, entity: Text = None, since: Date = None, until: Date = None,
            offset: Offset = 0) -> HTMLResponse:
    check_dates(since=since, until=until)
    bw, names = _names(request)
    filters = {"lang": lang or None, "entity": entity or None, "since": since or None, "until": until or None}
    data = context.stories_page(bw, names, filters, PAGE_STORIES, offset)
    return render(request, "stories.html", filters=filters, offset=offset, limit=PAGE_STORIES, **data)


@router.get("/stories/{ident}", response_class=HTMLResponse)
def story(request: Request, ident: str, by: Literal["source", "lang"] = "source") -> Response:
    bw, names = _names(request)
    s = bw.story(ident)
    if s["id"] != ident:  # an id prefix, or a story merged into another: go to its own address
        return RedirectResponse(context.href("stories", s["id"]) + (f"?by={by}" if by != "source" else ""), status_code=301)
    return render(request, "story.html", **context.story_page(bw, names, s, by, memo=state(request).memo))


@router.get("/articles/{ident}", response_class=HTMLResponse)
def article(request: Request, ident: str) -> HTMLResponse:
    bw, names = _names(request)
    return render(request, "article.html", **context.article_page(bw, names, bw.article(ident)))


@router.get("/entities/{ident}", response_class=HTMLResponse)
def entity(request: Request, ident: str) -> HTMLResponse:
    bw, names = _names(request)
    return render(request, "entity.html", **context.entity_page(bw, names, bw.entity(ident)))


@router.get("/threads/{ident}", response_class=HTMLResponse)
def thread(request: Request, ident: str) -> HTMLResponse:
    bw, names = _names(request)
    return render(request, "thread.html", **context.thread_page(bw, names, bw.thread(ident)))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "", lang: Lang = None, source: Text = None,
           since: Date = None, until: Date = None, story: Text = None, mode: Literal["hybrid", "keyword", "vector"] = "hybrid",
           offset: Offset = 0) -> HTMLResponse:
    from ..search.normalise import tokens

    check_dates(since=since, until=until)
    filters = {"q": q, "lang": lang or None, "source": source or None, "since": since or None, "until": until or None,
               "story": story or None, "mode": mode if mode != "hybrid" else None}
    hits: list[dict[str, Any]] = []
    searched = bool(tokens(q))  # a box left empty, or holding only punctuation, shows the form without results
    if searched:
        bw = state(request).service()
        hits = bw.search(q, lang=filters["lang"], source=filters["source"], since=filters["since"], until=filters["until"],
                         story=filters["story"], mode=mode, limit=PAGE_RESULTS, offset=offset)
    return render(request, "search.html", filters=filters, mode=mode, hits=hits, offset=offset, limit=PAGE_RESULTS, searched=searched)


@router.get("/ui")
def switch_language(request: Request, lang: str = "", next: str = "/") -> RedirectResponse:
    """Set the reader language cookie and go back to a local page (never to another site)."""
    response = RedirectResponse(safe_next(next), status_code=303)
    code = clean_lang(lang)
    if code:
        response.set_cookie(UI_COOKIE, code, max_age=365 * 86400, samesite="lax", httponly=True, path="/")
    else:
        response.delete_cookie(UI_COOKIE, path="/")
    return response


# -- the upload form -------------------------------------------------------------------------------
def _form(request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
    token = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
    response = render(request, "ingest.html", status=status, csrf=token, csrf_field=CSRF_FIELD,
                      needs_token=bool(state(request).settings.api_token), **ctx)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(**csrf_cookie_args(token, secure=request.url.scheme == "https"))
    return response


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    return _form(request)


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_post(request: Request, csrf: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
                      title: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "", source: Annotated[str, Form()] = "",
                      published: Annotated[str, Form()] = "", token: Annotated[str, Form()] = "") -> Response:
    """Paste an article or give a URL: the CSRF token must match its cookie, and the writer be allowed (security.check_form_writer)."""
    check_csrf(request.cookies.get(CSRF_COOKIE), csrf, request.headers.get("origin"), request.headers.get("host"))
    check_form_writer(state(request).settings.api_token, token, request.client.host if request.client else None,
                      request.headers.get("host"))
    values = {"text": text, "title": title, "url": url, "source": source, "published": published}
    if text.strip():
        item = {k: v.strip() for k, v in values.items() if v.strip()}
        items, target = [item], None
    elif url.strip():
        items, target = [], url.strip()
    else:
        return _form(request, status=400, error="Paste an article's text, or give a URL to fetch.", values=values)
    report = await run_in_threadpool(run_ingest, request, items, target)
    if report["ingested"] == 1 and report["article_ids"] and not report["warnings"]:
        return RedirectResponse(context.href("articles", report["article_ids"][0]), status_code=303)
    # a warning (a publication date it could not read) is shown with the link, not lost in a redirect
    return _form(request, report=report, values=values)


__all__ = ["router", "error_page", "HTTPException"]
