"""Entity objects for the CLI, the HTTP API and the web pages."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from ..store.db import lang_in, page

if TYPE_CHECKING:
    from ..service import Babelwire


#: An entity whose every mention is below this confidence was only guessed from capitals
#: (a lone capitalised word no title, verb, list or gazetteer types is a person at 0.55):
#: on the sample corpus such "people" were Gavi, Bakool, Nile, Egyptian, Affaires...
#: Lists leave them out unless asked (``guesses``); each is still found by its id.
SURE_CONFIDENCE = 0.6


def entities_sql(*, type: str | None = None, lang: str | None = None, guesses: bool = False, limit: int = 30,
                 offset: int = 0) -> tuple[str, list[Any]]:
    conds, params = [], []
    if type:
        conds.append("m.type = ?")
        params.append(type.upper())
    if lang:
        cond, codes = lang_in("a.lang", lang)
        conds.append(cond)
        params.extend(codes)
    where = f" WHERE {' AND '.join(conds)}" if conds else ""
    sql = (
        "SELECT m.entity_id, MIN(m.type) AS type, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles, "
        "COUNT(DISTINCT a.lang) AS langs, MAX(m.confidence) AS confidence FROM mentions m JOIN articles a ON a.id = m.article_id"
        f"{where} GROUP BY m.entity_id{'' if guesses else ' HAVING MAX(m.confidence) >= ?'} ORDER BY articles DESC, mentions DESC"
    )
    if not guesses:
        params.append(SURE_CONFIDENCE)
    clause, more = page(limit, offset)
    return sql + clause, params + more


#: Languages whose names are listed first: Babelwire's first-class languages.
MAIN_LANGS = ("en", "ar", "sw", "fr", "ru", "zh", "am", "ha", "yo", "so", "es", "de")


def _main_names(names: dict[str, list[str]], most: int = 12) -> list[str]:
    order = [lang for lang in MAIN_LANGS if lang in names] + sorted(lang for lang in names if lang not in MAIN_LANGS)
    out: list[str] = []
    for lang in order:
        for n in names[lang]:
            if n not in out:
                out.append(n)
    return out[:most]


def _names(svc: Babelwire, entity_id: str) -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for a in svc.entity_index.aliases.get(entity_id, ()):
        if a.alias not in by_lang[a.lang]:
            by_lang[a.lang].append(a.alias)
    return dict(by_lang)


def list_entities(svc: Babelwire, **filters: Any) -> list[dict[str, Any]]:
    sql, params = entities_sql(**filters)
    out = []
    for r in svc.store.query(sql, params):
        eid = r["entity_id"]
        ent = svc.entity_index.entities.get(eid)
        names = _names(svc, eid)
        out.append({
            "id": eid,
            "name": svc.entity_name(eid),
            "type": ent.type if ent else r["type"],
            "mentions": r["mentions"],
            "articles": r["articles"],
            "languages": r["langs"],
            "confidence": round(r["confidence"], 2),
            "names": _main_names(names),
        })
    return out


def get_entity(svc: Babelwire, ident: str) -> dict[str, Any]:
    ent = svc.entity_index.entities.get(ident)
    mentions = svc.store.query(
        "SELECT m.surface, m.type, a.lang, a.id, a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?", (ident,)
    )
    if ent is None and not mentions:
        raise NotFound("entity", ident)
    aliases = _names(svc, ident)
    seen: dict[str, list[str]] = defaultdict(list)  # surfaces actually found, per article language
    for m in mentions:
        if m["surface"] not in seen[m["lang"]]:
            seen[m["lang"]].append(m["surface"])
    per_story: dict[str, int] = defaultdict(int)
    articles_per_story: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m["story_id"]:
            per_story[m["story_id"]] += 1
            articles_per_story[m["story_id"]].add(m["id"])
    stories = []
    if per_story:
        ids = list(per_story)
        rows = svc.store.query(
            f"SELECT id, label, first_seen, last_seen, size FROM stories WHERE id IN ({','.join('?' * len(ids))}) ORDER BY COALESCE(first_seen, created_at)", ids
        )
        stories = [
            {"id": r["id"], "label": json.loads(r["label"] or "{}").get("headline", ""), "first_seen": r["first_seen"],
             "last_seen": r["last_seen"], "size": r["size"], "mentions": per_story[r["id"]],
             "articles": len(articles_per_story[r["id"]])}
            for r in rows
        ]
    alignments = [
        {"merged_id": r["merged_id"], "story_id": r["story_id"], "evidence": json.loads(r["evidence"] or "{}")}
        for r in svc.store.query("SELECT merged_id, story_id, evidence FROM alignments WHERE entity_id = ?", (ident,))
    ]
    return {
        "id": ident,
        "name": svc.entity_name(ident),
        "type": ent.type if ent else mentions[0]["type"],
        "origin": ent.origin if ent else "learned",
        "aliases": aliases,
        "seen_as": dict(seen),
        "mentions": len(mentions),
        "articles": len({m["id"] for m in mentions}),
        "stories": stories,
        "alignments": alignments,
    }
