"""Cross-script alignment inside one story.

Two mentions in different scripts (``روت`` in an Arabic article, ``Rutte`` in
an English one) whose Latin consonant skeletons agree, found in articles of the
same story, probably name one entity.  :func:`align_story` proposes such pairs
with their evidence; the caller decides whether to merge (the store records
them in ``alignments``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..article import Article
from .normalise import script_of, skeleton

#: Skeletons shorter than this are too ambiguous to align on.  On the sample
#: corpus, 2–3 consonant skeletons paired unrelated names (МЧС ~ Hamas: "ms");
#: short names such as Rutte (``rt``) are in the registry and need no alignment.
MIN_SKELETON = 4
#: A surname alone aligns only when its skeleton is at least this long.
MIN_PART_SKELETON = 5


@dataclass
class Alignment:
    """``entity_id`` and ``merged_id`` probably name the same entity (``merged_id`` joins ``entity_id``)."""

    entity_id: str
    merged_id: str
    story_id: str | None
    evidence: dict[str, Any] = field(default_factory=dict)


def _skeletons(surface: str, lang: str | None = None) -> set[str]:
    out: set[str] = set()
    # A Somali article writes Somali names by Somali rules ("Maxamuud") and foreign ones as their
    # own ("Macron", whose c is no ʿayn): both readings count (review: Macron stopped aligning).
    for sk in {skeleton(surface), skeleton(surface, lang)}:
        if len(sk.replace(" ", "")) >= MIN_SKELETON:
            out.add(sk)
        parts = sk.split()
        if len(parts) > 1:
            out |= {p for p in parts if len(p) >= MIN_PART_SKELETON}  # a surname alone: "Nakatani" ~ "الجنرال ناكاتاني"
    return out


def _writing(sk: str, surface: str, rec: dict[str, Any]) -> str:
    """What must differ for two surfaces sharing ``sk`` to align: the script, or, for a whole name of
    several words, the script and the language that spelt it."""
    script = rec["surfaces"][surface]
    return f"{script}:{rec['langs'][surface]}" if " " in sk else script


def align_story(articles: list[Article], story_id: str | None = None) -> list[Alignment]:
    """Pairs of differently-scripted, same-type mentions with matching skeletons in one story.

    The entity with more mentions (or, on a tie, the smaller id) is kept as ``entity_id``.
    """
    # (entity id) -> type, scripts, surfaces, articles
    seen: dict[str, dict[str, Any]] = {}
    for a in articles:
        sid = story_id if story_id is not None else a.story_id
        story_id = sid
        for m in a.entities:
            if m.type == "DATE":
                continue
            surface = a.text[m.start : m.end]
            rec = seen.setdefault(m.id, {"type": m.type, "surfaces": {}, "langs": {}, "articles": set(), "count": 0})
            rec["surfaces"].setdefault(surface, script_of(surface))
            rec["langs"].setdefault(surface, a.lang)
            rec["articles"].add(a.id)
            rec["count"] += 1
    # Only entities that share a skeleton with a differently-scripted surface can
    # match: find those pairs through an index instead of trying every pair.
    skeletons = {(e, surface): _skeletons(surface, rec["langs"][surface]) for e, rec in seen.items() for surface in rec["surfaces"]}
    holders: dict[str, set[tuple[str, str]]] = {}  # skeleton -> (entity id, script or script+language)
    for (e, surface), sks in skeletons.items():
        for sk in sks:
            holders.setdefault(sk, set()).add((e, _writing(sk, surface, seen[e])))
    pairs: set[tuple[str, str]] = set()
    for group in holders.values():
        for e1, sc1 in group:
            for e2, sc2 in group:
                if e1 < e2 and sc1 != sc2 and seen[e1]["type"] == seen[e2]["type"]:
                    pairs.add((e1, e2))
    out: list[Alignment] = []
    for a_id, b_id in sorted(pairs):
        ra, rb = seen[a_id], seen[b_id]
        match = None
        for sa, sca in ra["surfaces"].items():
            for sb, scb in rb["surfaces"].items():
                common = skeletons[a_id, sa] & skeletons[b_id, sb]
                if sca == scb:
                    # one script: only a whole name of several words, spelt by two languages' rules
                    # ("Maxamuud Cabdi Xasan" in Somali, "Mohamud Abdi Hassan" in English)
                    common = {sk for sk in common if " " in sk} if ra["langs"][sa] != rb["langs"][sb] else set()
                if common:
                    match = (sa, sb, sorted(common)[0])
                    break
            if match:
                break
        if not match:
            continue
        keep, merge = (a_id, b_id) if (ra["count"], b_id) >= (rb["count"], a_id) else (b_id, a_id)
        out.append(
            Alignment(
                keep,
                merge,
                story_id,
                {
                    "surfaces": [match[0], match[1]],
                    # the language of the first article each name was read in, for the alias it becomes
                    "surface_langs": {match[0]: ra["langs"][match[0]], match[1]: rb["langs"][match[1]]},
                    "skeleton": match[2],
                    "story_id": story_id,
                    "articles": sorted(ra["articles"] | rb["articles"]),
                },
            )
        )
    return out
