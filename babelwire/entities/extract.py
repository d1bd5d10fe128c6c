"""Rules that find PER, ORG, LOC and DATE mentions, script by script.

Order of work on one text:

1. DATE expressions (:mod:`.dates`), known names (longest alias match in the
   :class:`~.index.EntityIndex`, Arabic proclitics stripped), and organisation
   patterns (``Wizara ya …``, ``Ministry of …``, ``Министерство …``, ``وزارة …``).
   The longest span wins; an organisation pattern stops before a known place
   (``Wizara ya Mambo ya Nje`` + ``Korea Kaskazini``).
2. On what is left: capitalised runs in Latin, Cyrillic and Greek script, typed
   by titles (``Rais``, ``President``: PER), speech verbs (``alisema``: PER),
   locative words (``mjini``: LOC), acronyms and organisation tails (ORG);
   a run no such word types is a place when it is a city's name (GeoNames),
   else a person;
   in Arabic script, the word after a title or a speech verb (``وقال ناكاتاني``,
   :mod:`.arabic`), in Ethiopic the words after a title (:mod:`.ethiopic`).
3. In-article propagation: a lone surname or given name that belongs to a
   person already found in the same article is that person.

Demonyms (``Wamarekani``, ``Japanese``, ``الياباني``) are not entities, as in
MasakhaNER: Swahili class prefixes on a known place are recognised and dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from ..article import Mention
from .arabic import AR_ORG_HEADS, AR_ORG_STOP, arabic_proclitic, arabic_triggers
from .dates import find_dates
from .ethiopic import ethiopic_titles
from .gazetteer import Alias, city_entity, is_city
from .index import ORIGIN_CONFIDENCE, EntityIndex, key_token
from .lexicon import (
    ABSTRACT_NOUN_ENDINGS,
    ABSTRACT_NOUN_MIN_CHARS,
    ADJECTIVE_ENDINGS,
    ADMIN_DESIGNATORS,
    AND_NAME_TAILS,
    AND_WORDS,
    COMMON,
    COMMON_BY_LANG,
    CONNECTORS,
    DEMONYM_PREFIXES,
    GROUP_WORDS,
    LOC_HEADS,
    LOC_TAILS,
    LOC_TRIGGERS,
    ORG_HEADS,
    ORG_NOUNS_BEFORE_NAME,
    ORG_TAILS,
    ORG_TAILS_AFTER_NAME,
    PLACE_PREPOSITION_PAIRS,
    PLACE_PREPOSITIONS,
    PLACE_PREPOSITIONS_BEFORE_ELISION,
    PORTFOLIO_LINKS,
    PORTFOLIOS,
    SPEECH,
    SPEECH_PAIRS,
    STATE_BODIES,
    TITLES,
    is_and,
    is_title,
    word_set,
)
from .lists import follows_place_word, type_place_lists
from .normalise import (
    AM_PREFIXES,
    CJK_RUN,
    arabic_candidates,
    cyrillic_candidates,
    ethiopic_candidates,
    is_cjk,
    norm_name,
    script_of,
)
from .spans import (
    CONF_CITY,
    CONF_CJK_DOTTED,
    CONF_DATE,
    CONF_LOC_TRIGGER,
    CONF_ORG_PATTERN,
    CONF_ORG_SHAPE,
    CONF_PER_SPEECH,
    CONF_PER_TITLE,
    CONF_PROPAGATED,
    CONF_RUN_MULTI,
    CONF_RUN_SINGLE,
    CONF_SENTENCE_START,
    Span,
    Tok,
    tokenize,
)

#: Longest alias, in tokens, tried by the matcher (registry names are at most ~8).
MAX_ALIAS_TOKENS = 9
_CAPS_SCRIPTS = ("Latn", "Cyrl", "Grek")
_NAME_PARTICLES = word_set("bin ibn al el van von der de da du la le abu ould wa")
_RU_ORG_HEADS = word_set("министерство мид минобороны служба комитет агентство")
#: A Russian adjective in any case, as tokens reach us (folded: "й" is "и"): "Центрального", "Государственная".
_RU_ADJECTIVE = re.compile(r"^\w{3,}(?:ого|его|ому|ему|ыи|ии|ои|ая|яя|ое|ее|ую|юю|ым|им|ом|ем|ых|их|ыми|ими)$")
#: Nouns of the bodies such an adjective names ("Центральный банк", "Государственная дума").
_RU_BODY_NOUNS = word_set(
    "банк фонд союз совет суд дума комитет агентство служба министерство комиссия партия собрание палата управление "
    "компания корпорация организация университет институт академия"
)


def _ru_body_after(toks: Sequence[Tok], i: int) -> int:
    """Where a body's name that starts with the capitalised adjective at ``i`` ends (after its noun,
    behind at most two more lower-case adjectives: "Международный валютный фонд"), or 0."""
    for j in range(i + 1, min(len(toks), i + 4)):
        t = toks[j]
        if t.cap or t.punct or t.script != "Cyrl":
            return 0
        if any(c in _RU_BODY_NOUNS for c in cyrillic_candidates(t.norm)):
            return j + 1
        if not _RU_ADJECTIVE.search(t.norm):
            return 0
    return 0


#: Past and present verb endings ("заявил", "сообщила", "считает"), which no genitive complement of a
#: body's name has once it is five letters long ("дел" in "Министерство иностранных дел" is three).
_RU_VERB_FORM = re.compile(r"^\w{3,}(?:[иаяеуы]л[аои]?|[аеиюя]ет|[иа]т|[юя]т)$")


def _org_word(tok: Tok, words: frozenset[str]) -> bool:
    """Whether ``tok`` is one of ``words``, a Russian one in any case form: "Совета" is
    "совет", "Комиссии" "комиссия", "Министерства" "министерство" (sample corpus QA:
    "Совета Безопасности" and "Комиссии" were people)."""
    if tok.norm in words:
        return True
    return tok.script == "Cyrl" and any(c in words or c + "о" in words for c in cyrillic_candidates(tok.norm))


#: French contractions of "le"/"les" with à/de: "au Caire" names Le Caire.
_FR_CONTRACTED_ARTICLE = {"au": "le", "du": "le", "aux": "les", "des": "les"}


def _known_spans(index: EntityIndex, toks: Sequence[Tok], lang: str) -> list[Span]:
    """Longest alias matches starting at each token, of names read in ``lang`` (``EntityIndex.reads``)."""
    out: list[Span] = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t.script == "Hani":
            continue
        firsts = (
            arabic_candidates(t.norm) if t.script == "Arab"
            else ethiopic_candidates(t.norm) if t.script == "Ethi"
            else cyrillic_candidates(t.norm) if t.script == "Cyrl" and t.cap
            else (t.norm,)
        )
        best: Span | None = None
        # (key, whether the word as written carries the Arabic article once proclitics are off)
        starts = [((key_token(first),), first.startswith("ال") and key_token(first) != first) for first in firsts]
        if i > 0 and toks[i - 1].norm in _FR_CONTRACTED_ARTICLE and t.cap:  # "au Caire": Le Caire
            starts.append(((_FR_CONTRACTED_ARTICLE[toks[i - 1].norm], key_token(t.norm)), False))
        for key, with_article in starts:
            j = i + 1
            while True:
                hit = index.get(key)
                if (
                    hit is not None
                    and (best is None or j > best.j)
                    and _case_ok(hit, toks, i, j)
                    and index.reads(key, lang)
                    and (with_article or j > i + 1 or not index.needs_article(key))
                ):
                    ent = index.entities[hit[0]]
                    best = Span(i, j, ent.type, ORIGIN_CONFIDENCE.get(hit[2], 0.75), hit[0])
                if j >= n or j - i >= MAX_ALIAS_TOKENS or not index.is_prefix(key):
                    break
                nxt = toks[j]
                key = key + (key_token(nxt.norm),)
                if nxt.script == "Cyrl" and nxt.cap and not index.is_prefix(key) and index.get(key) is None:
                    # every word of a Russian name is declined ("Новой Зеландией"): its dictionary form
                    key = next((k for k in (key[:-1] + (key_token(c),) for c in cyrillic_candidates(nxt.norm)[1:])
                                if index.get(k) is not None or index.is_prefix(k)), key)
                j += 1
        if best is not None:
            out.append(best)
    return out


#: Articles that open some names ("La Réunion", "The Hague", "El Salvador"): written lower-case
#: before a lower-case word, they open an ordinary phrase.
_LOWER_ARTICLES = word_set("la le les the el al")


def _case_ok(hit: tuple[str, str | None, str], toks: Sequence[Tok], i: int, j: int) -> bool:
    exact = hit[1]
    if exact is not None:
        return " ".join(t.text for t in toks[i:j]) == exact
    first = toks[i]
    if first.script in _CAPS_SCRIPTS and not first.cap:
        # lower-case single words are ordinary words ("mali"); longer names may be lower-cased ("umoja wa mataifa"),
        # but not after a lower-case article: "la réunion" is a meeting, La Réunion an island
        if first.norm in _LOWER_ARTICLES and not toks[i + 1].cap:
            return False
        return j - i >= 2 and hit[2] != "learned"
    return True


#: Longest tail a known place takes to make a longer name ("Addis Ababa University" is one).
PLACE_NAME_TAIL_MAX = 3


def _longer_names(toks: Sequence[Tok], known: list[Span]) -> list[Span]:
    """Known places that open a longer capitalised name, or that a place's head word opens
    (``LOC_HEADS``: "Mount Kenya"), as the longer name.

    QA: "Tigray Region" gave Tigray and a person "Region".  A place followed, in one
    phrase, by capitalised words ending in a place or organisation word is one name:
    "Tigray Region" (still Tigray: an administrative unit named after it; "Red Sea
    State" is not the sea), "Niger Delta" (another place), "Kenya Airways", "Black Sea Grain Initiative" (an
    organisation), "Mexico City" (a city GeoNames knows).  "Kenya Government" stays
    Kenya (``STATE_BODIES``).
    """
    starts = {k.i for k in known}
    n = len(toks)
    out = []
    for k in known:
        if k.type != "LOC":
            continue
        longest: Span | None = None
        j = k.j
        while j < n and j - k.j < PLACE_NAME_TAIL_MAX and j not in starts:
            u = toks[j]
            if not u.cap or u.script not in _CAPS_SCRIPTS or u.initial or u.punct or u.norm in TITLES or u.norm in COMMON:
                break
            j += 1
            if u.norm in ADMIN_DESIGNATORS:
                # the unit is the place, unless the place is a sea or a river ("Red Sea State")
                same = j == k.j + 1 and toks[k.j - 1].norm not in LOC_TAILS
                longest = Span(k.i, j, "LOC", k.conf, k.eid if same else None)
            elif u.norm in LOC_TAILS:
                longest = Span(k.i, j, "LOC", CONF_LOC_TRIGGER)
            elif (u.norm in ORG_TAILS or u.norm in ORG_TAILS_AFTER_NAME) and u.norm not in STATE_BODIES:
                longest = Span(k.i, j, "ORG", CONF_ORG_SHAPE)
            elif is_city(" ".join(t.norm for t in toks[k.i : j])):  # QA: "Mexico City" was Mexico
                longest = Span(k.i, j, "LOC", CONF_CITY)
        if longest is not None:
            out.append(longest)
        h = k.i - 1
        if h >= 0 and h not in starts and not toks[k.i].punct and not toks[k.i].initial and toks[h].cap and toks[h].norm in LOC_HEADS:
            out.append(Span(h, k.j, "LOC", CONF_LOC_TRIGGER))  # "Mount Kenya", Somali "Marinka Gaza": another place
    return out


#: Swahili nouns for a body, written lower-case before the body's name: "shirika la kiraia
#: la Hali ya Hewa Yetu" (the civic organisation Hali ya Hewa Yetu), "chama cha Jubilee".
_SW_ORG_NOUNS = word_set("shirika chama kampuni taasisi kundi jumuiya muungano kituo mfuko")
_SW_OF = word_set("la cha ya wa")


def _sw_named_after(toks: Sequence[Tok], i: int, known: dict[int, Span]) -> int:
    """Where the name of the body named by the noun at ``i`` starts: after its "of" (la, cha,
    ya, wa), straight away or past one or two describing words and the same "of" again
    ("shirika la kiraia la …"); 0 when no capitalised word, unknown and no title, stands there."""
    n = len(toks)
    if i + 2 >= n or toks[i + 1].norm not in _SW_OF or toks[i + 1].punct:
        return 0
    of = toks[i + 1].norm
    k = i + 2
    if not toks[k].cap:
        k = next((x + 1 for x in range(i + 2, min(i + 4, n - 1)) if toks[x].norm == of and not toks[x].cap), 0)
        if not k or any(t.cap or t.punct for t in toks[i + 2 : k]):
            return 0
    u = toks[k]
    if not u.cap or u.punct or u.initial or u.norm in TITLES or k in known:
        return 0
    return k


def _sw_org_name_end(toks: Sequence[Tok], k: int, known: dict[int, Span]) -> int:
    """One past the body's name that starts at ``k``: its first word, then words joined to it by
    connectors ("Hali ya Hewa Yetu"), stopping before a known name.  Capitalised words right
    after the first are taken only up to an organisation's tail ("shirika la habari la Associate
    Press"): "chama cha Chadema Tundu Lissu" is the party, then its candidate."""
    n = len(toks)
    j = good = k + 1
    while j < n and toks[j].cap and not toks[j].punct and j not in known and toks[j].norm not in TITLES:
        j += 1
    if toks[j - 1].norm in ORG_TAILS:
        good = j
    j = good
    joined = False
    while j < n and not toks[j].punct and j not in known:
        if joined and toks[j].cap and toks[j].norm not in TITLES:
            j += 1
            good = j
        elif toks[j].norm in CONNECTORS and j + 1 < n and toks[j + 1].cap and not toks[j + 1].punct and j + 1 not in known:
            j += 2
            good = j
            joined = True
        else:
            break
    return good


