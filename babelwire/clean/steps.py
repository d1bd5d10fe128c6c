"""The clean stage as pipeline steps (see :mod:`babelwire.pipeline`).

Order: ``RepairStep → ChromeStep → DatelineStep → TitleStep → (language) → DatesStep``.
``DatesStep`` needs ``lang``, so it runs after language identification.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

from ..article import Article
from .chrome import SENTENCE_FINAL, BoilerplateModel, strip_chrome
from .dateline import Dateline, parse_dateline
from .dates import find_published, names_year, reads_as_date
from .repair import repair_text
from .title import HEADLINE_MAX_CHARS, pick_title

__all__ = ["RepairStep", "ChromeStep", "DatelineStep", "TitleStep", "DatesStep"]


@dataclass
class RepairStep:
    name: str = "repair"
    requires: frozenset[str] = frozenset({"text", "title"})
    assigns: frozenset[str] = frozenset({"text", "title", "source"})

    def __call__(self, articles: list[Article]) -> list[Article]:
        for a in articles:
            a.text = repair_text(a.text)
            a.title = repair_text(a.title) if a.title else a.title
            # The outlet's name is shown beside every headline: mojibake and bidi controls out of it too.
            a.source = (repair_text(a.source) or None) if a.source else a.source
        return articles


@dataclass
class ChromeStep:
    """Strip page chrome.  Every article of the batch is observed by ``model`` before any is
    stripped, so a batch from one source teaches the model its own footer."""

    model: BoilerplateModel = field(default_factory=BoilerplateModel)
    name: str = "chrome"
    requires: frozenset[str] = frozenset({"text", "source"})
    assigns: frozenset[str] = frozenset({"text"})

    def __call__(self, articles: list[Article]) -> list[Article]:
        for a in articles:
            self.model.observe(a.source, a.text)
        for a in articles:
            a.text = strip_chrome(a.text, self.model, a.source)
        return articles


#: Short lines a dateline may come after: a headline (title picking runs later and takes it out),
#: a byline ("Daga Aminu Abdullahi, Kano"), a photo credit, a date line ("Khamiis, 14-ka Nofembar 2024").
MAX_LINES_BEFORE_DATELINE = 3
#: Most words of such a line after the first (a byline, a credit) unless it is a date: a longer one is the body.
MAX_BYLINE_WORDS = 6


def _find_dateline(text: str) -> Dateline | None:
    """The dateline at the start, or at the start of one of the next few lines when only short
    lines (a headline, a byline, a credit) stand before it."""
    offset = 0
    skipped: list[str] = []
    for k in range(MAX_LINES_BEFORE_DATELINE + 1):
        dl = parse_dateline(text[offset:])
        if dl is not None:
            if dl.date_text is None:
                # "Khamiis, 14-ka Nofembar 2024" on a line of its own above "NAIROBI (Hiiraan Online) –"
                dated = next((line for line in skipped[1:] if reads_as_date(line)), None)
                dl = replace(dl, date_text=dated) if dated else dl
            return replace(dl, end=dl.end + offset) if offset else dl
        body = text[offset:].lstrip()
        newline = body.find("\n")
        if not 0 < newline <= HEADLINE_MAX_CHARS:
            return None
        line = body[:newline].strip()
        if k > 0 and (line.endswith(SENTENCE_FINAL) or (len(line.split()) > MAX_BYLINE_WORDS and not reads_as_date(line))):
            return None  # a sentence: the body has begun, and a dateline further down is not this article's
        skipped.append(line)
        offset = len(text) - len(body) + newline + 1
    return None


@dataclass
class DatelineStep:
    """Set ``place`` and ``agency`` from the dateline; the text is left intact and the
    dateline is kept in ``meta["dateline"]`` (``place``, ``agency``, ``date_text``, ``end``)."""

    name: str = "dateline"
    requires: frozenset[str] = frozenset({"text"})
    assigns: frozenset[str] = frozenset({"place", "agency"})

    def __call__(self, articles: list[Article]) -> list[Article]:
        for a in articles:
            dl = _find_dateline(a.text)
            if dl is None:
                continue
            a.meta["dateline"] = asdict(dl)
            a.place = dl.place
            a.agency = dl.agency or a.agency
        return articles


@dataclass
class TitleStep:
    name: str = "title"
    requires: frozenset[str] = frozenset({"text", "title"})
    assigns: frozenset[str] = frozenset({"title", "text"})

    def __call__(self, articles: list[Article]) -> list[Article]:
        for a in articles:
            title, text = pick_title(a.title, a.text)
            if text is not a.text and "dateline" in a.meta:
                # The headline line left the body, so the dateline (re-read) moved with it.
                dl = _find_dateline(text)
                if dl is None:
                    a.meta.pop("dateline")
                else:
                    if dl.date_text is None and a.meta["dateline"].get("date_text"):
                        dl = replace(dl, date_text=a.meta["dateline"]["date_text"])  # read from a line above it
                    a.meta["dateline"] = asdict(dl)
            a.title, a.text = title, text
        return articles


def _dateline_of(a: Article) -> Dateline | None:
    raw = a.meta.get("dateline")
    if isinstance(raw, dict):
        try:
            return Dateline(**raw)
        except TypeError:
            pass
    return parse_dateline(a.text)


#: How many of the run's latest dated articles set the year of a dateline that gives none: enough
#: for a stable span, few enough to follow a feed followed for months.
YEAR_REFERENCE_DATES = 200


@dataclass
class DatesStep:
    """Set ``published`` and ``published_from``: the ingested metadata date (``published`` or
    ``meta["published_raw"]``), else the dateline's date, else a date in the lead."""

    now: datetime | None = None  # fixed "now" for tests; default: the clock at each call
    name: str = "dates"
    requires: frozenset[str] = frozenset({"lang", "text"})
    assigns: frozenset[str] = frozenset({"published", "published_from"})
    #: Dates this run read with their year (metadata, "3 Nov 2025", a date in the lead), newest last:
    #: a dateline without one ("HAMBURG, Nov 3 (Reuters) -") takes the year inside or nearest their span,
    #: so an archive's reports keep their year whenever it is ingested (QA: an archive of 2025 with
    #: some years left out split its stories by a year; so would the sample corpus, read in 2027).
    seen: list[datetime] = field(default_factory=list)

    def __call__(self, articles: list[Article]) -> list[Article]:
        read = []
        for a in articles:
            meta = a.published if a.published is not None else a.meta.get("published_raw")
            lang = a.lang if a.lang and a.lang != "und" else None
            dateline = _dateline_of(a)
            published, source = find_published(meta, dateline, a.text, lang, now=self.now)
            yearless = source == "dateline" and dateline is not None and not names_year(dateline.date_text or "")
            if published is not None and not yearless:
                self.seen.append(published)
            read.append((a, meta, lang, dateline, published, source, yearless))
        del self.seen[:-YEAR_REFERENCE_DATES]
        ordered = sorted(self.seen)
        # the span of the run's dates, its tenth and ninetieth percentiles: one misdated outlier does not widen it
        near = (ordered[len(ordered) // 10], ordered[(len(ordered) * 9) // 10]) if ordered else None
        for a, meta, lang, dateline, published, source, yearless in read:
            if yearless and near is not None:  # its metadata gave no date the first time: not read again
                published, source = find_published(None, dateline, a.text, lang, now=self.now, near=near)
            a.published, a.published_from = published, source
            if meta is not None and source != "metadata":
                shown = str(meta) if len(str(meta)) <= 60 else str(meta)[:57] + "…"
                found = f"used the {source}'s date" if source else "no date found in the text either"
                a.meta.setdefault("warnings", []).append(f"publication date {shown!r} is unreadable or implausible; {found}")
        return articles
