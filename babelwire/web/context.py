"""What each page shows, gathered from the service (no HTML here).

Every function takes the service and the reader language and returns plain
data for a template. Optional panels (framing comparison, similar articles,
entity lists) degrade to an explanatory note instead of failing the page.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..errors import NotFound
from . import svg
from .text import blocks, direction, isolate, lead

if TYPE_CHECKING:
    from ..article import Article
    from ..service import Babelwire

log = logging.getLogger(__name__)

#: Articles drawn on one story page; bigger stories show their earliest ones
#: (a timeline of more dots than this is unreadable at page width anyway).
MAX_STORY_ARTICLES = 400
#: Entities listed per language panel and per article.
PANEL_ENTITIES = 8


def href(kind: str, ident: object) -> str:
    return f"/{kind}/{quote(str(ident), safe=':@')}"


class Names:
    """Entity names in the reader's language, cached per request."""

    def __init__(self, bw: Babelwire, lang: str) -> None:
        self.bw, self.lang, self._cache = bw, lang, {}  # type: dict[str, str]

    def __call__(self, entity_id: str, fallback: str | None = None) -> str:
        if entity_id not in self._cache:
            try:
                self._cache[entity_id] = self.bw.entity_name(entity_id, self.lang) or fallback or entity_id
            except Exception:  # the entity index may be missing or mid-rewrite; the id still says what it is
                log.debug("no display name for %s", entity_id, exc_info=True)
                self._cache[entity_id] = fallback or entity_id
        return self._cache[entity_id]


