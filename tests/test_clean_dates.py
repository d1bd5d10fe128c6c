"""find_published: metadata, dateline, text; plausibility."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from babelwire.clean import Dateline, find_published, parse_date, parse_dateline

NOW = datetime(2024, 10, 10, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-10-03T10:00:00Z", datetime(2024, 10, 3, 10, tzinfo=UTC)),
        ("2024-10-03T10:00:00+03:00", datetime(2024, 10, 3, 7, tzinfo=UTC)),
        ("2024-10-03", datetime(2024, 10, 3, tzinfo=UTC)),
        ("Thu, 03 Oct 2024 10:00:00 GMT", datetime(2024, 10, 3, 10, tzinfo=UTC)),
        ("Thu, 03 Oct 2024 10:00:00 -0400", datetime(2024, 10, 3, 14, tzinfo=UTC)),
        ("3 October 2024", datetime(2024, 10, 3, tzinfo=UTC)),  # neither: dateparser
        ("not a date at all", None),
        # day and month both 12 or less: which is which depends on the writer's country
        ("05/09/2024", None),
        ("5.9.2024", None),
        ("03/03/2024", datetime(2024, 3, 3, tzinfo=UTC)),
        ("25/09/2024", datetime(2024, 9, 25, tzinfo=UTC)),  # only one reading
        ("09/25/2024", datetime(2024, 9, 25, tzinfo=UTC)),
    ],
)
def test_parse_date(raw: str, expected: datetime | None) -> None:
    assert parse_date(raw, now=NOW) == expected


def test_metadata_wins_and_is_utc() -> None:
    dl = Dateline("Moscow", "TASS", "Oct 1", 20)
    assert find_published("2024-10-03T10:00:00+02:00", dl, "", "en", now=NOW) == (
        datetime(2024, 10, 3, 8, tzinfo=UTC),
        "metadata",
    )
    naive = datetime(2024, 10, 3, 10)
    assert find_published(naive, None, "", None, now=NOW) == (datetime(2024, 10, 3, 10, tzinfo=UTC), "metadata")


@pytest.mark.parametrize("bad", ["2031-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1900-01-01",
                                 "1e+300", "-1e+20", "nan", "12", "2026", "October"])
def test_implausible_metadata_falls_through(bad: str) -> None:
    dl = Dateline("Moscow", "TASS", "Oct 3", 20)
    assert find_published(bad, dl, "", "en", now=NOW) == (datetime(2024, 10, 3, tzinfo=UTC), "dateline")


@pytest.mark.parametrize(
    ("date_text", "expected"),
    [
        ("Oct 3", datetime(2024, 10, 3, tzinfo=UTC)),
        ("3 oct", datetime(2024, 10, 3, tzinfo=UTC)),
        ("3 октября", datetime(2024, 10, 3, tzinfo=UTC)),
        ("10月3日", datetime(2024, 10, 3, tzinfo=UTC)),
        ("3 أكتوبر", datetime(2024, 10, 3, tzinfo=UTC)),
        ("3 Oktoba", datetime(2024, 10, 3, tzinfo=UTC)),
        ("30 dec", datetime(2023, 12, 30, tzinfo=UTC)),  # would be in the future: last year
        ("Oct 11", datetime(2024, 10, 11, tzinfo=UTC)),  # within a day of now: this year
        ("Jan. 5, 2022", datetime(2022, 1, 5, tzinfo=UTC)),
        # Hausa and Somali months that match no other language's prefix (all fell to dateparser, which read none)
        ("10 ga Satumba", datetime(2024, 9, 10, tzinfo=UTC)),
        ("12 ga Agusta", datetime(2024, 8, 12, tzinfo=UTC)),
        ("2 ga Faburairu", datetime(2024, 2, 2, tzinfo=UTC)),
        ("9 ga Afirilu", datetime(2024, 4, 9, tzinfo=UTC)),
        ("5 ga Disamba", datetime(2023, 12, 5, tzinfo=UTC)),
        ("10 Sebtembar", datetime(2024, 9, 10, tzinfo=UTC)),
        ("10 bisha Sebtembar", datetime(2024, 9, 10, tzinfo=UTC)),
        ("Luulyo 3", datetime(2024, 7, 3, tzinfo=UTC)),
        ("9 Maajo", datetime(2024, 5, 9, tzinfo=UTC)),
        ("2 Ogost", datetime(2024, 8, 2, tzinfo=UTC)),
        ("1 Nofembar", datetime(2023, 11, 1, tzinfo=UTC)),
        ("3 ga watan Disamba", datetime(2023, 12, 3, tzinfo=UTC)),
        ("10ka Oktoobar 2023", datetime(2023, 10, 10, tzinfo=UTC)),
        ("10-ka Sebtembar", datetime(2024, 9, 10, tzinfo=UTC)),
        ("22 bisha Agoosto", datetime(2024, 8, 22, tzinfo=UTC)),
    ],
)
def test_dateline_dates_infer_the_year(date_text: str, expected: datetime) -> None:
    dl = Dateline("X", None, date_text, 10)
    assert find_published(None, dl, "", None, now=NOW) == (expected, "dateline")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("نشر يوم الاثنين 3 أكتوبر 2024 - أعربت اليابان عن اهتمامها", "ar", datetime(2024, 10, 3, tzinfo=UTC)),
        ("نشر يوم ٣ أكتوبر ٢٠٢٤ - أعربت اليابان", "ar", datetime(2024, 10, 3, tzinfo=UTC)),
        ("Imechapishwa tarehe 3 Oktoba 2024. Wizara ya Mambo ya Nje", "sw", datetime(2024, 10, 3, tzinfo=UTC)),
        ("Published 3 October 2024 10:00 GMT. The minister said", "en", datetime(2024, 10, 3, 10, tzinfo=UTC)),
        ("Publié le 3 octobre 2024. Le ministre", None, datetime(2024, 10, 3, tzinfo=UTC)),
    ],
)
def test_dates_in_the_lead(text: str, lang: str | None, expected: datetime) -> None:
    assert find_published(None, None, text, lang, now=NOW) == (expected, "text")


@pytest.mark.parametrize(
    "text",
    [
        "Imechapishwa tarehe 3 Oktoba 2029. Wizara",  # future
        "In 1998 the ministry said on Oct 3 that talks would go on.",  # no full date
        "Published 3 October 1975. An old story.",  # implausibly old for a web article
        "x" * 300 + " Published 3 October 2024.",  # beyond the lead
    ],
)
def test_no_date_from_future_partial_old_or_deep_text(text: str) -> None:
    assert find_published(None, None, text, "en", now=NOW) == (None, None)


def test_unknown_language_code_still_works() -> None:
    out = find_published(None, None, "Published 3 October 2024.", "zz", now=NOW)
    assert out == (datetime(2024, 10, 3, tzinfo=UTC), "text")


def test_default_now_is_the_clock() -> None:
    recent = (datetime.now(UTC) - timedelta(days=2)).replace(microsecond=0)
    assert find_published(recent.isoformat(), None, "", None) == (recent, "metadata")


def test_ethiopian_calendar_dates() -> None:
    from babelwire.clean.dates import ethiopian_to_gregorian

    assert ethiopian_to_gregorian(2017, 1, 1).date().isoformat() == "2024-09-11"  # Enkutatash 2017 E.C.
    dt, where = find_published(None, parse_dateline("አዲስ አበባ፣ መስከረም 22 ቀን 2019 ዓ.ም (አዲስ ዘና) - የኢትዮጵያ መንግሥት"), "x", "am")
    assert dt is not None and dt.date().isoformat() == "2026-10-02"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("KANO, 10 ga Satumba (Muryar Arewa) – Japan ta tura jami'ai uku zuwa Wiesbaden.", "ha", datetime(2024, 9, 10, tzinfo=UTC)),
        ("MUQDISHO, 10 Sebtembar (SONNA) - Wasiirka caafimaadka ayaa sheegay.", "so", datetime(2024, 9, 10, tzinfo=UTC)),
    ],
)
def test_hausa_and_somali_datelines_give_the_date(text: str, lang: str, expected: datetime) -> None:
    dateline = parse_dateline(text)
    assert dateline is not None and dateline.date_text
    assert find_published(None, dateline, text, lang, now=NOW) == (expected, "dateline")


@pytest.mark.parametrize(
    ("date_text", "lang"),
    [
        ("Janar 7", "ha"),  # General 7: a month only by prefix, and Albanian to dateparser
        ("Desh 3", "so"),
        ("10 Mace", "ha"),
        ("Isniin 3", "so"),  # Monday 3: dateparser made it the 3rd of this month
        ("Alhamis 5", "ha"),
    ],
)
def test_a_dateline_date_needs_a_real_month(date_text: str, lang: str) -> None:
    # QA: month names were matched by any word they begin, and dateparser filled in a missing month.
    dl = Dateline("X", None, date_text, 10)
    assert find_published(None, dl, "", lang, now=NOW) == (None, None)
