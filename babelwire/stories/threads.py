"""Threads: related stories over months ("NATO–Japan ties").

Stories are events; a thread links the stories of one longer storyline, in
the way of Google News storylines or Story Forest's story trees.  A story
joins the thread of an earlier story when their centroids are related and
they share named entities, or when the centroids alone are very close.
Threads merge (the younger into the older) when a story links two of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cluster import StoryState

#: Centroid cosine (language-centred) above which two stories are related
#: given shared entities.  Separate events of one storyline sit around
#: 0.3–0.6 in the sample corpus; unrelated stories below 0.2.
THREAD_COSINE = 0.30
#: Centroid cosine that links two stories even without shared entities.
THREAD_COSINE_ALONE = 0.60
#: Shared non-date entities needed alongside :data:`THREAD_COSINE`.
THREAD_MIN_SHARED = 2
#: Entities too general to tie a storyline together by themselves.
GENERIC_ENTITIES = frozenset({"loc:US", "org:un"})


@dataclass
class ThreadLink:
    story_id: str
    thread_id: str
    other_story: str | None
    reason: dict


def thread_id_for(story_id: str) -> str:
    return "th-" + story_id.removeprefix("st-")


def _shared(a: StoryState, b: StoryState) -> list[str]:
    return sorted(e for e in a.entities if e in b.entities and e not in GENERIC_ENTITIES and not e.startswith("date:"))


def link_thread(story: StoryState, others: list[StoryState]) -> ThreadLink:
    """Pick the thread for ``story`` among ``others`` (stories already threaded)."""
    best: tuple[float, StoryState, list[str]] | None = None
    if others:
        matrix = np.stack([o.centroid for o in others])
        cos = matrix @ story.centroid
        for i in np.argsort(-cos)[:20]:
            other = others[i]
            if other.id == story.id or other.thread_id is None:
                continue
            shared = _shared(story, other)
            c = float(cos[i])
            if (c >= THREAD_COSINE and len(shared) >= THREAD_MIN_SHARED) or c >= THREAD_COSINE_ALONE:
                score = c + 0.02 * len(shared)
                if best is None or score > best[0]:
                    best = (score, other, shared)
    if best is None:
        return ThreadLink(story.id, story.thread_id or thread_id_for(story.id), None, {"new_thread": True})
    _, other, shared = best
    assert other.thread_id is not None
    return ThreadLink(
        story.id,
        other.thread_id,
        other.id,
        {"related_story": other.id, "cosine": round(float(other.centroid @ story.centroid), 4), "shared_entities": shared[:15]},
    )
