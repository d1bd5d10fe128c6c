"""Online story clustering on hand-built vectors: joins, stable ids, bounded window, merges, threads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from babelwire.stories.centring import LanguageCentring
from babelwire.stories.cluster import Member, StoryClusterer, story_id_for
from babelwire.stories.threads import link_thread

T0 = datetime(2026, 9, 1, tzinfo=UTC)
rng = np.random.default_rng(7)


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


TOPICS = [unit(rng.normal(size=384)) for _ in range(4)]


def member(i: int, topic: int, lang: str = "en", days: float = 0, noise: float = 0.5, ents: tuple[str, ...] = ()) -> Member:
    v = unit(TOPICS[topic] + noise * unit(rng.normal(size=384)))
    return Member(f"a{i:04d}", lang, v, T0 + timedelta(days=days), frozenset(ents))


def test_same_topic_joins_and_ids_are_stable() -> None:
    c = StoryClusterer()
    decisions = c.partial_fit([member(i, i % 2, days=i * 0.1) for i in range(10)])
    stories = {d.story_id for d in decisions}
    assert len(stories) == 2
    assert {story_id_for("a0000"), story_id_for("a0001")} == stories  # ids come from founding articles
    joined = [d for d in decisions if not d.created]
    assert joined and all("cosine" in d.reasons and "shared_entities" in d.reasons for d in joined)
    before = dict(c.states)
    c.partial_fit([member(100, 0, days=1)])
    assert set(before) <= set(c.states)  # nothing renumbered


def test_time_window_bounds_candidates() -> None:
    c = StoryClusterer()
    c.partial_fit([member(0, 0, days=0)])
    late = c.assign(member(1, 0, days=60))
    assert late.created  # same topic two months later is a new story (maybe one thread)


def borderline(base: Member, below: float) -> tuple[StoryClusterer, StoryClusterer, np.ndarray]:
    """Two clusterers each holding ``base``'s story, and a vector ``below`` the join threshold from its centroid."""
    c1, c2 = StoryClusterer(), StoryClusterer()
    c1.assign(base)
    c2.assign(base)
    v = c1.states[story_id_for(base.id)].centroid
    ortho = unit(rng.normal(size=384))
    ortho = unit(ortho - (ortho @ v) * v)
    t = c1.join_threshold - below
    return c1, c2, unit(t * v + np.sqrt(1 - t * t) * ortho)


def test_entities_tip_a_borderline_join() -> None:
    # A vector just under the threshold: entities decide.
    c1, c2, vec = borderline(member(0, 0, ents=("org:nato", "loc:JP")), 0.03)
    with_ents = Member("b1", "ar", vec, T0, frozenset({"org:nato", "loc:JP"}))
    without = Member("b1", "ar", vec, T0, frozenset({"org:who"}))
    assert not c1.assign(with_ents).created
    assert c2.assign(without).created


def test_shared_figures_tip_a_borderline_join() -> None:
    # The same borderline vector with the story's figures joins; with other figures it does not.
    c1, c2, vec = borderline(Member("a0000", "en", TOPICS[0], T0, figures=frozenset({"1234", "45", "17"})), 0.1)
    same = c1.assign(Member("b1", "sw", vec, T0, figures=frozenset({"1234", "45"})))
    other = c2.assign(Member("b1", "sw", vec, T0, figures=frozenset({"1999", "80"})))
    assert not same.created and same.reasons["shared_figures"] == ["1234", "45"]
    assert same.reasons["figure_share"] == 1.0
    assert other.created and other.reasons["best_other"]["shared_figures"] == []


