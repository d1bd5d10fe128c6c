"""When was an article published?  Metadata first, then the dateline, then the lead.

ISO 8601 and RFC 822 (feed ``pubDate``) strings parse with the standard
library; ``dateparser`` (slow to import, ~0.2 s plus its language data) is
imported only when those fail or when the text must be searched.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any

from ..article import strip_combining
from .dateline import Dateline

__all__ = ["find_published", "parse_date"]

#: How far past ``now`` a date may lie: time zones reach UTC+14 and many feeds stamp
#: local midnight, so a date up to a day ahead of UTC is still "now".
FUTURE_SLACK = timedelta(days=1)
#: Metadata dates before this are placeholders, not dates (1900-01-01 defaults).
EARLIEST_METADATA = datetime(1901, 1, 1, tzinfo=UTC)
#: A date read from article text before this is history the article mentions, not its
#: publication: the web news archives we ingest (WARC, feeds) start in the mid-1990s.
EARLIEST_TEXT = datetime(1990, 1, 1, tzinfo=UTC)
#: Only the lead is searched: publication dates sit in bylines and datelines, and
#: ``search_dates`` is noisy on whole articles (DESIGN.md).
TEXT_WINDOW = 300
#: Words that introduce a date and that dateparser trips over (``يوم الاثنين`` splits in two).
_PREFIXES = re.compile(r"(?<!\w)(?:يوم|بتاريخ|الموافق|tarehe|siku ya|imechapishwa|published|publié le|опубликовано)(?!\w)", re.I)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Month names of the dateline forms we see (``Oct 3``, ``3 oct``, ``3 октября``, ``3 أكتوبر``,
# ``3 Oktoba``, ``10 ga Satumba``, ``10 Sebtembar``), as plain letters; anything else goes to
# dateparser.  Whole words, not prefixes (QA: "KATSINA, Janar 7", General 7, was 7 January, and
# "Desh 3" was 3 December): each month's names in en, fr, es, pt, it, de, sw, ha and so, and the
# abbreviations wires use.  Russian names are matched by their stem, as they decline.
_MONTH_NAMES = (
    "january jan janv januar janvier enero ene janeiro gennaio januari janairu janaayo jannaayo",
    "february feb fev fevr februar fevrier febrero fevereiro febbraio februari faburairu fabrairu febraayo feberwari",
    "march mar mars marz marzo marco machi mac maris maarso",
    "april apr avr avril abril abr aprile aprili afirilu afrilu abriil",
    "may mai mayo maio maggio mei mayu maajo",
    "june jun juin junio junho giugno juni yuni juun",
    "july jul juil juillet julio julho luglio juli julai yuli luulyo luuliyo",
    "august aug aou aout agosto ago agosti agusta agoosto ogost",
    "september sep sept septembre septiembre setiembre setembro settembre septemba satumba sebtembar sebtember set",
    "october oct okt octobre octubre outubro ottobre oktober oktoba oktoobar oktoober",
    "november nov novembre noviembre novembro novemba nuwamba nofembar nofeembar",
    "december dec dez dic des decembre diciembre dezembro dicembre dezember desemba disemba disamba desembar diseembar",
)
_MONTHS: dict[str, int] = {name: i + 1 for i, names in enumerate(_MONTH_NAMES) for name in names.split()}
_RU_MONTH_STEMS: list[tuple[str, int]] = [
    ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("мая", 5), ("май", 5), ("июн", 6), ("июл", 7), ("авг", 8),
    ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12),
]


def _month_of(word: str) -> int | None:
    """The month a plain word names (``satumba`` → 9, ``oct.`` → 10, ``октября`` → 10), else None."""
    word = word.rstrip(".")
    if word in _MONTHS:
        return _MONTHS[word]
    return next((m for stem, m in _RU_MONTH_STEMS if word.startswith(stem)), None)


_ARABIC_MONTHS = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليو": 7,
    "يوليه": 7,
    "اغسطس": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    "كانون الثاني": 1,
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الاول": 12,
}


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _plain(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_DIGITS))
    return strip_combining(s).casefold().strip()


def _dateparser_settings(now: datetime) -> dict[str, Any]:
    return {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
    }


def parse_date(value: str, *, now: datetime | None = None) -> datetime | None:
    """A metadata date string as UTC: what ingest reads (ISO 8601, RFC 822, Unix time) without dateparser, anything else with it."""
    from ..ingest.dates import parse_date as parse_metadata_date

    value = value.strip()
    if not value:
        return None
    if (strict := parse_metadata_date(value)) is not None:
        return strict
    if _NUMBER.fullmatch(value):
        return None  # a number that is not a Unix time ("12", "1e+300", "nan"): dateparser would make a date of it
    if (m := _NUMERIC_DATE.fullmatch(value)) and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1].lstrip("0") != m[2].lstrip("0"):
        # "05/09/2026" is 5 September in Paris and May 9 in New York: dateparser would pick
        # month first without a word.  Better no date (the dateline or lead may give one) than a wrong one.
        return None
    import dateparser  # noqa: PLC0415  (slow import: only for unusual metadata)

    # A publication date names its day, month and year; dateparser fills missing parts from today.
    settings = _dateparser_settings(now or datetime.now(UTC)) | {"REQUIRE_PARTS": ["day", "month", "year"]}
    found = dateparser.parse(value, settings=settings)
    return _utc(found) if found else None


#: Day and month in digits, either order, then the year: "05/09/2026", "5.9.2026", "05-09-26".
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]?(nan|inf|infinity)", re.I)


def _day_month(date_text: str) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a dateline date such as ``Oct 3``, ``3 окт``, ``10月3日``."""
    s = _plain(date_text)
    s = re.sub(r"\b(\d{1,2})-?(?:ka|da|aad)\b", r"\1", s)  # Somali "10ka Oktoobar", "10-ka": the tenth
    if m := re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", s):
        return int(m[2]), int(m[3]), int(m[1]) if m[1] else None
    year_m = re.search(r"\b(\d{4})\b", s)
    year = int(year_m[1]) if year_m else None
    s = re.sub(r"\b\d{4}\b", " ", s)
    day_m = re.search(r"\b(\d{1,2})\b", s)
    if not day_m:
        return None
    words = re.sub(r"[\d.,]+", " ", s).split()
    if not words:
        return None
    phrase = " ".join(words)
    if phrase in _ARABIC_MONTHS:
        return _ARABIC_MONTHS[phrase], int(day_m[1]), year
    # The month is the word next to the day: after it ("12 ga Oktoba", "26 Oṣù Kẹwàá": fillers
    # skipped), else before it ("Oct 3"); a weekday in front ("Litinin 12 …") is never read.
    after = [w for w in re.sub(r"[\d.,]+", " ", s[day_m.end() :]).split() if w not in _MONTH_FILLERS]
    before = re.sub(r"[\d.,]+", " ", s[: day_m.start()]).split()
    for word in after[:1] + before[-1:]:
        if word in _YORUBA_MONTHS:
            return _YORUBA_MONTHS[word], int(day_m[1]), year
        if (month := _month_of(word)) is not None:
            return month, int(day_m[1]), year
    return None


