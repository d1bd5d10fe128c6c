"""One simplemma instance for the whole process.

simplemma keeps at most 8 language dictionaries by default and each takes
seconds to load here; search (6 query languages), entities (6) and the
framing comparison (every article language) together need more, and would
evict each other on every request.  This module holds one dictionary cache
large enough for all of Babelwire's languages.

It uses simplemma's compact (streamed) dictionaries: with the six query
languages loaded a process holds 112 MB instead of 914 MB, for 5,830 instead
of 8,595 NTREX sentences normalised per second (measured here), and the
lemma cache below absorbs most lookups.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Dictionaries kept in memory: our first-class and query languages plus room for others.
DICTIONARY_CACHE = 24


@lru_cache(maxsize=1)
def _tools() -> tuple[Any, Any]:
    from simplemma import Lemmatizer
    from simplemma.strategies.default import DefaultStrategy
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamDictionaryFactory
    from simplemma.strategies.dictionary_lookup import DictionaryLookupStrategy

    factory = StreamDictionaryFactory(cache_max_size=DICTIONARY_CACHE)
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)), DictionaryLookupStrategy(factory)


@lru_cache(maxsize=1)
def supported() -> frozenset[str]:
    """Languages simplemma has dictionaries for (not Hausa, Yoruba, Somali or Amharic)."""
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return frozenset(SUPPORTED_LANGUAGES)


@lru_cache(maxsize=200_000)
def lemmatize(word: str, lang: str) -> str:
    """The lemma of ``word`` in ``lang`` (lower-cased); the word itself where simplemma has no dictionary."""
    if lang not in supported():
        # Asking anyway costs a failed dictionary load per call: simplemma caches only successes.
        return word.lower()
    try:
        return str(_tools()[0].lemmatize(word, lang=lang)).lower()
    except (ValueError, KeyError):  # a language simplemma does not know
        return word.lower()


@lru_cache(maxsize=200_000)
def is_known(word: str, lang: str) -> bool:
    """Whether ``word`` is in ``lang``'s dictionary (a common word rather than a name)."""
    if lang not in supported():
        return False
    try:
        return _tools()[1].get_lemma(word.lower(), lang) is not None
    except (ValueError, KeyError):
        return False


def warm(langs: tuple[str, ...]) -> None:
    """Load dictionaries ahead of the first request (the server does this in a background thread)."""
    for lang in langs:
        lemmatize("a", lang)
