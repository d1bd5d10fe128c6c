"""Language ID on NTREX-128 (whole articles and headlines) and ingest throughput without models.

Accuracy: ``babelwire.language.identify`` on each of the 1,230 NTREX articles
(one per document and language: headline + body, as the LanguageStep sees it)
and on the 1,230 headlines alone, per language, against the file's language.

Throughput: the same articles through ``Babelwire.ingest_articles`` with
``embedder="none"`` into a fresh store: the real clean pipeline, language ID,
duplicate checks, the entity step (it still runs without an embedder) and the
store writes; no vectors, so no stories.  The entity step is also timed alone
on the same articles, to say how much of the ingest time it takes.
"""

from __future__ import annotations

import time
from pathlib import Path

from .common import NTREX_LANGS, OUT, fresh_db, ntrex_articles, service


def accuracy(data_dir: Path) -> dict[str, float]:
    from babelwire.language import identify

    articles = ntrex_articles(data_dir)
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    for kind in ("article", "headline"):
        per_lang: dict[str, list[bool]] = {}
        for a in articles:
            text = f"{a.title}\n{a.text}" if kind == "article" else a.title
            per_lang.setdefault(a.lang, []).append(identify(text).lang == a.lang)
        for lang in NTREX_LANGS.values():
            hits = per_lang[lang]
            out[f"langid.{kind}.acc.{lang}"] = sum(hits) / len(hits)
        accs = [out[f"langid.{kind}.acc.{lang}"] for lang in NTREX_LANGS.values()]
        out[f"langid.{kind}.acc.min"] = min(accs)
        out[f"langid.{kind}.acc.mean"] = sum(accs) / len(accs)
        if kind == "article":
            out["langid.article.per_s"] = len(articles) / (time.perf_counter() - t0)
    return out


def throughput(data_dir: Path, quick: bool) -> dict[str, float]:
    from babelwire.article import Article
    from babelwire.entities import EntitiesStep, EntityIndex

    articles = ntrex_articles(data_dir)
    if quick:
        articles = articles[::4]
    path = fresh_db(OUT / "langid" / "nomodel.db")
    with service(path, embedder="none") as bw:
        t0 = time.perf_counter()
        report = bw.ingest_articles([a.record() for a in articles])
        seconds = time.perf_counter() - t0
        stored = bw.articles(limit=0)
    # The entity step alone, on the cleaned articles with their detected language.
    batch = [Article(text=a.text, title=a.title, lang=a.lang) for a in stored]
    step = EntitiesStep(EntityIndex.default())
    t0 = time.perf_counter()
    for i in range(0, len(batch), 32):
        step(batch[i : i + 32])
    ent_seconds = time.perf_counter() - t0
    return {
        "ingest.nomodel.articles": float(report.ingested),
        "ingest.nomodel.failed": float(report.failed),
        "ingest.nomodel.articles_per_s": report.ingested / seconds,
        "ingest.nomodel.entities_articles_per_s": len(batch) / ent_seconds,
        "ingest.nomodel.entities_share": min(1.0, ent_seconds / seconds),
    }


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    return accuracy(data_dir) | throughput(data_dir, quick)


if __name__ == "__main__":
    import json
    import sys

    from .common import DATA_DIR

    print(json.dumps(run(DATA_DIR, quick="--quick" in sys.argv), indent=1))