def reads_as_date(text: str) -> bool:
    """Whether a dateline's date part is a day and a month (``10 سبتمبر``, ``13-9-2026``), not words."""
    return _NUMERIC_DATE.fullmatch(text.strip()) is not None or _day_month(text) is not None


#: Words between a day and its month: Hausa "12 ga Oktoba", Yoruba "26 Oṣù Kẹwàá" (oṣù: month), "de".
#: Hausa "3 ga watan Disamba" (of the month), Somali "22 bisha Agoosto" (month).
_MONTH_FILLERS = frozenset({"ga", "watan", "osu", "de", "mwezi", "bisha"})
#: Yoruba months as plain letters (tone marks and dots off): the ordinal names news uses
#: ("Oṣù Kẹwàá", the tenth month) and the traditional ones CLDR lists ("Ọ̀wàrà").
_YORUBA_MONTHS: dict[str, int] = {
    **dict.fromkeys(("kinni", "kini"), 1), "keji": 2, "keta": 3, "kerin": 4, **dict.fromkeys(("karun", "karun-un"), 5),
    "kefa": 6, "keje": 7, "kejo": 8, **dict.fromkeys(("kesan", "kesan-an"), 9), **dict.fromkeys(("kewa", "kewaa"), 10),
    "kokanla": 11, "kejila": 12,
    "serere": 1, "erele": 2, "erena": 3, "igbe": 4, "ebibi": 5, "okudu": 6, "agemo": 7, "ogun": 8, "owewe": 9,
    "owara": 10, "belu": 11, "ope": 12,
}


