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


ZH_A = (
    "日本防卫省星期二宣布，将首次向北约设在德国威斯巴登的乌克兰援助协调司令部派遣自卫队联络官。"
    "官员表示，两名军官将于下月抵达，负责与盟国交换后勤和训练方面的信息，但不会参与作战指挥。"
    "分析人士认为，此举显示东京与北大西洋公约组织的合作正在从政治对话走向具体的防务协调。"
    "中国外交部发言人随后表示，北约不应把手伸向亚太地区，并呼吁有关国家停止制造阵营对抗。"
)
ZH_B = (
    "北约秘书长星期三在布鲁塞尔会见日本、韩国、澳大利亚和新西兰四国代表，讨论网络安全与海上合作。"
    "会后发表的联合声明说，各方同意加强情报共享，并在明年举行首次联合网络防御演习。"
    "朝鲜外务省发表谈话，批评北约向亚洲扩张势力，称这将加剧地区紧张局势。"
    "韩国官员则表示，与北约的合作不针对任何第三方，目的是维护以规则为基础的国际秩序。"
)


def test_chinese_is_shingled_by_characters() -> None:
    # Written without spaces, a Chinese body used to be one "word": no shingles, never a near-duplicate.
    assert len(shingles(ZH_A)) > 100
    copy = "新标题：日本派员赴北约\n" + ZH_A[: int(len(ZH_A) * 0.9)] + "\n分享到微信 评论"
    assert jaccard(signature(ZH_A), signature(copy)) >= NEAR_DUP_JACCARD  # type: ignore[arg-type]
    assert jaccard(signature(ZH_A), signature(ZH_B)) < 0.2  # type: ignore[arg-type]


def test_a_second_check_reuses_the_signature_only_for_the_same_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Ingest checks each article twice; a failed batch is cleaned again, and its text may change."""
    import numpy as np

    from babelwire.article import Article
    from babelwire.dedup import Deduplicator
    from babelwire.store.db import Store

    rng = random.Random(11)
    a = Article(title="Kichwa", text=text(rng, 200)).identify()
    store = Store(tmp_path / "d.db")
    store.ensure()
    with store.transaction() as conn:
        assert Deduplicator(conn).check(a) is None
        first = a.meta["_minhash"]
        assert np.array_equal(first, signature(a.text))
        assert Deduplicator(conn).check(a) is None and a.meta["_minhash"] is first  # reused, not recomputed
        a.text = text(rng, 200)  # cleaned again, differently
        a.identify()
        assert Deduplicator(conn).check(a) is None
        assert np.array_equal(a.meta["_minhash"], signature(a.text)) and not np.array_equal(a.meta["_minhash"], first)


FOOTER = (
    "About Coastal Herald: The Coastal Herald is an independent newspaper founded in 1998 and published daily in "
    "Mombasa. All content is copyright Coastal Herald Media Group and may not be reproduced, distributed, transmitted, "
    "cached or otherwise used without prior written permission. To subscribe to our print edition, call our customer "
    "care line or visit any of our offices in Mombasa, Malindi, Kilifi and Lamu. Follow us on social media for breaking "
    "news and updates throughout the day, and sign up for our newsletter for a daily digest of the top stories."
)


def test_short_items_sharing_a_long_footer_are_all_stored(bw) -> None:  # type: ignore[no-untyped-def]
    # Before the footer is learned as chrome it is most of each item's text: the MinHash
    # said 80% alike, and all but the first item were set aside, unstored.
    items = [
        ("Mombasa bans plastic bags at beaches", "The county assembly in Mombasa voted to ban single-use plastic bags at beaches from January."),
        ("Floods hit Kilifi roads", "Heavy rain flooded several roads in Kilifi town on Monday evening, and residents were advised to stay home."),
        ("Fire guts Malindi market stalls", "A fire destroyed dozens of stalls at the main market in Malindi early on Tuesday; no one was hurt."),
    ]
    report = bw.ingest_articles([{"title": t, "text": f"{body}\n\n{FOOTER}", "source": "Coastal Herald", "url": f"https://ch.example/{i}"}
                                 for i, (t, body) in enumerate(items)])
    assert report.ingested == 3 and report.near_duplicates == 0
    # A second outlet's re-run of one of them, same lead, is still a near-duplicate.
    rerun = {"title": "Plastic bags banned on Mombasa beaches", "text": f"{items[0][1]}\n\n{FOOTER}\n\nShared from Coastal Herald.",
             "source": "Pwani Leo", "url": "https://pl.example/x"}
    assert bw.ingest_articles([rerun]).near_duplicates == 1


def test_templated_briefs_are_compared_with_a_bounded_few_and_a_rerun_is_still_found(tmp_path, monkeypatch) -> None:
    # Results briefs share most of their bands with every earlier brief: checking all of them
    # made ingest quadratic (5,000 briefs took about 3 minutes).  A re-run of an old brief shares
    # every band with it, so it still ranks among the few compared.
    from babelwire import Babelwire, dedup

    def brief(i: int) -> dict[str, str]:
        return {"id": f"b{i}", "lang": "en", "title": f"Market report {i}",
                "text": f"Traders in Kano said on day {i} that the price of maize reached {1000 + 7 * i} naira a bag, "
                        f"with lot {i * 31} sold before noon and more expected at the {i}th auction of the season."}

    compared: list[int] = []
    real = dedup.Deduplicator._candidates
    monkeypatch.setattr(dedup.Deduplicator, "_candidates", lambda self, sig: compared.append(len(found := real(self, sig))) or found)
    with Babelwire(tmp_path / "b.db", embedder="none") as bw:
        first = bw.ingest_articles([brief(i) for i in range(300)])
        rerun = brief(5) | {"id": "rerun-of-5", "title": "Market report 5 (corrected)"}
        rerun["text"] = rerun["text"].replace("before noon", "before midday")
        again = bw.ingest_articles([rerun])
    assert first.ingested == 300 and first.near_duplicates == 0
    assert again.near_duplicates == 1
    original = "SELECT a.external_id FROM near_duplicates n JOIN articles a ON a.id = n.duplicate_of WHERE n.title LIKE '%corrected%'"
    assert bw.store.scalar(original) == "b5"
    assert compared and max(compared) <= dedup.MAX_CANDIDATES
