"""``babelwire recluster``: rebuild every story and thread in one batch.

Language means are recomputed over the whole corpus, every article is
assigned again in time order, and the new stories keep the old ids wherever
they can (each new story takes the id of the old story it shares most
articles with), so links to stories survive; so do threads.  Old stories
that were split or absorbed are recorded as ``split`` (one event per piece)
and ``merge`` events with their evidence (the cosine of the groups' centred
means, the names they share); each article that changed story gets a
``join`` event saying why it joined; each story that changed thread a
``thread`` event.  An old id that no rebuilt story or thread kept leads to
where most of its articles went.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from ..article import utcnow
from ..store.db import dumps
from . import repo
from .centring import LanguageCentring
from .cluster import Decision, Member, StoryClusterer, story_id_for
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


#: Rebuilds computed from a snapshot read without the write lock, before one that holds it.
#: An ingest that commits while a rebuild computes would leave its articles in stories the
#: rebuild retires, so such a rebuild is thrown away; the last try holds the lock from the
#: read on, and ingests wait for it.
SNAPSHOT_TRIES = 2


@dataclass
class _Plan:
    """Everything a rebuild decided, before any of it is written."""

    items: list[dict[str, Any]]
    centring: LanguageCentring
    decisions: dict[str, Decision]
    late_reasons: dict[str, dict]
    states: dict[str, Any]
    links: dict[str, tuple[Any, str | None]]
    old_rows: dict[str, Any]
    old_spread: dict[str, Counter[str]]


def recluster(svc: Babelwire, progress: Any = None) -> dict[str, Any]:
    progress = progress or (lambda **_: None)
    for _ in range(SNAPSHOT_TRIES):
        mark = _articles_mark(svc.store.read)
        plan = _plan(svc, progress)
        with svc.store.transaction() as conn:
            if _articles_mark(conn) == mark:
                return _apply(svc, conn, plan)
    with svc.store.transaction() as conn:  # ingests kept landing: hold the write lock from the read on
        return _apply(svc, conn, _plan(svc, progress))


def _articles_mark(conn: Any) -> tuple[int, int]:
    """Changes when an article lands: the newest ``seq`` and the count (a rebuild planned before it is stale)."""
    row = conn.execute("SELECT COALESCE(MAX(seq), 0), COUNT(*) FROM articles").fetchone()
    return int(row[0]), int(row[1])


def _plan(svc: Babelwire, progress: Any) -> _Plan:
    items = _load(svc)
    progress(total=len(items), reset=True, step="clustering")
    centring = LanguageCentring()
    for it in items:
        centring.update(it["lang"], it["vec"].astype(np.float64))
    centred = centring.centre_many([it["lang"] for it in items], np.stack([it["vec"] for it in items])) if items else []
    old_rows = {r["id"]: r for r in svc.store.query("SELECT id, seq, thread_id FROM stories")}
    clusterer = StoryClusterer()
    clusterer.load([], 1 + max((r["seq"] for r in old_rows.values()), default=-1))  # new stories never reuse a seq
    # Late joins run after every batch's worth of articles, as in ingest.
    every = max(1, svc.settings.batch_size)
    decisions: dict[str, Decision] = {}
    late: list[tuple[str, str, dict]] = []
    for n, (it, v) in enumerate(zip(items, centred, strict=True), 1):
        places = frozenset([it["place"]] if it["place"] else [])
        d = clusterer.assign(Member(it["id"], it["lang"], v, it["when"], it["entities"], places, it["source"], it["figures"]))
        it["new"], it["centred"] = d.story_id, v
        decisions[it["id"]] = d
        if n % every == 0 or n == len(items):
            late += clusterer.late_joins()
        progress(advance=1)
    for it in items:
        it["new"] = clusterer.resolve(it["new"])
    founder = {d.story_id: aid for aid, d in decisions.items() if d.created}
    late_reasons = {founder[gone]: reason for gone, _, reason in late if gone in founder}

    rename = _keep_old_ids(items, set(old_rows))
    old_spread: dict[str, Counter[str]] = defaultdict(Counter)
    for it in items:
        it["final"] = rename[it["new"]]
        if it["old"]:
            old_spread[it["old"]][it["final"]] += 1
    states = {rename[s.id]: s for s in clusterer.states.values() if s.status == "active"}
    for new_id, st in states.items():
        st.id = new_id
        st.seq = old_rows[new_id]["seq"] if new_id in old_rows else st.seq
        st.dirty = True
    links = _rethread(states, items, old_rows)
    return _Plan(items, centring, decisions, late_reasons, states, links, old_rows, old_spread)


def _apply(svc: Babelwire, conn: Any, plan: _Plan) -> dict[str, Any]:
    """Write ``plan`` inside the caller's transaction, which must have seen no article the plan has not."""
    items, states, now = plan.items, plan.states, utcnow().isoformat()
    # Every old story is retired; the ones rebuilt are saved active below.  A
    # story merged before keeps its link (links resolve along the chain), so
    # an old URL to it still leads to its articles.
    conn.execute("UPDATE stories SET status = 'merged'")
    for it in items:
        conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (it["final"], it["id"]))
    by_final: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        by_final[it["final"]].append(it)
    events = _record_changes(conn, by_final, plan.old_spread, now)
    for it in items:  # why each moved article is where it is now; superseded reasons stay as history
        reason = _join_reason(it, plan.decisions[it["id"]], plan.late_reasons, by_final[it["final"]])
        if reason is not None:
            conn.execute("INSERT INTO story_events (story_id, kind, article_id, reason, at) VALUES (?,?,?,?,?)",
                         (it["final"], "join", it["id"], dumps(reason | {"by": "recluster"}), now))
    conn.execute("DELETE FROM threads WHERE merged_into IS NULL")  # older redirects stay: they chain on
    for sid, (link, previous) in plan.links.items():
        if link.thread_id != previous:
            conn.execute("INSERT INTO story_events (story_id, kind, other_id, reason, at) VALUES (?,?,?,?,?)",
                         (sid, "thread", link.thread_id, dumps(link.reason | {"previous_thread": previous, "by": "recluster"}), now))
    conn.execute("DELETE FROM lang_stats")
    conn.executemany("INSERT INTO lang_stats (lang, n, sum) VALUES (?,?,?)", plan.centring.rows())
    from ..commit import story_label

    labels = {sid: story_label(svc, conn, sid, st.entities) for sid, st in states.items()}
    repo.save_states(conn, list(states.values()), labels)  # active, merged_into NULL
    for thread_id in {st.thread_id for st in states.values() if st.thread_id}:
        conn.execute("UPDATE threads SET merged_into = NULL WHERE id = ?", (thread_id,))
        repo.set_thread_label(conn, thread_id)
    _redirect_threads(conn, items, plan.old_rows, states, now)
    for name in ("centring", "clusterer", "_vectors"):
        svc.__dict__.pop(name, None)
    return {"articles": len(items), "stories": len(states), "threads": len({st.thread_id for st in states.values()}), "events": events}


