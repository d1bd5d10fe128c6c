"""Search latency, story-assignment time and memory at 10k, 100k and 1M stored articles.

The stores are synthetic but are written by the real store code: articles via
``babelwire.store.articles.insert`` inside ``store.transaction()`` (FTS rows
from ``search.normalise.index_text``), ``vectors`` rows, ``lang_stats``, and
``stories`` rows via ``babelwire.stories.repo.save_states``.  Text is random
words from a generated vocabulary of 10 "languages" in 4 scripts (Zipf word
frequencies); vectors are random unit vectors around one random direction per
story (5 articles a story, over two years of dates).  Built once under
``bench/out/scale/`` and reused (a store whose article count is off is rebuilt).

Measured in a child process per scale, so peak RSS is that scale's alone:

- hybrid search (``Babelwire.search``: FTS5 + vectors, fused) p50/p95 over
  queries of 2–3 vocabulary words.  ``babelwire.search.hybrid.query_vector``
  is monkeypatched to return a precomputed vector (a stored article's vector
  plus noise) so the model is not run per query; everything else is real.
  The first query (it loads the vector matrix) is timed separately; then
  :data:`WARM_UP_QUERIES` other queries run untimed in every mode, as on a
  server that has been answering for a while (the index pages every query
  reads are cached; each timed query still reads its own results' rows).
  Without it the hybrid mode, timed first, most likely paid for the cold
  pages the keyword and vector modes then found cached.
- the vector side alone, shortlisted by sign bits (the default above 200k
  rows) and exact, on the same queries, with the shortlist's recall of the
  exact top 10 and top 100.  The synthetic vectors have 4 true neighbours
  each; the rest of a top 100 is noise at cosine ≈ 0.2, which sign bits rank
  poorly, so recall of real neighbours is measured on real vectors too
  (``real_recall``: NTREX vectors from the stories bench).
- story assignment: ``StoryClusterer.assign`` per article with the stories
  loaded by ``repo.load_recent`` from the store, and the whole commit path
  (``babelwire.commit.commit_batch``) per article for batches of 32 new
  synthetic articles, in a transaction that is rolled back so the store stays
  as built.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from .common import OUT, percentile

SCALES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
STORE_DIR = OUT / "scale"
LANGS = ("en", "fr", "de", "es", "sw", "ha", "so", "yo", "ar", "am")
SCRIPTS = {
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "am": "ሀለሐመሠረሰሸቀበተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ",
}
LATIN = "abcdefghijklmnopqrstuvwxyzáéíóúñäöüç"
VOCAB_PER_LANG = 4000
ZIPF_S = 1.1
TITLE_WORDS, BODY_WORDS = 8, 80
ARTICLES_PER_STORY = 5
SPAN_DAYS = 730
BUILD_CHUNK = 10_000
SEED = 1234
DIM = 384
QUERIES = 60
#: Untimed queries (not the timed ones) before timing; see the module docstring.
WARM_UP_QUERIES = 20
COMMIT_BATCHES = 3
BATCH = 32
#: Stores this large are built only on request (``--build 1m`` or BENCH_BUILD_LARGE=1): about an hour here.
BUILD_ON_DEMAND_FROM = 1_000_000


# -- synthetic corpus ----------------------------------------------------------------
class Corpus:
    """Deterministic synthetic articles: article ``i`` is the same in every run."""

    def __init__(self, n: int) -> None:
        rng = np.random.default_rng(SEED)
        self.n = n
        self.vocab: dict[str, list[str]] = {}
        for lang in LANGS:
            letters = SCRIPTS.get(lang, LATIN)
            words: set[str] = set()
            while len(words) < VOCAB_PER_LANG:
                k = int(rng.integers(3, 11))
                words.add("".join(letters[j] for j in rng.integers(0, len(letters), k)))
            self.vocab[lang] = sorted(words)
        p = 1.0 / np.arange(1, VOCAB_PER_LANG + 1) ** ZIPF_S
        self.p = p / p.sum()
        self.start = datetime(2023, 1, 1, tzinfo=UTC)

    def lang(self, i: int) -> str:
        return LANGS[(i // ARTICLES_PER_STORY * 7 + i) % len(LANGS)]

    def story_of(self, i: int) -> int:
        return i // ARTICLES_PER_STORY

    def when(self, i: int) -> datetime:
        return self.start + timedelta(days=SPAN_DAYS * i / max(self.n, 1))

    def story_direction(self, s: int) -> np.ndarray:
        v = np.random.default_rng([SEED, s]).standard_normal(DIM)
        return v / np.linalg.norm(v)

    def chunk(self, lo: int, hi: int) -> tuple[list[Any], np.ndarray]:
        """Articles ``lo``…``hi-1`` (as :class:`Article`) and their raw vectors."""
        from babelwire.article import Article

        rng = np.random.default_rng([SEED, lo, hi])
        words = rng.choice(VOCAB_PER_LANG, size=(hi - lo, TITLE_WORDS + BODY_WORDS), p=self.p)
        noise = rng.standard_normal((hi - lo, DIM))
        vecs = np.stack([self.story_direction(self.story_of(i)) for i in range(lo, hi)]) + 0.04 * noise
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        out = []
        for row, i in enumerate(range(lo, hi)):
            lang = self.lang(i)
            v = self.vocab[lang]
            w = [v[j] for j in words[row]]
            body = " ".join(w[TITLE_WORDS:])
            aid = hashlib.sha1(f"synthetic:{i}".encode()).hexdigest()[:16]
            a = Article(text=body, title=" ".join(w[:TITLE_WORDS]).capitalize(), lang=lang, lang_confidence=1.0,
                        source=f"source{i % 50}", published=self.when(i), published_from="metadata", id=aid,
                        content_hash=hashlib.sha256(f"synthetic:{i}".encode()).hexdigest())
            a.meta["vector_key"] = hashlib.sha1(f"vec:{i}".encode()).hexdigest()
            a.story_id = f"st-{hashlib.sha1(f'synthetic:{self.story_of(i) * ARTICLES_PER_STORY}'.encode()).hexdigest()[:12]}"
            out.append(a)
        return out, vecs.astype(np.float32)

    def query(self, rng: np.random.Generator) -> str:
        lang = LANGS[int(rng.integers(len(LANGS)))]
        k = int(rng.integers(2, 4))
        return " ".join(self.vocab[lang][j] for j in rng.choice(VOCAB_PER_LANG, size=k, p=self.p))


def _complete(path: Path) -> int:
    """Articles in a bench store (0 when absent)."""
    import sqlite3

    if not path.exists():
        return 0
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0
    finally:
        conn.close()


def is_built(n: int, path: Path) -> bool:
    import sqlite3

    if not path.exists():
        return False
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value FROM bench_meta WHERE key = 'complete'").fetchone() == (str(n),)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def build(n: int, path: Path) -> dict[str, float]:
    """Write the synthetic store of ``n`` articles; reused when complete, resumed when interrupted.

    Chunks of :data:`BUILD_CHUNK` articles commit whole and no story spans
    two chunks, so an interrupted build resumes at the last committed chunk.
    """
    from babelwire.search.normalise import index_text
    from babelwire.store import Store
    from babelwire.store import articles as rows
    from babelwire.stories import repo
    from babelwire.stories.cluster import StoryState

    if is_built(n, path):
        return {"built_s": 0.0}
    done = _complete(path)
    if done % BUILD_CHUNK:
        from .common import fresh_db

        fresh_db(path)
        done = 0
    corpus = Corpus(n)
    path.parent.mkdir(parents=True, exist_ok=True)  # a fresh checkout has no bench/out yet
    store = Store(path).ensure()
    t0 = time.perf_counter()
    for lo in range(done, n, BUILD_CHUNK):
        hi = min(n, lo + BUILD_CHUNK)
        arts, vecs = corpus.chunk(lo, hi)
        states: dict[str, StoryState] = {}
        with store.transaction() as conn:
            for a, v in zip(arts, vecs, strict=True):
                rows.insert(conn, a, index_text(a.title, a.lang), index_text(a.text, a.lang))
                st = states.get(a.story_id or "")
                if st is None:
                    st = states[a.story_id or ""] = StoryState(id=a.story_id or "", seq=corpus.story_of(lo + len(states) * ARTICLES_PER_STORY), sum=np.zeros(DIM))
                st.sum = st.sum + v
                st.n += 1
                st.first_seen = st.first_seen or a.published
                st.last_seen = a.published
                st.langs[a.lang] += 1
                st.sources[a.source or ""] += 1
            conn.executemany(
                "INSERT OR IGNORE INTO vectors (key, model, dim, vec) VALUES (?,?,?,?)",
                [(a.meta["vector_key"], "synthetic", DIM, v.tobytes()) for a, v in zip(arts, vecs, strict=True)],
            )
            repo.save_states(conn, list(states.values()), {})
        print(f"  scale {n}: {hi} articles written ({time.perf_counter() - t0:.0f}s)", flush=True)
    # Language statistics over every stored vector (streamed, so a resumed build counts all of them).
    sums: dict[str, np.ndarray] = {}
    counts: dict[str, int] = {}
    cur = store.read.execute("SELECT a.lang, v.vec FROM articles a JOIN vectors v ON v.key = a.vector_key")
    while batch := cur.fetchmany(50_000):
        by_lang: dict[str, list[bytes]] = {}
        for lang, blob in batch:
            by_lang.setdefault(lang, []).append(blob)
        for lang, blobs in by_lang.items():
            m = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(-1, DIM)
            sums[lang] = sums.get(lang, np.zeros(DIM)) + m.sum(axis=0, dtype=np.float64)
            counts[lang] = counts.get(lang, 0) + len(blobs)
    with store.transaction() as conn:
        conn.executemany("INSERT OR REPLACE INTO lang_stats (lang, n, sum) VALUES (?,?,?)",
                         [(k, counts[k], sums[k].astype(np.float64).tobytes()) for k in sums])
        conn.execute("CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT OR REPLACE INTO bench_meta VALUES ('complete', ?)", (str(n),))
    store.close()
    return {"built_s": time.perf_counter() - t0}


# -- measuring (in a child process) ------------------------------------------------------
@contextmanager
def rolled_back(store: Any) -> Any:
    """Make ``store.transaction()`` roll back instead of committing."""
    original = store.transaction

    @contextmanager
    def transaction() -> Any:
        with store._lock:
            conn = store._write_conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")

    store.transaction = transaction
    try:
        yield
    finally:
        store.transaction = original


def measure(n: int, path: Path, profile: bool = False) -> dict[str, float]:
    from babelwire import Babelwire
    from babelwire.commit import commit_batch, member_for
    from babelwire.search import hybrid

    from .common import ensure_entity_store

    ensure_entity_store()
    corpus = Corpus(n)
    rng = np.random.default_rng(SEED + 1)
    bw = Babelwire(path, create=True)
    queries = [corpus.query(rng) for _ in range(QUERIES + 1)]
    picks = rng.integers(0, n, QUERIES + 1)
    _, qvecs = zip(*[corpus.chunk(int(i), int(i) + 1) for i in picks], strict=True)
    qv = {}
    for q, v in zip(queries, qvecs, strict=True):
        raw = v[0].astype(np.float64) + 0.5 * rng.standard_normal(DIM) / np.sqrt(DIM)
        qv[q] = bw.centring.centre_query(raw)
    hybrid.query_vector = lambda svc, query: qv[query]  # the only monkeypatch: no model per query
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    bw.search(queries[0], limit=20)
    out["first_query_s"] = time.perf_counter() - t0
    warm_rng = np.random.default_rng(SEED + 2)
    for _ in range(WARM_UP_QUERIES):
        q = corpus.query(warm_rng)
        if q in qv:
            continue  # a timed query: it must meet the store as the others do
        qv[q] = bw._vectors.vector(bw._vectors.ids[int(warm_rng.integers(0, n))])
        for mode in ("hybrid", "keyword", "vector"):
            bw.search(q, limit=20, mode=mode)
    for mode in ("hybrid", "keyword", "vector"):
        times = []
        for q in queries[1:]:
            t0 = time.perf_counter()
            bw.search(q, limit=20, mode=mode)
            times.append((time.perf_counter() - t0) * 1000)
        out[f"search.{mode}.p50_ms"] = percentile(times, 50)
        out[f"search.{mode}.p95_ms"] = percentile(times, 95)
    # The vector index alone (``VectorIndex.top``), as configured (sign-bit
    # shortlist above 200k rows) and exact, timed alternately on the same
    # queries so load drift hits both; and the recall: the share of exact
    # search's top k that the configured search also returns.
    index = bw._vectors
    fast, slow, found10, found100 = [], [], 0, 0
    for q in queries[1:]:
        t0 = time.perf_counter()
        approx = {a for a, _ in index.top(qv[q], hybrid.CANDIDATES)}
        t1 = time.perf_counter()
        exact = index.top(qv[q], hybrid.CANDIDATES, exact=True)
        t2 = time.perf_counter()
        fast.append((t1 - t0) * 1000)
        slow.append((t2 - t1) * 1000)
        found10 += len({a for a, _ in exact[:10]} & approx)
        found100 += len({a for a, _ in exact} & approx)
    for name, times in (("vector_index", fast), ("vector_exact", slow)):
        out[f"search.{name}.p50_ms"] = percentile(times, 50)
        out[f"search.{name}.p95_ms"] = percentile(times, 95)
    out["search.vector.recall_at_10"] = found10 / (10 * QUERIES)
    out["search.vector.recall_at_100"] = found100 / (hybrid.CANDIDATES * QUERIES)
    if profile:
        import cProfile
        import io
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        for q in queries[1:21]:
            bw.search(q, limit=20)
        pr.disable()
        buf = io.StringIO()
        pstats.Stats(pr, stream=buf).sort_stats("cumulative").print_stats(25)
        (STORE_DIR / f"profile_search_{n}.txt").write_text(buf.getvalue())

    # Story assignment: the clusterer with the stories load_recent gives it.
    t0 = time.perf_counter()
    clusterer = bw.clusterer
    out["stories.load_recent_s"] = time.perf_counter() - t0
    out["stories.loaded"] = float(len(clusterer.states))
    new, vecs = corpus.chunk(n, n + BATCH * COMMIT_BATCHES)
    for a in new:
        a.id = "x" + a.id[1:]  # new articles, new ids
        a.content_hash = "x" + a.content_hash[1:]
        a.published = corpus.when(n - 1)
    centred = bw.centring.centre_many([a.lang for a in new], vecs)
    import copy

    probe = copy.deepcopy(clusterer)
    t0 = time.perf_counter()
    for a, v in zip(new, centred, strict=True):
        probe.assign(member_for(a, v))
    out["stories.assign_ms"] = (time.perf_counter() - t0) * 1000 / len(new)
    times = []
    with rolled_back(bw.store):
        for b in range(COMMIT_BATCHES):
            batch = new[b * BATCH : (b + 1) * BATCH]
            for a, v in zip(batch, vecs[b * BATCH : (b + 1) * BATCH], strict=True):
                a.vector = v
                a.story_id = None
            t0 = time.perf_counter()
            commit_batch(bw, batch)
            times.append((time.perf_counter() - t0) * 1000 / len(batch))
    out["stories.commit_ms_per_article"] = float(np.median(times))
    out["peak_rss_mb"] = peak_rss_mb()
    bw.close()
    return out


def real_recall(queries: int = 300) -> dict[str, float]:
    """Sign-bit shortlists on real vectors: the NTREX articles the stories bench embedded.

    Each of ``queries`` stored articles asks for its nearest others; the
    metric is the share of the exact 5 (and 10) nearest that a Hamming
    shortlist of ``SHORTLIST_SHARE`` of the rows contains.  The vectors are
    centred per language as the index centres them.  With ~1,200 rows the
    shortlist is a dozen rows, so this is a hard version of the same ratio
    at 1M.  Empty when the stories bench has not stored its vectors.
    """
    import sqlite3

    from babelwire.search.vectors import SHORTLIST_SHARE, hamming, shortlist, sign_codes

    found: dict[str, tuple[str, np.ndarray]] = {}
    for name in ("calib10", "test10"):
        path = OUT / "stories" / f"{name}.db"
        if not path.exists():
            continue
        conn = sqlite3.connect(path)
        for key, lang, blob in conn.execute("SELECT v.key, a.lang, v.vec FROM articles a JOIN vectors v ON v.key = a.vector_key"):
            found[key] = (lang, np.frombuffer(blob, dtype=np.float32))
        conn.close()
    if len(found) < 100:
        return {}
    langs = np.array([lang for lang, _ in found.values()])
    matrix = np.stack([v for _, v in found.values()]).astype(np.float32)
    for lang in set(langs.tolist()):
        matrix[langs == lang] -= matrix[langs == lang].mean(axis=0)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    codes, size = sign_codes(matrix), max(1, int(SHORTLIST_SHARE * len(matrix)))
    hits5 = hits10 = 0
    picks = np.random.default_rng(SEED).choice(len(matrix), size=min(queries, len(matrix)), replace=False)
    for i in picks:
        scores = matrix @ matrix[i]
        scores[i] = -np.inf
        nearest = np.argsort(-scores)[:10]
        dist = hamming(codes, codes[:, i])
        dist[i] = np.iinfo(np.uint16).max
        kept = set(shortlist(dist, size).tolist())
        hits5 += len(kept & set(nearest[:5].tolist()))
        hits10 += len(kept & set(nearest.tolist()))
    return {"real_recall.rows": float(len(matrix)), "real_recall.shortlist": float(size),
            "real_recall.at_5": hits5 / (5 * len(picks)), "real_recall.at_10": hits10 / (10 * len(picks))}


def peak_rss_mb() -> float:
    """This process's peak resident set, in MB.

    Linux's ``ru_maxrss`` keeps the parent's resident set at the fork that
    started this child (it survives the exec), so a child of a large
    ``bench.run`` read 889 MB at 10k against 426 MB alone.  ``VmHWM`` in
    ``/proc/self/status`` is the high-water mark of this process's own memory.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    """``data_dir`` is unused: the corpus is synthetic."""
    STORE_DIR.mkdir(parents=True, exist_ok=True)
    out: dict[str, float] = {}
    scales = {"10k": SCALES["10k"]} if quick else SCALES
    for name, n in scales.items():
        path = STORE_DIR / f"scale_{name}.db"
        if n >= BUILD_ON_DEMAND_FROM and not is_built(n, path) and not os.environ.get("BENCH_BUILD_LARGE"):
            print(f"  scale {name}: store not built; skipped (build it once: python -m bench.bench_scale --build {name}, "
                  f"or set BENCH_BUILD_LARGE=1)", flush=True)
            out[f"scale.{name}.skipped_not_built"] = 1.0
            continue
        built = build(n, path)
        if built["built_s"]:
            out[f"scale.{name}.build_s"] = built["built_s"]
        child = subprocess.run(
            [sys.executable, "-m", "bench.bench_scale", "--measure", str(n), str(path)] + (["--profile"] if n >= 100_000 else []),
            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
        if child.returncode != 0:
            raise RuntimeError(f"measuring scale {name} failed:\n{child.stderr[-3000:]}")
        got = json.loads(child.stdout.strip().splitlines()[-1])
        out.update({f"scale.{name}.{k}": v for k, v in got.items()})
        # The vector index against exact search on the same queries, same process: a ratio, not a time.
        out[f"scale.{name}.search.vector_index_vs_exact_p50"] = got["search.vector_index.p50_ms"] / got["search.vector_exact.p50_ms"]
        print(f"  scale {name}: hybrid p95 {got['search.hybrid.p95_ms']:.1f} ms (index {got['search.vector_index.p95_ms']:.1f}, exact "
              f"{got['search.vector_exact.p95_ms']:.1f}, recall@10 {got['search.vector.recall_at_10']:.3f}), assign {got['stories.assign_ms']:.2f} ms, "
              f"peak RSS {got['peak_rss_mb']:.0f} MB", flush=True)
    out.update({f"scale.{k}": v for k, v in real_recall().items()})
    if "scale.1m.stories.assign_ms" in out and "scale.10k.stories.assign_ms" in out:
        out["scale.assign_ratio_1m_vs_10k"] = out["scale.1m.stories.assign_ms"] / out["scale.10k.stories.assign_ms"]
        out["scale.commit_ratio_1m_vs_10k"] = out["scale.1m.stories.commit_ms_per_article"] / out["scale.10k.stories.commit_ms_per_article"]
    rss = [v for k, v in out.items() if k.endswith(".peak_rss_mb")]
    if rss:
        out["scale.peak_rss_mb.max"] = max(rss)
    return out


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(int(sys.argv[2]), Path(sys.argv[3]), profile="--profile" in sys.argv)))
    elif len(sys.argv) >= 3 and sys.argv[1] == "--build":
        n = SCALES[sys.argv[2]]
        print(build(n, STORE_DIR / f"scale_{sys.argv[2]}.db"))
    else:
        from .common import DATA_DIR

        print(json.dumps(run(DATA_DIR, quick="--quick" in sys.argv), indent=1))
