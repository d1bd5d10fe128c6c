"""The framing comparison (babelwire.compare): c-TF-IDF words, tone, and compare() over one story told six ways."""

from __future__ import annotations

import json

import pytest

import babelwire.compare as comparemod
from babelwire.article import Article, Mention
from babelwire.compare import Comparison, compare, distinctive_words, render_text, tone
from babelwire.compare.tone import NEGATIVE_BELOW, POSITIVE_ABOVE, label_for


def article(aid: str, source: str, lang: str, title: str, text: str, ents: list[tuple[str, str, str, int]]) -> Article:
    """An article with mentions given as (surface, entity id, type, nth occurrence)."""
    mentions = []
    for surface, eid, type_, nth in ents:
        at = -1
        for _ in range(nth + 1):
            at = text.index(surface, at + 1)
        mentions.append(Mention(eid, surface, type_, at, at + len(surface)))
    return Article(text=text, title=title, source=source, lang=lang, entities=mentions, id=aid)


JAPAN, NATO, UKRAINE, TOKYO, CHINA, RUSSIA, ASIA = "Q17", "Q7184", "Q212", "Q1490", "Q148", "Q159", "Q48"
NAKATANI, RUTTE, KIM, LAVROV, ZAKHAROVA, MAO, YOKOSUKA, NKOREA = (
    "Q_nak",
    "Q_rutte",
    "Q_kim",
    "Q_lav",
    "Q_zak",
    "Q_mao",
    "Q_yok",
    "Q423",
)