def _keep_old_ids(items: list[dict[str, Any]], known: set[str]) -> dict[str, str]:
    """The final id of each rebuilt story: the old story it shares most articles with,
    biggest rebuilt stories choosing first; else the story id its earliest article
    would found (``st-`` + the article's id), which names a story that article
    started in any store, so a story an earlier merge took in comes back as itself."""
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        members[it["new"]].append(it)
    rename: dict[str, str] = {}
    taken: set[str] = set()

    def order(k: str) -> tuple[int, bool, str]:  # biggest first; on a tie, the one holding its old story's founder
        top = Counter(it["old"] for it in members[k] if it["old"]).most_common(1)
        founds = bool(top) and any(story_id_for(it["id"]) == top[0][0] for it in members[k])
        return (-len(members[k]), not founds, k)

    for new_id in sorted(members, key=order):
        overlap = Counter(it["old"] for it in members[new_id] if it["old"])
        choice = next((old for old, _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])) if old not in taken), None)
        if choice is None:
            fresh = (story_id_for(it["id"]) for it in members[new_id])  # in time order, as loaded
            choice = next((c for c in fresh if c not in taken), None)
        if choice is None:  # every member's id is in use: number the founder's
            k = 2
            while f"{story_id_for(members[new_id][0]['id'])}-{k}" in taken | known:
                k += 1
            choice = f"{story_id_for(members[new_id][0]['id'])}-{k}"
        taken.add(choice)
        rename[new_id] = choice
    return rename


def _mean(vectors: list[np.ndarray]) -> np.ndarray:
    m = np.mean(np.stack(vectors), axis=0)
    return m / (np.linalg.norm(m) or 1.0)


def _evidence(moved: list[dict[str, Any]], rest: list[dict[str, Any]]) -> dict[str, Any]:
    """Why articles belong with others: the cosine of the two groups' centred means and the names they share."""
    if not moved or not rest:
        return {"articles": len(moved)}
    shared = Counter(e for it in moved for e in it["entities"]) & Counter(e for it in rest for e in it["entities"])
    return {
        "articles": len(moved),
        "cosine": round(float(_mean([it["centred"] for it in moved]) @ _mean([it["centred"] for it in rest])), 4),
        "shared_entities": [e for e, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])) if not e.startswith("date:")][:10],
    }


