"""Datelines: ``TOKYO (AP) –``, ``الخرطوم (أ ف ب) -``, ``МОСКВА, 3 октября. /ТАСС/.``, ``新华社北京10月3日电``.

:func:`parse_dateline` reads the place, the agency (normalised to a short
canonical name where known) and the date text from the start of an article
and says where the body begins.  It is deliberately strict: a Latin or
Cyrillic dateline needs an ALL-CAPS place or a known agency; an Arabic or
Ethiopic one (no capitals) needs a known agency, or a place of at most two
words before a spaced dash; so an ordinary first sentence is not read as a
dateline.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..article import strip_combining

__all__ = ["Dateline", "parse_dateline", "canonical_agency"]


@dataclass(frozen=True)
class Dateline:
    place: str
    agency: str | None
    date_text: str | None
    end: int  # offset in the text where the body begins


#: Canonical short name → aliases in any script (case, dots, spaces and hamza forms do not matter).
_AGENCY_ALIASES: dict[str, str] = {
    "AP": "AP|Associated Press|أ ب|أسوشيتد برس|اسوشيتد برس|أسوشيتدبرس|美联社|አሶሼትድ ፕሬስ|ኤፒ",
    "AFP": "AFP|Agence France-Presse|Agence France Presse|أ ف ب|فرانس برس|فرانس بريس|АФП|法新社|ኤኤፍፒ",
    "Reuters": "Reuters|رويترز|Рейтер|Рейтерс|路透社|ሮይተርስ|ሮይተርዝ",
    "TASS": "TASS|ТАСС|تاس|塔斯社",
    "RIA Novosti": "RIA Novosti|РИА Новости|RIA|ريا نوفوستي",
    "Interfax": "Interfax|Интерфакс",
    "Xinhua": "Xinhua|新华社|شينخوا|Синьхуа|ዢንዋ|ሺንዋ",
    "KCNA": "KCNA|朝中社|ЦТАК",
    "Anadolu": "Anadolu|AA|Anadolu Agency|الأناضول",
    "EFE": "EFE|إفي|ЭФЕ",
    "dpa": "dpa|د ب أ",
    "ANSA": "ANSA|أنسا",
    "MENA": "MENA|أ ش أ",
    "SPA": "SPA|واس",
    "QNA": "QNA|قنا",
    "WAM": "WAM|وام",
    "KUNA": "KUNA|كونا",
    "IRNA": "IRNA|إرنا",
    "SANA": "SANA|سانا",
    "Petra": "Petra|بترا",
    "Yonhap": "Yonhap|يونهاب|韩联社|Йонхап",
    "Kyodo": "Kyodo|كيودو|共同社|Киодо",
    "Jiji": "Jiji|時事通信",
    "PTI": "PTI",
    "IANS": "IANS",
    "UPI": "UPI",
    "AAP": "AAP",
    "Bernama": "Bernama",
    "Antara": "Antara",
    "Europa Press": "Europa Press",
    "Lusa": "Lusa",
    "Belga": "Belga",
    "PAP": "PAP",
    "Sputnik": "Sputnik|سبوتنيك|Спутник",
    "Ukrinform": "Ukrinform|Укринформ",
    "BelTA": "BelTA|БелТА",
    "China News Service": "中新社|中新网",
    "ENA": "ENA|ኢዜአ",
    "KNA": "KNA",
    "NAN": "NAN",
    "APS": "APS|واج",
    "MAP": "MAP",
    "TAP": "TAP|وات",
    # Sudan's and Somalia's national agencies (low-resource QA)
    "SUNA": "SUNA|سونا|Sudan News Agency|وكالة السودان للأنباء",
    "SONNA": "SONNA|Somali National News Agency|سونا الصومالية",
}


def _agency_key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = strip_combining(s).casefold()
    return re.sub(r"[\s.\-–_/]+", "", s)


_AGENCIES: dict[str, str] = {
    _agency_key(alias): canon for canon, aliases in _AGENCY_ALIASES.items() for alias in aliases.split("|")
}


def canonical_agency(name: str) -> str | None:
    """The canonical short name of a known agency (``أ ف ب`` → ``AFP``), else ``None``."""
    return _AGENCIES.get(_agency_key(name))


#: Lower-cased inside a title-cased place (``DAR ES SALAAM`` → ``Dar es Salaam``).
_PARTICLES = frozenset("de del della la le les es al el of the du des da do dos das van von au aux et y".split())
#: All-caps openers that are kickers or acronyms, not places (``NATO –``, ``BREAKING:``).
_NOT_PLACES = frozenset(
    "NATO UN EU US USA UK WHO IMF OPEC AU BREAKING UPDATE UPDATED EXCLUSIVE WATCH LIVE OPINION ANALYSIS EDITORIAL "
    "VIDEO PHOTOS PHOTO NOTE WARNING ALERT URGENT FLASH REVIEW INTERVIEW COMMENTARY FACTBOX EXPLAINER CORRECTION "
    "CORRECTED REFILE RPT SPONSORED ADVERTISEMENT FEATURE SPORT SPORTS BUSINESS WORLD POLITICS "
    # the same bodies and kickers in French, Spanish, German, Swahili and Russian headlines
    # ("OTAN : Pyongyang dénonce…", "ONU: …", "EILMELDUNG: …")
    "OTAN ONU UE UA OMS FMI OPEP CEDEAO ECOWAS UNO EXCLUSIF EXCLUSIVA EXKLUSIV DIRECT ALERTE VIDÉO VÍDEO "
    "ANALYSE ANÁLISIS OPINIÓN TRIBUNE ENTRETIEN ENTREVISTA REPORTAGE ÉDITORIAL KOMMENTAR EILMELDUNG "
    "TAHARIRI UCHAMBUZI НАТО ООН ЕС МВФ ВОЗ МОЛНИЯ".split()
)

#: Words in an ALL-CAPS place with no agency (``DAR ES SALAAM —``); a longer caps run is a headline.
_MAX_BARE_PLACE_WORDS = 3

_WORD = r"[^\W\d_][\w'’.\-\u0300-\u036f]*"  # combining marks too: Yoruba "Ọjọ́ Àìkú" (Sunday)
_LETTER = r"(?:[^\W\d_][\u0300-\u036f]*)"  # a letter and its combining marks (Yoruba tone marks)
_MONTH_WORD = rf"{_LETTER}{{3,12}}(?:-{_LETTER}+)?"
#: ``Oct 3``, ``3 Oktoba 2026``; a weekday may lead (``Litinin 12 ga Oktoba 2026``), and a word for
#: "of" or "month" may stand between day and month (Hausa ``ga``, ``ga watan``, Somali ``bisha``, Yoruba
#: ``Oṣù Kẹwàá``, Spanish ``de``); a Somali day may carry its ordinal ending (``10ka``, ``10-ka``).
_DATE = (
    rf"(?:{_LETTER}{{3,12}},?\s+)?"
    rf"(?:\d{{1,2}}(?:-?(?i:ka|da|aad))?\.?\s+(?:(?i:ga\s+watan|ga|watan|bisha|o\u1e63\u00f9|osu|de)\s+)?{_MONTH_WORD}\.?"
    rf"|{_MONTH_WORD}\.?\s+\d{{1,2}})"
    r"(?:,?\s+(?:de\s+)?\d{4})?"
)
_LATIN = re.compile(
    rf"(?P<place>{_WORD}(?:[ \t]{_WORD}){{0,3}})"
    rf"(?:[ \t]+(?P<date0>{_DATE}))?"  # "KANO 10 ga Satumba (…) –": a date right after the place, no comma
    rf"(?:,[ \t]*(?P<region>{_WORD}(?:[ \t]{_WORD}){{0,2}}))?"
    rf"(?:,[ \t]*(?P<date>{_DATE}))?"
    r"(?:[ \t]*\.?[ \t]*(?:\((?P<agency>[^()\n]{1,40})\)|/(?P<slash>[^/\n]{1,30})/))?"
    r"[ \t]*(?P<sep>\.-|[-–—:]|\.)(?:[ \t]+|[ \t]*\n|$)"  # the body may start on the next line
)
_AR = r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06fa-\u06ff]+"
_ARABIC = re.compile(
    rf"(?P<place>{_AR}(?:[ \t]{_AR}){{0,2}})"
    # ``كانو، 10 سبتمبر``, or a numeric date without the comma (``مقديشو 13-9-2026 (سونا) -``, SUNA's form)
    r"(?:[ \t]*[،,][ \t]*(?P<date>[^()\-–—:\n،,]{2,30}?)|[ \t]+(?P<numdate>\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}))?[ \t]*"
    r"(?:\((?P<agency>[^()\n]{1,30})\)[ \t]*[-–—:]"
    r"|[-–—][ \t]*\(?(?P<agency2>[^()\-–—:\n]{1,30}?)\)?[ \t]*[:\-–—])"
    r"[ \t]*"
)
#: ``أديس أبابا - انطلقت``, ``አዲስ አበባ (አዲስ ዘና) -``, ``አዲስ አበባ —``: a place of at most two words, an optional
#: bracketed agency, then a *spaced* dash.  Two words is the longest place in the sample corpus; a
#: sentence does not break off with a spaced dash after its first two words.
_NOCAPS_WORD = r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u1200-\u137f]+"
_NOCAPS = re.compile(
    rf"(?P<place>{_NOCAPS_WORD}(?:[ \t]{_NOCAPS_WORD})?)"
    r"(?:[ \t]*[፣،,][ \t]*(?P<date>[^()\-–—:\n]{2,30}?))?"
    r"(?:[ \t]*\((?P<agency>[^()\n]{1,30})\))?"
    r"[ \t]+[-–—][ \t]+"
    # ``القاهرة - 16 أكتوبر 2026 -``: the date between two spaced dashes
    r"(?:(?P<date2>\d{1,2}[ \t]+[^\W\d_]{3,12}(?:[ \t]+[^\W\d_]{3,12})?(?:[ \t]+\d{4})?)[ \t]+[-–—][ \t]+)?"
)
_CHINESE = re.compile(
    r"(?P<agency>新华社|中新社|中新网|人民网|央视网|本报|路透社|法新社|美联社|塔斯社|共同社|韩联社|朝中社)(?:记者)?[ \t]*"
    r"(?P<place>[\u4e00-\u9fff]{1,8}?)(?P<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日)(?:电|讯)"
    r"(?:（[^）\n]{0,40}）|\([^)\n]{0,40}\))?[ \t]*[：:]?[ \t]*"
)
#: ``МОСКВА, 3 окт — РИА Новости.``: a known agency right after the separator, then ``.`` or ``:``.
_AGENCY_AFTER = re.compile(r"(?P<agency>[^\W\d_][^.:\n]{1,28}?)[ \t]*[.:](?:[ \t]+|$)")


def _title_place(place: str) -> str:
    letters = [c for c in place if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return place

    def cap(word: str, first: bool) -> str:
        parts = word.split("-")
        out = []
        for j, p in enumerate(parts):
            low = p.lower()
            out.append(low if (low in _PARTICLES and not (first and j == 0)) else low[:1].upper() + low[1:])
        return "-".join(out)

    return " ".join(cap(w, i == 0) for i, w in enumerate(place.split()))


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _latin(text: str, start: int) -> Dateline | None:
    m = _LATIN.match(text, start)
    if m is None:
        return None
    place, sep = m.group("place").rstrip("."), m.group("sep")
    raw_agency = m.group("agency") or m.group("slash")
    agency = canonical_agency(raw_agency) if raw_agency else None
    caps = _is_caps(place) and place.split()[0].strip(".") not in _NOT_PLACES
    end = m.end()
    if raw_agency is None and sep != ".":
        after = _AGENCY_AFTER.match(text, end)
        if after and (known := canonical_agency(after.group("agency"))):
            agency, raw_agency, end = known, after.group("agency"), after.end()
    if raw_agency is None:
        # No agency: only an ALL-CAPS place followed by a dash or colon (``ADDIS ABABA, Ethiopia —``).
        if not caps or sep in (".", ".-") or len(place.split()) > _MAX_BARE_PLACE_WORDS:
            return None
    elif agency is None:
        # An unknown name in brackets counts only after an ALL-CAPS place (``LAGOS (NAN) -``).
        if not caps or len(raw_agency.split()) > 4 or not raw_agency.strip()[:1].isupper():
            return None
        agency = raw_agency.strip()
    if sep == "." and m.group("slash") is None and not caps:
        return None
    if len(place) > 40:
        return None
    if m.group("date0") and not (_is_caps(place) and _reads_as_date(m.group("date0"))):
        # without the comma, only an ALL-CAPS place and a real date: "The minister said 3 times
        # (Reuters) -", "LAGOS Police Command 10 (NAN) -", "KANO Litinin 12 ga Oktoba (NAN) -" (review)
        return None
    date = m.group("date") or m.group("date0")
    if text[m.end() - 1 : m.end()] == "\n" and not (date or raw_agency):
        return None  # a label on its own line ("BACKGROUND:", "EDITOR'S NOTE:"): a dateline alone on its line has a date or an agency
    return Dateline(place=_title_place(place), agency=agency, date_text=date.rstrip(".") if date else None, end=end)


def _nocaps(text: str, start: int) -> Dateline | None:
    m = _NOCAPS.match(text, start)
    if m is None:
        return None
    raw, date = m.group("agency"), m.group("date") or m.group("date2")
    agency = (canonical_agency(raw) or raw.strip()) if raw else None
    return Dateline(place=m.group("place"), agency=agency, date_text=date.strip() if date else None, end=m.end())


def _arabic(text: str, start: int) -> Dateline | None:
    m = _ARABIC.match(text, start)
    if m is None:
        return _nocaps(text, start)
    raw = m.group("agency") or m.group("agency2") or ""
    agency = canonical_agency(raw)
    date = m.group("date") or m.group("numdate")
    if agency is None and m.group("agency") is not None and date and _reads_as_date(date):
        # A place, a date and a bracketed name (``كانو، 10 سبتمبر (وكالة الساحل) -``): a sentence
        # does not open with a day and month, so the unknown name is the outlet.
        return Dateline(place=m.group("place"), agency=raw.strip(), date_text=date.strip(), end=m.end())
    if agency is None:
        # Arabic has no capitals: without a known agency a dateline cannot be told from a sentence,
        # except a short place, a spaced dash and a date (``القاهرة - 16 أكتوبر 2026 -``), or a place
        # we know with a name in brackets (``الخرطوم (النيلين اليوم) -``: a local paper, not in our
        # agency list); ``قال الوزير (اليوم) -`` (the minister said (today)) names no place.
        if m.group("agency") is not None:
            from ..entities.gazetteer import is_known_place  # read only for such a line

            if m.group("date") is None and len(raw.split()) <= 4 and is_known_place(m.group("place")):
                return Dateline(place=m.group("place"), agency=raw.strip(), date_text=None, end=m.end())
            return None
        short = _nocaps(text, start)
        return short if short is not None and short.date_text else None
    return Dateline(place=m.group("place"), agency=agency, date_text=date.strip() if date else None, end=m.end())


def _reads_as_date(text: str) -> bool:
    from .dates import reads_as_date  # dates reads this module: imported when needed

    return reads_as_date(text)


def _chinese(text: str, start: int) -> Dateline | None:
    m = _CHINESE.match(text, start)
    if m is None:
        return None
    raw = m.group("agency")
    agency = None if raw == "本报" else (canonical_agency(raw) or raw)
    return Dateline(place=m.group("place"), agency=agency, date_text=m.group("date"), end=m.end())


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or ``None`` when it has none."""
    start = len(text) - len(text.lstrip())
    if start >= len(text):
        return None
    first = text[start]
    if "\u4e00" <= first <= "\u9fff":
        return _chinese(text, start)
    if "\u0600" <= first <= "\u06ff":
        return _arabic(text, start)
    if "\u1200" <= first <= "\u137f":  # Ethiopic
        return _nocaps(text, start)
    if first.isalpha():
        return _latin(text, start)
    return None


def dateline_end(meta: Mapping[str, Any] | str | None) -> int:
    """Where the dateline the clean step found ends in the body (``meta["dateline"]["end"]``), or 0.

    ``meta`` is an article's meta, or its JSON as stored.
    """
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except ValueError:
            meta = None
    dateline = meta.get("dateline") if isinstance(meta, Mapping) else None
    end = dateline.get("end") if isinstance(dateline, Mapping) else None
    return end if isinstance(end, int) and end > 0 else 0


def after_dateline(text: str, meta: Mapping[str, Any] | str | None) -> str:
    """``text`` without its dateline (:func:`dateline_end`).

    A dateline's day, place and agency are the outlet's filing details, not
    what the story says: figures and distinctive words are read after it.
    """
    end = dateline_end(meta)
    return text[end:] if end <= len(text) else text