def _org_patterns(toks: Sequence[Tok], known: dict[int, Span]) -> list[Span]:
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t.script == "Cyrl" and t.cap and _RU_ADJECTIVE.search(t.norm) and (end := _ru_body_after(toks, i)):
            # "Центрального банка", "Государственная дума": a capitalised adjective, then its body's noun
            placed = end < n and toks[end].cap and known.get(end) is not None and known[end].type == "LOC"
            if placed:
                end += 1  # "Центрального банка России"
            if not t.initial or placed:  # "Японская компания заявила" opens a sentence: a company, no name (review)
                out.append(Span(i, end, "ORG", CONF_ORG_SHAPE))
        elif t.script == "Cyrl" and (t.norm in _RU_ORG_HEADS or (t.cap and _org_word(t, _RU_ORG_HEADS))):
            # Russian complements are lower-case genitives, then perhaps a place: "Министерство иностранных дел России"
            j = i + 1
            while (j < n and j - i <= 3 and not toks[j].cap and not toks[j].punct and toks[j].norm not in ("и", "в", "на")
                   and not _RU_VERB_FORM.search(toks[j].norm)):
                j += 1  # not "МИД заявил, что делегация" (sample corpus): a verb or a comma ends the complements
            if j < n and toks[j].cap and known.get(j) is not None:
                j += 1
            out.append(Span(i, j, "ORG", CONF_ORG_PATTERN))
        elif t.script in _CAPS_SCRIPTS and not t.cap and t.norm in _SW_ORG_NOUNS:
            k = _sw_named_after(toks, i, known)
            end = _sw_org_name_end(toks, k, known) if k else 0
            if end > k + 1 or (end > k and toks[k].norm not in COMMON):
                out.append(Span(k, end, "ORG", CONF_ORG_SHAPE))
        elif t.script in _CAPS_SCRIPTS and t.cap and _org_word(t, ORG_HEADS):
            j = i + 1
            good = i + 1
            while j < n and not toks[j].punct:
                k = known.get(j)
                # QA: "Комиссии АС Махмуд Али Юсуф" was one body; "Àjọ Africa CDC" (the agency Africa
                # CDC: a Yoruba noun set before a body's name) was a new body, no longer Africa CDC
                if k is not None and (k.type in ("LOC", "PER") or (k.type == "ORG" and t.norm in ORG_NOUNS_BEFORE_NAME)):
                    break
                if toks[j].cap and toks[j].norm not in TITLES:
                    j += 1
                    good = j
                elif (
                    toks[j].norm in CONNECTORS
                    and j + 1 < n
                    and toks[j + 1].cap
                    and not toks[j + 1].punct
                    and known.get(j + 1, Span(0, 0, "", 0)).type not in ("LOC", "PER")
                ):
                    j += 2
                    good = j
                else:
                    break
            if good > i + 1:
                out.append(Span(i, good, "ORG", CONF_ORG_PATTERN))
        elif t.script == "Arab" and any(c in AR_ORG_HEADS for c in arabic_candidates(t.norm)):
            j = i + 1
            while j < n and j - i <= 2 and not toks[j].punct and toks[j].norm.startswith("ال") and toks[j].norm not in AR_ORG_STOP:
                j += 1
            if j > i + 1:
                out.append(Span(i, j, "ORG", CONF_ORG_PATTERN, skip=arabic_proclitic(t.text)))
    return out