def _join_reason(it: dict[str, Any], d: Decision, late_reasons: dict[str, dict], story: list[dict[str, Any]]) -> dict | None:
    """Why a moved article is in its rebuilt story, or None when there is nothing to say
    (it stayed where it was, or it founded the story that bears its name, or is alone there)."""
    if it["final"] == it["old"] or (d.created and it["final"] == story_id_for(it["id"])):
        return None
    if it["id"] in late_reasons:
        return late_reasons[it["id"]]
    if not d.created:
        return d.reasons
    if len(story) > 1:  # it started the rebuilt story, which kept another's id: what ties it to the rest
        return _evidence([it], [o for o in story if o is not it]) | {"founded": True}
    return None


def _record_changes(conn: Any, by_final: dict[str, list[dict[str, Any]]], old_spread: dict[str, Counter[str]], now: str) -> int:
    """Split and merge events for the old stories the rebuild changed, with their evidence."""
    events = 0
    for old, finals in sorted(old_spread.items()):
        if len(finals) > 1:  # one event per piece, so each piece finds where it came from
            into = sorted(finals)
            kept = old if old in finals else finals.most_common(1)[0][0]
            for piece in into:
                if piece == kept:
                    continue
                moved = [it for it in by_final[piece] if it["old"] == old]
                stay = [it for it in by_final[kept] if it["old"] == old]
                reason = {"by": "recluster", "into": into, "apart_from": kept} | _evidence(moved, stay)
                conn.execute("INSERT INTO story_events (story_id, kind, other_id, reason, at) VALUES (?,?,?,?,?)",
                             (old, "split", piece, dumps(reason), now))
                events += 1
        elif old not in finals:
            into = next(iter(finals))
            moved = [it for it in by_final[into] if it["old"] == old]
            rest = [it for it in by_final[into] if it["old"] != old]
            conn.execute("INSERT INTO story_events (story_id, kind, other_id, reason, at) VALUES (?,?,?,?,?)",
                         (into, "merge", old, dumps({"by": "recluster"} | _evidence(moved, rest)), now))
            events += 1
        if old not in finals:  # absorbed, or split with its id gone: lead to where most of its articles went
            conn.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (finals.most_common(1)[0][0], old))
    return events


def _rethread(states: dict[str, Any], items: list[dict[str, Any]], old_rows: dict[str, Any]) -> dict[str, tuple[Any, str | None]]:
    """Thread the rebuilt stories in time order, keeping old thread ids where they can
    (each new thread takes the old thread most of its articles were in, biggest first).
    Returns each story's link and its previous thread."""
    ordered = sorted(states.values(), key=lambda st: (st.first_seen.isoformat() if st.first_seen else "", st.id))
    links: dict[str, Any] = {}
    threaded: list[Any] = []
    for st in ordered:
        st.thread_id = None
        link = link_thread(st, threaded)
        st.thread_id = link.thread_id
        links[st.id] = link
        threaded.append(st)
    old_thread = {sid: r["thread_id"] for sid, r in old_rows.items()}
    weight: dict[str, Counter[str]] = defaultdict(Counter)
    for it in items:
        if it["old"] and old_thread.get(it["old"]):
            weight[states[it["final"]].thread_id][old_thread[it["old"]]] += 1
    rename: dict[str, str] = {}
    taken: set[str] = set()
    sizes: Counter[str] = Counter()
    for st in states.values():
        sizes[st.thread_id] += st.n
    for tid in sorted({st.thread_id for st in states.values()}, key=lambda t: (-sizes[t], t)):
        choice = next((o for o, _ in sorted(weight[tid].items(), key=lambda kv: (-kv[1], kv[0])) if o not in taken), None)
        final = base = choice or tid
        k = 2
        while final in taken:  # a new thread named after a story whose id an old thread already has
            final, k = f"{base}-{k}", k + 1
        taken.add(final)
        rename[tid] = final
    out = {}
    for st in states.values():
        st.thread_id = rename[st.thread_id]
        link = links[st.id]
        link.thread_id = st.thread_id
        out[st.id] = (link, old_thread.get(st.id))
    return out


def _redirect_threads(conn: Any, items: list[dict[str, Any]], old_rows: dict[str, Any], states: dict[str, Any], now: str) -> None:
    """An old thread id no rebuilt thread kept leads to the thread most of its articles are in now."""
    live = {st.thread_id for st in states.values() if st.thread_id}
    where: dict[str, Counter[str]] = defaultdict(Counter)
    for it in items:
        tid = old_rows[it["old"]]["thread_id"] if it["old"] in old_rows else None
        if tid and tid not in live:
            where[tid][states[it["final"]].thread_id] += 1
    for tid, into in sorted(where.items()):
        conn.execute("INSERT OR REPLACE INTO threads (id, created_at, merged_into) VALUES (?, ?, ?)",
                     (tid, now, into.most_common(1)[0][0]))
