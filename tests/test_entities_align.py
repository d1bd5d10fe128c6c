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


def test_a_somali_spelling_aligns_with_the_english_one_and_one_language_never_with_itself() -> None:
    # QA: "Maxamuud Cabdi Xasan" (so; x is ḥ, c the ʿayn) and "Mohamud Abdi Hassan" (en) were two people.
    so = Article(text="Maxamuud Cabdi Xasan ayaa sheegay", lang="so", id="a1")
    so.entities = [Mention("per:x-so", "Maxamuud Cabdi Xasan", "PER", 0, 20, 0.6)]
    en = Article(text="Mohamud Abdi Hassan said", lang="en", id="a2")
    en.entities = [Mention("per:x-en", "Mohamud Abdi Hassan", "PER", 0, 19, 0.6)]
    (al,) = align_story([so, en], story_id="s1")
    assert {al.entity_id, al.merged_id} == {"per:x-so", "per:x-en"}
    # Two names of one skeleton in one language and script are two people (Mohamed Abdi, Mahmoud Abdi)
    a = Article(text="Mohamed Abdi and Mahmoud Abdi met", lang="en", id="a3")
    a.entities = [Mention("per:m1", "Mohamed Abdi", "PER", 0, 12, 0.6), Mention("per:m2", "Mahmoud Abdi", "PER", 17, 29, 0.6)]
    assert align_story([a], story_id="s2") == []
    # across languages in one script, a single word never aligns: "Hassan" (en) and "Xasan" (so) alone are too little
    b = Article(text="Xasan ayaa sheegay", lang="so", id="a4")
    b.entities = [Mention("per:h-so", "Xasan", "PER", 0, 5, 0.6)]
    c = Article(text="Hassan said", lang="en", id="a5")
    c.entities = [Mention("per:h-en", "Hassan", "PER", 0, 6, 0.6)]
    assert align_story([b, c], story_id="s3") == []


def test_a_foreign_name_in_a_somali_article_still_aligns_as_written() -> None:
    # review: read by Somali rules "Macron" is "mrn" (its c taken for the ʿayn), and it no longer met ماكرون
    so = Article(text="Macron ayaa sheegay", lang="so", id="a1")
    so.entities = [Mention("per:m-so", "Macron", "PER", 0, 6, 0.6)]
    ar = Article(text="قال ماكرون", lang="ar", id="a2")
    ar.entities = [Mention("per:m-ar", "ماكرون", "PER", 4, 10, 0.6)]
    (al,) = align_story([so, ar], story_id="s1")
    assert {al.entity_id, al.merged_id} == {"per:m-so", "per:m-ar"}
