"""How each outlet, or each language, frames one story.

:func:`compare` takes a story's articles and groups them by outlet
(``by="source"``) or language (``by="lang"``).  For every group it reports who
is quoted, which entities it mentions, which entities *only* it mentions,
the words that set it apart (c-TF-IDF) and its mean tone; for the story, the
entities every group shares and the languages and outlets present.  Nothing
here reads the store or a model: it is a pure function of the articles, so the
CLI (``babelwire compare STORY``), the HTTP API and tests call it alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..article import Article
from ..clean.dateline import after_dateline, dateline_end
from ..entities.views import SURE_CONFIDENCE
from .quotes import find_quotes
from .tone import label_for, tone
from .words import TermCounts, ranked

#: Groupings :func:`compare` knows, keyed by the ``by`` argument.
GROUP_BY = ("source", "lang")
#: Key of the group of articles with no outlet (or language) recorded.
UNKNOWN = "(unknown)"
#: Mention types compared: dates ("Tuesday") say nothing about framing.
ENTITY_TYPES = frozenset({"PER", "ORG", "LOC"})
#: Distinctive words shown per group: ten fit one terminal line each and are what BERTopic shows per topic.
TOP_WORDS = 10
#: Sample quotes kept per speaker, and their length in characters: enough to read the angle, short enough for a table.
SAMPLE_QUOTES = 2
QUOTE_CLIP = 200

DisplayName = Callable[[str, str], str]


@dataclass(frozen=True)
class EntityCount:
    id: str
    name: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "count": self.count}


@dataclass(frozen=True)
class Speaker:
    name: str
    entity: str | None
    count: int
    quotes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "entity": self.entity, "count": self.count, "quotes": list(self.quotes)}


@dataclass(frozen=True)
class ArticleView:
    id: str
    title: str
    lang: str
    source: str | None
    tone: float
    tone_label: str
    quotes: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "source": self.source,
            "tone": round(self.tone, 4),
            "tone_label": self.tone_label,
            "quotes": self.quotes,
        }


@dataclass
class GroupView:
    """One outlet's (or one language's) side of the story."""

    key: str
    articles: list[ArticleView]
    langs: list[str]
    speakers: list[Speaker]
    entities: list[EntityCount]
    only_here: list[EntityCount]  # entities no other group mentions
    shared: list[EntityCount]  # entities every group mentions, with this group's counts
    words: list[tuple[str, float]]
    tone: float
    tone_label: str
    tone_words: list[tuple[str, int]] = field(default_factory=list)  # signed counts, strongest first

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "articles": [a.to_dict() for a in self.articles],
            "langs": self.langs,
            "speakers": [s.to_dict() for s in self.speakers],
            "entities": [e.to_dict() for e in self.entities],
            "only_here": [e.to_dict() for e in self.only_here],
            "shared": [e.to_dict() for e in self.shared],
            "words": [{"word": w, "weight": round(x, 4)} for w, x in self.words],
            "tone": round(self.tone, 4),
            "tone_label": self.tone_label,
            "tone_words": [{"word": w, "count": n} for w, n in self.tone_words],
        }


@dataclass
class Comparison:
    """The framing comparison of one story; :meth:`to_dict` is its JSON shape (CLI ``--json``, HTTP API)."""

    by: str
    reader_lang: str
    groups: list[GroupView]
    shared_entities: list[EntityCount]  # mentioned by every group, story-wide counts
    languages: list[str]
    outlets: list[str]

    def group(self, key: str) -> GroupView:
        for g in self.groups:
            if g.key == key:
                return g
        raise KeyError(f"no group {key!r} in this comparison; groups are {[g.key for g in self.groups]}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "reader_lang": self.reader_lang,
            "languages": self.languages,
            "outlets": self.outlets,
            "shared_entities": [e.to_dict() for e in self.shared_entities],
            "groups": [g.to_dict() for g in self.groups],
        }


def _key(article: Article, by: str, spelling: dict[str, str]) -> str:
    value = spelling.get(article.source.casefold(), article.source) if by == "source" and article.source else article.lang
    return value or UNKNOWN


def _namer(articles: list[Article], display_name: DisplayName | None, reader_lang: str) -> Callable[[str], str]:
    """Entity id → the name shown: ``display_name`` when it has one, else the name the story's mentions use most."""
    seen: dict[str, Counter[str]] = {}
    for a in articles:
        for m in a.entities:
            seen.setdefault(m.id, Counter())[m.name] += 1
    cache: dict[str, str] = {}

    def name(eid: str) -> str:
        if eid not in cache:
            shown = display_name(eid, reader_lang) if display_name is not None else None
            if not shown:
                names = seen.get(eid)
                shown = names.most_common(1)[0][0] if names else eid
            cache[eid] = shown
        return cache[eid]

    return name


