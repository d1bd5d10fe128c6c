"""Names in a query, expanded to their aliases in every script.

A query for ``NATO`` should find ``الناتو``, ``НАТО`` and ``北约`` too: the
keyword side of search looks the query's words up in the entity index and
adds each known name's aliases (as index terms) to the FTS5 query.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from ..entities.normalise import TOKEN_RE, arabic_candidates, norm_token
from .normalise import CJK_RE, Expansion, index_text, tokens

#: Aliases added per name: the first-class languages' spellings come first and
#: fit well within this; CLDR has hundreds of locales for a country.
MAX_ALIASES = 40
#: Longest name looked up, in words ("Democratic Republic of the Congo" has 5).
MAX_NAME_WORDS = 5
#: Words shorter than this expand only when written in capitals (``UN``, ``EU``):
#: a lower-case "us" is a pronoun, not the United States.
MIN_LOWERCASE_NAME = 4
#: Languages whose aliases are added first.
FIRST_LANGS = ("en", "ar", "sw", "fr", "ru", "zh", "am", "ha", "yo", "so", "es", "de")


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Function words of every language with a list (compare.stopwords)."""
    from ..compare.stopwords import STOPWORDS

    return frozenset(w for words in STOPWORDS.values() for w in words)


def _cjk_terms(alias: str) -> list[str]:
    """A Chinese (or Japanese) alias by its character pairs alone.  A run of Chinese text is
    indexed as its characters, then its pairs (``normalise.tokens``), so in a long run a name's
    characters stand far from its pairs and NEAR over both never matched ("日本" found no article);
    the pairs of one name stand side by side."""
    if not CJK_RE.search(alias):
        return []
    runs = [t for t in tokens(alias) if CJK_RE.search(t)]
    pairs = [t for t in runs if len(t) == 2]
    return pairs or runs


def _aliases(index: Any, entity_id: str) -> list[list[str]]:
    rank = {lang: i for i, lang in enumerate(FIRST_LANGS)}
    aliases = sorted(index.aliases.get(entity_id, ()), key=lambda a: rank.get(a.lang, len(rank)))
    out: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    common = _common_words()
    for a in aliases:
        # Words as written, not lemmatised: the index holds every word's own form beside its
        # lemma, and an alias is a dictionary form already. Lemmatising aliases loaded six
        # languages' word lists on every query (about 4 s of a CLI search) and made "слон"
        # (elephant) of the Russian "союз".
        terms = _cjk_terms(a.alias) or index_text(a.alias, None).split()
        if len(terms) == 1 and terms[0] in common:
            continue  # "AU" would match French "au", "UN" French "un", "US" English "us": the index has no case
        if terms and tuple(terms) not in seen:
            seen.add(tuple(terms))
            out.append(terms)
        if len(out) >= MAX_ALIASES:
            break
    return out


def name_expansions(index: Any, query: str) -> list[Expansion]:
    """Known names in ``query`` (longest match first), each with its aliases' index terms."""
    query = unicodedata.normalize("NFKC", query)  # as fts_query reads it, so the spans agree (ﺍﻟﻨﺎﺗﻮ → الناتو)
    words = list(TOKEN_RE.finditer(query))  # the entity tokenizer's words: names as they are found
    out: list[Expansion] = []
    terms: dict[str, list[list[str]]] = {}  # a name said again ("NATO … NATO") is expanded once
    i = 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            surface = query[start:end]
            cased = surface.lower() != surface.upper()  # Latin, Cyrillic…; not Arabic, Ethiopic, CJK
            if n == 1 and cased and len(surface) < MIN_LOWERCASE_NAME and not surface.isupper():
                continue
            entity_id = index.resolve(surface)
            if entity_id is None and n == 1 and "\u0600" <= surface[0] <= "\u06ff":
                # "وللناتو" (and to NATO): the name behind Arabic proclitics, as the entity step finds it
                entity_id = next((e for c in arabic_candidates(norm_token(surface)) if (e := index.resolve(c))), None)
            if entity_id is None:
                entity_id = index.city_by_name(surface)  # "Baidoa": the city the store's Somali reports spell Baydhabo
            if entity_id and entity_id in index.entities and index.entities[entity_id].type != "DATE":
                if entity_id not in terms:
                    terms[entity_id] = _aliases(index, entity_id)
                out.append((start, end, terms[entity_id]))
                i += n
                break
        else:
            i += 1
    return out