def _place_led_orgs(text: str, toks: Sequence[Tok], known: list[Span], orgs: list[Span]) -> list[Span]:
    """A place right before a body's name, in one phrase, is part of the name: "Nigeria Centre for
    Disease Control and Prevention", "Kenya Institute of Mass Communication" (QA: the place alone was the
    source of NCDC's figures).  ``_longer_names`` joins a place to a short tail ("Kenya Airways");
    this joins it to a body the patterns found, however long.  A state body stays apart, as there:
    "Kenya Government" is Kenya."""
    place_ends: dict[int, Span] = {}
    for k in known:  # the longest place ending at each token: "South Sudan", not its "Sudan"
        if k.type == "LOC" and (k.j not in place_ends or k.i < place_ends[k.j].i):
            place_ends[k.j] = k
    return [
        Span(place_ends[o.i].i, o.j, "ORG", o.conf)
        for o in orgs
        # one space between, nothing else: "MUQDISHO - Wasaaradda …" is a dateline and then the
        # ministry, and a heading line that ends in a place is not the start of the next line's body
        if o.i in place_ends and text[toks[o.i - 1].end : toks[o.i].start] in (" ", "\u00a0")
        and toks[o.i].script in _CAPS_SCRIPTS and toks[o.i].cap and toks[o.i].norm not in STATE_BODIES
    ]


def _choose(spans: list[Span], taken: list[bool]) -> list[Span]:
    """Non-overlapping spans, longest first, then most confident."""
    chosen = []
    for s in sorted(spans, key=lambda s: (-(s.j - s.i), -s.conf, s.i)):
        if not any(taken[s.i : s.j]):
            for k in range(s.i, s.j):
                taken[k] = True
            chosen.append(s)
    return chosen


def _names_loc(index: EntityIndex, key: tuple[str, ...]) -> bool:
    hit = index.get(key)
    return hit is not None and index.entities[hit[0]].type == "LOC"


#: English endings that make a demonym of a place's name, and what the name may end in
#: instead: Egypt-ian, Nigeria-n, Kenya-n, Ukrain(e)-ian, Chin(a)-ese, Somal(ia)-i, Turk(ey)-ish.
_DEMONYM_ENDINGS = (
    ("ian", ("", "ia", "e", "a")),
    ("an", ("", "a", "e")),
    ("n", ("",)),
    ("ese", ("", "a")),
    ("i", ("", "ia")),
    ("ish", ("ey", "and", "land")),
)


def _place_of_demonym(norm: str) -> list[str]:
    """The place names an English demonym may come from: "egyptian" → "egypt", "egyptia"…"""
    out = []
    for end, repl in _DEMONYM_ENDINGS:
        if norm.endswith(end) and len(norm) - len(end) >= 3:
            out += [norm[: -len(end)] + r for r in repl]
    return out


def _is_demonym(index: EntityIndex, tok: Tok, *, english: bool = True) -> bool:
    """A Swahili class prefix on a place (Wamarekani, Kijapani), or an English demonym of
    one (Egyptian, Kenyan, Chinese: QA found Egyptian quoted as a person)."""
    if tok.script != "Latn" or not tok.cap:
        return False
    low = tok.norm
    for p in DEMONYM_PREFIXES:
        if low.startswith(p) and len(low) > len(p) + 3:
            rest = low[len(p) :]
            for cand in (rest, "u" + rest):
                if _names_loc(index, (cand,)):
                    return True
    return english and any(_names_loc(index, (cand,)) for cand in _place_of_demonym(low))