def test_shared_names_and_figures_do_not_carry_an_article_its_text_is_not_about() -> None:
    # Every entity and figure shared, but the vectors nearly orthogonal (a Bank of Japan report
    # beside a NATO story, both from Tokyo): the bonuses count only from MIN_BONUS_COSINE up.
    from babelwire.stories.cluster import MIN_BONUS_COSINE

    story = Member("a0000", "en", TOPICS[0], T0, frozenset({"loc:JP", "loc:tokyo"}), figures=frozenset({"10", "2026"}))
    for cos, joins in ((MIN_BONUS_COSINE - 0.05, False), (MIN_BONUS_COSINE + 0.05, True)):
        c, _, vec = borderline(story, StoryClusterer().join_threshold - cos)
        d = c.assign(Member("b1", "en", vec, T0, frozenset({"loc:JP", "loc:tokyo"}), figures=frozenset({"10", "2026"})))
        assert d.created is not joins, (cos, d.reasons)
        why = d.reasons if joins else d.reasons["best_other"]
        assert why["bonuses_counted"] is joins and why["entity_share"] == why["figure_share"] == 1.0


def test_background_raises_the_bar_for_an_article_close_to_many_stories() -> None:
    # Four stories; a probe at the same cosine to the first story joins when it is
    # far from the others and starts its own story when it is close to all of them.
    def clusterer() -> StoryClusterer:
        c = StoryClusterer(join_threshold=0.32, hub_neighbours=3, hub_weight=0.5)  # the mechanism, not the tuned values
        for t in range(4):
            c.assign(Member(f"s{t}", "en", TOPICS[t], T0))
        return c

    span = np.stack(TOPICS, axis=1)
    noise = rng.normal(size=384)
    noise = unit(noise - span @ np.linalg.lstsq(span, noise, rcond=None)[0])  # orthogonal to every topic
    others = unit(TOPICS[1] + TOPICS[2] + TOPICS[3])
    others = unit(others - (others @ TOPICS[0]) * TOPICS[0])
    t = 0.40
    near = unit(t * TOPICS[0] + 0.36 * others + np.sqrt(1 - t * t - 0.36**2) * noise)
    far = unit(t * TOPICS[0] + np.sqrt(1 - t * t) * noise)
    c_far, c_near = clusterer(), clusterer()
    joined = c_far.assign(Member("far", "ar", far, T0))
    assert not joined.created and joined.story_id == story_id_for("s0")
    assert abs(joined.reasons["background"]) < 0.1
    alone = c_near.assign(Member("near", "ar", near, T0))
    assert alone.created and alone.reasons["best_other"]["background"] > 0.15


def test_merge_is_recorded() -> None:
    c = StoryClusterer(merge_threshold=0.5)
    a = member(0, 0, noise=0.3)
    c.assign(a)
    # A second story founded far away, then pulled next to the first.
    c.assign(member(1, 1, noise=0.3))
    s2 = c.states[story_id_for("a0001")]
    s2.sum = np.asarray(c.states[story_id_for("a0000")].centroid, dtype=np.float64) * 0.9 + unit(rng.normal(size=384)) * 0.1
    d = c.assign(member(2, 0, noise=0.2))
    assert d.merged, d.reasons
    gone, keep, reason = d.merged[0]
    assert c.resolve(gone) == keep and "centroid_cosine" in reason


def test_language_centring_removes_a_shared_offset() -> None:
    offset = {"ar": unit(rng.normal(size=384)) * 3, "sw": unit(rng.normal(size=384)) * 3}
    c = LanguageCentring()
    raw = {}
    for lang in offset:
        for t in range(4):
            for k in range(25):
                v = TOPICS[t] + offset[lang] + 0.3 * unit(rng.normal(size=384))
                raw[(lang, t, k)] = v
                c.update(lang, v)
    a = c.centre("ar", raw[("ar", 0, 0)])
    same = c.centre("sw", raw[("sw", 0, 1)])
    other = c.centre("ar", raw[("ar", 1, 1)])
    assert float(a @ same) > float(a @ other) + 0.3
    raw_same = float(unit(raw[("ar", 0, 0)]) @ unit(raw[("sw", 0, 1)]))
    raw_other = float(unit(raw[("ar", 0, 0)]) @ unit(raw[("ar", 1, 1)]))
    assert raw_other > raw_same  # raw vectors group by language; centred ones by story


