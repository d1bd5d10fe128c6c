"""The pipeline step: entity mentions for a batch of articles."""

from __future__ import annotations

from ..article import Article, Mention
from ..clean.dateline import dateline_end
from .index import Alias, EntityIndex, key_token
from .normalise import is_cjk, norm_name


class EntitiesStep:
    """Fill ``article.entities`` from ``text`` and ``lang``.

    Two passes over the batch: the first finds mentions and teaches the index
    the confident new names (a person after a title, an organisation pattern);
    the second finds those names again wherever they occur in the batch, so a
    name introduced as "Rais Magufuli" in one article is found as a bare
    "Magufuli" at the start of a sentence in another.  The second pass reads
    only the articles that hold a learned name's first word
    (:func:`may_hold`): the rest would come out the same, and extraction is
    most of the step's cost.  The index keeps what it learned for later
    batches; :func:`babelwire.entities.store.save_index` persists it.
    """

    name = "entities"
    requires = frozenset({"text", "lang"})
    assigns = frozenset({"entities"})

    def __init__(self, index: EntityIndex | None = None) -> None:
        self.index = index if index is not None else EntityIndex.default()

    def __call__(self, articles: list[Article]) -> list[Article]:
        before = len(self.index.learned)
        for a in articles:
            a.entities = self._extract(a)
            self.index.learn(a.entities, a.text, a.lang)
        learned = self.index.learned[before:]
        if learned:
            for a in articles:
                if may_hold(a.text, learned):
                    a.entities = self._extract(a)
        return articles

    def _extract(self, a: Article) -> list[Mention]:
        """The article's mentions, less its own outlet's name and its dateline's unknown names.

        A dateline names the outlet filing ("BRUSSELS, Sept 9 (Atlantic Dispatch) -"),
        and the name came out as a person, learned and shared by all its articles;
        so did a dateline city in capitals that no list knows ("STUTTGART", "MORONI").
        Names the lists know (Reuters, BBC, Brussels) stay: other reports cite them.
        """
        found = self.index.extract(a.text, a.lang)

        def known(eid: str) -> bool:
            ent = self.index.entities.get(eid)
            return ent is not None and ent.origin in ("registry", "cldr")

        # A dateline holds a place, a date and an agency: an unknown "person" or
        # "organisation" there is the city in capitals ("STUTTGART") or the outlet.
        end = dateline_end(a.meta)
        place = next((m for m in found if m.start < end and self._is_dateline_place(a, m)), None)
        if place is not None:  # the place and every later mention of that name (same id) are the place
            eid = self._place_id(a.place)
            ent = self.index.entities.get(eid)
            found = [Mention(eid, ent.name if ent else a.place, "LOC", m.start, m.end, m.confidence) if m.id == place.id else m
                     for m in found]
        drop = {m.id for m in found if m.start < end and m.type in ("PER", "ORG") and not known(m.id)}
        if a.source:
            outlet = norm_name(a.source)
            drop |= {m.id for m in found if not known(m.id) and norm_name(a.text[m.start : m.end]) == outlet}
        return [m for m in found if m.id not in drop]  # their later parts too ("Dispatch" further on)

    @staticmethod
    def _is_dateline_place(a: Article, m: Mention) -> bool:
        """A name in the dateline, found as something else, that is the dateline's place
        ("BAYDHABO, 13 Sebtembar" was an unknown person, dropped with the body's "Baydhabo")."""
        return m.type != "LOC" and bool(a.place) and norm_name(a.text[m.start : m.end]) == norm_name(a.place or "")

    def _place_id(self, place: str) -> str:
        """The place's id: a known place, else the GeoNames city, else a new place id."""
        from .extract import city_id  # noqa: PLC0415 (one function of the extraction module)

        known = self.index.resolve(place)
        if known is not None and getattr(self.index.entities.get(known), "type", None) == "LOC":
            return known
        return city_id(self.index, place) or EntityIndex.new_id("LOC", place)


def may_hold(text: str, aliases: list[Alias]) -> bool:
    """Whether ``text`` could contain one of ``aliases`` (never False when it does).

    Extraction looks an alias up by its key tokens, starting from a token of
    the text whose normalised form is the alias's first key token (or, in
    Arabic, ends in it once proclitics and the article are taken off).  So
    that key token is a substring of the text's normalised tokens whenever
    the alias can match.  CJK aliases are matched on the raw characters.
    """
    folded: str | None = None
    for a in aliases:
        if a.alias and is_cjk(a.alias[0]):
            if a.alias in text or a.alias.replace(" ", "").replace("·", "") in text:
                return True
            continue
        words = a.norm.split()
        if not words:
            continue
        if folded is None:
            folded = norm_name(text)
        if key_token(words[0]) in folded:
            return True
    return False
