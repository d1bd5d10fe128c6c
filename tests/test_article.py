"""Helpers of the Article record module that every stage shares."""

from __future__ import annotations

import sys
import unicodedata

from babelwire.article import _COMBINING_SPAN, Article, strip_combining


def test_every_combining_character_is_in_the_span_the_table_is_built_from() -> None:
    everywhere = [cp for cp in range(sys.maxunicode + 1) if unicodedata.combining(chr(cp))]
    assert len(everywhere) > 800  # sanity: this Python's Unicode data has them
    assert all(cp in _COMBINING_SPAN for cp in everywhere)


def test_strip_combining_drops_what_the_per_character_loop_dropped() -> None:
    samples = ["Ça va", "wọ́n", "Ẹ̀kọ́ Ọ̀yọ́", "ёлка", "Ελληνικά", "وَالْيَابَان", "መንግሥት", "北约", "नमस्ते", "plain ascii", ""]
    for s in samples:
        for form in ("NFD", "NFKD"):
            d = unicodedata.normalize(form, s)
            assert strip_combining(d) == "".join(c for c in d if not unicodedata.combining(c)), (s, form)
    assert strip_combining(unicodedata.normalize("NFD", "Wọ́n")) == "Won"


def test_only_the_fields_asked_for_in_their_order() -> None:
    a = Article(text="Mvua kubwa ilinyesha Mombasa.", title="Mvua", lang="sw").identify()
    assert a.to_dict(fields=("title", "id")) == {"title": "Mvua", "id": a.id}
    assert a.to_dict(fields=("text",)) == {"text": a.text}