def _ranked_counts(counts: Counter[str], name: Callable[[str], str]) -> list[EntityCount]:
    return [EntityCount(eid, name(eid), n) for eid, n in sorted(counts.items(), key=lambda kv: (-kv[1], name(kv[0])))]


def check_group_by(by: str) -> None:
    """:class:`~babelwire.errors.InvalidArgument` unless articles can be grouped ``by`` that."""
    if by not in GROUP_BY:
        from ..errors import InvalidArgument

        raise InvalidArgument(f"compare(by={by!r}): articles can be grouped by {' or '.join(map(repr, GROUP_BY))}")


def compare(
    articles: list[Article],
    *,
    by: str = "source",
    display_name: DisplayName | None = None,
    reader_lang: str = "en",
) -> Comparison:
    """Compare how the groups of ``articles`` (by outlet, or by language with ``by="lang"``) frame their story.

    ``display_name(entity_id, reader_lang)`` names entities (and quoted
    entities) in the reader's language; without it, or where it returns an
    empty name, the name the story's own mentions use most is shown.
    """
    check_group_by(by)
    name = _namer(articles, display_name, reader_lang)
    members: dict[str, list[Article]] = {}
    spelling: dict[str, str] = {}  # one outlet, however cased: "Daily Nation" and "DAILY NATION" group together
    for a in articles:
        if a.source:
            spelling.setdefault(a.source.casefold(), a.source)
    for a in articles:
        members.setdefault(_key(a, by, spelling), []).append(a)

    entity_counts: dict[str, Counter[str]] = {}
    terms: dict[str, TermCounts] = {}
    partial: dict[str, dict[str, Any]] = {}
    # Names only guessed from capital letters everywhere in the story stay out, as the entity lists
    # leave them out (QA: "Akalla", "Ugu" and a lone "X" were among a group's "only here" names).
    sure = {m.id for a in articles for m in a.entities if m.type in ENTITY_TYPES and m.confidence >= SURE_CONFIDENCE}
    for key, group in members.items():
        ents: Counter[str] = Counter(m.id for a in group for m in a.entities if m.id in sure)
        entity_counts[key] = ents
        terms[key] = TermCounts()
        views: list[ArticleView] = []
        speakers: Counter[str] = Counter()  # speaker key (entity id, else folded name) → quotes
        samples: dict[str, list[str]] = {}
        spoken_as: dict[str, tuple[str | None, Counter[str]]] = {}  # key → (entity, surface forms)
        tone_words: Counter[str] = Counter()
        for a in group:
            terms[key].add(f"{a.title}\n{after_dateline(a.text, a.meta)}", a.lang)  # not "(Pwani Leo)"
            t = tone(f"{a.title}\n{a.text}", a.lang)
            tone_words.update(dict(t.drivers))
            quotes = find_quotes(a.text, a.lang, a.entities, body_start=dateline_end(a.meta))
            for q in quotes:
                if q.speaker is None:
                    continue
                sk = q.speaker_entity or q.speaker.casefold()
                speakers[sk] += 1
                spoken_as.setdefault(sk, (q.speaker_entity, Counter()))[1][q.speaker] += 1
                clip = q.text if len(q.text) <= QUOTE_CLIP else q.text[: QUOTE_CLIP - 1] + "…"
                samples.setdefault(sk, [])
                if len(samples[sk]) < SAMPLE_QUOTES:
                    samples[sk].append(clip)
            views.append(ArticleView(a.id, a.title, a.lang, a.source, t.score, t.label, len(quotes)))
        speaker_list = []
        for sk, n in speakers.most_common():
            entity, forms = spoken_as[sk]
            shown = name(entity) if entity else forms.most_common(1)[0][0]
            speaker_list.append(Speaker(shown, entity, n, tuple(samples[sk])))
        mean = sum(v.tone for v in views) / len(views)
        partial[key] = {
            "articles": views,
            "langs": sorted({a.lang for a in group}),
            "speakers": speaker_list,
            "tone": mean,
            "tone_words": sorted(((w, n) for w, n in tone_words.items() if n), key=lambda wn: (-abs(wn[1]), wn[0]))[:TOP_WORDS],
        }

    words = ranked(terms, TOP_WORDS)
    keys = sorted(members, key=lambda k: (-len(members[k]), k))
    everywhere = set.intersection(*(set(c) for c in entity_counts.values())) if entity_counts else set()
    story_counts: Counter[str] = Counter()
    for c in entity_counts.values():
        story_counts.update(c)
    groups = []
    for key in keys:
        mine = entity_counts[key]
        others = set().union(*(set(entity_counts[k]) for k in keys if k != key))
        only = Counter({e: n for e, n in mine.items() if e not in others}) if len(keys) > 1 else Counter()
        p = partial[key]
        groups.append(
            GroupView(
                key=key,
                articles=p["articles"],
                langs=p["langs"],
                speakers=p["speakers"],
                entities=_ranked_counts(mine, name),
                only_here=_ranked_counts(only, name),
                shared=_ranked_counts(Counter({e: mine[e] for e in everywhere}), name),
                words=words[key],
                tone=p["tone"],
                tone_label=label_for(p["tone"]),
                tone_words=p["tone_words"],
            )
        )
    return Comparison(
        by=by,
        reader_lang=reader_lang,
        groups=groups,
        shared_entities=_ranked_counts(Counter({e: story_counts[e] for e in everywhere}), name),
        languages=sorted({a.lang for a in articles}),
        outlets=sorted({a.source or UNKNOWN for a in articles}),
    )


