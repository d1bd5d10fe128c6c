"""``babelwire recluster``: rebuild every story and thread in one batch.

Language means are recomputed over the whole corpus, every article is
assigned again in time order, and the new stories keep the old ids wherever
they can (each new story takes the id of the old story it shares most
articles with), so links to stories survive.  Old stories that were split or
absorbed are recorded as ``split`` and ``merge`` events with their reasons.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from ..article import utcnow
from ..store.db import dumps
from . import repo
from .centring import LanguageCentring
from .cluster import Member, StoryClusterer
from .figures import article_figures
from .threads import link_thread

if TYPE_CHECKING:
    from ..service import Babelwire


def _load(svc: Babelwire) -> list[dict[str, Any]]:
    ents: dict[str, set[str]] = defaultdict(set)
    for aid, eid in svc.store.query("SELECT m.article_id, m.entity_id FROM mentions m WHERE m.type != 'DATE'"):
        ents[aid].add(eid)
    # Rows are read one at a time: the texts are needed only for their figures.
    rows = svc.store.read.execute(
        "SELECT a.id, a.lang, a.published, a.ingested_at, a.place, a.source, a.story_id, v.vec, a.title, a.text, a.meta FROM articles a "
        "JOIN vectors v ON v.key = a.vector_key ORDER BY COALESCE(a.published, a.ingested_at), a.seq"
    )
    return [
        {
            "id": r[0], "lang": r[1], "when": datetime.fromisoformat(r[2]) if r[2] else None, "place": r[4], "source": r[5],
            "old": r[6], "vec": np.frombuffer(r[7], dtype=np.float32), "entities": frozenset(ents.get(r[0], ())),
            "figures": article_figures(r[8], r[9], r[10]),
        }
        for r in rows
    ]


def recluster(svc: Babelwire, progress: Any = None) -> dict[str, Any]:
    progress = progress or (lambda **_: None)
    items = _load(svc)
    progress(total=len(items), reset=True, step="clustering")
    centring = LanguageCentring()
    for it in items:
        centring.update(it["lang"], it["vec"].astype(np.float64))
    centred = centring.centre_many([it["lang"] for it in items], np.stack([it["vec"] for it in items])) if items else []
    clusterer = StoryClusterer()
    # Late joins run after every batch's worth of articles, as in ingest.
    every = max(1, svc.settings.batch_size)
    for n, (it, v) in enumerate(zip(items, centred, strict=True), 1):
        places = frozenset([it["place"]] if it["place"] else [])
        d = clusterer.assign(Member(it["id"], it["lang"], v, it["when"], it["entities"], places, it["source"], it["figures"]))
        it["new"] = d.story_id
        if n % every == 0 or n == len(items):
            clusterer.late_joins()
        progress(advance=1)
    for it in items:
        it["new"] = clusterer.resolve(it["new"])

    # Keep old ids: biggest new stories choose first.
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        members[it["new"]].append(it)
    rename: dict[str, str] = {}
    taken: set[str] = set()
    for new_id in sorted(members, key=lambda k: -len(members[k])):
        overlap = Counter(it["old"] for it in members[new_id] if it["old"])
        choice = next((old for old, _ in overlap.most_common() if old not in taken), None)
        final = choice or new_id
        while final in taken:
            final += "x"
        taken.add(final)
        rename[new_id] = final

    old_spread: dict[str, Counter[str]] = defaultdict(Counter)
    for it in items:
        it["final"] = rename[it["new"]]
        if it["old"]:
            old_spread[it["old"]][it["final"]] += 1
    now = utcnow().isoformat()
    states = {rename[s.id]: s for s in clusterer.states.values() if s.status == "active"}
    for new_id, s in states.items():
        s.id = new_id
        s.dirty = True
    # Threads, in time order of the stories' first article.
    ordered = sorted(states.values(), key=lambda s: s.first_seen.isoformat() if s.first_seen else "")
    threaded: list[Any] = []
    for s in ordered:
        s.thread_id = None
        s.thread_id = link_thread(s, threaded).thread_id
        threaded.append(s)

    with svc.store.transaction() as conn:
        # Every old story is retired; the ones rebuilt are saved active below.  A
        # story merged before keeps its link (links resolve along the chain), so
        # an old URL to it still leads to its articles.
        conn.execute("UPDATE stories SET status = 'merged'")
        for it in items:
            conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (it["final"], it["id"]))
        events = 0
        for old, finals in old_spread.items():
            if len(finals) > 1:
                conn.execute("INSERT INTO story_events (story_id, kind, other_id, reason, at) VALUES (?,?,?,?,?)",
                             (old, "split", ",".join(sorted(finals)), dumps({"by": "recluster", "into": sorted(finals)}), now))
                events += 1
            elif old not in finals:
                conn.execute("INSERT INTO story_events (story_id, kind, other_id, reason, at) VALUES (?,?,?,?,?)",
                             (next(iter(finals)), "merge", old, dumps({"by": "recluster"}), now))
                events += 1
            if old not in finals:  # absorbed, or split with its id gone: lead to where most of its articles went
                conn.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (finals.most_common(1)[0][0], old))
        conn.execute("DELETE FROM threads")
        conn.execute("DELETE FROM lang_stats")
        conn.executemany("INSERT INTO lang_stats (lang, n, sum) VALUES (?,?,?)", centring.rows())
        from ..commit import story_label

        labels = {sid: story_label(svc, conn, sid, s.entities) for sid, s in states.items()}
        repo.save_states(conn, list(states.values()), labels)  # active, merged_into NULL
        for thread_id in {s.thread_id for s in states.values() if s.thread_id}:
            repo.set_thread_label(conn, thread_id)
    for name in ("centring", "clusterer", "_vectors"):
        svc.__dict__.pop(name, None)
    return {"articles": len(items), "stories": len(states), "threads": len({s.thread_id for s in states.values()}), "events": events}