def _demonym_words(index: EntityIndex, toks: Sequence[Tok], i: int) -> int:
    """How many words from ``i`` make a demonym that opens no name: 1 ("Egyptian"), 2
    ("North Korean", of a place of two words), else 0.  One that a capitalised word other
    than a title follows opens a name: "Ethiopian Airlines", "Grand Ethiopian Renaissance Dam"."""

    def name_goes_on(k: int) -> bool:
        return k < len(toks) and toks[k].cap and not toks[k].punct and not toks[k].initial and toks[k].norm not in TITLES

    n = 0
    if _is_demonym(index, toks[i]):
        n = 1
    elif i + 1 < len(toks) and toks[i + 1].cap and not toks[i + 1].punct and not toks[i + 1].initial:
        first = toks[i].norm
        if any(_names_loc(index, (first, cand)) for cand in _place_of_demonym(toks[i + 1].norm)):
            n = 2
    return 0 if n and name_goes_on(i + n) else n


def _adjective(tok: Tok) -> bool:
    """A compound adjective made from a name: "Lagos-based", "United Nations-run"."""
    head, _, tail = tok.norm.rpartition("-")
    return bool(head) and tail in ADJECTIVE_ENDINGS


def _and_name_end(toks: Sequence[Tok], j: int, taken: list[bool]) -> int:
    """Where a name joined at ``toks[j]`` by "and" ends, when the words after it are
    capitalised and close on an organisation's tail ("Loss and Damage Fund"); else 0."""
    if j >= len(toks) or toks[j].norm not in AND_WORDS or toks[j].punct or toks[j].cap:
        return 0
    k = j + 1
    while k < len(toks) and k - j <= 4 and not taken[k]:
        u = toks[k]
        if not u.cap or u.initial or u.punct or u.script not in _CAPS_SCRIPTS or u.norm in TITLES:
            break
        k += 1
    return k if k > j + 1 and toks[k - 1].norm in AND_NAME_TAILS else 0


#: Languages whose dictionary (simplemma's) tells common words from names.
DICTIONARY_LANGS = ("sw", "en", "fr", "es", "de", "ru")


def _looked_up(tok: Tok, lang: str) -> str:
    """The form of ``tok`` to look up in ``lang``'s dictionary: its folded form, but in German
    its own letters, lower-cased: "Gespräche" folded is "gesprache", which the dictionary does
    not know (sample corpus QA: Gespräche, Souveränität were people)."""
    return tok.text.lower() if lang == "de" else tok.norm


def _in_dictionary(tok: Tok, lang: str) -> bool:
    from ..lemmas import is_known  # lazy: loads one language's dictionary on first use

    try:
        return bool(is_known(_looked_up(tok, lang), lang=lang))
    except (ValueError, KeyError):
        return False


def _common_noun(tok: Tok, lang: str) -> bool:
    """Whether the dictionary lists the word as a common word: its entry is lower-case
    ("fund", "negotiator"), not a proper noun it also holds ("Scotland", "Kim")."""
    from ..lemmas import entry  # lazy, as above

    lemma = entry(_looked_up(tok, lang), lang)
    return lemma is not None and lemma[:1].islower()


#: Shortest head and tail of a German compound noun (``_german_compound``).
DE_COMPOUND_MIN_HEAD = 3
DE_COMPOUND_MIN_TAIL = 4


def _german_compound(tok: Tok) -> bool:
    """A German compound whose last part the dictionary knows as a noun: "Ausgleichszölle"
    (Zölle), "Kriegsrisikoprämien" (Prämien).  Sample corpus QA: such words, too long for the
    dictionary, were guessed to be people.  A surname may be one too (Hartmann): this only
    weakens a lone word nothing else types."""
    from ..lemmas import entry  # lazy, as above

    word = tok.text.lower()
    for k in range(DE_COMPOUND_MIN_HEAD, len(word) - DE_COMPOUND_MIN_TAIL + 1):
        lemma = entry(word[k:], "de") if word[k:].isalpha() else None
        if lemma is not None and lemma[:1].isupper():
            return True
    return False


def _common_word(norm: str, lang: str) -> bool:
    """A word our lists hold as common, in any language or in the text's own (``COMMON_BY_LANG``)."""
    return norm in COMMON or norm in COMMON_BY_LANG.get(lang, ())


def _in_our_lists(norm: str, lang: str) -> bool:
    """A common word, a title or a portfolio by our own lists (not a dictionary's)."""
    return _common_word(norm, lang) or is_title(norm, lang) or norm in PORTFOLIOS


def _common(tok: Tok, lang: str) -> bool:
    if _in_our_lists(tok.norm, lang):
        return True
    # German capitalises every noun: a capitalised German word the dictionary
    # knows is a common noun wherever it stands, not only at a sentence start.
    if tok.initial or lang == "de":
        return _in_dictionary(tok, lang if lang in DICTIONARY_LANGS else "en")
    return False


#: The script of each language not written in Latin letters (``_script``'s names; Hangul is "Hani").
_LANG_SCRIPT = {
    "ar": "Arab", "fa": "Arab", "am": "Ethi", "ru": "Cyrl", "uk": "Cyrl", "bg": "Cyrl", "el": "Grek",
    "zh": "Hani", "ja": "Hani", "ko": "Hani",
}


def _weak_guess(tok: Tok, lang: str) -> bool:
    """Whether one capitalised word, that no title, verb, place word or gazetteer types, has
    nothing else that makes it a name: it opens a sentence (where every word of the text's
    script has a capital: "Zinke" in Amharic text is still a name), or the dictionary
    knows it as a common word, not as a name (QA: "the Fund for responding to Loss and Damage" gave the
    people Fund, Loss and Damage; Yoruba "Nísinsìnyí", now, opening a sentence, another)."""
    if tok.initial and tok.script == _LANG_SCRIPT.get(lang, "Latn"):
        return True
    if lang == "de" and _german_compound(tok):
        return True
    return lang in DICTIONARY_LANGS and _common_noun(tok, lang)


