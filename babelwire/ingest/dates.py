"""Metadata dates → timezone-aware UTC datetimes.

Only the formats metadata actually uses: ISO 8601 (JSON, Atom, HTML meta,
WARC-Date), RFC 822 (RSS ``pubDate``) and Unix timestamps (JSON numbers).
Dates written in prose are the clean step's job (``dateparser``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

#: A Unix timestamp above this is in milliseconds (1e11 s is the year 5138).
_MS_THRESHOLD = 1e11
#: Years outside this range are typos or placeholders ("0001-01-01"), not news dates.
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def parse_date(raw: Any) -> datetime | None:
    """A UTC datetime for ``raw``, or None when it is not a date we can read.

    A date or time with no zone is taken as UTC.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        seconds = raw / 1000 if raw > _MS_THRESHOLD else raw
        try:
            return _checked(datetime.fromtimestamp(seconds, UTC))
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(raw, str):
        return None
    s = raw.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{9,13}(\.\d+)?", s):
        return parse_date(float(s))
    iso = re.sub(r"(\d)\s+(\d{2}:\d{2})", r"\1T\2", s)  # "2024-03-05 10:00" → "2024-03-05T10:00"
    try:
        return _checked(datetime.fromisoformat(iso))
    except ValueError:
        pass
    zone = _RFC822_ZONE.search(s)
    if zone and (":" in zone["zone"] or zone["zone"].upper() not in _RFC822_ZONES):
        # "+05:30", "CEST", "EAT", "GMT+2": email.utils reads these as no zone at all, and the
        # time would be stored as UTC, hours off.  Unread here, the clean step's dateparser
        # reads them with their offsets (set_published keeps the raw value for it).
        return None
    try:
        return _checked(parsedate_to_datetime(s))
    except (TypeError, ValueError, IndexError):
        return None


#: The zone names RFC 822 defines, which email.utils understands; any other name it ignores.
_RFC822_ZONES = frozenset({"UT", "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"})
#: The zone after an RFC 822 time: a name, a name with an offset, or an offset with a colon.
_RFC822_ZONE = re.compile(r"\d:\d{2}(?::\d{2})?\s*(?P<zone>[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:\d{2})\s*$")


def _checked(dt: datetime) -> datetime | None:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    dt = dt.astimezone(UTC)
    return dt if _MIN_YEAR <= dt.year <= _MAX_YEAR else None


def set_published(meta: dict[str, Any], raw: Any) -> datetime | None:
    """Parse ``raw``; if it is present but unreadable, keep it in ``meta["published_raw"]``."""
    if raw is None or raw == "":
        return None
    dt = parse_date(raw)
    if dt is None:
        meta["published_raw"] = str(raw)  # the dates step reads it more leniently, and warns if it cannot
    return dt
