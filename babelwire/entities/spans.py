"""Tokens and spans: what the entity rules read, and what each rule proposes.

A :class:`Tok` is a word with its normal form, script and position (a
sentence start, punctuation before it); a :class:`Span` is a run of tokens a
rule types as PER, ORG, LOC or DATE, with the rule's confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..article import CJK_CHARS
from .lexicon import ABBREVIATED_TITLES
from .normalise import CJK_RUN, TOKEN_RE, is_cjk, norm_token

#: Confidences of the rules (ordered by how often each was right on MasakhaNER
#: Swahili dev while tuning; the values only rank evidence, they are not calibrated).
CONF_DATE = 0.9
CONF_ORG_PATTERN = 0.8
CONF_PER_TITLE = 0.85
CONF_PER_SPEECH = 0.8
CONF_LOC_TRIGGER = 0.7
CONF_ORG_SHAPE = 0.65
CONF_RUN_MULTI = 0.65
CONF_RUN_SINGLE = 0.55
CONF_SENTENCE_START = 0.45
CONF_ARABIC_TRIGGER = 0.6
#: The name after an Amharic title (አቶ, ወ/ሮ): its second word is a guess, so never learned.
CONF_ETHIOPIC_TITLE = 0.6
CONF_PROPAGATED = 0.7
#: A Chinese name written by sound with a middle dot ("卡特琳·福尔默"): a person, below learning's 0.8.
CONF_CJK_DOTTED = 0.75
#: A capitalised run no word types, named like a city (below learning's 0.8: never learned).
CONF_CITY = 0.6

_SENT_BREAK = set('.!?:;"“”«»\n')


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    norm: str
    cap: bool
    script: str
    initial: bool
    punct: bool  # punctuation between this token and the previous one
    elided: bool = False  # an article or preposition was elided onto it: "l'Institut"


@dataclass
class Span:
    i: int  # first token
    j: int  # one past the last token
    type: str
    conf: float
    eid: str | None = None
    #: Letters of the first token before the name: an Arabic proclitic (``بجامعة`` → ``جامعة``).
    skip: int = 0
    #: One word no rule typed, with nothing but its capital letter to make it a name
    #: (``_weak_guess``): kept only as part of a name found in the same article.
    weak: bool = False


@lru_cache(maxsize=4096)
def char_script(ch: str) -> str:
    o = ord(ch)
    if 0x600 <= o < 0x700:
        return "Arab"
    if 0x400 <= o < 0x530:
        return "Cyrl"
    if 0x370 <= o < 0x400:
        return "Grek"
    if 0x1200 <= o < 0x1380:
        return "Ethi"
    if is_cjk(ch):
        return "Hani"
    return "Latn"


#: An article or preposition elided onto the next word (French l'OTAN, d'Addis-Abeba,
#: qu'Israël; Italian dell'ONU): the name starts after the apostrophe.
_ELISION = re.compile(r"^(?:[ldjnmtsc]|qu|jusqu|lorsqu|puisqu|dell|all|nell|sull|dall)['’](?=\w\w)", re.IGNORECASE)


#: A token's pieces in and out of CJK script: Chinese has no spaces, so "COP31将于11月9日在…"
#: is one word character run, and was one capitalised "name" up to the clause's end.
_CJK_OR_NOT = re.compile(f"[{CJK_CHARS}]+|[^{CJK_CHARS}]+")


def tokenize(text: str) -> list[Tok]:
    toks: list[Tok] = []
    prev_end = 0
    mixed = CJK_RUN.search(text) is not None  # most texts hold no CJK: no piece to cut
    for m in TOKEN_RE.finditer(text):
        s = m.start()
        t = m.group()
        elided = _ELISION.match(t)
        if elided:
            s, t = s + elided.end(), t[elided.end() :]
        for ps, pt in [(s + p.start(), p.group()) for p in _CJK_OR_NOT.finditer(t)] if mixed else [(s, t)]:
            gap = text[prev_end:ps]
            initial = not toks or not _SENT_BREAK.isdisjoint(gap) or toks[-1].text in ("Maoni",)
            if initial and toks and toks[-1].cap and toks[-1].norm in ABBREVIATED_TITLES and gap.strip() == ".":
                initial = False  # "Bw. Juma Ole Sankale": the title's full stop ends no sentence
            punct = gap.strip() not in ("", "-")  # "Kim Seol-hwa" may arrive as "Kim Seol - hwa"
            toks.append(
                Tok(ps, ps + len(pt), pt, norm_token(pt), pt[0].isupper(), char_script(pt[0]), initial, punct, elided is not None)
            )
            prev_end = ps + len(pt)
    return toks
