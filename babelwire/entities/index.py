"""The alias table: surfaces in any script → canonical entity ids.

:class:`EntityIndex` holds every known entity (registry, CLDR, learned) and a
token-n-gram lookup built from their aliases: a dict keyed by tuples of
normalised tokens plus the set of their prefixes, so a longest match costs a
few dict probes per token and no regex per name.  Names learned from one
article (:meth:`EntityIndex.learn`) join the same lookup and are found in the
next article.  CJK aliases, written without spaces, live in a separate
first-character table.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from ..article import Mention
from .gazetteer import Alias, Entity, cldr_entries, registry_entries
from .lexicon import COMMON
from .normalise import fold_ethiopic, is_cjk, norm_name, script_of, strip_article

#: Confidence of a match by the alias's origin: our registry is curated, CLDR
#: territory names are exact but sometimes ordinary words, learned names may be wrong.
ORIGIN_CONFIDENCE = {"registry": 0.95, "cldr": 0.9, "learned": 0.75}
#: Learn only mentions at least this sure (a PER after a title is 0.85, a bare capitalised word 0.55).
LEARN_MIN_CONFIDENCE = 0.8
#: CLDR locales whose territory names are read in an article of any language: the UN's six
#: languages, and German and Portuguese, whose names news in other languages borrow.  A
#: name only some other locale writes is read only in that locale's own articles: QA found
#: French "Hélène" linked to Greece (Hawaiian's "Helene") and Yoruba "Láti" (from, to) to
#: Latvia (Estonian's "Läti").
WIDE_LOCALES = frozenset({"en", "fr", "es", "ar", "ru", "zh", "pt", "de"})
#: A spelling this many locales share is no one language's word ("Kenya" is in 70).
SHARED_LOCALES_MIN = 2
_PREFIX = {"PER": "per", "ORG": "org", "LOC": "loc", "DATE": "date"}
#: Ids of places linked to GeoNames cities: ``loc:gn`` and the GeoNames id (``gazetteer.city_entity``).
CITY_PREFIX = "loc:gn"
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.&+-]{0,7}$")


def _arabic(word: str) -> bool:
    return bool(word) and "\u0600" <= word[0] <= "\u06ff"


def key_token(norm_tok: str) -> str:
    """The lookup key of one normalised token: Arabic loses its article (``اليابان`` → ``يابان``);
    Amharic is folded again, for aliases a store saved before its letters were (``ሕብረት`` → ``ህብረት``)."""
    if _arabic(norm_tok):
        return strip_article(norm_tok)
    if norm_tok and "\u1200" <= norm_tok[0] <= "\u137f":
        return fold_ethiopic(norm_tok)
    return norm_tok


class EntityIndex:
    """Known entities and their aliases, with a fast surface lookup."""

    def __init__(self, entities: Iterable[Entity] = (), aliases: Iterable[Alias] = ()) -> None:
        self.entities: dict[str, Entity] = {}
        self.aliases: dict[str, list[Alias]] = {}
        # key tuple -> (entity id, exact surface required or None, origin)
        self._keys: dict[tuple[str, ...], tuple[str, str | None, str]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        #: One-word Arabic keys that some alias spells without the article (``needs_article``)
        self._bare_arabic: set[tuple[str, ...]] = set()
        self._cjk: dict[str, str] = {}
        self._cjk_max = 0
        self._city_names: dict[str, str] | None = None  # built by city_by_name
        self.learned: list[Alias] = []  # aliases added at run time, for save_index
        #: CLDR keys read only in articles of these languages (``local_names``)
        self._local: dict[tuple[str, ...], frozenset[str]] = {}
        for e in entities:
            self.add_entity(e)
        for a in aliases:
            self.add_alias(a)

    # -- building -------------------------------------------------------------
    @classmethod
    def default(cls) -> EntityIndex:
        """Registry + CLDR.  The lookup is built once per process and copied."""
        base = _default_index()
        idx = cls.__new__(cls)
        idx.entities = dict(base.entities)
        idx.aliases = {k: list(v) for k, v in base.aliases.items()}
        idx._keys = dict(base._keys)
        idx._prefixes = set(base._prefixes)
        idx._bare_arabic = set(base._bare_arabic)
        idx._cjk = dict(base._cjk)
        idx._cjk_max = base._cjk_max
        idx._city_names = None
        idx._local = base._local  # never changed after it is built
        idx.learned = []
        return idx

    def add_entity(self, e: Entity) -> None:
        self.entities.setdefault(e.id, e)
        if e.id.startswith(CITY_PREFIX):
            self._city_names = None

    def city_by_name(self, surface: str) -> str | None:
        """The linked GeoNames city (``extract.city_id``) this index holds under ``surface``, its
        English name: how a search for "Baidoa" reaches the Somali "Baydhabo" without reading
        GeoNames (over a second) in every process that searches."""
        if self._city_names is None:
            self._city_names = {norm_name(e.name): e.id for e in self.entities.values() if e.id.startswith(CITY_PREFIX)}
        return self._city_names.get(norm_name(surface))

    def add_alias(self, a: Alias, *, learned: bool = False) -> bool:
        """Add one alias; False when its surface already names an entity (first one wins)."""
        if a.entity_id not in self.entities:
            raise KeyError(f"alias {a.alias!r} names unknown entity {a.entity_id!r}: add_entity first")
        origin = self.entities[a.entity_id].origin
        self.aliases.setdefault(a.entity_id, []).append(a)
        if learned:
            self.learned.append(a)
        if a.alias and is_cjk(a.alias[0]):
            compact = a.alias.replace(" ", "").replace("·", "")
            for form in {a.alias, compact}:
                if form not in self._cjk:
                    self._cjk[form] = a.entity_id
                    self._cjk_max = max(self._cjk_max, len(form))
            return True
        key = tuple(key_token(t) for t in a.norm.split())
        exact = a.alias if _ACRONYM.match(a.alias) and any(c.isalpha() for c in a.alias) else None
        if not key:
            return False
        if len(key) == 1 and _arabic(key[0]) and key[0] == a.norm:  # an Arabic word as the alias writes it
            self._bare_arabic.add(key)
        old = self._keys.get(key)
        if old is not None:
            if old[0] == a.entity_id and old[1] is not None and exact is None:  # "NATO" then "Nato": any case
                self._keys[key] = (old[0], None, old[2])
            return False
        self._keys[key] = (a.entity_id, " ".join(re.findall(r"[^\W_]+", exact)) if exact else None, origin)
        for n in range(1, len(key)):
            self._prefixes.add(key[:n])
        return True

    # -- lookup -----------------------------------------------------------------
    def get(self, key: tuple[str, ...]) -> tuple[str, str | None, str] | None:
        return self._keys.get(key)

    def needs_article(self, key: tuple[str, ...]) -> bool:
        """Whether a one-word Arabic name is known only with its article: ``الجزيرة`` (Al Jazeera)
        names the channel, ``جزيرة`` is any island (QA: ``بجزيرة لاغوس``, on Lagos Island)."""
        return len(key) == 1 and _arabic(key[0]) and key not in self._bare_arabic

    def reads(self, key: tuple[str, ...], lang: str) -> bool:
        """Whether the name under ``key`` may be matched in an article in ``lang`` (``local_names``)."""
        langs = self._local.get(key)
        return langs is None or lang.split("-")[0] in langs

    def is_prefix(self, key: tuple[str, ...]) -> bool:
        return key in self._prefixes

    def cjk_match(self, text: str, i: int) -> tuple[str, int] | None:
        """Longest CJK alias starting at ``text[i]``: ``(entity id, length)``."""
        for n in range(min(self._cjk_max, len(text) - i), 0, -1):
            eid = self._cjk.get(text[i : i + n])
            if eid:
                return eid, n
        return None

    def resolve(self, surface: str, lang: str | None = None) -> str | None:
        """The id a surface names, or None if it is unknown (or, given the article's
        ``lang``, a CLDR name not read in that language: :meth:`reads`)."""
        key = tuple(key_token(t) for t in norm_name(surface).split())
        hit = self._keys.get(key)
        if hit and (lang is None or self.reads(key, lang)):
            return hit[0]
        return self._cjk.get(surface)

    @staticmethod
    def new_id(type_: str, surface: str) -> str:
        """A stable id for an unknown name: ``per:`` + a slug + a short hash of the normalised name."""
        n = norm_name(surface)
        slug = re.sub(r"[^a-z0-9]+", "-", n.encode("ascii", "ignore").decode()).strip("-")[:24]
        h = hashlib.sha1(n.encode()).hexdigest()[:8]
        return f"{_PREFIX.get(type_, 'ent')}:{slug + '-' if slug else ''}{h}"

    def display_name(self, entity_id: str, lang: str) -> str:
        """The entity's name in the reader's language if we have one, else its canonical name."""
        ent = self.entities.get(entity_id)
        if ent is None:
            return entity_id
        for a in self.aliases.get(entity_id, ()):
            if a.lang == lang:
                return a.alias
        return ent.name

    # -- learning ---------------------------------------------------------------
    def learn(
        self, mentions: Iterable[Mention], text: str, lang: str = "und", *, min_confidence: float = LEARN_MIN_CONFIDENCE
    ) -> int:
        """Remember confident names from one article so other articles find them; returns how many are new."""
        added = 0
        for m in mentions:
            if m.type == "DATE" or m.confidence < min_confidence:
                continue
            surface = text[m.start : m.end]
            if m.id not in self.entities:
                self.add_entity(Entity(m.id, m.name or surface, m.type, "learned"))
            if self.resolve(surface) is None:
                if self.add_alias(Alias(m.id, surface, norm_name(surface), lang, script_of(surface)), learned=True):
                    added += 1
        return added

    def extract(self, text: str, lang: str) -> list[Mention]:
        """Entity mentions in ``text`` (see :mod:`babelwire.entities.extract`)."""
        from .extract import extract

        return extract(self, text, lang)


def local_names(aliases: Iterable[Alias], registry_keys: frozenset[tuple[str, ...]]) -> dict[tuple[str, ...], frozenset[str]]:
    """CLDR spellings that only their own locales' articles may match, with those locales.

    A spelling is read everywhere when a locale of ``WIDE_LOCALES`` writes it or
    ``SHARED_LOCALES_MIN`` locales do, unless it is one word that our lists hold as a
    common word (``lexicon.COMMON``): Yoruba "pẹ̀lú" (with) is Peru in five small locales.
    Spellings the registry also lists are the registry's, and read everywhere.
    """
    langs: dict[tuple[str, ...], set[str]] = {}
    for a in aliases:
        if a.alias and is_cjk(a.alias[0]):
            continue
        key = tuple(key_token(t) for t in a.norm.split())
        if key and key not in registry_keys:
            langs.setdefault(key, set()).add(a.lang)
    return {
        key: frozenset(ls)
        for key, ls in langs.items()
        if (len(key) == 1 and key[0] in COMMON) or (ls.isdisjoint(WIDE_LOCALES) and len(ls) < SHARED_LOCALES_MIN)
    }


@lru_cache(maxsize=1)
def _default_index() -> EntityIndex:
    r_ents, r_aliases = registry_entries()
    c_ents, c_aliases = cldr_entries()
    idx = EntityIndex()
    for e in r_ents:
        idx.add_entity(e)
    for e in c_ents:
        if e.id in idx.entities:  # a registry entry for a country (extra spellings) keeps CLDR's origin
            idx.entities[e.id] = Entity(e.id, idx.entities[e.id].name, "LOC", "cldr")
        idx.add_entity(e)
    for a in r_aliases:
        idx.add_alias(a)
    idx._local = local_names(c_aliases, frozenset(idx._keys))
    for a in c_aliases:
        idx.add_alias(a)
    # ~70k long-lived alias objects: move them out of the collector's way.  Measured on the
    # Arabic seed (565 words): 12 ms per extraction before, 4.4 ms after, as full
    # collections no longer rescan the table.
    gc.freeze()
    return idx
