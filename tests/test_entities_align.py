"""Names aligned across scripts keep the language of the articles they were read in."""

from __future__ import annotations

from babelwire.article import Article, Mention
from babelwire.entities import align_story


def test_aligned_names_carry_the_language_they_were_read_in() -> None:
    ar = Article(text="قال زيلامبو إن", lang="ar", id="a1")
    ar.entities = [Mention("per:x-ar", "زيلامبو", "PER", 4, 11, 0.6)]
    sw = Article(text="Zelambo alisema", lang="sw", id="a2")
    sw.entities = [Mention("per:x-sw", "Zelambo", "PER", 0, 7, 0.65)]
    (al,) = align_story([ar, sw], story_id="s1")
    # The alias the store adds for the merged name used to be filed under "und".
    assert al.evidence["surface_langs"] == {"زيلامبو": "ar", "Zelambo": "sw"}
