"""Distinctive words in text without spaces (babelwire.compare.words.cjk_words)."""

from __future__ import annotations

from babelwire.compare import distinctive_words
from babelwire.compare.stopwords import stopwords
from babelwire.compare.words import cjk_words, surface_tokens

# From the sample corpus (东方环球网, the Bonn loss-and-damage story).
BONN_ZH = (
    "损失与损害基金协议草案出炉 中方：发达国家应承担出资责任\n"
    "第三十一届联合国气候变化大会（COP31）召开前夕，在德国波恩举行的部长级磋商27日就“损失与损害基金”达成协议草案。"
    "草案提出，到2030年每年为该基金筹集250亿美元，并设立5亿美元的快速拨款窗口，用于帮助遭受飓风、洪水等灾害的国家。"
    "中国代表团负责人在会后表示，草案“朝着正确方向迈出了一步”，但资金来源仍不明确。他强调，根据《联合国气候变化框架公约》"
    "确立的“共同但有区别的责任”原则，发达国家应当率先履行出资义务，不应把责任转嫁给发展中国家。"
    "小岛屿国家联盟认为，250亿美元的目标远低于实际需求。非洲集团谈判代表也表示，以自愿捐款为主的机制难以保证资金及时到位。"
    "北京气候政策研究中心研究员王立新对记者表示，南南合作可以作为有益补充，“但不能替代发达国家的历史责任”。"
)

#: Character bigrams that cross a word boundary in BONN_ZH: QA saw the first three in the compare view.
FRAGMENTS = {"亿美", "达国", "候变", "变化大", "美元的", "国家应"}


def test_chinese_words_are_words_not_bigrams_across_them() -> None:
    # QA (Bonn story, 东方环球网): the distinctive words were "…, 亿美, 发达, …, 达国, 候变".
    tokens = set(surface_tokens(BONN_ZH, "zh"))
    assert {"发达国家", "亿美元", "气候", "草案", "责任"} <= tokens
    assert not tokens & FRAGMENTS


def test_the_distinctive_chinese_words_are_whole_words() -> None:
    other = "Negotiators in Bonn agreed a draft deal on the loss and damage fund ahead of COP31."
    words = [w for w, _ in distinctive_words({"zh": [BONN_ZH], "en": [other]}, {"zh": "zh", "en": "en"})["zh"]]
    assert "发达国家" in words and "亿美元" in words
    assert not set(words) & FRAGMENTS
    assert all(len(w) >= 2 for w in words)


def test_a_stop_character_inside_a_name_does_not_cut_it() -> None:
    # 日, 中, 及 are function characters on their own but part of 日本, 中国, 埃及.
    text = "日本和中国都表示支持。埃及外长说，日本和埃及将合作，中国也将参与。"
    words = cjk_words([text], stopwords("zh"))[0]
    assert {"日本", "中国", "埃及"} <= set(words)
    assert "表示" not in words  # made only of stop characters: "said"


def test_a_word_seen_once_is_kept_when_both_its_ends_are_bounded() -> None:
    # 出炉 occurs once, between the learnt word 草案 and the end of its chunk.
    words = cjk_words(["协议草案出炉，草案提出", "草案原则"], stopwords("zh"))
    assert "出炉" in words[0] and "草案" in words[0]


def test_japanese_katakana_stays_whole_and_kana_particles_cut() -> None:
    words = cjk_words(["日本政府はウクライナへの支援を続ける。日本政府とウクライナは合意した。"], stopwords("zh"))[0]
    assert "ウクライナ" in words
    assert "日本政府" in words or {"日本", "政府"} <= set(words)
    assert not any(ch in "はへのをと" for w in words for ch in w)
