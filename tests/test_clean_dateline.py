"""parse_dateline across scripts, and no datelines made up from ordinary sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from babelwire.clean import canonical_agency, parse_dateline


@pytest.mark.parametrize(
    ("text", "place", "agency", "date_text", "body"),
    [
        ("TOKYO (AP) – Japan said", "Tokyo", "AP", None, "Japan said"),
        ("NAIROBI, Kenya (Reuters) - Kenya said", "Nairobi", "Reuters", None, "Kenya said"),
        ("PARIS, 3 oct (AFP) - La France", "Paris", "AFP", "3 oct", "La France"),
        ("الخرطوم (أ ف ب) - قال الجيش", "الخرطوم", "AFP", None, "قال الجيش"),
        ("القاهرة - رويترز: قال الوزير", "القاهرة", "Reuters", None, "قال الوزير"),
        ("دبي، 3 أكتوبر (رويترز) - قال", "دبي", "Reuters", "3 أكتوبر", "قال"),
        ("MOSCOW, Oct 3 (TASS) — Russia said", "Moscow", "TASS", "Oct 3", "Russia said"),
        ("МОСКВА, 3 октября. /ТАСС/. Россия заявила", "Москва", "TASS", "3 октября", "Россия заявила"),
        ("МОСКВА, 3 окт — РИА Новости. Россия", "Москва", "RIA Novosti", "3 окт", "Россия"),
        ("新华社北京10月3日电（记者 张三）中国外交部说", "北京", "Xinhua", "10月3日", "中国外交部说"),
        ("ADDIS ABABA, Ethiopia — The government", "Addis Ababa", None, None, "The government"),
        ("DAR ES SALAAM — Tanzania", "Dar es Salaam", None, None, "Tanzania"),
        ("MADRID, 3 oct (EFE).- El Gobierno", "Madrid", "EFE", "3 oct", "El Gobierno"),
        ("Berlin (dpa) - Die Regierung", "Berlin", "dpa", None, "Die Regierung"),
        ("أديس أبابا - انطلقت القمة", "أديس أبابا", None, None, "انطلقت القمة"),  # no capitals: two words at most
        ("አዲስ አበባ (አዲስ ዘና) - በሱዳን", "አዲስ አበባ", "አዲስ ዘና", None, "በሱዳን"),
        ("አዲስ አበባ — በጀርመን", "አዲስ አበባ", None, None, "በጀርመን"),
        ("  SEOUL (Yonhap) -- x", None, None, None, None),  # a double hyphen is no separator we know
        # a weekday before the date, Hausa "ga" and Yoruba "Oṣù" (month) before the month, a country between
        ("KANO, Litinin 12 ga Oktoba 2026 - Gobara ta tashi", "Kano", None, "Litinin 12 ga Oktoba 2026", "Gobara ta tashi"),
        ("ÌBÀDÀN, 26 Oṣù Kẹwàá 2026 - Ìjọba", "Ìbàdàn", None, "26 Oṣù Kẹwàá 2026", "Ìjọba"),
        ("KANO, Ọjọ́ Àìkú, 12 Oṣù Kẹwàá 2026 - Omi", "Kano", None, "12 Oṣù Kẹwàá 2026", "Omi"),
        ("MOMBASA, Kenya, Jumanne 21 Oktoba 2026 - Mvua", "Mombasa", None, "Jumanne 21 Oktoba 2026", "Mvua"),
        ("القاهرة - 16 أكتوبر 2026 - أعلنت الحكومة", "القاهرة", None, "16 أكتوبر 2026", "أعلنت الحكومة"),
        # a place we know, with a paper or agency not in our list: the sample corpus's local Sudanese paper
        ("الخرطوم (النيلين اليوم) - تسببت فيضانات", "الخرطوم", "النيلين اليوم", None, "تسببت فيضانات"),
        ("أم درمان (سونا) - أعلن", "أم درمان", "SUNA", None, "أعلن"),
        # QA: an outlet we do not know, after a place and a date, lost the whole dateline (and the date)
        ("كانو، 10 سبتمبر (وكالة الساحل) - لقي 23 شخصا", "كانو", "وكالة الساحل", "10 سبتمبر", "لقي 23 شخصا"),
        # SUNA's own form: a numeric date after the place, no comma
        ("مقديشو 13-9-2026 (سونا) - أعلنت الوزارة", "مقديشو", "SUNA", "13-9-2026", "أعلنت الوزارة"),
        ("MUQDISHO, 10 Sebtembar (SONNA) - Wasiirka", "Muqdisho", "SONNA", "10 Sebtembar", "Wasiirka"),
        # QA: Hausa "ga watan" (of the month), Somali ordinal days and "bisha", and no comma after the place
        ("ABUJA, 3 ga watan Disamba (Muryar Arewa) – Gwamnati", "Abuja", "Muryar Arewa", "3 ga watan Disamba", "Gwamnati"),
        ("MUQDISHO, 10ka Oktoobar 2026 (SONNA) - Wasiirka", "Muqdisho", "SONNA", "10ka Oktoobar 2026", "Wasiirka"),
        ("GAROOWE, 22 bisha Agoosto (SONNA) - Madaxweynaha", "Garoowe", "SONNA", "22 bisha Agoosto", "Madaxweynaha"),
        ("KANO 10 ga Satumba (Muryar Arewa) – Japan", "Kano", "Muryar Arewa", "10 ga Satumba", "Japan"),
    ],
)
def test_datelines(text: str, place: str | None, agency: str | None, date_text: str | None, body: str | None) -> None:
    dl = parse_dateline(text)
    if place is None:
        assert dl is None
        return
    assert dl is not None
    assert (dl.place, dl.agency, dl.date_text) == (place, agency, date_text)
    assert text[dl.end :] == body


@pytest.mark.parametrize(
    "text",
    [
        "NATO – the alliance said on Monday",
        "OTAN : Pyongyang dénonce le projet de bureau à Tokyo",  # bodies by their French, Spanish, Russian names
        "ONU: la misión seguirá en Haití",
        "НАТО: альянс открывает бюро в Токио",
        "EILMELDUNG: Erdbeben in der Türkei",
        "BREAKING: a strong earthquake hit",
        "The minister said - quoting a report - that",
        "Barack Obama (former president) - said",
        "Japan joined NATO. The next step",
        "Kim Seol-hwa said: the plan is clear",
        "JAPAN JOINS NATO MISSION: what it means",
        "قال الوزير (اليوم) - إن المحادثات",
        "الوزير (اليوم) - إن المحادثات",  # one word, but not a place we know
        "أعربت اليابان عن اهتمامها يوم الثلاثاء",
        "أعربت اليابان عن اهتمامها - يوم الثلاثاء",  # three words before the dash
        "مصر-السودان: محادثات",
        "قال الوزير، في بيان له (الأحد) - إن",  # words, not a day and month, between comma and bracket
        "الرياض، في يوم ما (مصدر) - قال",
        # review: a date right after the place, with no comma, needs an ALL-CAPS place and a real date
        "The minister said 3 times (Reuters) - x",
        "LAGOS Police Command 10 (NAN) - The",
        "KANO Litinin 12 ga Oktoba (NAN) - Gobara",
        "Wizara ya Mambo ya Nje ya Korea Kaskazini imedai NATO inataka",
        "中国外交部发言人说",
        "I. Introduction",
        "",
    ],
)
def test_ordinary_first_sentences_are_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None


@pytest.mark.parametrize(
    ("name", "canon"),
    [
        ("أ ف ب", "AFP"),
        ("فرانس برس", "AFP"),
        ("رويترز", "Reuters"),
        ("أ ب", "AP"),
        ("新华社", "Xinhua"),
        ("ТАСС", "TASS"),
        ("РИА Новости", "RIA Novosti"),
        ("Associated Press", "AP"),
        ("a.f.p.", "AFP"),
        ("KCNA", "KCNA"),
        ("وام", "WAM"),
        ("Unknown Wire", None),
    ],
)
def test_canonical_agency(name: str, canon: str | None) -> None:
    assert canonical_agency(name) == canon


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("TOKYAPaz (),-–—:./ ١أفبرويترز新华社北京10月3日电")), max_size=40))
def test_end_is_inside_the_text_and_after_the_place(text: str) -> None:
    dl = parse_dateline(text)
    if dl is not None:
        assert 0 < dl.end <= len(text)
        assert dl.place
