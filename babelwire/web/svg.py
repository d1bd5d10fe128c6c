"""Geometry for the inline SVG charts: a sparkline of articles per day and a dot timeline.

These functions only compute numbers and plain strings; ``templates/_macros.html``
draws them with Jinja's autoescaping, so outlet names and titles in tooltips
(``<title>``) are escaped like every other piece of article text.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from .text import balance_bidi

#: Sparklines cover at most this many bars; longer spans are bucketed by week
#: (60 bars of 2 px fit the 120-px-wide sparkline on the stories list).
MAX_BARS = 60
SPARK_W, SPARK_H = 120, 24
#: A sparkline has at least this many day slots, so a one-day story draws one narrow bar, not a block.
MIN_SLOTS = 14
#: Timeline drawing box (SVG user units; CSS scales it to the page width, but never below
#: ``.timeline { min-width }`` in style.css: on a phone it scrolls sideways instead of shrinking
#: its 12-unit labels to 5 px, QA).
TL_W, TL_LABEL_W, TL_ROW_H, TL_PAD = 760, 70, 26, 14
#: A dot's on-screen label (shown while it has keyboard focus) is cut to this many characters.
LABEL_MAX = 48
#: Dots closer than this (user units) in one row are stacked so each stays clickable.
DOT_GAP = 9
#: A dot's invisible tap target (radius, user units). The narrowest drawing is 720 CSS px for 760
#: units (style.css), 0.945 px a unit less its 1-px border, so 2 × 13 units is 24.6 px: the 24 × 24
#: CSS px of WCAG 2.5.8 (QA: a 5-unit dot was a 9.5-px target on a 390-px phone).
TL_HIT_R = 13.0


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    title: str


@dataclass
class Sparkline:
    width: int
    height: int
    bars: list[Bar]
    title: str


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def sparkline(per_day: dict[str, int]) -> Sparkline | None:
    """Bars of articles per day (or per week when the span is long); None without dates."""
    counts: Counter[date] = Counter()
    for k, n in per_day.items():
        d = _day(k)
        if d:
            counts[d] += n
    if not counts:
        return None
    first, last = min(counts), max(counts)
    span = (last - first).days + 1
    step = 1 if span <= MAX_BARS else 7
    buckets: Counter[int] = Counter()
    for d, n in counts.items():
        buckets[(d - first).days // step] += n
    nb = (span - 1) // step + 1
    top = max(buckets.values())
    w = SPARK_W / max(nb, MIN_SLOTS)
    bars = []
    for i in range(nb):
        n = buckets.get(i, 0)
        if not n:
            continue
        h = max(2.0, (SPARK_H - 2) * n / top)
        start = first + timedelta(days=i * step)
        label = f"{start.isoformat()}: {n} article{'s' if n != 1 else ''}" + (" (week)" if step == 7 else "")
        bars.append(Bar(round(i * w, 2), round(SPARK_H - h, 2), round(max(w - 0.6, 1.0), 2), round(h, 2), label))
    unit = "day" if step == 1 else "week"
    total = sum(counts.values())
    return Sparkline(SPARK_W, SPARK_H, bars, f"{total} article{'' if total == 1 else 's'} per {unit}, {first.isoformat()} to {last.isoformat()}")


@dataclass
class Dot:
    cx: float
    cy: float
    r: float
    href: str
    title: str  # the tooltip and the link's accessible name: everything known about the item
    label: str = ""  # what it is in a few words (outlet and time), drawn beside it while focused
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "middle"  # start / middle / end: the label stays inside the drawing
    hit_r: float = 0.0  # the link's tap target: TL_HIT_R, less where it would cover another dot


@dataclass
class Row:
    label: str
    lang: str | None
    y: float
    dots: list[Dot] = field(default_factory=list)


@dataclass
class Timeline:
    width: int
    height: int
    label_w: int
    rows: list[Row]
    start_label: str
    end_label: str
    axis_y: float
    gutter_x: float | None = None  # where undated points sit, when some points are dated


@dataclass
class Point:
    """One thing on a timeline: when, which row, where it links, its tooltip, its weight (radius)."""

    when: datetime | str | None
    row: str
    href: str
    title: str
    weight: float = 1.0
    row_lang: str | None = None
    label: str | None = None  # short on-screen label; the title, cut, when not given


def _focus_label(dot: Dot, text: str) -> Dot:
    """Place ``text`` above the dot (below it in the top row), anchored so it stays in the drawing."""
    dot.label = text if len(text) <= LABEL_MAX else balance_bidi(text[: LABEL_MAX - 1]).rstrip() + "…"  # a cut may split an isolate
    above = dot.cy - dot.r - 5
    dot.label_y = round(above if above >= 12 else dot.cy + dot.r + 13, 1)
    if dot.cx < TL_W * 0.3:
        dot.label_x, dot.label_anchor = round(dot.cx - dot.r, 1), "start"
    elif dot.cx > TL_W * 0.7:
        dot.label_x, dot.label_anchor = round(dot.cx + dot.r, 1), "end"
    else:
        dot.label_x, dot.label_anchor = dot.cx, "middle"
    return dot


def _tap_targets(dots: list[Dot]) -> None:
    """Give each dot a tap target of ``TL_HIT_R`` that covers no other dot's visible circle.

    Targets may overlap one another (the dot drawn later, or the focused one, wins there), but a
    click on a dot you can see always opens that dot, whichever is drawn on top. Crowded dots
    (stacked, ``DOT_GAP``) keep their own radius: nothing bigger fits between them.
    """
    by_x = sorted(dots, key=lambda d: d.cx)
    reach = TL_HIT_R + max((d.r for d in dots), default=0.0)
    for i, d in enumerate(by_x):
        room = TL_HIT_R
        for others in (by_x[i + 1:], reversed(by_x[:i])):
            for o in others:
                if abs(o.cx - d.cx) >= reach:
                    break
                room = min(room, ((o.cx - d.cx) ** 2 + (o.cy - d.cy) ** 2) ** 0.5 - o.r)
        d.hit_r = max(d.r, math.floor(room * 10) / 10)


def _ts(value: datetime | str | None) -> float | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def timeline(points: list[Point]) -> Timeline | None:
    """Rows in first-seen order; x is time.

    Undated points go to a gutter at the right end (labelled "undated"); when
    nothing is dated they are spread evenly in the order given (arrival order).
    None when there are no points at all.
    """
    if not points:
        return None
    times = [_ts(p.when) for p in points]
    dated = [t for t in times if t is not None]
    gutter = 40 if dated and len(dated) < len(points) else 0
    plot_w = TL_W - TL_LABEL_W - 2 * TL_PAD - gutter
    x_of: list[float] = []
    if dated:
        t0, t1 = min(dated), max(dated)
        for t in times:
            if t is None:
                x_of.append(TL_W - TL_PAD - gutter / 2)
            else:
                x_of.append(TL_LABEL_W + TL_PAD + (plot_w * (t - t0) / (t1 - t0) if t1 > t0 else plot_w / 2))
    else:
        n = len(points)
        x_of = [TL_LABEL_W + TL_PAD + (plot_w * i / (n - 1) if n > 1 else plot_w / 2) for i in range(n)]
    order = sorted(range(len(points)), key=lambda i: x_of[i])
    rows: dict[str, Row] = {}
    for i in order:
        p = points[i]
        if p.row not in rows:
            rows[p.row] = Row(p.row, p.row_lang, TL_PAD + len(rows) * TL_ROW_H + TL_ROW_H / 2)
    top_weight = max(p.weight for p in points) or 1.0
    placed: dict[str, list[tuple[float, int]]] = {}  # per row: (x, stacking offset) of the dots so far
    for i in order:
        p, x = points[i], x_of[i]
        row = rows[p.row]
        taken = [off for v, off in placed.get(p.row, []) if abs(v - x) < DOT_GAP]
        # stack up to three, 0, +6, -6, each on a level its near neighbours leave free (the old cycle by
        # count drew the second of two same-time dots exactly on the first)
        offset = next((off for off in (0, 6, -6) if off not in taken), (0, 6, -6)[len(taken) % 3])
        placed.setdefault(p.row, []).append((x, offset))
        r = 3.5 + 3.5 * (p.weight / top_weight) ** 0.5 if top_weight > 1 else 5.0
        dot = Dot(round(x, 1), round(row.y + offset, 1), round(r, 1), p.href, p.title)
        row.dots.append(_focus_label(dot, p.label or p.title))
    _tap_targets([d for row in rows.values() for d in row.dots])
    height = int(TL_PAD * 2 + len(rows) * TL_ROW_H + 16)
    if dated:
        fmt = "%Y-%m-%d %H:%M" if max(dated) - min(dated) < 3 * 86400 else "%Y-%m-%d"
        start = datetime.fromtimestamp(min(dated), UTC).strftime(fmt)
        end = datetime.fromtimestamp(max(dated), UTC).strftime(fmt)
    else:
        start, end = "undated: in order of arrival", ""
    return Timeline(TL_W, height, TL_LABEL_W, list(rows.values()), start, end, height - 6,
                    gutter_x=TL_W - TL_PAD - gutter / 2 if gutter else None)