def names_year(date_text: str) -> bool:
    """Whether a dateline's date names its year (``3 Nov 2025``, an Ethiopian date) or leaves it to us (``Nov 3``)."""
    text = date_text.translate(_DIGITS)
    return bool(re.search(r"\b\d{4}\b", text)) or _ethiopian(text) is not None


Span = tuple[datetime, datetime]


def _from_dateline(date_text: str, now: datetime, lang: str | None = None, near: Span | None = None) -> datetime | None:
    eth = _ethiopian(date_text.translate(_DIGITS))
    if eth is not None:
        return eth
    parts = _day_month(date_text)
    if parts is None:
        import dateparser  # noqa: PLC0415

        # A day and a month at least: "Isniin 14" (Monday 14) was the 14th of this month.  Read in
        # the article's language and English only, where known: over all languages "Janar 7" (Hausa,
        # General 7) is Albanian for 7 January.
        settings = {**_dateparser_settings(now), "REQUIRE_PARTS": ["day", "month"]}
        langs = list(dict.fromkeys([lang.split("-")[0], "en"])) if lang and lang != "und" else None
        try:
            found = dateparser.parse(date_text, languages=langs, settings=settings)
        except ValueError:  # a language dateparser does not know
            found = dateparser.parse(date_text, settings=settings)
        return _utc(found) if found else None
    month, day, year = parts
    if year is not None:
        try:
            return datetime(year, month, day, tzinfo=UTC)
        except ValueError:
            return None  # 30 February
    # No year: the one that puts the date inside, or nearest, the span of ``near`` (the dates other
    # articles of the run name; by default today), never in the future: "Dec 30" read on Jan 2 is last
    # year's, and "Nov 3" in an archive of 2025 reports is 2025's, whenever it is read; "Jan 5" in an
    # archive of all 2025 is January 2025's, not 2026's (review: nearest its middle, it was).
    lo, hi = near or (now, now)
    lo, hi = min(lo, now), min(hi, now)

    def distance(dt: datetime) -> float:
        return 0.0 if lo <= dt <= hi else min(abs((dt - lo).total_seconds()), abs((dt - hi).total_seconds()))

    options = []
    for y in range(lo.year - 1, hi.year + 2):
        try:
            dt = datetime(y, month, day, tzinfo=UTC)
        except ValueError:
            continue  # 29 February in a common year
        if dt <= now + FUTURE_SLACK:
            options.append(dt)
    return min(options, key=lambda dt: (distance(dt), -dt.timestamp())) if options else None


#: Ethiopian months in order (Ge'ez script); the 13th, Pagume, has 5 or 6 days.
_ETHIOPIAN_MONTHS = ["መስከረም", "ጥቅምት", "ኅዳር", "ታኅሣሥ", "ጥር", "የካቲት", "መጋቢት", "ሚያዝያ", "ግንቦት", "ሰኔ", "ሐምሌ", "ነሐሴ", "ጳጉሜ"]
_ETHIOPIAN_DATE = re.compile(
    "(" + "|".join(_ETHIOPIAN_MONTHS + ["ህዳር", "ታህሳስ", "ሀምሌ", "ነሃሴ", "ጳጉሜን"]) + r")\s*(\d{1,2})(?:\s*ቀን)?,?\s*(\d{4})\s*(?:ዓ\.?\s*ም\.?)?"
)
_ETHIOPIAN_ALIASES = {"ህዳር": "ኅዳር", "ታህሳስ": "ታኅሣሥ", "ሀምሌ": "ሐምሌ", "ነሃሴ": "ነሐሴ", "ጳጉሜን": "ጳጉሜ"}
#: Julian day number of Meskerem 1, year 1 of the Ethiopian calendar, less one day.
_ETHIOPIAN_EPOCH = 1724220


