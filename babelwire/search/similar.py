"""Similar articles in other languages, and similarity scores for article pairs, with reasons."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..article import Article

if TYPE_CHECKING:
    from ..service import Babelwire

#: Weight of the entity overlap (Jaccard of entity ids) next to the cosine;
#: the same scale as the story join score (stories.cluster.ENTITY_WEIGHT).
ENTITY_WEIGHT = 0.10
#: Weight of the lexical cosine (log-tf over lemmas and Arabic stems, stop
#: words dropped) in pair scores.  On the SemEval-2022 Arabic pairs (the only
#: Arabic split with text, so this is optimistic) 0.3 lifted Pearson from 0.72
#: (embedding alone) to 0.75; 0.5 and 1.0 scored lower.  Cross-language pairs
#: share few words, so it matters mostly within one language.
LEXICAL_WEIGHT = 0.3


@lru_cache(maxsize=64)
def _stop_terms(lang: str) -> frozenset[str]:
    from ..compare.stopwords import stopwords
    from .normalise import index_text

    return frozenset(t for w in stopwords(lang) for t in index_text(w, lang).split())


def lexical_cosine(a: Article, b: Article) -> float:
    """Cosine of log term frequencies over search terms (lemmas, Arabic stems), stop words dropped."""
    import math
    from collections import Counter

    from .normalise import index_text

    def terms(x: Article) -> dict[str, float]:
        stop = _stop_terms(x.lang)
        counts = Counter(t for t in index_text(f"{x.title}\n{x.text}", x.lang).split() if len(t) > 1 and t not in stop)
        return {t: 1.0 + math.log(n) for t, n in counts.items()}

    ta, tb = terms(a), terms(b)
    num = sum(v * tb.get(t, 0.0) for t, v in ta.items())
    den = math.sqrt(sum(v * v for v in ta.values()) * sum(v * v for v in tb.values()))
    return num / den if den else 0.0


def explain(a: Article, b: Article, cosine: float, names: Any) -> dict[str, Any]:
    ea = {m.id for m in a.entities if m.type != "DATE"}
    eb = {m.id for m in b.entities if m.type != "DATE"}
    shared = sorted(ea & eb)
    union = ea | eb
    jacc = len(shared) / len(union) if union else 0.0
    gap = None
    if a.published and b.published:
        gap = round(abs((a.published - b.published).total_seconds()) / 86400, 2)
    return {
        "cosine": round(cosine, 4),
        "shared_entities": [{"id": e, "name": names(e)} for e in shared[:15]],
        "entity_jaccard": round(jacc, 3),
        "shared_places": sorted({a.place} & {b.place} - {None}),
        "gap_days": gap,
        "score": round(cosine + ENTITY_WEIGHT * jacc, 4),
    }


def similar(svc: Babelwire, article: Article, *, limit: int = 10, lang: str | None = None, same_lang: bool = False) -> list[dict[str, Any]]:
    """Most similar articles (by default in other languages), each with why."""
    index = svc._vectors
    vec = index.vector(article.id)
    if vec is None:
        return []
    mask = index.mask(lang=lang, exclude_lang=None if (same_lang or lang) else article.lang)
    mask[index.pos[article.id]] = False
    hits = index.top(vec, max(limit * 4, 40), mask)
    others = {a.id: a for a in svc.articles_by_ids([h[0] for h in hits])}
    out = []
    for aid, cos in hits:
        b = others.get(aid)
        if b is None:
            continue
        why = explain(article, b, cos, svc.entity_name)
        out.append({"id": b.id, "title": b.title, "lang": b.lang, "source": b.source, "story_id": b.story_id,
                    "score": why["score"], "why": why})
    out.sort(key=lambda h: -h["score"])
    return out[:limit]


def _prepare(svc: Babelwire, side: dict[str, Any], where: str) -> Article:
    from ..ingest.jsonl import article_from_object

    got = article_from_object(side, where)
    if not isinstance(got, Article):
        raise ValueError(got.reason)
    return got


def score_pairs(svc: Babelwire, pairs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One result per pair ``{"id", "a": {...}, "b": {...}}``: ``{"id", "score", "reasons"}``; higher is more similar."""
    from ..embed import window
    from ..entities import EntitiesStep

    steps = EntitiesStep(svc.entity_index)
    for n, pair in enumerate(pairs):
        pid = pair.get("id", n)
        try:
            a = _prepare(svc, pair["a"], f"pair {pid}.a")
            b = _prepare(svc, pair["b"], f"pair {pid}.b")
        except (KeyError, TypeError, ValueError) as e:
            yield {"id": pid, "score": None, "error": f"{type(e).__name__}: {e}"}
            continue
        a, b = svc.clean_pipeline([a, b])
        a, b = steps([a, b])
        texts = [window(x.title, x.text, svc.settings.window_tokens, svc.embedder.token_count) for x in (a, b)]
        raw = svc.embedder.passages(texts).astype(np.float64)
        centred = svc.centring.centre_many([a.lang, b.lang], raw) if svc.centring.counts else raw
        cos = float(centred[0] @ centred[1])
        why = explain(a, b, cos, svc.entity_name)
        why["raw_cosine"] = round(float(raw[0] @ raw[1]), 4)
        why["lexical_cosine"] = round(lexical_cosine(a, b), 4)
        why["langs"] = [a.lang, b.lang]
        why["score"] = round(why["score"] + LEXICAL_WEIGHT * why["lexical_cosine"], 4)
        yield {"id": pid, "score": why["score"], "reasons": why}


def read_pairs(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                yield {"id": f"line {n}", "a": None, "b": None, "_error": str(e)}