def _optional(what: str, fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    """``(result, None)``, or ``(None, note)`` when an optional panel's service call fails."""
    try:
        return fn(*args, **kwargs), None
    except NotFound:
        raise
    except Exception as e:
        log.warning("%s unavailable: %s: %s", what, type(e).__name__, e, exc_info=True)
        return None, f"{what} is unavailable ({type(e).__name__})."


# -- stories list -----------------------------------------------------------------------------
def story_activity(bw: Babelwire, story_ids: list[str]) -> dict[str, dict[str, int]]:
    """Articles per publication day for each story (one grouped query). Undated articles are left
    out: drawn on the day they were ingested, they looked like today's news (QA)."""
    if not story_ids:
        return {}
    rows = bw.store.query(
        "SELECT story_id, substr(published, 1, 10) AS d, COUNT(*) AS n FROM articles "
        f"WHERE story_id IN ({','.join('?' * len(story_ids))}) AND published IS NOT NULL GROUP BY story_id, d",
        story_ids,
    )
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        out[r["story_id"]][r["d"]] = r["n"]
    return out


def story_title(story: dict[str, Any], reader_lang: str) -> tuple[str, str | None]:
    """The headline a story is shown by and its language: the reader's language's when the
    story has one, else its label (whose language is that of the headline it repeats)."""
    headlines = story.get("headlines") or {}
    if headlines.get(reader_lang):
        return headlines[reader_lang], reader_lang
    label = story.get("label") or ""
    lang = next((code for code, title in headlines.items() if title == label), None)
    return label or story["id"], lang


def stories_page(bw: Babelwire, names: Names, filters: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
    items = bw.stories(**filters, limit=limit, offset=offset)
    activity = story_activity(bw, [s["id"] for s in items])
    for s in items:
        s["spark"] = svg.sparkline(activity.get(s["id"], {}))
        s["display"], s["display_lang"] = story_title(s, names.lang)
        s["entity_names"] = [{"id": e["id"], "name": names(e["id"], e.get("name"))} for e in s.get("entities", [])[:6]]
    top, note = _optional("The entity list", bw.entities, limit=40)
    choices = [{"id": e.get("id"), "name": names(e["id"], e.get("name"))} for e in top or [] if e.get("id")]
    return {"stories": items, "entity_choices": choices, "entity_note": note, "has_more": len(items) >= limit}


# -- one story ----------------------------------------------------------------------------------
def _entity_counts(articles: list[Article], names: Names, n: int = PANEL_ENTITIES) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    fallback: dict[str, str] = {}
    for a in articles:
        for m in a.entities:
            if m.type != "DATE":
                counts[m.id] += 1
                fallback.setdefault(m.id, m.name)
    return [{"id": e, "name": names(e, fallback[e]), "count": c, "href": href("entities", e)} for e, c in counts.most_common(n)]


def comparison_key(bw: Babelwire, story: dict[str, Any], by: str) -> tuple[Any, ...]:
    """The memo key of a story's framing comparison: it changes only when the story does (size, last activity)."""
    return ("compare", str(bw.settings.db), story["id"], story.get("size"), story.get("last_seen"), by)


def story_page(bw: Babelwire, names: Names, story: dict[str, Any], by: str, memo: Any = None) -> dict[str, Any]:
    """``memo(key, compute)`` caches the framing comparison (keyed on the story's size and last activity)."""
    ids = story.get("article_ids", [])
    articles = bw.articles_by_ids(ids[:MAX_STORY_ARTICLES])
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_lang[a.lang].append(a)
    order = [lang for lang in story.get("languages", []) if lang in by_lang] + [lang for lang in by_lang if lang not in story.get("languages", [])]
    points = [
        svg.Point(a.published, a.lang, href("articles", a.id), f"{a.source or 'unknown outlet'} · {_when(a)} · {a.title}", row_lang=a.lang,
                  label=f"{isolate(a.source or 'unknown outlet')} · {_when(a)}")  # isolated: an Arabic outlet name must not move the date
        for lang in order for a in by_lang[lang]
    ]
    panels = []
    for lang in order:
        first = by_lang[lang][0]
        panels.append({
            "lang": lang,
            "headline": (story.get("headlines") or {}).get(lang) or first.title,
            "lead": lead(first.text),
            "entities": _entity_counts(by_lang[lang], names),
            "articles": [{"id": a.id, "title": a.title, "source": a.source, "published": a.published, "href": href("articles", a.id)}
                         for a in by_lang[lang]],
        })
    comparison, compare_note = _optional("The framing comparison", memo or (lambda _key, compute: compute()),
                                         comparison_key(bw, story, by), lambda: bw.compare(story["id"], by=by))
    undated = sum(1 for a in articles if a.published is None)
    display, display_lang = story_title(story, names.lang)
    return {
        "story": story,
        "display": display,
        "display_lang": display_lang,
        "timeline": svg.timeline(points),
        "undated": undated,
        "all_undated": undated == len(articles),
        "shown": len(articles),
        "panels": panels,
        "entities": [{"id": e["id"], "name": names(e["id"], e.get("name")), "count": e.get("count")} for e in story.get("entities", [])],
        "comparison": comparison,
        "compare_note": compare_note,
        "groups": _groups(comparison, names),
        "shared_entities": _entity_list((comparison or {}).get("shared_entities"), names, 12),
        "by": by,
    }


def _when(a: Article) -> str:
    return a.published.isoformat()[:16].replace("T", " ") if a.published else "undated"


def _entity_list(items: Any, names: Names, n: int = 10) -> list[dict[str, Any]]:
    out = []
    for e in items if isinstance(items, list) else []:
        if isinstance(e, dict) and e.get("id"):
            out.append({"id": e["id"], "name": names(e["id"], e.get("name")), "count": e.get("count"), "href": href("entities", e["id"])})
        elif isinstance(e, str):
            out.append({"id": None, "name": e, "count": None, "href": None})
    return out[:n]


def _groups(comparison: Any, names: Names) -> list[dict[str, Any]]:
    """Each group of the framing comparison, in a fixed shape the template can draw (missing keys become empty)."""
    if not isinstance(comparison, dict):
        return []
    groups = comparison.get("groups")
    if isinstance(groups, dict):
        groups = [{"key": k, **(v if isinstance(v, dict) else {})} for k, v in groups.items()]
    out = []
    for g in groups if isinstance(groups, list) else []:
        if not isinstance(g, dict):
            continue
        speakers = []
        for sp in g.get("speakers") or []:
            if isinstance(sp, dict):
                quotes = [q for q in sp.get("quotes") or [] if isinstance(q, str)]
                entity = sp.get("entity")
                speakers.append({"name": names(entity, sp.get("name")) if entity else sp.get("name") or "?",
                                 "href": href("entities", entity) if entity else None, "count": sp.get("count"), "quote": quotes[0] if quotes else None})
        words = [w.get("word") if isinstance(w, dict) else (w[0] if isinstance(w, list | tuple) and w else w) for w in g.get("words") or []]
        tone = g.get("tone")
        out.append({
            "name": str(g.get("key") or g.get("name") or g.get("group") or "?"),
            "langs": [x for x in g.get("langs") or [] if isinstance(x, str)],
            "articles": len(g.get("articles") or []),
            "speakers": speakers[:6],
            "entities": _entity_list(g.get("entities"), names, 8),
            "only_here": _entity_list(g.get("only_here"), names, 8),
            "words": [str(w) for w in words if w][:10],
            "tone": tone if isinstance(tone, int | float) else None,
            "tone_label": g.get("tone_label") or "",
        })
    return out


# -- one article ------------------------------------------------------------------------------------
def article_page(bw: Babelwire, names: Names, a: Article) -> dict[str, Any]:
    similar, similar_note = _optional("Similar articles", bw.similar, a.id, limit=8)
    story = None
    if a.story_id:
        try:
            story = bw.story(a.story_id)
        except Exception:  # a story id that no longer resolves must not hide the article
            log.warning("story %s of article %s not found", a.story_id, a.id, exc_info=True)
    mentions = [m for m in a.entities if m.type != "DATE"]
    return {
        "a": a,
        "title_dir": direction(a.title or "", a.lang),
        "blocks": blocks(a.text, mentions, a.lang),
        "entities": _entity_counts([a], names, 30),
        "mention_names": {m.id: names(m.id, m.name) for m in mentions},
        "similar": similar or [],
        "similar_note": similar_note,
        "story": story,
        "thread": (story or {}).get("thread"),
    }


# -- entity and thread ------------------------------------------------------------------------------
def entity_page(bw: Babelwire, names: Names, e: dict[str, Any]) -> dict[str, Any]:
    stories = [s for s in e.get("stories") or [] if isinstance(s, dict) and s.get("id")]
    points = [svg.Point(s.get("first_seen"), "stories", href("stories", s["id"]),
                        f"{str(s.get('first_seen') or '')[:10]} · {s.get('mentions', '?')} mentions · {s.get('label', '')}",
                        weight=float(s.get("mentions") or 1), label=_story_label(s, "mentions", "mention")) for s in stories]
    articles, articles_note = _optional("Articles", bw.articles, entity=e.get("id"), limit=20)
    return {
        "e": e,
        "display": names(e.get("id", ""), e.get("name")),
        "aliases": names_by_language(e),
        "stories": stories,
        "timeline": svg.timeline(points),
        "articles": articles or [],
        "articles_note": articles_note,
    }


#: The code a name without a language is stored under (entity aliases learned by alignment).
UNKNOWN_LANG = "und"


def names_by_language(e: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """An entity's names as ``(language, names)`` rows, the one of unknown language last.

    QA: NATO's page badged "Jumuiya ya Kujihami ya Nchi za Atlantiki Kaskazini" UND. Names that
    cross-script alignment adds to an entity are stored without a language (``commit.py`` writes
    them as ``und``); such a name goes under the language(s) of the articles it was seen in
    (``seen_as``), and stays in the unknown row only when no article shows it.
    """
    aliases = e.get("aliases") if isinstance(e.get("aliases"), dict) else {}
    rows: dict[str, list[str]] = {}
    for lang, names in aliases.items():
        rows[str(lang)] = [str(n) for n in ([names] if isinstance(names, str) else names or []) if n]
    seen_as = e.get("seen_as") if isinstance(e.get("seen_as"), dict) else {}
    seen = {lang: {str(x).casefold() for x in surfaces or []} for lang, surfaces in seen_as.items() if lang != UNKNOWN_LANG}
    unknown = []
    for name in rows.pop(UNKNOWN_LANG, []):
        langs = [lang for lang, surfaces in seen.items() if name.casefold() in surfaces]
        for lang in langs:
            if name not in rows.setdefault(lang, []):
                rows[lang].append(name)
        if not langs:
            unknown.append(name)
    out = sorted((lang, names) for lang, names in rows.items() if names)
    return out + ([(UNKNOWN_LANG, unknown)] if unknown else [])


def _story_label(s: dict[str, Any], key: str, noun: str) -> str:
    """A story dot's on-screen label: its first day and its count (``2026-10-27 · 3 mentions``)."""
    n = s.get(key)
    return f"{str(s.get('first_seen') or 'undated')[:10]} · {n if n is not None else '?'} {noun}{'' if n == 1 else 's'}"


def thread_page(bw: Babelwire, names: Names, t: dict[str, Any]) -> dict[str, Any]:
    stories = [s for s in t.get("stories") or [] if isinstance(s, dict) and s.get("id")]
    points = [svg.Point(s.get("first_seen"), "stories", href("stories", s["id"]),
                        f"{str(s.get('first_seen') or '')[:10]} · {s.get('size', '?')} articles · {s.get('label', '')}",
                        weight=float(s.get("size") or 1), label=_story_label(s, "size", "article")) for s in stories]
    return {
        "t": t,
        "stories": stories,
        "entities": [{"id": x["id"], "name": names(x["id"], x.get("name"))} for x in t.get("entities") or [] if isinstance(x, dict) and x.get("id")],
        "timeline": svg.timeline(points),
    }