EN = article(
    "en1",
    "AP",
    "en",
    "Japan seeks a role in NATO's Ukraine mission",
    "Japan wants to join NATO's Ukraine training mission, Defence Minister Gen Nakatani said on Tuesday. "
    '"Japan and NATO both face many challenges," Nakatani told reporters in Tokyo after talks with Mark Rutte. '
    "Rutte said that the alliance welcomed the closer cooperation. "
    "The frigate visit to Yokosuka showed the partnership: the frigate crew greeted the guests and the frigate sailed on.",
    [("Japan", JAPAN, "LOC", 0), ("NATO", NATO, "ORG", 0), ("Ukraine", UKRAINE, "LOC", 0), ("Gen Nakatani", NAKATANI, "PER", 0),
     ("Nakatani", NAKATANI, "PER", 1), ("Tokyo", TOKYO, "LOC", 0), ("Mark Rutte", RUTTE, "PER", 0), ("Rutte", RUTTE, "PER", 1),
     ("Yokosuka", YOKOSUKA, "LOC", 0), ("Tuesday", "D_tue", "DATE", 0)],
)  # fmt: skip
AR = article(
    "ar1",
    "Asharq",
    "ar",
    "اليابان تريد الانضمام إلى مهمة الناتو",
    "أعربت اليابان عن اهتمامها بالمشاركة في مهمة الناتو في أوكرانيا. وقال ناكاتاني إن اليابان تريد تعميق التعاون الأمني مع الناتو.\n\n"
    "وقال روته: “الصين تدعم جهود روسيا”.",
    [("اليابان", JAPAN, "LOC", 0), ("الناتو", NATO, "ORG", 0), ("أوكرانيا", UKRAINE, "LOC", 0), ("ناكاتاني", NAKATANI, "PER", 0),
     ("اليابان", JAPAN, "LOC", 1), ("الناتو", NATO, "ORG", 1), ("روته", RUTTE, "PER", 0), ("الصين", CHINA, "LOC", 0),
     ("روسيا", RUSSIA, "LOC", 0)],
)  # fmt: skip
SW = article(
    "sw1",
    "Mwananchi",
    "sw",
    "Korea Kaskazini yalaani ushirikiano wa Japan na NATO",
    "Korea Kaskazini imelaani ushirikiano wa kijeshi kati ya Japan na NATO. "
    "Afisa wa wizara, Kim Seol-hwa, alisema kwamba NATO inataka kuingia Asia kupitia Japan. "
    '"Huu ni uchochezi hatari kwa eneo zima," alisema Kim.',
    [("Korea Kaskazini", NKOREA, "LOC", 0), ("Japan", JAPAN, "LOC", 0), ("NATO", NATO, "ORG", 0), ("Kim Seol-hwa", KIM, "PER", 0),
     ("NATO", NATO, "ORG", 1), ("Asia", ASIA, "LOC", 0), ("Japan", JAPAN, "LOC", 1), ("Kim", KIM, "PER", 1)],
)  # fmt: skip
FR = article(
    "fr1",
    "Le Monde",
    "fr",
    "Le Japon se rapproche de l'OTAN",
    "« Le Japon est un partenaire essentiel de l'OTAN », a déclaré Mark Rutte à Tokyo. "
    "Selon le ministre japonais, la coopération avec l'Ukraine va s'approfondir.",
    [("Japon", JAPAN, "LOC", 0), ("OTAN", NATO, "ORG", 0), ("Mark Rutte", RUTTE, "PER", 0), ("Tokyo", TOKYO, "LOC", 0),
     ("Ukraine", UKRAINE, "LOC", 0)],
)  # fmt: skip
RU = article(
    "ru1",
    "RIA",
    "ru",
    "Лавров: НАТО идёт в Азию",
    "«Расширение НАТО в Азию угрожает стабильности», — заявил Сергей Лавров. "
    "Мария Захарова заявила, что Япония становится частью военного блока.",
    [("НАТО", NATO, "ORG", 0), ("Азию", ASIA, "LOC", 0), ("Сергей Лавров", LAVROV, "PER", 0), ("Мария Захарова", ZAKHAROVA, "PER", 0),
     ("Япония", JAPAN, "LOC", 0)],
)  # fmt: skip
ZH = article(
    "zh1",
    "Xinhua",
    "zh",
    "外交部：北约东进破坏稳定",
    "外交部发言人毛宁表示：“北约东进亚太破坏地区和平稳定。”毛宁称，日本应当停止挑衅。",
    [("毛宁", MAO, "PER", 0), ("北约", NATO, "ORG", 0), ("毛宁", MAO, "PER", 1), ("日本", JAPAN, "LOC", 0)],
)
EN2 = article(
    "en2",
    "Reuters",
    "en",
    "Japan and NATO deepen ties",
    "Japan and NATO agreed to deepen their partnership, and Japan will send officers to the NATO mission for Ukraine, Japan said.",
    [("Japan", JAPAN, "LOC", 0), ("NATO", NATO, "ORG", 0), ("Japan", JAPAN, "LOC", 1), ("NATO", NATO, "ORG", 1),
     ("Ukraine", UKRAINE, "LOC", 0), ("Japan", JAPAN, "LOC", 2)],
)  # fmt: skip
STORY = [EN, AR, SW, FR, RU, ZH, EN2]

ENGLISH = {JAPAN: "Japan", NATO: "NATO", RUTTE: "Mark Rutte", NAKATANI: "Gen Nakatani", MAO: "Mao Ning", KIM: "Kim Seol-hwa"}


def display_name(eid: str, lang: str) -> str:
    assert lang == "en"
    return ENGLISH.get(eid, "")


def ids(items) -> set[str]:
    return {e.id for e in items}


@pytest.fixture(scope="module")
def by_source() -> Comparison:
    return compare(STORY, display_name=display_name)


def test_public_interface():
    assert {"compare", "Comparison", "find_quotes", "distinctive_words", "tone", "render_text"} <= set(comparemod.__all__)


def test_story_level_fields(by_source):
    assert by_source.languages == ["ar", "en", "fr", "ru", "sw", "zh"]
    assert by_source.outlets == ["AP", "Asharq", "Le Monde", "Mwananchi", "RIA", "Reuters", "Xinhua"]
    assert ids(by_source.shared_entities) == {JAPAN, NATO}
    japan = next(e for e in by_source.shared_entities if e.id == JAPAN)
    assert japan.count == 11  # every mention of Q17 across the seven articles


