"""Hermetic tests of the benchmark machinery: metrics, data readers, replay, runner and gate."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bench import gate, run
from bench.bench_stories import Stream, replay, scores, tfidf
from bench.common import ari, bcubed, ntrex_articles, pearson, split_docs


# -- metrics ------------------------------------------------------------------------
def test_bcubed_perfect_and_degenerate():
    gold = ["a", "a", "b", "b", "b"]
    assert bcubed(gold, ["x", "x", "y", "y", "y"]) == pytest.approx((1.0, 1.0, 1.0))
    p, r, _ = bcubed(gold, ["one"] * 5)  # one big cluster: recall 1, precision (2·2/5·... )
    assert r == pytest.approx(1.0)
    assert p == pytest.approx((2 * 2 / 5 + 3 * 3 / 5) / 5)
    p, r, _ = bcubed(gold, list("12345"))  # singletons: precision 1
    assert p == pytest.approx(1.0)
    assert r == pytest.approx((2 * 0.5 + 3 / 3) / 5)


def test_bcubed_hand_computed():
    # gold {0,1,2} {3,4}; pred {0,1} {2,3,4}
    p, r, f = bcubed([0, 0, 0, 1, 1], ["p", "p", "q", "q", "q"])
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert f == pytest.approx(2 * p * r / (p + r))


def test_ari_known_values():
    assert ari([0, 0, 1, 1], [5, 5, 7, 7]) == pytest.approx(1.0)
    # sklearn.metrics.adjusted_rand_score([0,0,0,1,1,1],[0,0,1,1,2,2]) == 0.24242424...
    assert ari([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.2424242424)
    assert ari([0, 1, 0, 1], [0, 0, 1, 1]) < 0


def test_pearson():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0


def test_tfidf_rows():
    m = tfidf(["the cat sat", "the cat sat", "dog runs fast", "dog runs"])
    norms = np.linalg.norm(m, axis=1)
    assert m[0] @ m[1] == pytest.approx(1.0, abs=1e-6)  # identical documents
    assert m[0] @ m[2] == 0.0  # no shared word
    assert 0 < m[2] @ m[3] < 1
    assert np.all(norms <= 1.0 + 1e-6)


# -- data ---------------------------------------------------------------------------
def _fake_ntrex(tmp_path: Path) -> Path:
    folder = tmp_path / "ntrex128"
    folder.mkdir()
    (folder / "DOCUMENT_IDS.tsv").write_text("d1\nd1\nd1\nd2\nd2\n", encoding="utf-8")
    for code in ("eng", "arb", "swa", "fra", "deu", "spa", "hau", "amh", "som", "yor"):
        name = "newstest2019-src.eng.txt" if code == "eng" else f"newstest2019-ref.{code}.txt"
        (folder / name).write_text(f"{code} head one\n{code} a\n{code} b\n{code} head two\n{code} c\n", encoding="utf-8")
    return tmp_path


def test_ntrex_articles_headline_and_body(tmp_path):
    arts = ntrex_articles(_fake_ntrex(tmp_path))
    assert len(arts) == 20
    first = [a for a in arts if a.lang == "sw" and a.doc == "d1"][0]
    assert first.title == "swa head one"
    assert first.text == "swa a\nswa b"
    assert "lang" not in first.record() and "published" not in first.record()
    assert len(ntrex_articles(tmp_path, ("en", "ar"))) == 4


def test_ntrex_misaligned_file_is_an_error(tmp_path):
    data = _fake_ntrex(tmp_path)
    (data / "ntrex128" / "newstest2019-ref.hau.txt").write_text("only one line\n", encoding="utf-8")
    with pytest.raises(ValueError, match="hau"):
        ntrex_articles(data)


def test_masakhanews_articles_are_seeded_singletons(tmp_path):
    from bench.common import masakhanews_articles

    for code in ("swa", "fra", "eng"):
        folder = tmp_path / "masakhanews" / code
        folder.mkdir(parents=True)
        rows = "".join(f'politics\t{code} head {i}\t"{code} body {i}\nsecond line"\thttp://x/{i}\n' for i in range(5))
        (folder / "dev.tsv").write_text("category\theadline\ttext\turl\n" + rows, encoding="utf-8")
    arts = masakhanews_articles(tmp_path, per_lang=3, seed=2)
    assert len(arts) == 9 and len({a.key for a in arts}) == 9  # each its own story
    sw = [a for a in arts if a.lang == "sw"]
    assert all(a.title.startswith("swa head") and a.text.endswith("second line") for a in sw)
    assert sw[0].record()["source"] == "masakhanews"
    assert [a.key for a in masakhanews_articles(tmp_path, per_lang=3, seed=2)] == [a.key for a in arts]


def test_masakhanews_calibration_part_never_holds_a_test_article(tmp_path, monkeypatch):
    from bench import common

    for code in ("swa", "fra", "eng"):
        folder = tmp_path / "masakhanews" / code
        folder.mkdir(parents=True)
        rows = "".join(f"politics\t{code} head {i}\t{code} body {i}\thttp://x/{i}\n" for i in range(12))
        (folder / "dev.tsv").write_text("category\theadline\ttext\turl\n" + rows, encoding="utf-8")
    monkeypatch.setattr(common, "MIXED_TEST_PER_LANG", 8)
    test = {a.key for a in common.masakhanews_articles(tmp_path, per_lang=8)}
    calib = {a.key for a in common.masakhanews_articles(tmp_path, per_lang=100, part="calib")}
    assert len(test) == 24 and len(calib) == 12 and not test & calib  # the 4 rows per language the test leaves


def test_split_is_seeded_and_disjoint(tmp_path):
    arts = ntrex_articles(_fake_ntrex(tmp_path))
    a, b = split_docs(arts, 3)
    assert a | b == {"d1", "d2"} and not a & b
    assert split_docs(arts, 3) == (a, b)


# -- replay ----------------------------------------------------------------------------
def test_replay_separates_two_stories_across_languages():
    rng = np.random.default_rng(0)
    dirs = rng.standard_normal((2, 384)) * 2
    lang_shift = {"en": rng.standard_normal(384), "sw": rng.standard_normal(384)}
    keys, vecs, langs, gold = [], [], [], []
    for i in range(16):
        story, lang = i % 2, ("en", "sw")[(i // 2) % 2]
        v = dirs[story] + lang_shift[lang] + 0.1 * rng.standard_normal(384)
        keys.append(f"d{story}|{lang}|{i}")
        vecs.append(v / np.linalg.norm(v))
        langs.append(lang)
        gold.append(f"d{story}")
    s = Stream(ids=[f"id{i:04d}" for i in range(16)], keys=keys, batch=[i // 4 for i in range(16)], gold=gold, gold_lang=langs, langs=langs, story=[""] * 16, vectors=np.array(vecs, dtype=np.float32),
               entities=[frozenset()] * 16, places=[frozenset()] * 16, texts=[""] * 16)
    got = scores(s, replay(s))
    assert got["b3_f1"] == pytest.approx(1.0)
    # The threshold is the clusterer's: above any possible score, every article starts a story.
    assert len(set(replay(s, join_threshold=1.5))) == 16


# -- runner and gate -----------------------------------------------------------------------
def test_run_one_skips_missing_module():
    assert "skipped" in run.run_one("does_not_exist", Path("."), False)


def test_interface_mismatch_is_named():
    def good(data_dir, quick=False):
        return {}

    def no_quick(data_dir, *, embed=True):
        return {}

    def wrong_first(store=None, *, quick=False):
        return {}

    assert run.interface_mismatch(good) is None
    assert "quick" in run.interface_mismatch(no_quick)
    assert "store" in run.interface_mismatch(wrong_first)


def test_merge_replaces_a_benchmarks_metrics_and_markdown_shows_floors():
    results = {"machine": {"cpu_count": 2}, "benchmarks": {}, "metrics": {}}
    run.merge(results, "x", {"metrics": {"x.a": 1.0, "x.old": 2.0}, "seconds": 1.0}, False)
    run.merge(results, "x", {"metrics": {"x.a": 0.5}, "seconds": 1.0}, True)
    run.merge(results, "y", {"skipped": "not here"}, False)
    assert results["metrics"] == {"x.a": 0.5}
    md = run.markdown(results, {"x.a": {"min": 0.4}})
    assert "| `x.a` | 0.5000 | ≥ 0.4000 |" in md
    assert "Skipped: not here" in md


def test_gate_flags_floors_ceilings_and_missing():
    floors = {"acc": {"min": 0.9}, "ms": {"max": 100.0}, "gone": {"min": 1.0}}
    problems = gate.check({"acc": 0.8, "ms": 150.0}, floors)
    assert len(problems) == 3
    assert gate.check({"acc": 0.95, "ms": 50.0, "gone": 2.0}, floors) == []
    assert gate.check({"acc": 0.95, "ms": 50.0}, floors, allow_missing=True) == []


def test_gate_update_never_loosens():
    floors = {"acc": {"min": 0.9}, "ms": {"max": 100.0}}
    new, changes = gate.tightened({"acc": 0.5, "ms": 500.0}, floors)
    assert new == floors and changes == []
    new, changes = gate.tightened({"acc": 0.99, "ms": 50.0}, floors)
    assert 0.9 < new["acc"]["min"] < 0.99 and 50.0 < new["ms"]["max"] < 100.0
    assert len(changes) == 2


def test_gate_main_exit_codes(tmp_path):
    res, fl = tmp_path / "r.json", tmp_path / "f.json"
    res.write_text(json.dumps({"metrics": {"acc": 0.8}}))
    fl.write_text(json.dumps({"acc": {"min": 0.9}}))
    assert gate.main(["--results", str(res), "--floors", str(fl)]) == 1
    fl.write_text(json.dumps({"acc": {"min": 0.7}}))
    assert gate.main(["--results", str(res), "--floors", str(fl), "--update"]) == 0
    assert json.loads(fl.read_text())["acc"]["min"] == pytest.approx(0.784)


def test_gate_update_tightens_accuracies_but_leaves_timings_alone():
    floors = {"f1": {"min": 0.5}, "ratio": {"min": 0.82, "timing": True}, "p95_ms": {"max": 300.0, "timing": True}}
    metrics = {"f1": 0.9, "ratio": 0.97, "p95_ms": 40.0}
    new, changes = gate.tightened(metrics, floors)
    assert new["f1"]["min"] == round(0.9 * 0.98, 4) and len(changes) == 1
    assert new["ratio"] == floors["ratio"] and new["p95_ms"] == floors["p95_ms"]
    # A timing bound is still checked.
    assert gate.check({"f1": 0.9, "ratio": 0.7, "p95_ms": 40.0}, new) == ["ratio: 0.7000 is below its floor 0.8200"]


def test_search_scores_count_other_languages_and_leave_out_the_query_itself():
    from bench.bench_search import score_mode

    class FakeService:
        def __init__(self, results):
            self.results = results

        def search(self, query, limit, mode):
            return [{"id": i} for i in self.results[query]][:limit]

    bw = FakeService({"q1": ["own1", "x", "r1", "r2"], "q2": ["r3", "own2"], "q3": ["y", "z"]})
    queries = [("q1", "own1", "en", {"r1", "r2", "r9"}), ("q2", "own2", "sw", {"r3"}), ("q3", "own3", "sw", {"r4"})]
    got = score_mode(bw, queries, "hybrid")
    assert got["recall_at_10"] == (2 / 3 + 1 + 0) / 3
    assert got["mrr"] == (1 / 2 + 1 + 0) / 3  # own1 is not counted: r1 is second after x
    assert got["success_at_1"] == 1 / 3
    assert got["recall_at_10.sw"] == 0.5 and got["recall_at_10.min"] == 0.5


def test_similar_rankings_score_the_first_nine_against_the_translations():
    from bench.bench_search import OTHER_LANGS, rank_scores

    nine = [f"t{i}" for i in range(9)]
    rankings = [
        ("en", nine + ["x"], set(nine)),  # all nine first
        ("yo", ["x"] + nine[:8] + ["t8"], set(nine)),  # one unrelated first pushes t8 out of the nine
        ("yo", ["x", "y"], {"t0"}),  # fewer relevant than nine: scored against those there are
    ]
    got = rank_scores(rankings, OTHER_LANGS, "precision_at_9")
    assert got["precision_at_9"] == (1 + 8 / 9 + 0) / 3
    assert got["mrr"] == (1 + 1 / 2 + 0) / 3 and got["success_at_1"] == 1 / 3
    assert got["precision_at_9.en"] == 1 and got["precision_at_9.min"] == got["precision_at_9.yo"] == 4 / 9