def ethiopian_to_gregorian(year: int, month: int, day: int) -> datetime:
    """Ethiopian calendar (Amharic datelines: ``መስከረም 22 ቀን 2019 ዓ.ም``) to a UTC datetime."""
    jdn = _ETHIOPIAN_EPOCH + 365 * (year - 1) + year // 4 + 30 * (month - 1) + day - 1
    return datetime.fromordinal(jdn - 1721424).replace(tzinfo=UTC)


def _ethiopian(snippet: str) -> datetime | None:
    m = _ETHIOPIAN_DATE.search(snippet)
    if not m:
        return None
    month = _ETHIOPIAN_MONTHS.index(_ETHIOPIAN_ALIASES.get(m.group(1), m.group(1))) + 1
    day, year = int(m.group(2)), int(m.group(3))
    if not 1 <= day <= (6 if month == 13 else 30):
        return None
    return ethiopian_to_gregorian(year, month, day)


_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def _from_text(text: str, lang: str | None, now: datetime) -> datetime | None:
    snippet = _PREFIXES.sub(" ", text[:TEXT_WINDOW].translate(_DIGITS))
    eth = _ethiopian(snippet)
    if eth is not None:
        return eth if EARLIEST_TEXT <= eth <= now + FUTURE_SLACK else None
    if not _YEAR.search(snippet):
        return None  # we only accept dates that name their year; skip dateparser's ~10 ms search
    from dateparser.search import search_dates  # noqa: PLC0415  (slow import)

    settings = _dateparser_settings(now) | {"REQUIRE_PARTS": ["day", "month", "year"]}
    languages = [lang] if lang and lang != "und" else None
    try:
        found = search_dates(snippet, languages=languages, settings=settings)
    except ValueError:  # a language dateparser does not know
        found = search_dates(snippet, settings=settings)
    for matched, dt in found or []:
        # REQUIRE_PARTS does not stop relative phrases ("mwezi uliopita", "last
        # month") resolving against *now*: a publication date written in the
        # text names its year.
        if not _YEAR.search(matched):
            continue
        dt = _utc(dt)
        if EARLIEST_TEXT <= dt <= now + FUTURE_SLACK:
            return dt
    return None


def find_published(
    meta: str | datetime | None,
    dateline: Dateline | None,
    text: str,
    lang: str | None,
    *,
    now: datetime | None = None,
    near: Span | None = None,
) -> tuple[datetime | None, str | None]:
    """The publication time (UTC) and where it came from: ``"metadata"``, ``"dateline"``, ``"text"``, or ``(None, None)``.

    A dateline with no year takes the year that puts it inside, or nearest, the span ``near``
    (earliest, latest; default: now)."""
    now = _utc(now) if now else datetime.now(UTC)
    if meta is not None:
        dt = _utc(meta) if isinstance(meta, datetime) else parse_date(meta, now=now)
        if dt is not None and dt != _UNIX_EPOCH and EARLIEST_METADATA <= dt <= now + FUTURE_SLACK:
            return dt, "metadata"
    if dateline is not None and dateline.date_text:
        dt = _from_dateline(dateline.date_text, now, lang, near)
        if dt is not None and EARLIEST_TEXT <= dt <= now + FUTURE_SLACK:
            return dt, "dateline"
    dt = _from_text(text, lang, now)
    return (dt, "text") if dt else (None, None)
