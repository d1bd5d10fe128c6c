"""Names aligned across scripts keep the language of the articles they were read in."""

from __future__ import annotations

from babelwire.article import Article, Mention
from babelwire.entities import align_story


def naming(text: str, lang: str, ident: str, *people: tuple[str, str]) -> Article:
    """An article whose ``people`` (entity id, name as written in ``text``) are its mentions."""
    a = Article(text=text, lang=lang, id=ident)
    a.entities = [Mention(eid, name, "PER", text.index(name), text.index(name) + len(name), 0.6) for eid, name in people]
    return a


def test_aligned_names_carry_the_language_they_were_read_in() -> None:
    ar = naming("قال زيلامبو إن", "ar", "a1", ("per:x-ar", "زيلامبو"))
    sw = naming("Zelambo alisema", "sw", "a2", ("per:x-sw", "Zelambo"))
    (al,) = align_story([ar, sw], story_id="s1")
    # The alias the store adds for the merged name used to be filed under "und".
    assert al.evidence["surface_langs"] == {"زيلامبو": "ar", "Zelambo": "sw"}


def test_a_somali_spelling_aligns_with_the_english_one_and_one_language_never_with_itself() -> None:
    # QA: "Maxamuud Cabdi Xasan" (so; x is ḥ, c the ʿayn) and "Mohamud Abdi Hassan" (en) were two people.
    so = naming("Maxamuud Cabdi Xasan ayaa sheegay", "so", "a1", ("per:x-so", "Maxamuud Cabdi Xasan"))
    en = naming("Mohamud Abdi Hassan said", "en", "a2", ("per:x-en", "Mohamud Abdi Hassan"))
    (al,) = align_story([so, en], story_id="s1")
    assert {al.entity_id, al.merged_id} == {"per:x-so", "per:x-en"}
    # Two names of one skeleton in one language and script are two people (Mohamed Abdi, Mahmoud Abdi)
    both = naming("Mohamed Abdi and Mahmoud Abdi met", "en", "a3", ("per:m1", "Mohamed Abdi"), ("per:m2", "Mahmoud Abdi"))
    assert align_story([both], story_id="s2") == []
    # across languages in one script, a single word never aligns: "Hassan" (en) and "Xasan" (so) alone are too little
    b = naming("Xasan ayaa sheegay", "so", "a4", ("per:h-so", "Xasan"))
    c = naming("Hassan said", "en", "a5", ("per:h-en", "Hassan"))
    assert align_story([b, c], story_id="s3") == []


def test_a_foreign_name_in_a_somali_article_still_aligns_as_written() -> None:
    # review: read by Somali rules "Macron" is "mrn" (its c taken for the ʿayn), and it no longer met ماكرون
    so = naming("Macron ayaa sheegay", "so", "a1", ("per:m-so", "Macron"))
    ar = naming("قال ماكرون", "ar", "a2", ("per:m-ar", "ماكرون"))
    (al,) = align_story([so, ar], story_id="s1")
    assert {al.entity_id, al.merged_id} == {"per:m-so", "per:m-ar"}
