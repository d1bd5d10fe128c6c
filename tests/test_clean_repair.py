"""repair_text: ftfy's mojibake fixes, our truncated-quote and cp1256 rules, whitespace."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from babelwire.clean import repair_text


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("cafÃ©", "café"),  # Latin read as cp1252
        ("donâ€™t", "don’t"),
        ("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©", "العربية"),  # Arabic read as cp1252
        ("العربية الجديدة".encode().decode("cp1256"), "العربية الجديدة"),  # Arabic read as cp1256: ours
        ("РџСЂРёРІРµС‚ РјРёСЂ", "Привет мир"),  # Cyrillic read as cp1251
    ],
)
def test_double_encoded_mojibake(broken: str, fixed: str) -> None:
    assert repair_text(broken) == fixed


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        (
            'akiongeza kwamba "mapambano ya kijeshi. katika jumuiya ya kimataifa.ā',
            'akiongeza kwamba "mapambano ya kijeshi. katika jumuiya ya kimataifa."',
        ),
        ("He said “we will go.ā Then he left.", "He said “we will go.” Then he left."),
        ("قال «سنذهب غدا.ā ثم غادر", "قال «سنذهب غدا.» ثم غادر"),
        ("Er sagte „wir gehen.â Dann", "Er sagte „wir gehen.“ Dann"),
        ("said â€œhi.â€", "said “hi.”"),  # ftfy fixes the opener, the truncated closer is ours
        ("النص “مقتبس” هنا".encode().decode("cp1252", "replace"), "النص “مقتبس” هنا"),  # â€� → ”
    ],
)
def test_truncated_mojibake_quote_becomes_matching_closer(broken: str, fixed: str) -> None:
    assert repair_text(broken) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Kāneʻohe ā Hawaiʻi.",  # Hawaiian ā
        "Te reo Māori. ā is a vowel.",  # after punctuation but no open quote
        'Alisema "ndiyo." Kisha ā',  # the quote is already closed
        "Le château, l'âge d'or.",  # French â
        "Abū ʿAbd Allāh al-Shāfiʿī.",  # transliterated Arabic
        "“مرحبا” قال الوزير.",  # Arabic curly quotes are not uncurled
        "新华社北京10月3日电（记者）：你好，世界。",  # CJK full-width punctuation kept
    ],
)
def test_real_letters_and_quotes_are_left_alone(text: str) -> None:
    assert repair_text(text) == text


def test_whitespace_and_invisible_characters() -> None:
    raw = "  a  b\t\tc\r\n\r\n\r\n\r\nd\u200be\u200cf\u200dg\ufeff \n\n\n\nh  "
    assert repair_text(raw) == "a b c\n\nde\u200cf\u200dg\n\nh"  # ZWNJ and ZWJ kept


def test_nfc() -> None:
    assert repair_text("Cafe\u0301") == "Café"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('aā â€™œ"“”«».,!? \n\t\u200bÃ©Ø§Ù„سقTOKYO')), max_size=60))
def test_repair_is_idempotent_on_quote_soup(text: str) -> None:
    once = repair_text(text)
    assert repair_text(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_repair_is_idempotent_on_any_text(text: str) -> None:
    once = repair_text(text)
    assert repair_text(once) == once
