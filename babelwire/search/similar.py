"""Similar articles in other languages, with reasons (pair scores: :mod:`babelwire.search.pairs`)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..article import Article
from ..stories.figures import article_figures

if TYPE_CHECKING:
    from ..service import Babelwire

#: Weight of the entity overlap (Jaccard of entity ids) next to the cosine;
#: the same scale as the story join score (stories.cluster.ENTITY_WEIGHT).
ENTITY_WEIGHT = 0.10
#: Listed only above this score: the cosine is language-centred, so at zero or below two
#: articles are no more alike than unrelated ones (QA: the list was padded with scores to -0.25).
MIN_SCORE = 0.0
#: ... once the store holds this many articles.  In a store of a few articles on one topic,
#: the language means are that topic, and even a translation's centred cosine can fall below
#: zero (an English and a Swahili report of one flood, alone in a store); there the list is not cut.
MIN_SCORE_FROM_ARTICLES = 20


def facts(a: Article) -> tuple[Counter[str], frozenset[str]]:
    """What :func:`explain` reads of one side: its entity counts and its figures."""
    return Counter(m.id for m in a.entities if m.type != "DATE"), article_figures(a.title, a.text, a.meta)


def explain(a: Article, b: Article, cosine: float, names: Any, a_facts: tuple[Counter[str], frozenset[str]] | None = None) -> dict[str, Any]:
    """Why ``a`` and ``b`` are alike; ``a_facts`` is :func:`facts` of ``a``, when ``a`` is explained against many."""
    ca, fa = a_facts or facts(a)
    cb, fb = facts(b)
    ea, eb = set(ca), set(cb)
    # Most mentioned in the two articles together first: the names the pair is about lead.
    shared = sorted(ea & eb, key=lambda e: (-min(ca[e], cb[e]), -(ca[e] + cb[e]), e))
    union = ea | eb
    jacc = len(shared) / len(union) if union else 0.0
    gap = None
    if a.published and b.published:
        gap = round(abs((a.published - b.published).total_seconds()) / 86400, 2)
    return {
        "cosine": round(cosine, 4),
        "shared_entities": [{"id": e, "name": names(e)} for e in shared[:15]],
        "shared_entity_count": len(shared),
        "entity_jaccard": round(jacc, 3),
        "shared_places": sorted({a.place} & {b.place} - {None}),
        # Shown, not scored: figures help decide stories (stories.cluster), and here they explain.
        "shared_figures": sorted(fa & fb, key=lambda f: (len(f), f))[:10],
        "gap_days": gap,
        "score": round(cosine + ENTITY_WEIGHT * jacc, 4),
    }


def similar(svc: Babelwire, article: Article, *, limit: int = 10, lang: str | None = None, same_lang: bool = False,
            other_stories: bool = False) -> list[dict[str, Any]]:
    """Most similar articles (by default in other languages), each with why; ``limit`` 0 means all.

    ``other_stories`` leaves out the article's own story: related coverage
    beyond it (an earlier event, a reaction elsewhere), which the story's own
    reports in other languages would otherwise crowd out.
    """
    import numpy as np

    index = svc._vectors
    vec = index.vector(article.id)
    if vec is None:
        return []
    mask = index.mask(lang=lang, exclude_lang=None if (same_lang or lang) else article.lang)
    if mask is None:  # no filter: every row but the article itself
        mask = np.ones(len(index.ids), dtype=bool)
    mask[index.pos[article.id]] = False
    if other_stories and article.story_id:
        for (aid,) in svc.store.query("SELECT id FROM articles WHERE story_id = ?", (article.story_id,)):
            if aid in index.pos:
                mask[index.pos[aid]] = False
    # Ranked by cosine, re-ranked with the entity overlap: look a little deeper than asked.
    hits = index.top(vec, len(index.ids) if limit <= 0 else max(limit * 4, 40), mask)
    others = {a.id: a for a in svc.articles_by_ids([h[0] for h in hits])}
    out = []
    mine = facts(article)  # once, not once per candidate
    for aid, cos in hits:
        b = others.get(aid)
        if b is None:
            continue
        why = explain(article, b, cos, svc.entity_name, mine)
        if why["score"] <= MIN_SCORE and len(index.ids) >= MIN_SCORE_FROM_ARTICLES:
            continue
        out.append({"id": b.id, "title": b.title, "lang": b.lang, "source": b.source, "url": b.url,  # a search hit's fields too
                    "published": b.published.isoformat() if b.published else None, "story_id": b.story_id,
                    "same_story": bool(article.story_id) and b.story_id == article.story_id,
                    "score": why["score"], "why": why})
    out.sort(key=lambda h: -h["score"])
    return out if limit <= 0 else out[:limit]