def test_language_directions_leave_no_lean_towards_a_language() -> None:
    from babelwire.stories import centring

    d, e = (unit(v) for v in np.linalg.qr(rng.normal(size=(384, 2)))[0].T)
    c = LanguageCentring()
    raw = []
    for lang, side in (("ar", 1.0), ("sw", -1.0)):
        for k in range(30):
            # How far an article sits along its language's side varies (2 to 4):
            # subtracting the mean (3) leaves a lean of up to 1 either way.
            v = TOPICS[k % 4] + side * (2 + 2 * (k % 7) / 6) * d + 0.3 * unit(rng.normal(size=384))
            raw.append((lang, v))
            c.update(lang, v)
    for _ in range(centring.DIRECTION_MIN_ARTICLES - 1):  # too few articles to take part
        v = TOPICS[0] + 3 * e
        raw.append(("yo", v))
        c.update("yo", v)
    basis = c.language_directions()
    assert basis.shape[1] >= 1 and abs(float(basis[:, 0] @ d)) > 0.99
    assert float(np.linalg.norm(basis.T @ e)) < 0.1  # Yoruba's offset is not a direction yet
    centred = c.centre_many([lang for lang, _ in raw], np.stack([v for _, v in raw]))
    assert float(np.abs(centred @ d).max()) < 0.01  # mean centring alone leaves up to 0.87 here
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0, atol=1e-5)
    assert np.allclose(c.centre("ar", raw[0][1]), centred[0], atol=1e-6)
    # Means that differ by rounding only give no direction.
    flat = LanguageCentring()
    for lang in ("en", "fr"):
        for t in range(centring.DIRECTION_MIN_ARTICLES):
            flat.update(lang, TOPICS[t % 4] * 1e-9)
    assert flat.language_directions().shape[1] == 0


def test_thread_links_related_stories() -> None:
    c = StoryClusterer()
    c.assign(member(0, 0, ents=("org:nato", "loc:JP", "loc:KP")))
    c.assign(member(1, 0, days=300, noise=1.0, ents=("org:nato", "loc:JP")))
    c.assign(member(2, 2, days=300, ents=("org:who",)))
    s0, s1, s2 = (c.states[story_id_for(f"a000{i}")] for i in range(3))
    s0.thread_id = "th-0"
    link = link_thread(s1, [s0])
    assert link.thread_id == "th-0" and "org:nato" in link.reason["shared_entities"]
    assert link_thread(s2, [s0]).thread_id != "th-0"