def _caps_runs(index: EntityIndex, toks: Sequence[Tok], taken: list[bool], lang: str) -> list[Span]:
    """Capitalised runs no known name covers, typed by ``_type_run``.  Lists of places ("kaunti za
    Turkana na Marsabit", "gobollada Banaadir, Bay, Bakool iyo Gedo") are typed afterwards, over
    the chosen spans (:mod:`.lists`)."""
    pairs = _mid_sentence_pairs(toks)
    out = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        given = False
        if taken[i] or t.script not in _CAPS_SCRIPTS or not t.cap or is_title(t.norm, lang) or _adjective(t):
            i += 1
            continue
        skip = _demonym_words(index, toks, i)
        if skip:
            i += skip
            continue
        if (
            (_common(t, lang) or (t.initial and lang == "sw" and _SW_VERB.match(t.norm)))
            and not (t.initial and t.text.isupper() and len(t.text) > 1)
            and not _names_a_place(toks, i)
            and not _names_a_body(toks, i, lang)
            and not _named_after_title_or_speech(toks, i, lang)
            and not _and_name_end(toks, i + 1, taken)
            and not (given := _given_name(toks, i, taken, lang, pairs))
        ):
            i += 1
            continue
        j = i + 1
        while j < n and not taken[j]:
            u = toks[j]
            if u.initial or u.punct:
                break
            if (
                u.cap
                and u.script in _CAPS_SCRIPTS
                and not is_title(u.norm, lang)
                and not _common_word(u.norm, lang)
                and not _is_demonym(index, u, english=False)
                and not _adjective(u)
            ):
                j += 1
            elif u.cap and is_title(u.norm, lang) and (j + 1 >= n or not toks[j + 1].cap):
                j += 1  # a title word closing a name: "Larry King"
                break
            elif u.cap and u.norm in DIRECTIONS:
                j += 1  # "Kivu Kaskazini": a compass word after a name makes it a place
                break
            elif (
                u.norm in _NAME_PARTICLES
                and j + 1 < n
                and toks[j + 1].cap
                and not taken[j + 1]
                and not toks[j + 1].initial
                and u.norm not in ("wa", "la", "de")
                and not is_and(u.norm, lang)  # Hausa "da" is "and": "Maraɗi da Zinder" is two places
            ):
                j += 2
            elif end := _and_name_end(toks, j, taken):
                j = end  # "Loss and Damage Fund"
                break
            else:
                break
        if j < n and not taken[j] and _adjective(toks[j]) and not toks[j].punct:
            i = j + 1  # "United Nations-run": the name is part of an adjective
            continue
        if j == i + 1 and j < n and taken[j] and (t.norm in LOC_TRIGGERS or t.norm in ORG_HEADS):
            # "Ìpínlẹ̀ Kánò", "Jihar Kano", "Jami’ar Michigan": the word for "state" or "university of"
            # before a name already found is no name of its own (low-resource QA: they were people)
            i = j
            continue
        span = _type_run(toks, i, j, lang)
        if given and span.type == "PER" and span.conf < CONF_RUN_MULTI:
            span.conf = CONF_RUN_MULTI  # a given name and another word: as sure as a name of two words mid-sentence
        out.append(span)
        i = j
    return out


def _names_a_place(toks: Sequence[Tok], i: int) -> bool:
    """A sentence's first word that a dictionary knows still names the place word after
    it: "Black Sea Grain Initiative" is not "Sea Grain Initiative" (QA)."""
    t = toks[i]
    if not t.initial or t.norm in COMMON or i + 1 >= len(toks):
        return False
    u = toks[i + 1]
    return u.cap and not u.punct and u.norm in LOC_TAILS


#: Dictionaries whose capitalised entries are proper nouns: a word one of them lists with a capital
#: ("Claire", "Thomas", "Anna" beside the coin "anna") is a name there.  Not German's, which
#: capitalises every noun.
PROPER_NOUN_LANGS = ("en", "fr", "es", "sw", "ru")


def _proper_noun(tok: Tok, lang: str) -> bool:
    """Whether the English dictionary, or the text's own, lists the word as written, capital and
    all, as a proper noun: simplemma keeps "Anna" (a given name) apart from "anna" (a coin)."""
    from ..lemmas import entry  # lazy, as above

    if not tok.text[1:].islower():
        return False
    for d in dict.fromkeys(("en", lang)):
        if d in PROPER_NOUN_LANGS and entry(tok.text, d) == tok.text:
            return True
    return False


def _mid_sentence_pair(toks: Sequence[Tok], k: int) -> bool:
    """Whether the words at ``k`` and ``k + 1`` are two capitalised words of one phrase, not at a sentence start."""
    return toks[k].cap and not toks[k].initial and not toks[k + 1].punct


def _mid_sentence_pairs(toks: Sequence[Tok]) -> Counter[tuple[str, str]]:
    """How often each pair of words stands mid-sentence (:func:`_mid_sentence_pair`): counted once
    per text, not once per sentence-initial word (review: a scan per word took 60% of a long text's time)."""
    return Counter((toks[k].norm, toks[k + 1].norm) for k in range(len(toks) - 1) if _mid_sentence_pair(toks, k))


def _said_mid_sentence(toks: Sequence[Tok], i: int, pairs: Counter[tuple[str, str]]) -> bool:
    """Whether the two words from ``i`` stand elsewhere in the text, in one phrase, not at a
    sentence start: there their first word was not dropped as a common word, and the article
    names the same person ("Anna Lindqvist said … Anna Lindqvist, an analyst")."""
    elsewhere = pairs[(toks[i].norm, toks[i + 1].norm)] - _mid_sentence_pair(toks, i)
    return elsewhere > 0


def _given_name(toks: Sequence[Tok], i: int, taken: list[bool], lang: str, pairs: Counter[tuple[str, str]]) -> bool:
    """A word the dictionary knows, not one of our lists, that opens a person's name: a capitalised
    word, in one phrase, follows it, and the word is a proper noun in a dictionary or the two words
    stand in the text mid-sentence.  Sample corpus QA: "Not everyone was convinced. Anna Lindqvist,
    a trade analyst" gave "Lindqvist" (English dictionaries hold "anna", French ones "claire").
    The words of our lists ("This", "Les", "Die", "Kwa") open no name, nor does a word before a
    name already known ("Under Biden")."""
    t = toks[i]
    if _in_our_lists(t.norm, lang) or i + 1 >= len(toks) or taken[i + 1]:
        return False
    u = toks[i + 1]
    if (
        not u.cap
        or u.punct
        or u.initial
        or u.script != t.script
        or u.text.isupper()
        or is_title(u.norm, lang)
        or _common_word(u.norm, lang)
        or _adjective(u)
    ):
        return False
    return _proper_noun(t, lang) or _said_mid_sentence(toks, i, pairs)


def _names_a_body(toks: Sequence[Tok], i: int, lang: str) -> bool:
    """A word the dictionary knows, not one of our lists, that an organisation's last word
    follows in one phrase: "des Auswärtigen Amts" (sample corpus QA: the Foreign Office, its
    adjective a common word, was dropped to "Amts", or was a person)."""
    t = toks[i]
    if _in_our_lists(t.norm, lang) or i + 1 >= len(toks):
        return False
    u = toks[i + 1]
    return u.cap and not u.punct and u.script in _CAPS_SCRIPTS and _org_word(u, ORG_TAILS)


def _named_after_title_or_speech(toks: Sequence[Tok], i: int, lang: str) -> bool:
    """A word the dictionary knows, not one of our lists, right after a title or a speech verb in
    one phrase: a given name ("sagte Jens Lüthje", "Die Agrarökonomin Sabine Hartmann": German
    dictionaries hold Jens and Sabine, and every German noun is capitalised)."""
    t = toks[i]
    if i == 0 or t.initial or t.punct or _in_our_lists(t.norm, lang):
        return False
    prev = toks[i - 1].norm
    return is_title(prev, lang) or prev in SPEECH


