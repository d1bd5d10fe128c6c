"""The figures an article cites: numbers written the same in every language.

A death toll, a sum of money or a score reads ``1,234`` in English, ``1.234``
in German, ``1 234`` in French and ``١٬٢٣٤`` in Arabic, and all of them are
the figure ``1234`` here.  Two reports of one event tend to cite the same
figures whatever their language, and reports of different events rarely do,
so the share of an article's figures that a story already cites is a
language-neutral clue beside the vectors and the entities.

Measured on cross-language pairs (``bench/README.md``): NTREX-128
translations of one text share figures in 99% of pairs (mean Jaccard 0.84),
different texts in 18% (0.03); in the sample corpus, reports of one story by
different outlets share figures in 71% of pairs (0.36), different stories in
8% (0.02).

Single digits are left out: they are everywhere ("two", "3 p.m.") and say
nothing about which event an article reports.  Thousands separators (comma,
dot, space, no-break space, Arabic separator, apostrophe) are only joined
when exactly three digits follow one to three digits, so a list such as
"2, 3" stays two figures, and so does "2018 300".
Decimal marks are dropped, so "4.5" and "4,5" are the same figure.

An article's dateline is left out (:func:`article_figures`): "TOKYO, Sept 10
(Reuters) -" gives every report filed that day a "10" in common, and a Bank
of Japan report joined a NATO story on it (found by a QA pass).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

#: At most this many figures are kept per article (the first ones: leads cite
#: the figures the story is about).
MAX_FIGURES = 40

#: A figure: 1-3 digits then groups of three after a thousands separator, or
#: plain digits; then perhaps a decimal part.  A group only follows 1-3
#: digits, so a year beside a number ("in 2018 300 died") stays two figures.
_FIGURE = re.compile(r"(?:\d{1,3}(?:[,.'\u066c\u00a0\u202f ]\d{3}(?!\d))+|\d+)(?:[.,\u066b]\d+)?")


def _digits(token: str) -> str:
    # unicodedata.digit maps Arabic-Indic, Persian, Devanagari and other decimal digits to 0-9.
    return "".join(str(d) for d in (unicodedata.digit(c, None) for c in token) if d is not None)


def figures(text: str) -> frozenset[str]:
    """The figures of two or more digits in ``text``, as plain digit strings."""
    out: list[str] = []
    seen: set[str] = set()
    for m in _FIGURE.finditer(text):
        digits = _digits(m.group()).lstrip("0")
        if len(digits) < 2 or digits in seen:
            continue
        seen.add(digits)
        out.append(digits)
        if len(out) >= MAX_FIGURES:
            break
    return frozenset(out)


def article_figures(title: str, text: str, meta: Mapping[str, Any] | str | None = None) -> frozenset[str]:
    """The figures of an article's title and body, without its dateline.

    ``meta`` is the article's meta (a dict, or its JSON as stored): the clean
    step keeps the dateline's end offset in the body as ``meta["dateline"]["end"]``.
    """
    from ..clean.dateline import after_dateline

    return figures(f"{title}\n{after_dateline(text, meta)}")