def late_join_vectors() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``a`` founds a story; ``b`` is below the bar against ``a`` alone but above it once ``c`` twice has joined."""
    q, _ = np.linalg.qr(rng.normal(size=(384, 3)))
    e1, e2, e3 = (q[:, k] for k in range(3))
    a = unit(e1)
    b = unit(0.45 * e1 + 0.6 * e2 + 0.661 * e3)
    c = unit(e1 + 0.5 * e2)
    return a, b, c


def test_single_article_story_joins_late_once_its_story_has_grown() -> None:
    a, b, c = late_join_vectors()
    clusterer = StoryClusterer()
    first = clusterer.partial_fit([Member("a", "en", a, T0), Member("b", "sw", b, T0)])
    assert first[1].created  # too far from one article
    assert clusterer.late_joins() == []  # nothing has grown
    clusterer.assign(Member("c1", "fr", c, T0))
    assert clusterer.late_joins() == []  # two articles are too few to judge by
    clusterer.assign(Member("c2", "de", c, T0))
    merges = clusterer.late_joins()
    assert [(gone, into) for gone, into, _ in merges] == [(story_id_for("b"), story_id_for("a"))]
    reason = merges[0][2]
    assert reason["late_join"] and reason["score"] >= clusterer.join_threshold + clusterer.late_margin
    assert clusterer.resolve(story_id_for("b")) == story_id_for("a")
    assert clusterer.states[story_id_for("a")].n == 4


def test_late_join_keeps_unrelated_stories_and_the_time_window() -> None:
    a, b, c = late_join_vectors()
    clusterer = StoryClusterer()
    # b is a month older than the story: outside the window, it stays alone.
    clusterer.partial_fit([Member("b", "sw", b, T0 - timedelta(days=30)), Member("a", "en", a, T0), Member("x", "en", TOPICS[3], T0)])
    clusterer.partial_fit([Member("c1", "fr", c, T0), Member("c2", "de", c, T0)])
    assert clusterer.states[story_id_for("b")].status == "active"
    assert clusterer.states[story_id_for("x")].status == "active"
    assert clusterer.states[story_id_for("a")].n == 3


def test_commit_records_a_late_join_and_moves_the_stored_article(bw) -> None:
    from babelwire.article import Article
    from babelwire.commit import commit_batch

    # Language means that stay ~0, so the stored vectors are compared as given.
    with bw.store.transaction() as conn:
        for lang in ("en", "sw", "fr", "de"):
            conn.execute("INSERT INTO lang_stats (lang, n, sum) VALUES (?,?,?)", (lang, 10**9, np.zeros(384).tobytes()))
    a, b, c = late_join_vectors()

    def art(text: str, lang: str, v: np.ndarray) -> Article:
        return Article(text=text, title=text, lang=lang, vector=v, published=T0).identify()

    first = [art("Founding report", "en", a), art("Ripoti ya pili", "sw", b)]
    commit_batch(bw, first)
    b_story = bw.article(first[1].id).story_id
    assert b_story == story_id_for(first[1].id)
    commit_batch(bw, [art("Premier rapport", "fr", c), art("Zweiter Bericht", "de", c)])
    assert bw.article(first[1].id).story_id == story_id_for(first[0].id)
    event = bw.store.query("SELECT story_id, article_id, other_id, reason FROM story_events WHERE kind = 'merge'")
    assert [(e["story_id"], e["article_id"], e["other_id"]) for e in event] == [(story_id_for(first[0].id), first[1].id, b_story)]
    story = bw.story(story_id_for(first[0].id))
    assert set(story["article_ids"]) >= {first[0].id, first[1].id}
    assert story["join_reasons"][first[1].id]["late_join"] is True
    assert any(e["kind"] == "merge" and e["article_id"] == first[1].id for e in story["events"])
    # The late joiner's own thread had no other story: it is not left empty, but leads to the story's thread.
    assert bw.store.query(
        "SELECT t.id FROM threads t WHERE t.merged_into IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.thread_id = t.id AND s.status = 'active')"
    ) == []
    for (old,) in bw.store.query("SELECT id FROM threads WHERE merged_into IS NOT NULL"):
        assert bw.thread(old)["id"] == story["thread_id"]


def _with_stored_vector(bw, a):
    """``a`` with its vector in the store's vector table, as the embed step leaves it (recluster reads it there)."""
    key = f"test:{a.id}"
    bw.vector_cache.put_many({key: np.asarray(a.vector, dtype=np.float32)}, "test-model")
    a.meta["vector_key"] = key
    return a


def _flat_language_means(bw) -> None:
    """Language means that stay ~0 while ingesting, so stored vectors are compared as given."""
    with bw.store.transaction() as conn:
        for lang in ("en", "sw", "fr"):
            conn.execute("INSERT INTO lang_stats (lang, n, sum) VALUES (?,?,?)", (lang, 10**9, np.zeros(384).tobytes()))