#: Sentence-initial Swahili verb forms: subject prefix + tense marker + stem ("Aliendelea",
#: "Wamesema") or the infinitive ku- ("Kulingana", "Kupitia").
_SW_VERB = re.compile(
    r"^(?:(?:a|wa|ni|tu|m|u|i|ki|vi|zi|li|ya|hu)(?:li|me|na|ta|ki|nge|mesha)[a-z]{3,}|ku[a-z]{4,}|kw[a-z]{4,})$"
)
#: Compass words (Swahili and English) that follow a place name.
DIRECTIONS = word_set("kaskazini kusini mashariki magharibi kati north south east west")
#: Prepositions that usually introduce a place when a capitalised unknown name follows.
_WEAK_LOC = word_set("katika kutoka kwenda hadi mpaka karibu")


#: Articles that open an apposition after a name: "Oleh Marchenko, a Ukrainian deputy minister,".
_APPOSITION_ARTICLES = word_set("a an the le la l un une el una der die ein eine")


def _appositive_title(toks: Sequence[Tok], j: int) -> bool:
    """The run ending before ``j`` is followed by ", a/the … <title>" within four words, one phrase."""
    if j >= len(toks) or not toks[j].punct or toks[j].norm not in _APPOSITION_ARTICLES:
        return False
    for k in range(j + 1, min(j + 5, len(toks))):
        if toks[k].punct:
            return False
        if toks[k].norm in TITLES:
            return True
    return False


def _title_before_remit(toks: Sequence[Tok], i: int) -> bool:
    """The run starting at ``i`` follows a title and its remit, in one phrase: "Wasiirka Caafimaadka Cali"."""
    k = i - 1
    while k > 0 and not toks[k + 1].initial and not toks[k + 1].punct and (
        toks[k].norm in PORTFOLIOS or toks[k].norm in PORTFOLIO_LINKS
    ):
        k -= 1
    return k < i - 1 and toks[k].norm in TITLES and not toks[k + 1].initial and not toks[k + 1].punct


def _after_place_preposition(toks: Sequence[Tok], i: int) -> bool:
    """The run at ``i`` follows, in one phrase, a word that introduces a place: "at the
    World Conference Center", "en el Instituto", "à l'Institut", "katika", Hausa "a cikin"."""
    if i == 0 or toks[i].initial or toks[i].punct:
        return False
    prev = toks[i - 1].norm
    if prev in PLACE_PREPOSITIONS or (prev in PLACE_PREPOSITIONS_BEFORE_ELISION and toks[i].elided):
        return True
    return i > 1 and not toks[i - 1].initial and not toks[i - 1].punct and (toks[i - 2].norm, prev) in PLACE_PREPOSITION_PAIRS


def _abstract_noun(tok: Tok, lang: str) -> bool:
    """An abstract common noun (``ABSTRACT_NOUN_ENDINGS``) that the text's dictionary or the English one lists."""
    if len(tok.norm) < ABSTRACT_NOUN_MIN_CHARS or not tok.norm.endswith(ABSTRACT_NOUN_ENDINGS):
        return False
    return _common_noun(tok, "en") or (lang in DICTIONARY_LANGS and lang != "en" and _common_noun(tok, lang))


def _mixed_case_acronym(word: str) -> bool:
    """An acronym with a small letter or two: "SoDMA", "AfDB", "NNPCLtd"; not "McDonald" or "DeSantis"."""
    upper = sum(c.isupper() for c in word)
    if word.endswith("s") and word[:-1].isupper():
        return False  # a plural ("NGOs", "IDPs", "CEOs"): people or things, no body (review)
    return 3 <= len(word) <= 8 and word[:1].isupper() and not word.isupper() and upper >= 3 and upper / len(word) >= 0.6


def _type_run(toks: Sequence[Tok], i: int, j: int, lang: str) -> Span:
    first, last = toks[i], toks[j - 1]
    prev = toks[i - 1].norm if i > 0 and not toks[i].initial else ""
    prev2 = toks[i - 2].norm if i > 1 else ""
    nxt = toks[j].norm if j < len(toks) else ""
    nxt2 = toks[j + 1].norm if j + 1 < len(toks) else ""
    if j - i == 1 and (first.text.isupper() and 2 <= len(first.text) <= 7 or _mixed_case_acronym(first.text)):
        return Span(i, j, "ORG", CONF_ORG_SHAPE)
    # "European Commission"; alone, "Commission" and "Senate" are bodies, not people
    if _org_word(last, ORG_TAILS) or (j - i > 1 and last.norm in ORG_TAILS_AFTER_NAME):
        return Span(i, j, "ORG", CONF_ORG_SHAPE)
    if j - i > 1 and last.norm in LOC_TAILS:  # "Black Sea", "Rift Valley"
        return Span(i, j, "LOC", CONF_LOC_TRIGGER)
    if j - i > 1 and (any(t.norm in GROUP_WORDS for t in toks[i:j]) or _abstract_noun(last, lang)):
        return Span(i, j, "ORG", CONF_ORG_SHAPE)  # "Pequeños Estados Insulares", "Security Assistance"
    if prev in ORG_NOUNS_BEFORE_NAME and not toks[i - 1].cap:  # "la raffinerie Dangote"
        return Span(i, j, "ORG", CONF_ORG_SHAPE)
    if (
        is_title(prev, lang)
        or (prev in CONNECTORS and prev2 in TITLES)
        or _appositive_title(toks, j)
        or _title_before_remit(toks, i)
    ):
        return Span(i, j, "PER", CONF_PER_TITLE)
    if (
        follows_place_word(toks, i)
        or last.norm in DIRECTIONS
        or (j - i > 1 and first.norm in LOC_TRIGGERS)  # "Mto Shabelle", "Ziwa Victoria": a river, a lake
        or (j - i > 1 and first.norm in LOC_HEADS)  # "Khan Younès", "Òkun Dúdú"
        or (j - i > 1 and _after_place_preposition(toks, i))
    ):
        return Span(i, j, "LOC", CONF_LOC_TRIGGER)
    if j - i == 1 and (prev in _WEAK_LOC or _after_place_preposition(toks, i)):
        return Span(i, j, "LOC", CONF_RUN_SINGLE)
    city = is_city(" ".join(t.norm for t in toks[i:j]))
    # a pair after a comma closes an apposition: "le ministre de la Santé, a dit" is said by the minister
    pair_after = (nxt, nxt2) in SPEECH_PAIRS and not toks[j].punct
    if nxt in SPEECH or prev in SPEECH or pair_after or (prev2, prev) in SPEECH_PAIRS:
        # A city's name before "said" is usually a surname (Jackson said), but sometimes the
        # city's authorities (Zinder sun ce): typed a person, too unsure to be learned as one.
        return Span(i, j, "PER", CONF_RUN_MULTI if city else CONF_PER_SPEECH)
    if city:
        return Span(i, j, "LOC", CONF_CITY)
    weak = j - i == 1 and _weak_guess(first, lang)
    if first.initial:
        return Span(i, j, "PER", CONF_SENTENCE_START, weak=weak)
    return Span(i, j, "PER", CONF_RUN_MULTI if j - i > 1 else CONF_RUN_SINGLE, weak=weak)


