"""MinHash near-duplicates: the estimate tracks the true Jaccard similarity of 3-shingles."""

from __future__ import annotations

import random

from babelwire.dedup import NEAR_DUP_JACCARD, jaccard, shingles, signature

VOCAB = [f"w{i}" for i in range(3000)]


def text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n))


def true_jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_estimate_tracks_true_jaccard() -> None:
    rng = random.Random(3)
    for _ in range(30):
        common = text(rng, rng.randint(0, 600))
        a = common + " " + text(rng, rng.randint(50, 600))
        b = common + " " + text(rng, rng.randint(50, 600))
        sig_a, sig_b = signature(a), signature(b)
        assert sig_a is not None and sig_b is not None
        assert abs(jaccard(sig_a, sig_b) - true_jaccard(a, b)) < 0.15


def test_long_unrelated_articles_sharing_a_sentence_are_not_duplicates() -> None:
    # Regression: a hash family that never wrapped let the smallest shingle hash win
    # almost every permutation, so such articles scored 0.78.
    rng = random.Random(5)
    shared = "the foreign minister told the united nations on saturday"
    a = shared + " " + text(rng, 700)
    b = shared + " " + text(rng, 700)
    assert jaccard(signature(a), signature(b)) < 0.1  # type: ignore[arg-type]


def test_rerun_wire_story_is_a_near_duplicate() -> None:
    rng = random.Random(9)
    body = text(rng, 300)
    a = "Headline one\n" + body + "\nShare this"
    b = "Another headline for the same wire\n" + body + "\nRead more: other stories"
    assert jaccard(signature(a), signature(b)) >= NEAR_DUP_JACCARD  # type: ignore[arg-type]
