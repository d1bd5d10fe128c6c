"""The bundled sample corpus: invented articles for the demo and the tests.

``corpus/`` holds the articles in several input formats; ``gold.tsv`` gives
each article's intended story and thread (key: URL, or path under corpus/).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"
GOLD = Path(__file__).parent / "gold.tsv"


def seeds_dir() -> Path | None:
    """The project's two real seed articles, where the evaluation data sits beside the checkout."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base.parent / "shared" / "data" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


def sample_inputs(with_seeds: bool = True) -> list[str]:
    inputs = [str(CORPUS)]
    seeds = seeds_dir() if with_seeds else None
    if seeds:
        inputs.append(str(seeds))
    return inputs


def gold() -> list[dict[str, str]]:
    """Rows of ``gold.tsv``: key, story, thread, lang, source, published."""
    with GOLD.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def gold_by_article(articles: list[Any]) -> list[tuple[Any, dict[str, str]]]:
    """Each stored article of the sample corpus with its ``gold.tsv`` row (others, such as the seeds, are left out)."""
    from ..article import canonical_url

    rows = {}
    for row in gold():
        key = row["key"]
        rows[canonical_url(key) if key.startswith("http") else key] = row
    out = []
    for a in articles:
        rel = (a.origin or "").split(str(CORPUS) + "/")[-1]
        key = canonical_url(a.url) if a.url else rel
        row = rows.get(key) or rows.get(rel.rsplit(":", 1)[0] + "#" + str(a.external_id))
        if row:
            out.append((a, row))
    return out
