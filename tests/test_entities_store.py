"""Entities persist in a real SQLite store and come back."""

from __future__ import annotations

from pathlib import Path

from babelwire.article import Article, Mention
from babelwire.entities import Alignment, EntitiesStep, EntityIndex
from babelwire.entities.store import load_index, save_alignments, save_index, save_mentions
from babelwire.store import Store
from babelwire.store.articles import attach_mentions


def test_round_trip(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db").ensure()
    index = EntityIndex.default()
    art = Article(text="Rais Zawadi Mbogo alitembelea Nairobi pamoja na NATO.", lang="sw", id="a1")
    EntitiesStep(index)([art])
    person = next(m for m in art.entities if m.type == "PER")
    assert person.id.startswith("per:zawadi-mbogo-")
    with store.transaction() as conn:
        assert save_index(conn, index) >= 1
        save_mentions(conn, art.id, art.entities, art.text)
        save_alignments(conn, [Alignment(person.id, "per:other", "s1", {"skeleton": "sd mbj"})])
    # the registry was seeded once; saving again adds nothing new
    with store.transaction() as conn:
        n = conn.execute("SELECT COUNT(*) FROM aliases").fetchone()[0]
        save_index(conn, index)
        assert conn.execute("SELECT COUNT(*) FROM aliases").fetchone()[0] == n
        assert conn.execute("SELECT origin FROM entities WHERE id = 'org:nato'").fetchone()[0] == "registry"
    store.close()

    store2 = Store(tmp_path / "x.db").ensure()
    fresh = load_index(store2.read)
    assert fresh.resolve("Zawadi Mbogo") == person.id
    assert fresh.entities[person.id].origin == "learned"
    other = Article(text="Mbogo na Zawadi Mbogo walifika.", lang="sw")
    EntitiesStep(fresh)([other])
    assert person.id in {m.id for m in other.entities}
    got = attach_mentions(store2.read, [Article(text="", id="a1")])[0].entities
    assert [(m.id, m.start, m.end, m.type) for m in got] == [(m.id, m.start, m.end, m.type) for m in art.entities]
    surfaces = [r[0] for r in store2.query("SELECT surface FROM mentions WHERE article_id = 'a1' ORDER BY start")]
    assert surfaces == [art.text[m.start : m.end] for m in art.entities]
    row = store2.query("SELECT story_id, evidence FROM alignments")[0]
    assert row[0] == "s1" and "sd mbj" in row[1]
    # replacing an article's mentions removes the old ones
    with store2.transaction() as conn:
        save_mentions(conn, "a1", [Mention("org:nato", "NATO", "ORG", 0, 4, 0.9)])
    assert len(attach_mentions(store2.read, [Article(text="", id="a1")])[0].entities) == 1
    store2.close()
