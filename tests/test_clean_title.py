"""pick_title: given titles, headline-like first lines, first sentences."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from babelwire.clean import pick_title, strip_site_name
from babelwire.clean.title import TITLE_MAX_CHARS

NTREX = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ntrex128"


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("Japan yajiunga na NATO - BBC News Swahili", "Japan yajiunga na NATO"),
        ("Japan joins NSATU | Reuters", "Japan joins NSATU"),
        ("Kim - Japan talks | World | Al Jazeera", "Kim - Japan talks"),
        ("اليابان تنضم إلى مهمة الناتو - الجزيرة نت", "اليابان تنضم إلى مهمة الناتو"),
        ("Japan–NATO ties - what comes next?", "Japan–NATO ties - what comes next?"),  # a dash inside a headline
        ("Left - right", "Left - right"),
    ],
)
def test_site_names_are_stripped(title: str, clean: str) -> None:
    assert strip_site_name(title) == clean
    assert pick_title(title, "Body.") == (clean, "Body.")


@pytest.mark.parametrize(
    ("title", "text", "body"),
    [
        # the page prints its headline again at the top of the body
        ("Japan joins NSATU | Reuters", "Japan joins NSATU\n\nTOKYO – Japan said.", "TOKYO – Japan said."),
        # word for word, whatever the case, punctuation and spacing
        ("Japan’s NATO role", "  JAPAN'S  NATO ROLE:\nTOKYO – Japan said.", "TOKYO – Japan said."),
        ("外交部：北约不应把手伸向亚太", "外交部:北约不应把手伸向亚太\n新华社北京电", "新华社北京电"),
        # with the site name, as in the <title> the title came from
        ("اليابان تنضم إلى مهمة الناتو - الجزيرة نت", "اليابان تنضم إلى مهمة الناتو - الجزيرة نت\nطوكيو", "طوكيو"),
    ],
)
def test_a_repeated_title_leaves_the_body(title: str, text: str, body: str) -> None:
    assert pick_title(title, text)[1] == body


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Japan joins NSATU", "Japan joins NSATU mission talks\nTOKYO – Japan said."),  # a longer first line
        ("Japan joins NSATU", "Japan joins NSATU"),  # the headline is the whole body
        ("Japan joins NSATU", "TOKYO – Japan joins NSATU\nMore."),
    ],
)
def test_other_first_lines_stay_under_a_given_title(title: str, text: str) -> None:
    assert pick_title(title, text) == (title, text)


def test_headline_like_first_line_leaves_the_body() -> None:
    text = "Japan joins NATO mission\n\nTOKYO (AP) – Japan said on Tuesday it would join.\nMore text."
    assert pick_title(None, text) == ("Japan joins NATO mission", "TOKYO (AP) – Japan said on Tuesday it would join.\nMore text.")


def test_a_first_line_like_a_dateline_is_the_headline_when_the_next_opens_with_one() -> None:
    # A body has one dateline: "RDC : …" read as a dateline hid the title and the real dateline below it.
    text = "RDC : Kinshasa rouvre ses écoles\n\nKINSHASA, 3 octobre (AFP) - Les écoles ont rouvert lundi."
    assert pick_title(None, text) == ("RDC : Kinshasa rouvre ses écoles", "KINSHASA, 3 octobre (AFP) - Les écoles ont rouvert lundi.")


@pytest.mark.parametrize(
    "text",
    [
        "Japan said on Tuesday it would join the mission.\nMore text.",  # ends with a period
        "TOKYO (AP) – Japan said on Tuesday\nMore text.",  # a dateline opens the body
        "Japan joins NATO mission",  # nothing follows
        "Breaking\nMore text.",  # one word
    ],
)
def test_other_first_lines_stay_in_the_body(text: str) -> None:
    title, body = pick_title("", text)
    assert body == text
    assert title and not title.endswith(".")


def test_first_sentence_skips_the_dateline_and_abbreviations() -> None:
    assert (
        pick_title(None, "TOKYO (AP) – Dr. Smith met Mr. Kim on Tuesday. They talked.")[0] == "Dr. Smith met Mr. Kim on Tuesday"
    )
    assert pick_title(None, "新华社北京10月3日电 中国外交部说。然后")[0] == "中国外交部说"


def test_long_first_sentence_is_cut_at_a_word() -> None:
    words = "word " * 60
    title, body = pick_title(None, words.strip() + ".")
    assert len(title) <= TITLE_MAX_CHARS + 1 and title.endswith("…")
    assert title[:-1].split() == ["word"] * len(title[:-1].split())
    assert body == words.strip() + "."


@pytest.mark.skipif(not NTREX.is_dir(), reason="../shared/data/ntrex128 is absent")
def test_ntrex_headlines_are_found() -> None:
    ids = [line.split("\t")[0].strip() for line in (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
    docs: dict[str, list[str]] = defaultdict(list)
    for doc_id, s in zip(ids, (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines(), strict=True):
        docs[doc_id].append(s)
    found = 0
    for lines in docs.values():
        title, body = pick_title(None, "\n".join(lines))
        headline = lines[0].strip()
        # The headline is picked, as the first line (no final period) or as the first sentence.
        found += title in (headline, headline.rstrip("."))
        if title == headline:
            assert body == "\n".join(lines[1:]).strip()
    # All 123 measured; the floor leaves room for rule changes around abbreviations ("U.S.", "A.I.").
    assert found >= 120