def _names(items: list[EntityCount], limit: int = 12) -> str:
    shown = ", ".join(f"{e.name} ({e.count})" for e in items[:limit])
    more = len(items) - limit
    return (shown + (f", … {more} more" if more > 0 else "")) or "—"


def render_text(comparison: Comparison) -> str:
    """A plain-text report of ``comparison`` for the terminal."""
    c = comparison
    lines = [
        f"Framing by {'outlet' if c.by == 'source' else 'language'}: {len(c.groups)} group{'s' if len(c.groups) != 1 else ''}",
        f"Languages: {', '.join(c.languages) or '—'}",
        f"Outlets:   {', '.join(c.outlets) or '—'}",
    ]
    if len(c.groups) > 1:  # with one group, "shared by every group" would be its whole list again
        lines.append(f"Shared by every group: {_names(c.shared_entities)}")
    for g in c.groups:
        lines += ["", f"== {g.key} ({len(g.articles)} article{'s' if len(g.articles) != 1 else ''}; {', '.join(g.langs)})"]
        for a in g.articles:
            lines.append(
                f"  - [{a.lang}] {a.title or a.id}  (tone {a.tone:+.2f} {a.tone_label}, {a.quotes} quote{'s' if a.quotes != 1 else ''})"
            )
        lines.append(
            f"  Tone: {g.tone:+.2f} ({g.tone_label})"
            + (f"  driven by {', '.join(f'{w} {n:+d}' for w, n in g.tone_words[:6])}" if g.tone_words else "")
        )
        lines.append("  Quoted:" + ("" if g.speakers else " nobody"))
        for s in g.speakers:
            lines.append(f"    {s.name} ×{s.count}")
            lines += [f"      “{q}”" for q in s.quotes]
        lines.append(f"  Only here: {_names(g.only_here)}")
        lines.append(f"  Mentions:  {_names(g.entities)}")
        lines.append("  Distinctive words: " + (", ".join(f"{w} ({x:.3f})" for w, x in g.words) or "—"))
    return "\n".join(lines) + "\n"
