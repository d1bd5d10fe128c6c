"""Quote finding on long articles: time per character at 32 times the length, over time per character
at 1 times, on the same language's text in the same run.

The framing comparison reads every article of a story for quotes
(``babelwire.compare.find_quotes``).  Its speaker rules once scanned every
mention and verb of the text for each token and quote, so time grew with the
square of the length: an 830 KB article took 105 s to compare (QA, fifteenth
stop).  The text here is the sample corpus's articles of one language (real
prose with quotes, names and verbs of saying, written for this repository),
cleaned and tagged by the real pipeline, joined into one text and repeated
``REPEAT`` times; mentions come from the entity step on that text.  A ratio near
1 is linear time; quadratic time gives about ``REPEAT``.

Reported per language: ``compare.quotes.<lang>.scaling`` (the ratio) and
``compare.quotes.<lang>.kchars_per_s`` (at 1 times); ``compare.quotes.scaling.max``.
Needs no evaluation data.

    .venv/bin/python -m bench.bench_compare
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .common import OUT, fresh_db, service

#: Times the base text is repeated for the long measurement.
REPEAT = 32
#: Languages measured: one per script family with quotes in the sample corpus.
LANGS = ("en", "ar", "sw", "zh", "ru", "yo")
#: Timings of the short text are the best of this many (it takes milliseconds).
SHORT_RUNS = 5


def _best(fn: object, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def measure(langs: tuple[str, ...] = LANGS, repeat: int = REPEAT) -> dict[str, float]:
    from babelwire.compare import find_quotes
    from babelwire.sample import sample_inputs

    path = fresh_db(OUT / "compare" / "sample.db")
    out: dict[str, float] = {}
    with service(path, embedder="none") as bw:
        bw.ingest(sample_inputs(with_seeds=False))
        index = bw.entity_index
        for lang in langs:
            texts = [a.text for a in bw.articles(lang=lang, limit=0)]
            if not texts:
                continue
            base = "\n\n".join(texts)
            long = "\n\n".join([base] * repeat)
            short_mentions, long_mentions = index.extract(base, lang), index.extract(long, lang)
            short = _best(lambda b=base, lg=lang, ms=short_mentions: find_quotes(b, lg, ms), SHORT_RUNS)
            t0 = time.perf_counter()
            find_quotes(long, lang, long_mentions)
            whole = time.perf_counter() - t0
            out[f"compare.quotes.{lang}.scaling"] = round((whole / len(long)) / (short / len(base)), 3)
            out[f"compare.quotes.{lang}.kchars_per_s"] = round(len(base) / short / 1000, 1)
            out[f"compare.quotes.{lang}.chars"] = len(long)
    ratios = [v for k, v in out.items() if k.endswith(".scaling")]
    if ratios:
        out["compare.quotes.scaling.max"] = max(ratios)
    return out


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    """The runner's interface (needs no evaluation data): ``quick`` repeats the text 8 times, not 32."""
    return measure(repeat=8 if quick else REPEAT)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    print(json.dumps(measure(), indent=2))