def test_recluster_undoes_a_wrong_merge_with_its_history(bw) -> None:
    # QA: after a recluster, a story listed no reason for the articles moved into it and kept
    # reasons for those moved out; a piece split off was named "<id>x", with no event of its own.
    from babelwire.article import Article
    from babelwire.commit import commit_batch

    _flat_language_means(bw)
    rng = np.random.default_rng(7)
    topics = [unit(rng.normal(size=384)) for _ in range(2)]

    def art(text: str, lang: str, topic: int, hours: int) -> Article:
        v = unit(topics[topic] + 0.15 * rng.normal(size=384) / np.sqrt(384))
        a = Article(text=text, title=text, lang=lang, vector=v.astype(np.float32), published=T0 + timedelta(hours=hours)).identify()
        return _with_stored_vector(bw, a)

    a = [art("Floods in Nairobi", "en", 0, 0), art("Mafuriko Nairobi", "sw", 0, 1), art("Inondations à Nairobi", "fr", 0, 2)]
    b = [art("Chess final in Oslo", "en", 1, 3), art("Fainali ya chess Oslo", "sw", 1, 4), art("Finale d'échecs à Oslo", "fr", 1, 5)]
    commit_batch(bw, a)
    commit_batch(bw, b)
    sa, sb = story_id_for(a[0].id), story_id_for(b[0].id)
    assert {bw.article(x.id).story_id for x in a} == {sa} and {bw.article(x.id).story_id for x in b} == {sb}
    with bw.store.transaction() as conn:  # as if a merge had joined the two stories by mistake
        conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (sa, sb))
        conn.execute("UPDATE stories SET status = 'merged', merged_into = ? WHERE id = ?", (sa, sb))
        for x in b:
            conn.execute("INSERT INTO story_events (story_id, kind, article_id, reason, at) VALUES (?, 'join', ?, '{\"wrong\": true}', ?)",
                         (sa, x.id, T0.isoformat()))
    bw.__dict__.pop("clusterer", None)

    out = bw.recluster()
    assert out["stories"] == 2 and out["events"] >= 1
    assert {bw.article(x.id).story_id for x in a} == {sa}
    assert {bw.article(x.id).story_id for x in b} == {sb}  # the story the merge took in comes back as itself
    story_a, story_b = bw.story(sa), bw.story(sb)
    assert not set(story_a["join_reasons"]) & {x.id for x in b}  # reasons for articles moved out are gone
    assert set(story_b["join_reasons"]) == {b[1].id, b[2].id}
    assert all(r["by"] == "recluster" and "cosine" in r for r in story_b["join_reasons"].values())
    split = [e for e in story_b["events"] if e["kind"] == "split"]
    assert len(split) == 1 and split[0]["other_id"] == sb and split[0]["reason"]["apart_from"] == sa
    assert split[0]["reason"]["articles"] == 3 and split[0]["reason"]["cosine"] < 0.5
    # thread stories are whole story objects
    for s in bw.thread(story_a["thread_id"])["stories"]:
        assert set(s) >= {"id", "label", "languages", "article_ids", "thread_id", "first_seen", "last_seen"}


def test_recluster_keeps_thread_ids_and_old_ones_lead_on(bw) -> None:
    # QA: a recluster renamed every thread, so links to threads answered 404.
    from babelwire.article import Article
    from babelwire.commit import commit_batch

    _flat_language_means(bw)
    rng = np.random.default_rng(8)
    a, c = unit(rng.normal(size=384)), unit(rng.normal(size=384))
    b = unit(a + 0.3 * unit(rng.normal(size=384)))  # a later event of the same storyline
    days = {0: 0, 1: 40, 2: 0}  # b comes 40 days after a: another story, the same thread

    def art(t: int, i: int, lang: str) -> Article:
        v = unit((a, b, c)[t] + 0.1 * rng.normal(size=384) / np.sqrt(384)).astype(np.float32)
        return _with_stored_vector(bw, Article(text=f"Report {t}{i}", title=f"Report {t}{i}", lang=lang, vector=v,
                                               published=T0 + timedelta(days=days[t], hours=i)).identify())

    arts = {t: [art(t, i, lang) for i, lang in enumerate(("en", "sw", "fr"))] for t in range(3)}
    for t in range(3):
        commit_batch(bw, arts[t])
    sa, sb = story_id_for(arts[0][0].id), story_id_for(arts[1][0].id)
    with bw.store.transaction() as conn:  # the two stories in threads of their own
        for sid, tid in ((sa, "th-one"), (sb, "th-two")):
            conn.execute("INSERT INTO threads (id, created_at) VALUES (?, ?)", (tid, T0.isoformat()))
            conn.execute("UPDATE stories SET thread_id = ? WHERE id = ?", (tid, sid))
    bw.recluster()
    one, two = bw.story(sa), bw.story(sb)
    assert one["thread_id"] == two["thread_id"] == "th-one"  # one storyline, under an id it had
    assert bw.thread("th-two")["id"] == "th-one"  # the other old link leads on
    moved = [e for e in two["events"] if e["kind"] == "thread"]
    assert moved[-1]["other_id"] == "th-one" and moved[-1]["reason"]["previous_thread"] == "th-two"
    assert moved[-1]["reason"]["by"] == "recluster"