def test_entities_only_one_side_mentions(by_source):
    only = {g.key: ids(g.only_here) for g in by_source.groups}
    assert only == {
        "AP": {YOKOSUKA},
        "Asharq": {CHINA, RUSSIA},
        "Mwananchi": {NKOREA, KIM},
        "Le Monde": set(),
        "RIA": {LAVROV, ZAKHAROVA},
        "Xinhua": {MAO},
        "Reuters": set(),
    }
    for g in by_source.groups:
        assert ids(g.shared) == {JAPAN, NATO}
        assert "D_tue" not in ids(g.entities)  # dates are not compared


def test_display_names_in_reader_language(by_source):
    xinhua = by_source.group("Xinhua")
    assert {e.name for e in xinhua.only_here} == {"Mao Ning"}
    asharq = by_source.group("Asharq")
    assert {e.id: e.name for e in asharq.entities}[CHINA] == "الصين"  # no display name: the mention's own
    speakers = {s.entity: s for s in asharq.speakers}
    assert speakers[RUTTE].name == "Mark Rutte" and speakers[RUTTE].quotes == ("الصين تدعم جهود روسيا",)
    assert speakers[NAKATANI].name == "Gen Nakatani"


def test_who_is_quoted_per_outlet(by_source):
    quoted = {g.key: {s.entity: s.count for s in g.speakers} for g in by_source.groups}
    assert quoted["AP"] == {NAKATANI: 2, RUTTE: 1}
    assert quoted["Mwananchi"] == {KIM: 2}
    assert quoted["RIA"] == {LAVROV: 1, ZAKHAROVA: 1}
    assert quoted["Xinhua"] == {MAO: 2}  # 毛宁表示：“…” and 毛宁称，…
    assert quoted["Le Monde"].get(RUTTE) == 1


def test_distinctive_word_unique_to_one_outlet_tops_it(by_source):
    ap = by_source.group("AP")
    assert ap.words[0][0] == "frigate"  # AP and Reuters both write English; only AP has the frigate
    assert all(w != "frigate" for g in by_source.groups if g.key != "AP" for w, _ in g.words)
    assert "the" not in {w for w, _ in ap.words}  # stop words are dropped
    assert "毛宁" in {w for w, _ in by_source.group("Xinhua").words}  # CJK character bigrams


def test_distinctive_words_merges_arabic_clitics_and_drops_stop_words():
    groups = {"x": ["واليابان اليابان باليابان والصين", "في من إلى"], "y": ["الصين وروسيا روسيا"]}
    words = distinctive_words(groups, {"x": "ar", "y": "ar"}, top=5)
    japan = [w for w, _ in words["x"] if "يابان" in w]
    assert len(japan) == 1 and words["x"][0][0] == japan[0]  # one term, shown as a surface form
    assert not {"في", "من", "إلى"} & {w for w, _ in words["x"]}


def test_c_tf_idf_weights_follow_bertopic():
    # Two classes of 4 terms; A = 4; "shared" occurs 2x overall, "alpha" once.
    words = distinctive_words(
        {"a": ["shared alpha beta gamma"], "b": ["shared delta epsilon zeta"]}, {"a": "en", "b": "en"}, top=4
    )
    weights = dict(words["a"])
    import math

    assert weights["alpha"] == pytest.approx(0.25 * math.log(1 + 4 / 1))
    assert weights["shared"] == pytest.approx(0.25 * math.log(1 + 4 / 2))


def test_group_by_language():
    c = compare(STORY, by="lang")
    assert [g.key for g in c.groups][0] == "en" and {g.key for g in c.groups} == {"ar", "en", "fr", "ru", "sw", "zh"}
    assert len(c.group("en").articles) == 2
    assert c.outlets[-1] == "Xinhua" and "Reuters" in c.outlets


