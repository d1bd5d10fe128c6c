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

A streamed dictionary is one front-coded byte string; to look a word up,
simplemma first walks every entry once to note where each block of 32
starts. That walk took 5 s for the six query languages (3 s for Swahili's
4.9 million forms), on every CLI search of ordinary words. The block starts
depend only on the dictionary, so they are kept in Babelwire's cache folder
(:mod:`babelwire.cache`) and read back in a fraction of that; lookups are
simplemma's own, on the same bytes.
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

    class IndexedFactory(StreamDictionaryFactory):  # type: ignore[misc]
        __slots__ = ()

        def _get_dictionary_uncached(self, lang: str) -> Any:
            return _indexed_map(lang) or super()._get_dictionary_uncached(lang)

    factory = IndexedFactory(cache_max_size=DICTIONARY_CACHE)
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)), DictionaryLookupStrategy(factory)


#: Cached block index: magic, then block count, offsets (uint32) and NUL-separated keys.
_INDEX_MAGIC = b"BWLEMMAIDX1\n"


def _indexed_map(lang: str) -> Any:
    """simplemma's ``StreamMap`` for ``lang`` with its block index read from the cache
    (built and saved on first use); None where the cache cannot serve (simplemma
    then builds the map its own way)."""
    import zlib
    from array import array

    import simplemma
    from simplemma.strategies.dictionaries import frontcode
    from simplemma.strategies.dictionaries.dictionary_factory import _read_decompressed
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

    from .cache import cache_dir, write_atomic

    folder = cache_dir()
    if folder is None or not lang.isalpha():
        return None
    try:
        data = _read_decompressed(lang)
        rev, count, pos = frontcode._read_header(data)
    except (OSError, ValueError, AttributeError, TypeError):
        return None  # not a language simplemma ships, or a layout this code does not know
    version = getattr(simplemma, "__version__", "unknown")
    path = folder / f"lemmas-{version}-{lang}-{zlib.crc32(data):08x}.idx"
    stream = StreamMap.__new__(StreamMap)
    stream._data, stream._rev, stream._count, stream._pos = data, rev, count, pos
    try:
        raw = path.read_bytes()
        if not raw.startswith(_INDEX_MAGIC):
            raise ValueError("not an index")
        n = int.from_bytes(raw[len(_INDEX_MAGIC) : len(_INDEX_MAGIC) + 4], "little")
        start = len(_INDEX_MAGIC) + 4
        offsets = array("I")
        offsets.frombytes(raw[start : start + 4 * n])
        parts = raw[start + 4 * n :].split(b"\0")
        if len(offsets) != n or len(parts) != 3 * n:
            raise ValueError("truncated index")
        stream._firsts = parts[0::3]
        stream._blocks = list(zip(offsets, parts[1::3], parts[2::3], strict=True))
        return stream
    except (OSError, ValueError):
        pass  # missing or damaged: build it
    built = StreamMap(lang)
    keys = built._firsts + [x for _, k, v in built._blocks for x in (k, v)]
    if any(b"\0" in k for k in keys) or len(data) >= 2**32 or array("I").itemsize != 4:
        return built  # what this file layout cannot hold: no cache, the same map
    offsets = array("I", [o for o, _, _ in built._blocks])
    body = b"\0".join(x for first, (_, k, v) in zip(built._firsts, built._blocks, strict=True) for x in (first, k, v))
    write_atomic(path, _INDEX_MAGIC + len(offsets).to_bytes(4, "little") + offsets.tobytes() + body, replaces=f"lemmas-*-{lang}-*.idx")
    return built


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
    return entry(word.lower(), lang) is not None


@lru_cache(maxsize=200_000)
def entry(word: str, lang: str) -> str | None:
    """``lang``'s dictionary entry for ``word`` as written there, case kept ("fund", but "Scotland"); ``None`` if none."""
    if lang not in supported():  # asking anyway costs a failed dictionary load per call
        return None
    try:
        found = _tools()[1].get_lemma(word, lang)
    except (ValueError, KeyError):
        return None
    return None if found is None else str(found)


def warm(langs: tuple[str, ...]) -> None:
    """Load dictionaries ahead of the first request (the server does this in a background thread)."""
    for lang in langs:
        lemmatize("a", lang)