def test_undated_stories_are_in_no_date_range(bw) -> None:
    # `stories --since 2026-11-01` listed an undated August report: its ingest time stood in for a date.
    from babelwire.article import Article
    from babelwire.commit import commit_batch

    v = unit(np.random.default_rng(9).normal(size=384)).astype(np.float32)
    commit_batch(bw, [Article(text="Undated report", title="Undated report", lang="en", vector=v).identify()])
    assert bw.stories(limit=0) and bw.stories(since="2026-11-01", limit=0) == [] and bw.stories(until="2030-01-01", limit=0) == []


def test_an_ambiguous_id_prefix_says_so(bw) -> None:
    # QA: a prefix of two story ids answered "no story with id …", as if it named nothing.
    from babelwire.article import Article
    from babelwire.commit import commit_batch
    from babelwire.errors import NotFound

    _flat_language_means(bw)
    rng = np.random.default_rng(10)
    arts = [Article(text=f"Report {i}", title=f"Report {i}", lang="en", vector=unit(rng.normal(size=384)).astype(np.float32),
                    published=T0).identify() for i in range(200)]
    commit_batch(bw, arts)
    ids = sorted(r[0] for r in bw.store.query("SELECT id FROM stories"))
    shared = next(a[:k] for k in range(9, 5, -1) for a, b in zip(ids, ids[1:], strict=False) if a[:k] == b[:k])  # st-xyz… shared by two
    with pytest.raises(NotFound, match="more than one story"):
        bw.story(shared)


def test_an_ingest_during_recluster_is_not_left_in_a_retired_story(sample_db, tmp_path, monkeypatch) -> None:
    # QA: articles posted to the API while `babelwire recluster` ran ended in stories the rebuild
    # retired (status merged, merged_into NULL), missing from every story list.
    import shutil

    from babelwire import Babelwire
    from babelwire.stories import recluster as rc

    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    planned = []
    real_plan = rc._plan

    def plan_then_someone_ingests(svc, progress):
        plan = real_plan(svc, progress)
        planned.append(len(plan.items))
        if len(planned) == 1:  # between the snapshot and the write, another process lands an article
            with Babelwire(db) as other:
                other.ingest_articles([{"title": "Mvua kubwa yanyesha Mombasa", "url": "https://example.org/sw/mvua",
                                        "text": "Mvua kubwa imenyesha mjini Mombasa usiku kucha na kufunga barabara kadhaa."}])
        return plan

    monkeypatch.setattr(rc, "_plan", plan_then_someone_ingests)
    with Babelwire(db) as bw:
        bw.recluster()
        assert planned[1] == planned[0] + 1  # the stale rebuild was thrown away and done again
        orphans = bw.store.query("SELECT a.id FROM articles a JOIN stories s ON s.id = a.story_id WHERE s.status != 'active'")
        assert orphans == []
        assert sum(s["size"] for s in bw.stories(limit=0)) == bw.count("articles")
