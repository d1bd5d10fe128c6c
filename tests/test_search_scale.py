"""The parts of search that keep it fast in large stores: sign-bit shortlists and newest-first keyword windows."""

from __future__ import annotations

import numpy as np

from babelwire.search import keyword, vectors
from babelwire.store.articles import ArticleFilter


def test_sign_codes_give_the_hamming_distance_of_sign_patterns() -> None:
    rng = np.random.default_rng(3)
    rows = rng.standard_normal((500, 384)).astype(np.float32)
    query = rng.standard_normal(384).astype(np.float32)
    dist = vectors.hamming(vectors.sign_codes(rows), vectors.sign_codes(query[None, :])[:, 0])
    assert dist.tolist() == ((rows > 0) != (query > 0)).sum(axis=1).tolist()
    # A width that is not a multiple of 64 bits is padded with zero bits, which never differ.
    odd = rng.standard_normal((20, 100)).astype(np.float32)
    d = vectors.hamming(vectors.sign_codes(odd), vectors.sign_codes(odd[:1])[:, 0])
    assert d.tolist() == ((odd > 0) != (odd[0] > 0)).sum(axis=1).tolist()


def test_shortlist_takes_the_smallest_distances_ties_included_up_to_size() -> None:
    dist = np.array([5, 1, 9, 3, 3, 3, 7, 0], dtype=np.uint16)
    got = vectors.shortlist(dist, 4)
    assert len(got) == 4
    assert {7, 1} <= set(got.tolist())  # 0 and 1 always; then two of the three 3s
    assert set(dist[got].tolist()) == {0, 1, 3}
    assert sorted(vectors.shortlist(dist, 20).tolist()) == list(range(8))


def test_shortlisted_search_finds_what_exact_search_finds_on_the_sample(sample_bw, monkeypatch) -> None:
    index = sample_bw._vectors
    index.refresh()
    monkeypatch.setattr(vectors, "EXACT_UP_TO", 0)  # force the shortlist on a small store
    monkeypatch.setattr(vectors, "SHORTLIST_MIN", 25)
    monkeypatch.setattr(vectors, "SHORTLIST_PER_HIT", 5)
    found = total = 0
    for aid in index.ids[:30]:
        v = index.vector(aid)
        approx = index.top(v, 5)
        exact = dict(index.top(v, 5, exact=True))
        assert approx[0][0] == aid  # an article is its own nearest
        for other, score in approx:
            if other in exact:
                assert abs(score - exact[other]) < 1e-5  # re-ranked by the exact cosine
        found += len(set(exact) & {a for a, _ in approx})
        total += len(exact)
    assert found / total >= 0.9, found / total
    # A mask still holds on the shortlist path.
    mask = index.mask(lang="sw")
    assert {sample_bw.article(a).lang for a, _ in index.top(index.vector(index.ids[0]), 5, mask)} == {"sw"}


def test_keyword_ranks_in_the_newest_window_then_widens(bw, monkeypatch) -> None:
    places = ["Mombasa", "Kisumu", "Nakuru", "Eldoret", "Malindi", "Garissa", "Kitale", "Lamu"]
    bw.ingest_articles([{"title": "Ukame", "text": "Ukame mkali umeathiri wafugaji wa Turkana kwa miezi sita mfululizo.", "lang": "sw"}])
    bw.ingest_articles(
        [{"title": f"Mvua {p}", "text": f"Mvua kubwa imenyesha mjini {p} na kusababisha mafuriko, wakazi {i} wamehama.", "lang": "sw"}
         for i, p in enumerate(places)]
    )
    newest = bw.store.scalar("SELECT MAX(seq) FROM articles")
    seq = {r[0]: r[1] for r in bw.store.query("SELECT id, seq FROM articles")}
    monkeypatch.setattr(keyword, "KEYWORD_WINDOWS", (3, None))
    hits = keyword.keyword_matches(bw.store, "mvua", ArticleFilter(), k=2)
    assert len(hits) == 2 and all(seq[a] > newest - 3 for a, _, _ in hits)  # the newest window already held 2
    old = keyword.keyword_matches(bw.store, "ukame", ArticleFilter(), k=2)
    assert len(old) == 1 and seq[old[0][0]] <= newest - 3  # too few there: the whole store was searched
    whole = keyword.keyword_matches(bw.store, "mvua", ArticleFilter(), k=20)
    assert len(whole) == len(places)


def test_keyword_hits_that_match_some_words_count_less_in_fusion(bw) -> None:
    from babelwire.search import hybrid

    bw.ingest_articles([
        {"title": "Mvua kubwa Mombasa", "text": "Mvua kubwa imenyesha mjini Mombasa usiku wa kuamkia leo.", "lang": "sw"},
        {"title": "Soko la Mombasa", "text": "Wafanyabiashara wa soko la Mombasa walifungua maduka mapema.", "lang": "sw"},
    ])
    hits = keyword.keyword_matches(bw.store, "mvua kubwa Mombasa", ArticleFilter(), k=10)
    assert [h[2] for h in hits] == [True, False]  # the market report matched "Mombasa" only
    found = {h["title"]: h for h in bw.search("mvua kubwa Mombasa", mode="keyword")}
    assert found["Soko la Mombasa"]["matched"]["keyword"]["all_terms"] is False
    whole = hybrid.fused_score({"keyword": {"rank": 1, "all_terms": True}})
    part = hybrid.fused_score({"keyword": {"rank": 1, "all_terms": False}})
    vector = hybrid.fused_score({"vector": {"rank": 1, "cosine": 0.5}})
    assert whole == vector and part < vector
    assert abs(part - hybrid.PARTIAL_MATCH_WEIGHT * whole) < 1e-12


def test_a_shortlisted_search_is_exact_where_the_shortlist_would_hold_every_row(sample_bw, monkeypatch) -> None:
    index = sample_bw._vectors
    index.refresh()
    v = index.vector(index.ids[0])
    assert index.top(v, 10, shortlisted=True) == index.top(v, 10, exact=True)  # the sample is far under SHORTLIST_MIN
    monkeypatch.setattr(vectors, "SHORTLIST_MIN", 25)
    monkeypatch.setattr(vectors, "SHORTLIST_PER_HIT", 2)
    approx = index.top(v, 10, shortlisted=True)  # now a shortlist of 25 of the sample's rows, below EXACT_UP_TO
    assert approx[0][0] == index.ids[0] and len(approx) == 10