@pytest.mark.parametrize(
    ("lang", "positive", "negative"),
    [
        (
            "en",
            "The peace agreement was welcomed as a breakthrough and a success.",
            "The war and missile attacks raised fear of a crisis.",
        ),
        (
            "fr",
            "L'accord de paix est un succès et un espoir pour la coopération.",
            "La guerre et les attaques de missiles font craindre une crise.",
        ),
        ("ar", "رحب الوزير باتفاق السلام وبالتعاون ونجاح الشراكة.", "أثارت الحرب والهجمات الصاروخية القلق والمخاوف من أزمة."),
        (
            "sw",
            "Makubaliano ya amani yalikaribishwa kwa matumaini na ushirikiano.",
            "Vita na mashambulizi ya makombora yamezua hofu na wasiwasi.",
        ),
        ("ru", "Соглашение о сотрудничестве стало успехом и дало надежду.", "Война и ракетные удары вызвали страх и кризис."),
        ("zh", "双方签署和平协议，加强合作，取得成功。", "战争和导弹袭击引发担忧和危机。"),
        ("es", "El acuerdo de paz fue un éxito y una esperanza.", "La guerra y los ataques causaron miedo y una crisis."),
        (
            "de",
            "Das Abkommen brachte Frieden, Hoffnung und Erfolg.",
            "Der Krieg und die Angriffe lösten Angst und eine Krise aus.",
        ),
        ("ha", "Yarjejeniya ta kawo lafiya da nasara.", "Yaƙi da hari sun jawo tsoro da damuwa."),
        # Somali verbs as news writes them (person endings): the sample's Tokyo-office report read neutral, no word found
        ("so", "Dowladda ayaa bogaadisay heshiiska iyo iskaashiga labada dal.",
         "Kuuriyada Waqooyi ayaa cambaareysay qorshaha, waxayna ka digtay dagaal."),
        ("yo", "Ìjọba yìí ní ìrètí pé àdéhùn náà yóò mú àlàáfíà wá.", "Ìjà àti ìkọlù náà dá ìbẹ̀rù àti àníyàn sílẹ̀."),
    ],
)
def test_tone_sign(lang, positive, negative):
    pos, neg = tone(positive, lang), tone(negative, lang)
    assert pos.score > POSITIVE_ABOVE and pos.label == "positive" and pos.positive
    assert neg.score < NEGATIVE_BELOW and neg.label == "negative" and (neg.negative or neg.conflict)
    assert -1 < neg.score < 0 < pos.score < 1


def test_place_names_that_are_also_words_carry_no_tone():
    # review: "Ìpínlẹ̀ Ogun" (Ogun State) read as war, Lagos's Yaba district as praise
    assert tone("Gómìnà Ìpínlẹ̀ Ogun ṣe ìpàdé pẹ̀lú àwọn olùkọ́.", "yo").label == "neutral"
    assert tone("Ɗalibai sun koma makaranta a Yaba ranar Litinin.", "ha").label == "neutral"


def test_tone_explains_itself_and_neutral_cases():
    t = tone("The minister welcomed the agreement but voiced concern about the war.", "en")
    assert dict(t.drivers) == {"welcomed": 1, "agreement": 1, "concern": -1, "war": -1}
    assert t.conflict == {"war": 1} and t.label == "neutral"
    assert tone("The committee met on Tuesday in Geneva.", "en").label == "neutral"
    assert tone("anything at all", "xx").score == 0.0
    assert label_for(NEGATIVE_BELOW) == "neutral" and label_for(NEGATIVE_BELOW - 0.01) == "negative"
    assert label_for(POSITIVE_ABOVE) == "neutral" and label_for(POSITIVE_ABOVE + 0.01) == "positive"


def test_group_tone_is_the_mean_of_its_articles():
    good = article("g", "Outlet", "en", "", "Peace and cooperation bring hope and success.", [])
    bad = article("b", "Outlet", "en", "", "War, attacks and crisis bring fear.", [])
    (g,) = compare([good, bad]).groups
    assert g.tone == pytest.approx((g.articles[0].tone + g.articles[1].tone) / 2)
    assert g.articles[0].tone_label == "positive" and g.articles[1].tone_label == "negative"