#: Texts up to this long keep their tokens for a second reading (below).  A
#: news article is a few thousand characters; a book-length text would hold
#: megabytes of tokens in the cache.
KEEP_TOKENS_MAX_CHARS = 20_000


@lru_cache(maxsize=64)
def _kept_tokens(text: str) -> tuple[Tok, ...]:
    """:func:`tokenize`, kept for the texts read last: the entity step reads a
    batch (32 articles by default) twice when it learns a name (steps.py),
    and tokenizing is about 40% of an extraction.  Nothing changes a token
    once made."""
    return tuple(tokenize(text))


def extract(index: EntityIndex, text: str, lang: str) -> list[Mention]:
    """All mentions in ``text``, in text order; ``text[m.start:m.end]`` is each surface."""
    toks = _kept_tokens(text) if len(text) <= KEEP_TOKENS_MAX_CHARS else tokenize(text)
    n = len(toks)
    by_start = {t.start: k for k, t in enumerate(toks)}
    by_end = {t.end: k for k, t in enumerate(toks)}
    spans: list[Span] = []
    loose: list[Mention] = []  # dates inside unspaced (CJK) text do not fall on token edges
    for s, e in find_dates(text, lang):
        if e not in by_end and text[e - 1] == "." and e - 1 in by_end:
            e -= 1  # "in Sept." ends on a token without its period
        if s in by_start and e in by_end:
            spans.append(Span(by_start[s], by_end[e] + 1, "DATE", CONF_DATE))
        elif any(is_cjk(c) for c in text[max(0, s - 1) : e + 1]):
            loose.append(Mention(index.new_id("DATE", text[s:e]), text[s:e], "DATE", s, e, CONF_DATE))
    known = _known_spans(index, toks, lang)
    spans += known
    spans += _longer_names(toks, known)
    orgs = _org_patterns(toks, {k.i: k for k in known})
    spans += orgs + _place_led_orgs(text, toks, known, orgs)
    taken = [False] * n
    chosen = _choose(spans, taken)
    chosen += _choose(_caps_runs(index, toks, taken, lang) + arabic_triggers(toks, taken) + ethiopic_titles(toks, taken), taken)
    chosen.sort(key=lambda s: s.i)
    type_place_lists(toks, chosen, lang)
    mentions = _to_mentions(index, text, toks, chosen, lang)
    cjk = _cjk_mentions(index, text)
    cjk += _cjk_dotted_names(index, text, cjk)
    mentions += cjk + [d for d in loose if not any(c.start < d.end and d.start < c.end for c in cjk)]
    mentions.sort(key=lambda m: m.start)
    return mentions


def _to_mentions(index: EntityIndex, text: str, toks: Sequence[Tok], spans: list[Span], lang: str) -> list[Mention]:
    # in-article propagation: name parts of confident people/organisations found here
    parts: dict[str, tuple[str, str, str]] = {}
    places = {toks[s.i].norm for s in spans if s.type == "LOC" and s.j - s.i == 1}
    for s in spans:
        if s.type in ("PER", "ORG") and s.j - s.i > 1 and s.conf >= CONF_RUN_MULTI:
            eid = (
                s.eid
                or index.resolve(text[toks[s.i].start + s.skip : toks[s.j - 1].end])
                or index.new_id(s.type, text[toks[s.i].start + s.skip : toks[s.j - 1].end])
            )
            s.eid = eid
            last = toks[s.j - 1]
            # An organisation's last word after "of" that names a place here is that place, not the
            # body: "Isbitaalka Guud ee Baydhabo" (Baidoa's hospital) does not make Baydhabo a hospital.
            of_place = s.type == "ORG" and s.j - s.i > 2 and toks[s.j - 2].norm in CONNECTORS and last.norm in places
            for t in (toks[s.i],) if of_place else (toks[s.i], last):
                if t.norm not in TITLES and len(t.norm) > 2:
                    parts.setdefault(t.norm, (eid, s.type, text[toks[s.i].start + s.skip : toks[s.j - 1].end]))
    # a city's name that is also part of a person's full name here is that person ("Hamilton")
    person_parts = {t.norm for s in spans if s.type == "PER" and s.j - s.i > 1 for t in toks[s.i : s.j]}
    # a weak guess stands where the article names it otherwise: part of a person's full
    # name, or the same word typed by some rule ("Kavanaugh said"), or mid-sentence
    named_here = person_parts | {toks[s.i].norm for s in spans if s.j - s.i == 1 and not s.weak and s.type != "DATE"}
    out = []
    for s in spans:
        start, end = toks[s.i].start + s.skip, toks[s.j - 1].end
        surface = text[start:end]
        typ, conf, eid = s.type, s.conf, s.eid
        if conf == CONF_CITY and s.j - s.i == 1 and toks[s.i].norm in person_parts:
            typ = "PER"
        if (typ == "PER" and s.j - s.i == 1 and conf <= CONF_RUN_SINGLE and eid is None and toks[s.i].norm in places
                and toks[s.i].norm not in person_parts):
            typ = "LOC"  # a guess at a word the article calls a place elsewhere: "hukumomin Gezawa", "a garin Gezawa"
        # a word an organisation's noun types ("la raffinerie Dangote") keeps its type
        by_noun = s.type == "ORG" and s.i > 0 and toks[s.i - 1].norm in ORG_NOUNS_BEFORE_NAME
        key = toks[s.i].norm
        if s.j - s.i == 1 and key not in parts and toks[s.i].script == "Cyrl":
            # a Russian surname in another case: "по словам Соколова" is the "Дмитрий Соколов" named before
            key = next((c for c in cyrillic_candidates(key) if c in parts), key)
        if eid is None and s.j - s.i == 1 and key in parts and s.type != "DATE" and not by_noun:
            eid, typ, _ = parts[key]
            conf = max(conf, CONF_PROPAGATED)
        if eid is None and s.type != "DATE":
            eid = index.resolve(surface, lang)
            if eid is not None and eid in index.entities:
                typ = index.entities[eid].type
        if eid is None and typ == "LOC":
            eid = city_id(index, surface, lang)
        if eid is None and s.weak and toks[s.i].norm not in named_here:
            continue
        if eid is None:
            eid = index.new_id(typ, surface)
        elif typ != "DATE":
            start = _without_proclitic(index, text, start, end, eid)
        ent = index.entities.get(eid)
        out.append(Mention(eid, ent.name if ent else text[start:end], typ, start, end, round(conf, 3)))
    return out


