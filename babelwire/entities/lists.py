"""Lists of names that hold a place: every name the rules only guessed in one is a place.

News lists places together: "Lagos, Bayelsa and Cross River states", Hausa "jihohin Legas,
Bayelsa da Kuros Riba", "a drought in Bay, Bakool and Gedo".  One item known as a place (or
typed one by a place word) makes the list a list of places; so does a list of three names or
more after "in" or "across" (``LOC_LIST_PREPOSITIONS``).  Only guesses change: a person
typed by a title or a speech verb, and any known name, keep their type.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import CONNECTORS, LOC_LIST_MIN_ITEMS, LOC_LIST_OPENERS, LOC_LIST_PREPOSITIONS, LOC_TRIGGERS, is_and
from .spans import CONF_CITY, CONF_LOC_TRIGGER, CONF_PER_SPEECH, Span, Tok


def _joined(toks: Sequence[Tok], a: Span, b: Span, lang: str) -> str:
    """How ``b`` follows ``a`` in one sentence: "," (a comma or other mark between them), "and"
    ("and", Hausa "da"), ", and", or "" when they are not items of one list."""
    if toks[b.i].initial:
        return ""
    if b.i == a.j and toks[b.i].punct:
        return ","
    if b.i == a.j + 1 and is_and(toks[a.j].norm, lang) and not toks[a.j].cap and not toks[b.i].punct:
        return ", and" if toks[a.j].punct else "and"
    return ""


def _whole(toks: Sequence[Tok], s: Span) -> bool:
    """The span is a whole item: no capitalised word stands right before or after it in one
    phrase ("Air France", "Amiri Jeshi": a place or a guess inside a longer name), and it is
    not written with "'s" ("Tanzania's Samia" names a person, not a place)."""
    n = len(toks)
    before = s.i > 0 and not toks[s.i].initial and not toks[s.i].punct and toks[s.i - 1].cap
    after = s.j < n and not toks[s.j].initial and not toks[s.j].punct and toks[s.j].cap
    possessive = s.j < n and toks[s.j].norm == "s" and toks[s.j].punct
    return not (before or after or possessive)


def _lists(toks: Sequence[Tok], spans: list[Span], lang: str) -> list[list[Span]]:
    """Runs of two spans or more joined by commas and closed by "and"."""
    out: list[list[Span]] = []
    items = [s for s in spans if s.type != "DATE"]
    k = 0
    while k < len(items):
        group, joins = [items[k]], []
        while k + 1 < len(items) and (how := _joined(toks, group[-1], items[k + 1], lang)):
            group.append(items[k + 1])
            joins.append(how)
            k += 1
        # a list ends on "and"; an item after the comma that follows it is not one more, and ", and"
        # after one item opens a clause ("eneo la Namanga, na Harsama anaeleza": and Harsama explains)
        while joins and (joins[-1] == "," or (joins[-1] == ", and" and "," not in joins)):
            joins.pop()
            group.pop()
        if len(group) >= 2:
            out.append(group)
        k += 1
    return out


def _holds_a_place(toks: Sequence[Tok], group: list[Span]) -> bool:
    """One item of three or more is a place, known or typed by a place word or as a city, and says
    so of the list.  The first
    item does not when a comma follows it: "the former presidents of Tanzania, Ali Hassan Mwinyi
    and Jakaya Kikwete" (MasakhaNER Swahili dev) names the place, then its people."""
    if len(group) < LOC_LIST_MIN_ITEMS:
        return False  # two names: "Magari ya Kenya na Renault" (cars of Kenya and Renault)
    for k, s in enumerate(group):
        if s.type != "LOC" or not _whole(toks, s) or (k == 0 and toks[group[1].i].punct):
            continue
        if s.eid is not None or s.conf >= CONF_CITY:  # known, typed by a place word, or a city's name
            return True
    return False


def follows_place_word(toks: Sequence[Tok], i: int) -> bool:
    """The words from ``i`` follow a place word, in one phrase, perhaps across a connector: "jihohin
    Legas" (the states of Lagos), "miji ya Mosul" (the cities of Mosul), "regions of Bay"."""
    if i == 0 or toks[i].initial or toks[i].punct:
        return False
    prev = toks[i - 1].norm
    if prev in LOC_TRIGGERS:
        return True
    return (
        i > 1
        and (prev in CONNECTORS or prev in LOC_LIST_OPENERS)
        and not toks[i - 1].initial
        and not toks[i - 1].punct
        and toks[i - 2].norm in LOC_TRIGGERS
    )


def _after_list_preposition(toks: Sequence[Tok], group: list[Span]) -> bool:
    """Three names or more after "in", "across": "a drought in Bay, Bakool and Gedo"."""
    i = group[0].i
    return len(group) >= LOC_LIST_MIN_ITEMS and i > 0 and not toks[i].initial and toks[i - 1].norm in LOC_LIST_PREPOSITIONS


def type_place_lists(toks: Sequence[Tok], spans: list[Span], lang: str) -> None:
    """Make places of the guessed people in each list of names that holds a place (in place).

    ``spans`` are all spans chosen in the text, in text order.  An item is a guess when no
    entity is known for it and no title or speech verb typed it (below ``CONF_PER_SPEECH``);
    a one-word guess kept only as a name found elsewhere (``Span.weak``, "Bay") is kept as a
    place too."""
    for group in _lists(toks, spans, lang):
        if not (_holds_a_place(toks, group) or follows_place_word(toks, group[0].i) or _after_list_preposition(toks, group)):
            continue
        for s in group:
            if s.type == "PER" and s.eid is None and s.conf < CONF_PER_SPEECH and _whole(toks, s):
                s.type, s.conf, s.weak = "LOC", CONF_LOC_TRIGGER, False