def test_to_dict_is_json_and_render_text(by_source):
    d = json.loads(json.dumps(by_source.to_dict(), ensure_ascii=False))
    assert d["by"] == "source" and {g["key"] for g in d["groups"]} == set(by_source.outlets)
    ap = next(g for g in d["groups"] if g["key"] == "AP")
    assert ap["only_here"] == [{"id": YOKOSUKA, "name": "Yokosuka", "count": 1}]
    assert ap["words"][0]["word"] == "frigate"
    text = render_text(by_source)
    for key in by_source.outlets:
        assert f"== {key} " in text
    assert "Only here: Yokosuka (1)" in text and "Mao Ning" in text


def test_edge_cases():
    empty = compare([])
    assert empty.groups == [] and empty.shared_entities == [] and json.dumps(empty.to_dict())
    alone = compare([EN])
    assert alone.groups[0].only_here == []  # nothing to contrast with
    # QA: "1 groups", and "Shared by every group:" listing the one group's entities again
    lines = render_text(alone).splitlines()
    assert lines[0].endswith(": 1 group") and not any(x.startswith("Shared by every group") for x in lines)
    assert "Shared by every group" in render_text(compare(STORY))
    with pytest.raises(ValueError, match="'source' or 'lang'"):
        compare(STORY, by="outlet")
    with pytest.raises(KeyError, match="AP"):
        alone.group("Reuters")


def test_the_dateline_and_function_words_stay_out_of_the_distinctive_words():
    # "(Pwani Leo)" is the outlet filing, not what it says; "wake" (his, her) says nothing.
    text = "NAIROBI, Septemba 10 (Pwani Leo) - Waziri alisema wake wake wake ushirikiano utaendelea."
    sw = Article(text=text, title="Ushirikiano", source="pwani-leo", lang="sw", id="s1",
                 meta={"dateline": {"end": text.index("Waziri")}})
    en = Article(text="Officials said the talks on cooperation would continue.", title="Talks", source="Wire", lang="en", id="e1")
    words = {w.lower() for w, _ in compare([sw, en], by="lang").group("sw").words}
    assert "ushirikiano" in words
    assert not {"pwani", "leo", "nairobi", "wake"} & words


def test_one_outlet_however_cased_is_one_group():
    a = Article(text="Talks on cooperation will continue next week.", title="Talks", source="Daily Nation", lang="en", id="a1")
    b = Article(text="Ministers met again on the cooperation plan.", title="Plan", source="DAILY NATION", lang="en", id="a2")
    c = Article(text="Mazungumzo yataendelea wiki ijayo.", title="Mazungumzo", source="Pwani Leo", lang="sw", id="a3")
    assert [g.key for g in compare([a, b, c], by="source").groups] == ["Daily Nation", "Pwani Leo"]


def test_names_only_guessed_everywhere_are_not_compared():
    # Low-resource QA: compare listed "Akalla" and "Ugu" (capitalised words, guessed as names) among a
    # group's "only here" names, where the entity lists leave such guesses out.
    text = "Akalla mutane 20 ne suka mutu a Kano, in ji Ibrahim Gaya."
    guess = Mention("per:akalla", "Akalla", "PER", 0, 6, 0.55)
    kano = Mention("loc:kano", "Kano", "LOC", text.index("Kano"), text.index("Kano") + 4, 0.95)
    gaya = Mention("per:gaya", "Ibrahim Gaya", "PER", text.index("Ibrahim"), len(text) - 1, 0.85)
    a = Article(text=text, title="Ambaliya", source="Muryar Arewa", lang="ha", entities=[guess, kano, gaya], id="ha1")
    b = Article(text="Floods killed 20 people in Kano.", title="Floods", source="AP", lang="en", id="en1",
                entities=[Mention("loc:kano", "Kano", "LOC", 27, 31, 0.95)])
    out = compare([a, b], by="source")
    mine = next(g for g in out.groups if g.key == "Muryar Arewa")
    assert {e.id for e in mine.only_here} == {"per:gaya"}
    assert [e.id for e in out.shared_entities] == ["loc:kano"]