def city_id(index: EntityIndex, surface: str, lang: str = "und") -> str | None:
    """The entity of the GeoNames city a place name found here names, in any script: one id for
    Baidoa, Baydhabo and بيدوا (low-resource QA: three entities, so a search for Baidoa missed the
    Somali reports).  A city the registry knows keeps the registry's id, whatever the spelling.
    A spelling other than the city's own name becomes a learned alias, so the entity's page lists it
    and a search for the city finds it (``search.names``).  The city's own name does not: as a known
    name it would be found everywhere, and many are also surnames and clubs ("Tommy Fleetwood",
    "Real Madrid" were cut in two)."""
    city = city_entity(surface)
    if city is None:
        return None
    known = index.resolve(city.name)
    if known is not None:
        return known
    index.add_entity(city)
    if norm_name(surface) != norm_name(city.name) and index.resolve(surface) is None:
        index.add_alias(Alias(city.id, surface, norm_name(surface), lang, script_of(surface)), learned=True)
    return city.id


#: Proclitics a known name may carry in running text: Arabic and, so; in, to, like; and
#: Amharic's prefixed prepositions: of, in, from, for.
_PROCLITICS = "وفبلك" + AM_PREFIXES


def _without_proclitic(index: EntityIndex, text: str, start: int, end: int, eid: str) -> int:
    """Where the name starts once a proclitic is left out: ``وناتو`` (and NATO) → ``ناتو``, ``የሱዳን`` → ``ሱዳን``.

    A mention's surface is what entity pages list as the name's spellings, and
    "and NATO" is not one.  Up to two letters (``وب``) go, and only when the
    rest still names the same entity, so ``واشنطن`` (Washington) keeps its ``و``.
    """
    for k in (1, 2):
        if end - start - k < 2 or text[start + k - 1] not in _PROCLITICS:
            break
        if index.resolve(text[start + k : end]) == eid:
            return start + k
    return start


#: Common Chinese words that hold a known name without naming it; text has no
#: spaces, so a name is not looked for inside one.  发展中国家 is "developing
#: countries" (发展中 + 国家), not China; 欧美国家 "Western countries" (欧美 +
#: 国家), not the United States; 全国会议 "national conference" and 两国会谈
#: "bilateral talks" hold 国会 (Congress); the idiom 石破天惊 holds 石破 (Ishiba).
#: Words that name the place, like 中国人 (Chinese people), are not here.
CJK_NOT_NAMES = ("发展中国家", "欧美国家", "全国会议", "两国会谈", "石破天惊")
_CJK_NOT_NAMES_BY_FIRST: dict[str, tuple[str, ...]] = {
    c: tuple(w for w in CJK_NOT_NAMES if w[0] == c) for c in {w[0] for w in CJK_NOT_NAMES}
}


#: Characters Chinese uses to write foreign names by sound (Xinhua's transliteration tables, the common
#: ones): a name of them with a middle dot between given name and surname ("罗德里戈·巴尔迪维亚") is a
#: person's; the words around it ("候选人", candidate; "以", by) are not written with them.
_CJK_SOUND = frozenset(
    "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜多厄恩尔法凡菲费芬丰弗福富盖甘冈高戈格"
    "贡古瓜圭哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷蕾里利莉丽连林琳卢鲁路伦罗洛玛马迈麦曼"
    "梅蒙米密明摩莫姆默穆纳娜乃奈南内尼妮努诺欧帕潘佩彭皮普奇琪齐乔切钦琼丘萨塞桑瑟森沙莎尚舍申施什史舒斯松苏索塔泰坦"
    "汤唐陶特提廷通图托瓦万旺威韦维温沃乌西希锡夏肖谢辛休雅亚扬耶伊因英尤于约泽扎詹兹卓佐茨赞瑞娅娃黛雯佳桑"
)
_CJK_DOTS = "·•‧・"
_CJK_SOUND_CLASS = f"[{''.join(sorted(_CJK_SOUND))}]"
_CJK_DOTTED = re.compile(f"{_CJK_SOUND_CLASS}+(?:[{_CJK_DOTS}]{_CJK_SOUND_CLASS}+)+")
#: Words that end in a character Chinese also writes names with, seen right before a name: the
#: name starts after them ("宣布阿布·奥贝达", announced Abu Obeida).
_CJK_WORDS_BEFORE_NAMES = frozenset("宣布 公布 发布 颁布 散布 遍布 抵达 到达 转达 传达 下达 表达 会见 接见 拜会".split())
#: Shortest surname (after its dot) looked for alone in the rest of the article ("巴尔迪维亚说").
CJK_SURNAME_MIN_CHARS = 3


def _cjk_dotted_names(index: EntityIndex, text: str, known: list[Mention]) -> list[Mention]:
    """People whose foreign names Chinese writes by sound with a middle dot, and their surnames alone later."""
    out: list[Mention] = []
    taken = bytearray(len(text))  # characters already in a mention: a lookup per character, not per mention

    def take(s: int, e: int) -> None:
        taken[s:e] = b"\x01" * (e - s)

    for m in known:
        take(m.start, m.end)
    surnames: dict[str, str] = {}
    for m in _CJK_DOTTED.finditer(text):
        s, e = m.span()
        if s > 0 and text[s - 1 : s + 1] in _CJK_WORDS_BEFORE_NAMES:
            s += 1  # "宣布阿布·奥贝达": 布 ends 宣布 (announced), the name is 阿布·奥贝达 (review)
        if any(taken[s:e]) or text[s] in _CJK_DOTS or index.cjk_match(text, s) is not None:
            continue
        name = text[s:e]
        eid = index.new_id("PER", name.replace(" ", ""))
        out.append(Mention(eid, name, "PER", s, e, CONF_CJK_DOTTED))
        take(s, e)
        last = re.split(f"[{_CJK_DOTS}]", name)[-1]
        if len(last) >= CJK_SURNAME_MIN_CHARS:
            surnames.setdefault(last, eid)
    for last, eid in surnames.items():
        for m in re.finditer(re.escape(last), text):
            if not any(taken[m.start() : m.end()]):
                out.append(Mention(eid, last, "PER", m.start(), m.end(), CONF_PROPAGATED))
                take(*m.span())
    return out


def _cjk_mentions(index: EntityIndex, text: str) -> list[Mention]:
    out = []
    i = 0
    for run in CJK_RUN.finditer(text):  # skips non-CJK text at regex speed
        i = max(i, run.start())  # a match may have run past the previous run
        while i < run.end():
            word = next((w for w in _CJK_NOT_NAMES_BY_FIRST.get(text[i], ()) if text.startswith(w, i)), None)
            if word is not None:
                i += len(word)
                continue
            hit = index.cjk_match(text, i)
            if hit:
                eid, ln = hit
                ent = index.entities[eid]
                out.append(Mention(eid, ent.name, ent.type, i, i + ln, 0.9))
                i += ln
                continue
            i += 1
    return out
